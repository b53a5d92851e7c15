"""GUI fixtures: an AppState with hand-built datasets, the main window; settings in a temp file."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.app_state import AppState
from desktop_app.main_window import MainWindow
from desktop_app.settings import AppSettings


@pytest.fixture(autouse=True)
def english_window_after_each_test():
    """The window's language (ours, metrics_core's and Qt's own texts) is English again after a test that
    switched it — the Python side alone is reset by the top-level conftest."""
    from metrics_core.i18n import current_language

    language_before = current_language()
    yield
    if current_language() != "en" or language_before != "en":
        from desktop_app.i18n import apply_language

        apply_language("en")


@pytest.fixture(scope="session", autouse=True)
def window_style(qapp):
    """The style the app runs in (``create_app``): the tests see what the owner sees."""
    from desktop_app.style import app_style

    qapp.setStyle(app_style())


@pytest.fixture
def settings(tmp_path, qapp) -> AppSettings:
    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def state(qapp):
    s = AppState()
    yield s
    s.cancel()
    s.import_runner.wait(10000)
    s.chart_runner.cancel()
    s.chart_runner.wait(10000)


@pytest.fixture
def window(qtbot, settings):
    """The main window, shown (offscreen); its jobs cancelled after the test."""
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.state.cancel()
    w.state.chart_runner.cancel()
    w.state.import_runner.wait(10000)


def wait_results(qtbot, state: AppState, action, timeout: int = 20000):
    """Run ``action`` and wait for the next ``results_changed``; return the ResultSet."""
    with qtbot.waitSignal(state.results_changed, timeout=timeout) as blocker:
        action()
    return blocker.args[0]


TICKETS_CSV = ("Ticket;Ustvarjeno;Agent;Kanal;Ocena;Skupina\n"
               "1;03.01.2024 10:15;Eva;E-pošta;5;A\n"
               "2;04.01.2024 11:00;Bo;Klepet;3;B\n"
               "3;15.02.2024 09:30;Eva;Telefon;4;A\n"
               "4;16.02.2024 14:45;Ana;Klepet;2,5;B\n")


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    """A small Slovenian helpdesk export: cp1250, semicolons, day-first dates, decimal comma."""
    path = tmp_path / "zahtevki.csv"
    path.write_bytes(TICKETS_CSV.encode("cp1250"))
    return path
