"""Progress of the running import / computation, with a Cancel button."""

from __future__ import annotations

import time
import weakref
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, QRect, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from metrics_core.i18n import _

from .elided_label import ElidedLabel


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
        self._strip: weakref.WeakMethod | None = None      # (weak: the window's method; a strong one kept the
                                                            # window alive in a cycle the collector cannot see)
        self.hide()

    def place_over(self, strip: Callable[[], QRect], *watched: QObject) -> None:
        """Laid over ``strip()`` whenever it is shown and whenever one of ``watched`` is resized, moved, shown
        or hidden. The bar's parent is its room: a child of the window's central widget in no layout and with
        none of its own, always shown, given ``strip()`` (in its parent's coordinates) and raised while the bar
        shows, no size while it is hidden. (Qt lays out the parent of a widget shown or hidden again; a parent
        without a layout lays out nothing, and the cards were laid out afresh through the central widget.)"""
        self._strip = weakref.WeakMethod(strip)     # (a bound method of the window)
        self.parentWidget().resize(0, 0)
        self.setAutoFillBackground(True)        # (the window's colour: what it lies over does not show through)
        for widget in watched:
            widget.installEventFilter(self)

    def _place(self, shown: bool = True) -> None:
        room = self.parentWidget()
        strip_of = self._strip() if self._strip is not None else None
        if strip_of is None or room is None:
            return
        if not shown:
            room.resize(0, 0)           # (an empty room over the cards' summary would take its clicks)
            return
        strip = strip_of()
        room.setGeometry(strip)
        room.raise_()
        self.setGeometry(0, 0, strip.width(), strip.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide) \
                and not self.isHidden():
            self._place()
        return super().eventFilter(watched, event)

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
