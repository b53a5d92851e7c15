"""Python's garbage collector and Qt: collection runs on the GUI thread only (desktop_app/gui_gc.py), and a
window freed by the collector no longer takes the app's QScreen with it (desktop_app/window_size.screen_of), nor
the object its tasks emit from (desktop_app/workers.py, _Relay).

The three hazards run in processes of their own (tests/gui/gc_hazards.py): before the fixes each ended in a
segfault, so in this session's process they would have ended the test run."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

from desktop_app import gui_gc
from desktop_app.workers import TaskRunner
from tests.conftest import REPO


def _run_hazard(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tests.gui.gc_hazards", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_garbage_is_collected_on_the_gui_thread_never_on_a_worker(qtbot) -> None:
    """Cycles left by a worker (and by the window) are freed on the GUI thread, by the timer's collections."""
    runner = TaskRunner("t")
    assert gui_gc.installed() and not gc.isenabled()
    freed_on: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    def work(_reporter):
        for _ in range(50_000):        # far past the collector's threshold: it would run here many times
            Cycle()
        return threading.current_thread().name

    with qtbot.waitSignal(runner.succeeded, timeout=20000) as blocker:
        runner.start(work)
    # (the GUI thread's timer may already have freed some while the worker ran: that is the point)
    assert blocker.args[0] not in freed_on, "garbage was collected on the worker thread"
    # A Cycle the worker was still building when a collection ran survives into an older generation; that one is
    # collected only once enough younger collections have run, which needs allocations. An idle test makes none
    # (a live window always does): so the GUI thread makes cyclic garbage of its own while it waits, as the window
    # would, and the timer's collections reach every generation. (Without it the test waited forever under load.)
    def all_freed() -> bool:
        for _ in range(200):
            loop: list = []
            loop.append(loop)
        return len(freed_on) == 50_000

    qtbot.waitUntil(all_freed, timeout=60000)      # collected, on the GUI thread (bound for a loaded CI: the soak runs beside)
    assert set(freed_on) == {threading.main_thread().name}


def test_the_timer_collects_the_generation_whose_threshold_passed(qtbot) -> None:
    TaskRunner("t")
    gc.collect()
    assert gui_gc.collect_due() == -1                      # nothing due right after a full collection
    made = [[i] for i in range(3 * gc.get_threshold()[0])]
    assert gc.get_count()[0] > gc.get_threshold()[0]
    assert gui_gc.collect_due() == 0
    assert gc.get_count()[0] < gc.get_threshold()[0]
    del made


def test_a_dropped_main_window_is_freed_by_the_collector_without_a_crash() -> None:
    done = _run_hazard("windows")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ok: 2 windows in cycles" in done.stdout and "0 windows left, 1 screen" in done.stdout, done.stdout


def test_qt_garbage_with_slots_survives_workers_that_allocate() -> None:
    """The soak's freeze, made likely: objects with Python slots become garbage on the GUI thread while a
    worker allocates. Collected on the worker, they crashed or froze the process within a second."""
    done = _run_hazard("connections", "4")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok:"), done.stdout


def test_windows_freed_while_their_tasks_report_do_not_crash_the_workers() -> None:
    """The segfault seen once in a whole test run, made likely: the collector on the GUI thread frees owners of
    TaskRunners while their tasks emit. With an emitter the owner freed, 6 runs of 6 crashed within a second."""
    done = _run_hazard("emitters", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok:"), done.stdout
