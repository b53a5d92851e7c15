"""Progress of the running import / computation, with a Cancel button."""

from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QObject, QRect, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from metrics_core.i18n import _

from .elided_label import ElidedLabel
from .overlay import Overlay


FILL_FROM = 0.05        # a bar filled less than this still read as an empty box (06_loading): it moves until then
SHOWN_AFTER_MS = 400    # work that ends sooner shows no bar (``follow``): a re-filter is over before it would be read


class BusyBar(QWidget):
    """Hidden when idle. In the window it is in no layout: it is laid over a strip the window names
    (:meth:`place_over`), so its coming and going moves nothing (it made the work area 28 px shorter and every
    card and chart was laid out and painted again on the GUI thread while the values were computed)."""

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
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(SHOWN_AFTER_MS)
        self._later.timeout.connect(lambda: self.set_busy(True, self._label.text(), fraction=self._fraction))
        self._hidden_at = float("-inf")         # when :meth:`follow` last hid the bar
        self._overlay: Overlay | None = None
        self.hide()

    def place_over(self, strip: Callable[[], QRect], *watched: QObject) -> None:
        """Laid over ``strip()`` (:class:`~.overlay.Overlay`) whenever it is shown and whenever one of ``watched``
        is resized, moved, shown or hidden."""
        self._overlay = Overlay(self, strip, *watched)

    def _place(self, shown: bool = True) -> None:
        if self._overlay is not None:
            self._overlay.place(shown)

    def follow(self, busy: bool, text: str = "") -> None:
        """:meth:`set_busy` for the window's work, shown only once it has lasted :data:`SHOWN_AFTER_MS`: a
        bar that comes and goes within a re-filter tells nothing, and its coming moves the layout (every card
        fits its texts again and every chart is resized and painted, on the GUI thread, while the values are
        computed). Work that follows work the bar showed a moment ago (the values after the files are read)
        shows it at once, as before; the bar is hidden at once when the work ends."""
        if not busy:
            self._later.stop()
            if not self.isHidden():
                self._hidden_at = time.monotonic()
            self.set_busy(False)
        elif not self.isHidden() or time.monotonic() - self._hidden_at < SHOWN_AFTER_MS / 1000:
            self.set_busy(True, text)
        else:
            self._label.setText(text)
            if not self._later.isActive():
                self._fraction = 0.0
                self._later.start()

    def set_busy(self, busy: bool, text: str = "", fraction: float = 0.0) -> None:
        """Shown with a moving bar until the work says how far it is, :data:`FILL_FROM` at least (an empty bar
        at 0 read as a blank text box: s10-layout v2/1280x720-sl/07_loading_dashboard)."""
        if busy:
            self._label.setText(text)
            self._fraction = 0.0
            self._bar.setRange(0, 0)            # indeterminate: Fusion draws a moving fill, light or dark
            if fraction:
                self.set_progress(fraction, "")
        self._place(busy)
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
