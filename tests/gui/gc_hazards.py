"""Two ways Python's garbage collector took the window down, each run in a process of its own (a crash
must not take the test session with it) by ``tests/gui/test_gc_thread.py``:

    python -m tests.gui.gc_hazards windows      two main windows dropped, then collected
    python -m tests.gui.gc_hazards connections  Qt objects with Python slots become garbage on the GUI
                                                thread while a worker of a TaskRunner allocates
    python -m tests.gui.gc_hazards emitters S   for S seconds: owners of TaskRunners (as windows are) freed by
                                                the collector on the GUI thread while their tasks report

Exit 0 and ``ok …`` on stdout when nothing happened. Before the fixes the first ended in a segfault:
``QWidget.screen()`` (desktop_app/window_size.py) had made the app's QScreen a Python child of each
window, and freeing a window deleted the screen (the next widget, or a menu torn down with the window,
crashed in ``QScreen::virtualSiblings``). The second ended in a segfault or a deadlock within a second:
the collector ran on the worker and destroyed the objects there. The third ended in a segfault in the
worker's emit within a second (6 runs of 6): each runner's signals object was a child of the
runner, so freeing the owner deleted it while a worker was inside its emit (desktop_app/workers.py, _Relay).
"""

from __future__ import annotations

import faulthandler
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

WALL_LIMIT_S = 60           # a deadlock ends the process here, with every thread's stack on stderr


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    os.environ.setdefault("KPIDESK_STATE_DIR", tempfile.mkdtemp(prefix="kpidesk-gc-state-"))
    from desktop_app.__main__ import create_app

    return create_app()


def dropped_windows() -> str:
    """As ``test_compare_choice`` left them: two windows nobody holds, only cycles between their parts."""
    app = _app()
    from PySide6.QtGui import QGuiApplication

    from desktop_app.main_window import MainWindow
    from desktop_app.settings import AppSettings

    settings = Path(tempfile.mkdtemp()) / "settings.ini"

    def open_two() -> None:
        first = MainWindow(AppSettings(settings))
        first.state.set_comparison("last_year")
        MainWindow(AppSettings(settings))

    open_two()
    windows = sum(type(o).__name__ == "MainWindow" for o in gc.get_objects())
    freed = gc.collect()                        # the whole trees are freed here, in the collector's order
    app.processEvents()
    left = sum(type(o).__name__ == "MainWindow" for o in gc.get_objects())
    after = MainWindow(AppSettings(settings))   # the app goes on: a new window on the same screen
    after.show()
    app.processEvents()
    screens = len(QGuiApplication.screens())
    return f"ok: {windows} windows in cycles, {freed} objects collected, {left} windows left, {screens} screen"


def connections_while_workers_allocate(seconds: float) -> str:
    app = _app()
    from PySide6.QtCore import QObject, Signal

    from desktop_app.workers import TaskRunner

    class Sender(QObject):
        said = Signal(int)

    class Listener(QObject):
        def __init__(self, sender: Sender) -> None:
            super().__init__()                  # no parent: Python owns it, and frees it with the cycle
            self.me = self                      # a cycle: only the collector frees it
            sender.said.connect(self.hear)
            sender.said.connect(lambda _n: None)

        def hear(self, _n: int) -> None:
            pass

    def allocate(_reporter) -> int:
        made = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            made += len([[i] for i in range(2000)])     # far past the collector's thresholds, many times
        return made

    sender = Sender()
    runner = TaskRunner("allocate")
    done: list[object] = []
    runner.succeeded.connect(done.append)
    runner.failed.connect(done.append)
    runner.start(allocate)
    rounds = 0
    while not done:
        for _ in range(50):
            Listener(sender)
        sender.said.emit(rounds)
        app.processEvents()                     # the GUI thread's own collector runs here
        rounds += 1
    if not isinstance(done[0], int):
        raise RuntimeError(f"the worker failed: {done[0]!r}")
    return f"ok: {rounds} rounds, {done[0]} lists made on the worker"


def owners_dropped_while_tasks_emit(seconds: float) -> str:
    """A window closed while its TaskRunners' tasks still report: the window, and the runners it parents, are
    freed by the collector on the GUI thread while the workers emit. PySide emits with the GIL released
    (``QMetaObject::metacall`` inside ``Py_BEGIN_ALLOW_THREADS``), so the GUI thread can take the GIL, collect,
    and delete the object a worker is emitting from."""
    app = _app()
    from PySide6.QtCore import QObject, QThreadPool

    from desktop_app.workers import TaskRunner

    pool = QThreadPool()
    pool.setMaxThreadCount(4)

    class Owner(QObject):
        def __init__(self) -> None:
            super().__init__()                  # no parent: Python owns it, and frees it with the cycle
            self.me = self                      # a cycle, as a window has: only the collector frees it
            self.runner = TaskRunner("emit", self, pool)

    def emit_until_cancelled(reporter) -> int:
        for sent in range(200_000):
            reporter.publish(sent)              # one signal a call, not rate-limited as progress is
            reporter.check()                    # OperationCancelled once the owner is freed
        return sent

    rounds = dropped = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        owners = [Owner() for _ in range(4)]
        for owner in owners:
            owner.runner.start(emit_until_cancelled)
        if rounds % 2:
            owners[0].runner.start(emit_until_cancelled)    # superseded: the first task is cancelled, runs on
        time.sleep(0.0005 * (rounds % 4))       # the workers are emitting now, each at some point of its emit
        dropped += len(owners)
        del owners, owner
        gc.collect(0)                           # as gui_gc.collect_due does, on the GUI thread
        app.processEvents()
        rounds += 1
    if not pool.waitForDone(20_000):
        raise RuntimeError("the workers did not stop after their owners were freed")
    return f"ok: {rounds} rounds, {dropped} owners freed while their tasks emitted"


def main(argv: list[str]) -> int:
    faulthandler.enable()
    faulthandler.dump_traceback_later(WALL_LIMIT_S, exit=True)
    what = argv[0] if argv else "windows"
    if what == "windows":
        print(dropped_windows(), flush=True)
    elif what == "connections":
        print(connections_while_workers_allocate(float(argv[1]) if len(argv) > 1 else 5.0), flush=True)
    elif what == "emitters":
        print(owners_dropped_while_tasks_emit(float(argv[1]) if len(argv) > 1 else 5.0), flush=True)
    else:
        print(f"unknown hazard {what!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
