"""Python's garbage collector never runs on a worker thread.

The cyclic collector runs in whichever thread happens to allocate when a threshold is passed. When
it frees, on a worker thread, a Qt object's wrapper or a Python slot connected to a signal, PySide
disconnects it there: the worker takes Qt's connection lock and then waits for the GIL, while the
GUI thread, holding the GIL, waits for that lock to connect a signal. Both wait for ever, and with
them every Python thread of the window — the watchdog of a file reader too (a 600 s soak froze so,
with a reader child asleep beside it).

So automatic collection is off while any task of a :class:`desktop_app.workers.TaskRunner` runs:
:func:`task_starting` (on the GUI thread, before the task is handed to the pool) switches it off,
:func:`task_ended` (on the worker, as its last step) only counts, and a timer on the GUI thread
switches it on again once no task runs. Collection then happens where it always did, on the GUI
thread, at the allocations that pass the thresholds.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 200
_lock = threading.Lock()
_state: dict[str, Any] = {"timer": None, "running": 0}


def task_starting() -> None:
    """A task is about to run on a worker thread (call on the GUI thread)."""
    with _lock:
        _state["running"] += 1
        gc.disable()
    _ensure_timer()


def task_ended() -> None:
    """A task's last step on its worker thread: automatic collection stays off until the GUI thread's timer."""
    with _lock:
        _state["running"] = max(0, _state["running"] - 1)


def enable_when_idle() -> bool:
    """On the GUI thread: automatic collection on again when no task runs; returns whether it is on."""
    with _lock:
        if _state["running"] == 0 and not gc.isenabled():
            gc.enable()
        return gc.isenabled()


def _ensure_timer() -> None:
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return
    timer = _state["timer"]
    if timer is not None and shiboken6.isValid(timer):
        return
    timer = QTimer(app)
    timer.setObjectName("kpidesk-gc-guard")
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(enable_when_idle)
    timer.start()
    _state["timer"] = timer
