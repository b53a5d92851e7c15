"""More flows: big-file loading in a child process, re-mapping, drag and drop, cancel, unexpected errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop_app import error_handling, process_loader
from desktop_app.jobs import LoadRequest, load_files_job
from desktop_app.panels.busy_bar import BusyBar
from desktop_app.panels.start_page import StartPage
from metrics_core.errors import OperationCancelled
from metrics_core.loading import load_dataset
from metrics_core.mapping.model import Mapping
from metrics_core.progress import Reporter

from .conftest import wait_results

def test_child_process_gives_the_same_dataset(csv_file: Path) -> None:
    seen = []
    outcome = load_files_job([LoadRequest(csv_file, name="z")])(Reporter(lambda f, t: seen.append(f)))
    direct = load_dataset(csv_file, name="z")
    ds = outcome.datasets[0]
    pd.testing.assert_frame_equal(ds.frame, direct.frame)
    assert ds.mapping.to_dict() == direct.mapping.to_dict()
    assert outcome.filter_values["z"]["agent"] == ["Ana", "Bo", "Eva"]
    assert outcome.date_ranges["z"] == (pd.Timestamp("2024-01-03 10:15"), pd.Timestamp("2024-02-16 14:45"))
    assert seen and seen[-1] == 1.0


def test_child_process_errors_are_typed_and_cancel_stops_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    outcome = load_files_job([LoadRequest(bad, name="bad")])(Reporter())
    assert outcome.datasets == [] and outcome.errors and str(outcome.errors[0]).count("bad.csv") == 1
    good = tmp_path / "good.csv"
    good.write_text("a,b\n1,2\n")
    with pytest.raises(OperationCancelled):
        process_loader.load_in_process(LoadRequest(good, name="g"), Reporter(cancelled=lambda: True))


def test_remap_replaces_the_dataset(qtbot, state, csv_file: Path) -> None:
    wait_results(qtbot, state, lambda: state.load_files([csv_file]))
    ds = state.dataset("zahtevki")
    assert ds.frame["agent"].tolist() == ["Eva", "Bo", "Eva", "Ana"]
    mapping = Mapping.from_dict(ds.mapping.to_dict())
    mapping.set_user("agent", None)
    mapping.set_user("queue", "Skupina")
    with qtbot.waitSignal(state.dataset_replaced, timeout=15000):
        state.remap_dataset("zahtevki", mapping)
    ds = state.dataset("zahtevki")
    assert "agent" not in ds.frame.columns
    assert ds.frame["queue"].tolist() == ["A", "B", "A", "B"]
    assert state.dataset_names() == ["zahtevki"]
    assert state.requests["zahtevki"].mapping.fields["queue"].source == "user"


def test_drop_files_on_the_start_page(qtbot, settings, csv_file: Path, tmp_path: Path) -> None:
    page = StartPage(settings)
    qtbot.addWidget(page)
    other = tmp_path / "notes.docx"
    other.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(csv_file)), QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(page.files_chosen) as blocker:
        page.dropEvent(event)
    assert blocker.args == [[str(csv_file)]]
    settings.add_recent_file(csv_file)
    page.refresh()
    item = page.recent_files_list.item(0)
    assert item.text() == "zahtevki.csv"
    with qtbot.waitSignal(page.files_chosen) as blocker:
        page.recent_files_list.itemActivated.emit(item)
    assert blocker.args == [[str(csv_file)]]


def test_busy_bar_follows_the_state_and_cancels(qtbot, state) -> None:
    bar = BusyBar()
    qtbot.addWidget(bar)
    state.busy_changed.connect(bar.set_busy)
    state.progress_changed.connect(bar.set_progress)
    bar.cancel_requested.connect(state.cancel)
    import time

    def slow(reporter: Reporter) -> None:
        while True:
            reporter.step(0.25, "Reading")
            time.sleep(0.01)

    state.import_runner.start(slow, "Importing big.csv")
    assert bar.isVisibleTo(bar.parentWidget() or bar) or not bar.isHidden()
    qtbot.waitUntil(lambda: bar.progress() == 0.25, timeout=5000)
    with qtbot.waitSignal(state.busy_changed, timeout=5000) as blocker:
        bar._cancel.click()
    assert blocker.args == [False, ""]
    assert bar.isHidden()


def test_unexpected_error_is_logged_and_the_app_keeps_running(qtbot, state, tmp_path: Path) -> None:
    log_path = error_handling.install(tmp_path / "logs" / "kpidesk.log")
    try:
        def broken(_reporter: Reporter) -> None:
            raise ZeroDivisionError("boom")

        with qtbot.waitSignal(state.compute_runner.failed, timeout=5000):
            state.compute_runner.start(broken)
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = log_path.read_text(encoding="utf-8")
        assert "ZeroDivisionError: boom" in text and "Traceback" in text
        with qtbot.waitSignal(state.compute_runner.succeeded, timeout=5000):
            state.compute_runner.start(lambda r: "still working")
    finally:
        import sys

        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", "") == str(log_path):
                root.removeHandler(handler)
                handler.close()
        sys.excepthook = sys.__excepthook__
