"""TaskRunner: results by queued signal, progress, cancel, a new request cancels the old."""

from __future__ import annotations

import threading
import time

import pytest

from desktop_app.workers import TaskRunner
from metrics_core.errors import FileReadError, OperationCancelled


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


_EXIT_SCRIPT = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from desktop_app.__main__ import create_app, leave
from desktop_app.workers import TaskRunner
app = create_app()
runner = TaskRunner("busy")
def busy(reporter):
    end = time.monotonic() + 120
    while time.monotonic() < end:       # a long call that never looks at its reporter
        sum(range(10000))
runner.start(busy)
QTimer.singleShot(200, app.quit)
sys.exit(leave(app.exec()))
"""


@pytest.mark.slow
def test_leaving_the_app_does_not_wait_for_a_worker_that_ignores_cancel(tmp_path) -> None:
    """The app closes while a task runs that never checks its reporter: the process must end within
    the exit bound (3 s), not when the task ends (120 s; before the fix Qt waited for the thread).
    Takes about 5 s (a child interpreter with Qt, plus the 3 s bound), the only way to see an exit hang."""
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _EXIT_SCRIPT], cwd=repo, capture_output=True, text=True,
                          timeout=90, env={**__import__("os").environ, "PYTHONPATH": str(repo)})
    assert time.monotonic() - start < 60, "the process waited for the worker"
    assert done.returncode == 0, done.stderr
    assert "abandoned" in done.stderr


def test_stop_all_cancels_every_runner_and_waits_for_quick_work(qtbot) -> None:
    from desktop_app.workers import stop_all

    runner = TaskRunner("t")
    seen = []

    def polite(reporter):
        while True:
            try:
                reporter.check()
            except OperationCancelled:
                seen.append("cancelled")
                raise
            time.sleep(0.01)

    runner.start(polite)
    assert stop_all(5000)
    assert seen == ["cancelled"] and not runner.is_busy()


def test_parts_a_task_publishes_reach_on_part_while_it_is_current(qtbot) -> None:
    """What a task publishes before it ends comes back on the GUI thread, before its result; a superseded
    task's parts are dropped."""
    runner = TaskRunner("t")
    gate = threading.Event()
    seen = []

    def old(reporter):
        gate.wait(5)
        reporter.publish("old part")        # published after a newer task was started: dropped
        return "old"

    def new(reporter):
        reporter.publish("first cards")
        reporter.publish("more cards")
        return "all cards"

    runner.start(old, on_done=seen.append, on_part=lambda p: seen.append(("part", p)))
    with qtbot.waitSignal(runner.succeeded, timeout=5000):
        runner.start(new, on_done=seen.append, on_part=lambda p: seen.append(("part", p)))
        gate.set()
    qtbot.wait(50)
    assert seen == [("part", "first cards"), ("part", "more cards"), "all cards"]
    runner.wait(5000)


def test_a_task_its_runner_let_go_of_frees_its_function_on_the_gui_thread(qtbot) -> None:
    """A task cancelled (or superseded) while it runs is no longer held by its runner: what its function alone
    held (a window's parts, in the app) is still freed on the GUI thread, not on the worker when the task ends."""
    runner = TaskRunner("t")
    gate = threading.Event()
    freed_on: list[str] = []

    class Held:
        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def make_work():
        held = Held()

        def work(_reporter):
            gate.wait(5)
            return held is not None

        return work

    runner.start(make_work())
    runner.cancel()                 # the runner lets go of the task, which still runs
    gate.set()
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.main_thread().name]


def test_the_task_of_a_freed_runner_is_told_to_stop_even_if_it_reports_nothing(qtbot) -> None:
    """A window closed and freed while its task runs: the task's reporter says it is cancelled at once, not at its
    next report (the work of a closed window is wasted, and leaving the app would wait for it)."""
    from PySide6.QtCore import QObject

    owner = QObject()
    runner = TaskRunner("t", owner)
    started = threading.Event()
    seen: dict[str, object] = {}

    def work(reporter):
        started.set()
        begun = time.monotonic()
        try:
            while time.monotonic() < begun + 10:
                reporter.check()    # no progress, no parts: nothing emitted
                time.sleep(0.005)
        finally:
            seen["waited_s"] = time.monotonic() - begun

    pool = runner._pool
    runner.start(work)
    assert started.wait(5)
    del owner, runner               # the window and its runner freed while the task runs
    assert pool.waitForDone(15000)
    assert seen["waited_s"] < 5, seen
