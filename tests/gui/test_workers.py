"""TaskRunner: results by queued signal, progress, cancel, a new request cancels the old."""

from __future__ import annotations

import threading
import time

import pytest

from desktop_app.workers import TaskRunner
from metrics_core.errors import FileReadError


def test_result_comes_back_on_gui_thread(qtbot) -> None:
    runner = TaskRunner("t")
    seen = {}

    def work(reporter):
        reporter.step(0.5, "half")
        seen["worker_thread"] = threading.get_ident()
        return 42

    progress = []
    runner.progressed.connect(lambda f, t: progress.append((f, t)))
    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        runner.start(work, "working")
    assert blocker.args == [42]
    assert seen["worker_thread"] != threading.get_ident()
    assert progress and progress[0] == (0.5, "half")
    assert not runner.is_busy()


def test_typed_error_reaches_failed(qtbot) -> None:
    runner = TaskRunner("t")

    def work(_reporter):
        raise FileReadError("row 3, column 'Created': 'n/a' is not a date")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(work)
    assert isinstance(blocker.args[0], FileReadError)


def test_new_request_cancels_the_running_one(qtbot) -> None:
    runner = TaskRunner("t")
    observed_cancel = threading.Event()

    def slow(reporter):
        for _ in range(500):
            time.sleep(0.005)
            if reporter._cancelled():  # the probe the core polls
                observed_cancel.set()
                reporter.check()
        return "slow"

    results = []
    runner.succeeded.connect(results.append)
    runner.start(slow)
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.start(lambda r: "fast")
    runner.wait(5000)
    qtbot.wait(50)
    assert results == ["fast"]
    assert observed_cancel.is_set()


def test_cancel_button_stops_work(qtbot) -> None:
    runner = TaskRunner("t")

    def slow(reporter):
        while True:
            time.sleep(0.005)
            reporter.step(0.1, "looping")

    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.start(slow)
        qtbot.wait(30)
        runner.cancel()
    assert runner.wait(5000)
    assert not runner.is_busy()


@pytest.mark.parametrize("value", [None, [1, 2]])
def test_any_value_round_trips(qtbot, value) -> None:
    runner = TaskRunner("t")
    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        runner.start(lambda r: value)
    assert blocker.args == [value]


def test_a_failure_nobody_listens_for_reaches_the_one_handler(qtbot, monkeypatch) -> None:
    """A background sort or search has no error callback: its failure must not vanish into a debug log."""
    from desktop_app import error_handling

    reported = []
    monkeypatch.setattr(error_handling, "report_unexpected", lambda t, e, tb: reported.append(e))
    runner = TaskRunner("sort")

    def work(_reporter):
        raise ValueError("cannot compare 'a' with 3")

    runner.start(work)
    qtbot.waitUntil(lambda: bool(reported), timeout=5000)
    assert isinstance(reported[0], ValueError) and not runner.is_busy()


def test_a_failure_with_a_listener_is_left_to_it(qtbot, monkeypatch) -> None:
    from desktop_app import error_handling

    reported = []
    monkeypatch.setattr(error_handling, "report_unexpected", lambda t, e, tb: reported.append(e))
    runner = TaskRunner("import")
    heard = []
    runner.failed.connect(heard.append)
    runner.start(lambda _r: 1 / 0)
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert reported == []
