"""Progress of the running import / computation, with a Cancel button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from metrics_core.i18n import _

from .elided_label import ElidedLabel


class BusyBar(QWidget):
    """Hidden when idle."""

    cancel_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self._label = ElidedLabel()         # a long file name must not widen the window
        self._bar = QProgressBar()
        self._bar.setRange(0, 1000)
        self._bar.setTextVisible(False)
        self._bar.setMaximumWidth(260)
        self._cancel = QPushButton(_("Cancel"))
        self._cancel.clicked.connect(self.cancel_requested)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._bar)
        layout.addWidget(self._cancel)
        self.hide()

    def set_busy(self, busy: bool, text: str = "") -> None:
        if busy:
            self._label.setText(text)
            self._bar.setValue(0)
        self.setVisible(busy)

    def set_progress(self, fraction: float, text: str) -> None:
        self._bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if text:
            self._label.setText(text)

    def progress(self) -> float:
        return self._bar.value() / 1000
