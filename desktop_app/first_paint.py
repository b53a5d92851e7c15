"""A probe for the start-up benchmark: report when the main window first paints.

With ``KPIDESK_FIRST_PAINT_PROBE=1`` in the environment the app prints
``first-paint <seconds>`` (wall time since ``KPIDESK_LAUNCH_T0``, the launcher's
``time.time()``) on the first paint of its main window and quits.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaintProbe(QObject):
    """Event filter that notes the first paint event of a window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            t0 = float(os.environ.get("KPIDESK_LAUNCH_T0", "0") or 0)
            elapsed = time.time() - t0 if t0 else float("nan")
            sys.stdout.write(f"first-paint {elapsed:.3f}\n")
            sys.stdout.flush()
            QTimer.singleShot(0, QApplication.quit)
        return False


def install_if_requested(window: QWidget) -> None:
    """Install the probe on ``window`` when the benchmark asked for it."""
    if os.environ.get("KPIDESK_FIRST_PAINT_PROBE") == "1":
        FirstPaintProbe(window)
