"""GUI fixtures: an AppState with hand-built datasets; settings in a temp file."""

from __future__ import annotations

import pytest

from desktop_app.app_state import AppState
from desktop_app.settings import AppSettings


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


def wait_results(qtbot, state: AppState, action, timeout: int = 20000):
    """Run ``action`` and wait for the next ``results_changed``; return the ResultSet."""
    with qtbot.waitSignal(state.results_changed, timeout=timeout) as blocker:
        action()
    return blocker.args[0]
