"""Python's cyclic garbage collector runs on the GUI thread, never on a worker.

Left automatic, the collector runs in whichever thread allocates when a threshold is passed — most
often a worker (reading, computing, charting allocate the most). Garbage made by the window (a closed
dialog, a chart that was replaced) holds Qt objects and Python slots; freed on a worker, their C++
destructors run there with the GIL released, take Qt's connection locks and wait for the GIL again,
while the GUI thread, holding the GIL, waits for those locks: every thread stops (a 600 s soak froze
so), or Qt crashes (``tests/gui/test_gc_thread.py`` shows both within a second).

So :func:`install` switches automatic collection off and a timer on the GUI thread collects instead,
generation by generation as the interpreter would: the youngest when ``gc.get_count()`` passes its
threshold, an older one when enough younger collections have run. Worker threads only allocate;
whatever they leave in cycles is collected on the GUI thread at the next tick.
"""

from __future__ import annotations

import gc
import threading

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 100
TIMER_NAME = "kpidesk-gc-on-gui-thread"
_state: dict[str, QTimer | None] = {"timer": None}


def install() -> None:
    """On the GUI thread, once a QApplication exists: automatic collection off, the timer on (idempotent)."""
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return
    timer = _state["timer"]
    if timer is not None and shiboken6.isValid(timer):
        return
    gc.disable()
    timer = QTimer(app)
    timer.setObjectName(TIMER_NAME)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(collect_due)
    timer.start()
    _state["timer"] = timer


def installed() -> bool:
    timer = _state["timer"]
    return timer is not None and shiboken6.isValid(timer) and timer.isActive()


def collect_due() -> int:
    """Collect the oldest generation whose count passed its threshold; returns that generation or -1."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return -1
