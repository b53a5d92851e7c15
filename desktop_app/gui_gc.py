"""Python's garbage collector runs on the GUI thread only.

The cyclic collector runs in whichever thread happens to allocate when a threshold is passed. When
it frees, on a worker thread, a Qt object's wrapper or a Python slot connected to a signal, PySide
disconnects it there: the worker takes Qt's connection lock and then waits for the GIL, while the
GUI thread, holding the GIL, waits for that lock to connect a signal. Both wait for ever, and with
them every Python thread of the window — the watchdog of a file reader too (a 600 s soak froze so,
with a reader child asleep beside it).

So once work runs on other threads (:class:`desktop_app.workers.TaskRunner` calls
:func:`collect_on_gui_thread`), automatic collection is switched off and a timer on the GUI
thread collects instead, each generation when Python's own thresholds say it is due.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 250
_state: dict[str, Any] = {"timer": None}


def collect_on_gui_thread() -> None:
    """Switch automatic collection off and collect from a GUI-thread timer (once per application)."""
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return
    if _state["timer"] is not None and shiboken6.isValid(_state["timer"]):
        return
    thresholds = gc.get_threshold()
    timer = QTimer(app)
    timer.setObjectName("kpidesk-gui-gc")
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(lambda: collect_due(thresholds))
    gc.disable()
    timer.start()
    _state["timer"] = timer


def collect_due(thresholds: tuple[int, ...]) -> int:
    """Collect the oldest generation whose count is past its threshold, as automatic collection would."""
    counts = gc.get_count()
    if counts[0] <= thresholds[0]:
        return 0
    generation = 0
    while generation < 2 and counts[generation + 1] > thresholds[generation + 1]:
        generation += 1
    return gc.collect(generation)
