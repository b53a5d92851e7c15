"""Progress of the running import / computation, with a Cancel button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from metrics_core.i18n import _

from .elided_label import ElidedLabel


FILL_FROM = 0.05        # a bar filled less than this still read as an empty box (06_loading): it moves until then


class BusyBar(QWidget):
    """Hidden when idle."""

    cancel_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self._label = ElidedLabel()         # a long file name must not widen the window
        self._bar = QProgressBar()
        self._bar.setTextVisible(False)
        self._fraction = 0.0
        self._bar.setMaximumWidth(260)
        self._cancel = QPushButton(_("Cancel"))
        self._cancel.clicked.connect(self.cancel_requested)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._bar)
        layout.addWidget(self._cancel)
        self.hide()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Shown with a moving bar until the work says how far it is, :data:`FILL_FROM` at least (an empty bar
        at 0 read as a blank text box: s10-layout v2/1280x720-sl/07_loading_dashboard)."""
        if busy:
            self._label.setText(text)
            self._fraction = 0.0
            self._bar.setRange(0, 0)            # indeterminate: Fusion draws a moving fill, light or dark
        self.setVisible(busy)

    def set_progress(self, fraction: float, text: str) -> None:
        self._fraction = max(0.0, min(1.0, fraction))
        if self._fraction >= FILL_FROM:
            self._bar.setRange(0, 1000)
            self._bar.setValue(int(self._fraction * 1000))
        if text:
            self._label.setText(text)

    def progress(self) -> float:
        return self._fraction
