"""Nothing made is lost: the open project is autosaved (atomically, into KPI Desk's state folder)
and offered back after the app was killed; a clean close leaves nothing to offer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.autosave import Autosaver, autosave_dir, offer_restore, orphaned_autosaves
from desktop_app.main_window import MainWindow
from desktop_app.settings import AppSettings
from metrics_core.mapping.model import Mapping

from .conftest import wait_results


@pytest.fixture
def own_state_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("KPIDESK_STATE_DIR", str(folder))
    return folder


def test_changes_are_autosaved_atomically_and_a_clean_close_removes_them(qtbot, own_state_dir, settings, csv_file):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.autosaver._debounce.setInterval(50)
    wait_results(qtbot, window.state, lambda: window.open_files([str(csv_file)]))
    window.apply_settings(window.state.params, {"csat": 88.0})
    qtbot.waitUntil(lambda: window.autosaver.path.is_file()
                    and json.loads(window.autosaver.path.read_text(encoding="utf-8"))["targets"] == {"csat": 88.0},
                    timeout=10000)
    doc = json.loads(window.autosaver.path.read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in doc["files"]] == ["zahtevki.csv"]
    assert not [p for p in autosave_dir().iterdir() if p.name.startswith(".")]     # written atomically
    assert orphaned_autosaves() == []                                             # this session is alive
    window.close()
    assert not window.autosaver.path.exists() and orphaned_autosaves() == []


DRIVER = """
    import os, sys, time
    from desktop_app.__main__ import create_app
    app = create_app()
    from PySide6.QtWidgets import QApplication
    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings
    from metrics_core.mapping.model import Mapping

    def wait(condition):
        end = time.monotonic() + 120
        while not condition():
            assert time.monotonic() < end, "timed out"
            QApplication.processEvents()
            time.sleep(0.01)

    window = MainWindow(AppSettings(sys.argv[2]))
    window.show()
    window.open_files([sys.argv[1]])
    wait(lambda: window.state.dataset("zahtevki") is not None)
    mapping = Mapping.from_dict(window.state.dataset("zahtevki").mapping.to_dict())
    mapping.set_user("queue", "Skupina")
    window.state.remap_dataset("zahtevki", mapping)
    wait(lambda: "queue" in window.state.dataset("zahtevki").frame.columns)
    from metrics_core.report_view.choices import ReportChoices
    window.save_project_to(sys.argv[3])                      # the project has a file; what follows is not in it
    window._on_report_choices_saved(ReportChoices(title="Monthly review", kpis=["csat", "first_response_time"]))
    window.apply_settings(window.state.params, {"csat": 91.5})
    def saved():
        path = window.autosaver.path
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        return '"queue"' in text and "91.5" in text and "Monthly review" in text
    wait(saved)
    print("SAVED", flush=True)
    while True:
        QApplication.processEvents()
        time.sleep(0.05)
"""


def test_a_killed_app_s_project_comes_back_at_the_next_start(qtbot, own_state_dir, tmp_path, csv_file):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KPIDESK_STATE_DIR=str(own_state_dir))
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(DRIVER), str(csv_file),
                             str(tmp_path / "first.ini"), str(tmp_path / "shop.kpidesk")], stdout=subprocess.PIPE,
                            text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "SAVED"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    assert len(orphaned_autosaves()) == 1
    window = MainWindow(AppSettings(tmp_path / "second.ini"))        # the next start
    qtbot.addWidget(window)
    asked = []
    restored = offer_restore(window, ask=lambda text, parent: asked.append(text) or True)
    assert restored and "did not close properly" in asked[0] and "1 file" in asked[0]
    qtbot.waitUntil(lambda: window.state.dataset("zahtevki") is not None, timeout=30000)
    ds = window.state.dataset("zahtevki")
    assert window.state.targets == {"csat": 91.5}
    assert ds.mapping.fields["queue"].source == "user" and ds.frame["queue"].tolist() == ["A", "B", "A", "B"]
    # the report the owner chose comes back, and so does the project's file (Save writes to it, not 'Save as')
    assert window.state.report_choices.title == "Monthly review"
    assert window.state.report_choices.kpis == ["csat", "first_response_time"]
    assert window.state.project_path == tmp_path / "shop.kpidesk"
    assert window.windowTitle().startswith("shop")
    saved = json.loads((tmp_path / "shop.kpidesk").read_text(encoding="utf-8"))
    assert saved["targets"] != {"csat": 91.5}                        # the target came from the autosave
    assert orphaned_autosaves() == []                                # offered once
    window.close()


def test_report_choices_made_without_a_project_file_are_autosaved(qtbot, own_state_dir, settings, csv_file):
    from metrics_core.report_view.choices import ReportChoices

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.autosaver._debounce.setInterval(50)
    wait_results(qtbot, window.state, lambda: window.open_files([str(csv_file)]))
    saver = window.autosaver
    qtbot.waitUntil(lambda: saver.path.is_file() and not saver._dirty and not window.state.is_busy()
                    and not window.state.chart_runner.is_busy(), timeout=10000)
    qtbot.wait(300)
    assert not saver._dirty and not saver._debounce.isActive()        # nothing else is about to be saved
    window._on_report_choices_saved(ReportChoices(title="Q4 for the board", period="last_month", kpis=["csat"],
                                                  appendix=True))

    def report() -> dict:
        return json.loads(window.autosaver.path.read_text(encoding="utf-8"))["report"]
    qtbot.waitUntil(lambda: report()["title"] == "Q4 for the board", timeout=10000)
    assert (report()["period"], report()["kpis"], report()["appendix"]) == ("last_month", ["csat"], True)
    assert "autosave_of" not in json.loads(window.autosaver.path.read_text(encoding="utf-8"))   # no project file yet
    window.close()


def test_an_autosave_of_a_saved_project_names_its_file(qtbot, own_state_dir, settings, csv_file, tmp_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.autosaver._debounce.setInterval(50)
    wait_results(qtbot, window.state, lambda: window.open_files([str(csv_file)]))
    project = window.save_project_to(tmp_path / "shop.kpidesk")

    def doc() -> dict:
        path = window.autosaver.path
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    qtbot.waitUntil(lambda: doc().get("autosave_of") == str(project), timeout=10000)
    assert "autosave_of" not in json.loads(project.read_text(encoding="utf-8"))    # the project file itself: as before
    window.close()


def test_the_question_is_a_dialog_with_restore_and_discard(qtbot, own_state_dir, tmp_path, settings):
    folder = autosave_dir()
    folder.mkdir(parents=True)
    (folder / "123-abc.kpidesk").write_text(json.dumps({"kpidesk_project": 1, "files": [], "targets": {"csat": 70}}),
                                            encoding="utf-8")
    window = MainWindow(settings)
    qtbot.addWidget(window)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        assert [b.text() for b in box.buttons()] == ["Restore", "Discard"]
        next(b for b in box.buttons() if b.text() == "Discard").click()

    QTimer.singleShot(50, answer)
    assert offer_restore(window) is False
    assert window.state.targets != {"csat": 70} and orphaned_autosaves() == []


def test_nothing_to_keep_writes_nothing(qtbot, own_state_dir, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    saver: Autosaver = window.autosaver
    saver._dirty = True
    assert saver.save_now() is None and not saver.path.exists()
    assert Mapping                                                    # (imported for the driver's use)
