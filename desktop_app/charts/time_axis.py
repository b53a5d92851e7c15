"""Dates for pyqtgraph: always float epoch seconds (never datetime64 — it segfaults)."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter

from .value_axis import keep_caption_inside


def to_epoch_seconds(values: Iterable[Any]) -> np.ndarray:
    """Timestamps (any pandas unit, naive) -> float seconds since 1970-01-01.

    pandas 3 stores ``datetime64[us]``: ``asi8 / 1e9`` would be 1000x off, so
    the index is converted with ``.as_unit("s")`` first (PITFALLS.md).
    """
    index = pd.DatetimeIndex(pd.to_datetime(list(values)))
    if index.tz is not None:
        index = index.tz_localize(None)
    if len(index) == 0:
        return np.zeros(0, dtype=float)
    seconds = index.as_unit("s").asi8.astype(float)
    seconds[index.isna()] = np.nan
    return seconds


# How many periods one label may stand for, by period kind: a month axis labels every month, every
# second, third, sixth month or every year — never an arbitrary 5.
LABEL_STEPS = {"day": (1, 2, 7, 14, 28, 91, 182, 364), "week": (1, 2, 4, 13, 26, 52), "month": (1, 2, 3, 6, 12, 24),
               "quarter": (1, 2, 4, 8), "year": (1, 2, 5, 10), None: (1, 2, 3, 4, 5, 10, 20, 50, 100)}
LABEL_GAP = 10           # pixels between two labels


def localised_strftime(when: Any, fmt: str) -> str:
    """``when.strftime(fmt)`` with month and weekday names in the window's language (CLDR, via babel),
    not the C library's English ones: ``%b %Y`` -> ``okt. 2026`` (sl), ``%a %d`` -> ``pon. 05``.

    >>> import datetime; localised_strftime(datetime.datetime(2026, 10, 5), "%b %Y")
    'Oct 2026'
    """
    from metrics_core.formatting_dates import format_month, month_names, weekday_names

    if "%b" in fmt and "%Y" in fmt and fmt.replace("%b", "").replace("%Y", "").strip() == "":
        return format_month(when)                       # the language's order and punctuation ("јун 2026.")
    names = {"%B": month_names("wide", "format")[when.month - 1], "%b": month_names()[when.month - 1],
             "%A": weekday_names("wide")[when.weekday()], "%a": weekday_names()[when.weekday()]}
    for code, name in names.items():
        fmt = fmt.replace(code, name.replace("%", "%%"))
    return when.strftime(fmt)


def period_tick_labels(starts: Sequence[Any], granularity: str | None) -> tuple[list[str], list[str]]:
    """Two ways to name each period on an axis: in full (``Mar 2026``, ``week of 4 Jan``) and short
    (``Mar`` — the year on the first label and on each January —, ``4 Jan``)."""
    from metrics_core.formatting_dates import format_day_month, format_month, format_period, month_names

    starts = [pd.Timestamp(s) for s in starts]
    full = [format_period(s, granularity) if granularity else str(s) for s in starts]
    if granularity == "month":
        short = [format_month(t) if i == 0 or t.month == 1 else month_names()[t.month - 1] for i, t in enumerate(starts)]
    elif granularity in ("week", "day"):
        short = [format_day_month(s) for s in starts]
    else:
        short = list(full)
    return full, short


class PeriodAxis(pg.DateAxisItem):
    """A bottom axis with one label per period (or per every n-th), never two labels over each other
    nor one cut at the chart's edge. Without periods it is pyqtgraph's date axis."""

    _positions: list[float] = []          # (class defaults: pyqtgraph resizes the axis inside __init__)
    _labels: tuple[list[str], list[str]] = ([], [])
    _granularity: str | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        # pyqtgraph would drop a label that reaches past the axis's end (the latest period's, often);
        # generateDrawSpecs below moves it inside instead
        self.setStyle(hideOverlappingLabels=2000)

    def set_periods(self, positions: Sequence[float], full: Sequence[str], short: Sequence[str] | None = None,
                    granularity: str | None = None) -> None:
        """Label ``positions`` (x values) with ``full`` names, or ``short`` ones when crowded."""
        self._positions = [float(p) for p in positions]
        self._labels = (list(full), list(short if short is not None else full))
        self._granularity = granularity
        self._layout_ticks()

    def clear_periods(self) -> None:
        self._positions, self._labels = [], ([], [])
        self.setTicks(None)

    def resizeEvent(self, event: Any = None) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._layout_ticks()
        keep_caption_inside(self)           # (a trend's note, wider than the axis)

    def linkedViewChanged(self, view: Any, newRange: Any = None) -> None:  # noqa: N802, N803
        super().linkedViewChanged(view, newRange)
        self._layout_ticks()

    def _layout_ticks(self) -> None:
        if not self._positions:
            return
        ticks = self.fitted_ticks()
        if ticks != self._tickLevels:
            self.setTicks(ticks)

    def fitted_ticks(self) -> list[list[tuple[float, str]]]:
        """The labels that fit: the full names of every period when they do, else short names, else
        every n-th period (``LABEL_STEPS``), counted back from the latest period, which is always named."""
        view = self.linkedView()
        width = self.width()
        full, short = self._labels
        if view is None or width <= 1:
            return [list(zip(self._positions, full))]
        low, high = view.viewRange()[0]
        scale = width / ((high - low) or 1.0)
        metrics = QFontMetrics(self.style.get("tickFont") or QFont())
        for step in LABEL_STEPS.get(self._granularity, LABEL_STEPS[None]):
            chosen = list(range(len(self._positions) - 1, -1, -step))[::-1]
            # every n-th month names its year; short names only when every period is labelled
            variants = (full, short) if step == 1 or self._granularity != "month" else (full,)
            for names in variants:
                shown = [(self._positions[i], names[i]) for i in chosen]
                if _fits(shown, metrics, low, scale, width):
                    return [shown]
        last = len(self._positions) - 1
        return [[(self._positions[last], short[last])]]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        """pyqtgraph's own date labels (an axis without periods) with month and weekday names in the
        window's language: pyqtgraph writes them with ``strftime``, in English."""
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None) if self.zoomLevel else None
        if spec is None or not any(code in spec.format for code in ("%b", "%B", "%a", "%A")):
            return super().tickStrings(values, scale, spacing)
        from pyqtgraph.graphicsItems.DateAxisItem import adjustTimestampToPreferredUtcOffset, utcfromtimestamp
        try:
            return [localised_strftime(utcfromtimestamp(adjustTimestampToPreferredUtcOffset(v, self.utcOffset)),
                                       spec.format) for v in values]
        except (OverflowError, ValueError, OSError):
            return super().tickStrings(values, scale, spacing)

    def generateDrawSpecs(self, p: Any) -> Any:  # noqa: N802
        """pyqtgraph's drawing plan, with the labels at the ends moved inside the axis (not cut) and
        a label that would still touch its neighbour left out."""
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        bounds = self.mapRectFromParent(self.geometry())
        kept, right_edge = [], -1e9
        for rect, flags, text in sorted(text_specs, key=lambda spec: spec[0].left()):
            rect = QRectF(rect)
            if rect.left() < bounds.left():
                rect.moveLeft(bounds.left())
            if rect.right() > bounds.right():
                rect.moveRight(bounds.right())
            if rect.left() < right_edge + 2:
                continue
            kept.append((rect, flags, text))
            right_edge = rect.right()
        return axis_spec, tick_specs, kept


def _fits(shown: list[tuple[float, str]], metrics: QFontMetrics, low: float, scale: float, width: float) -> bool:
    """No two labels overlap once those at the ends are moved inside the axis."""
    right_edge = -1e9
    for x, text in shown:
        label = metrics.horizontalAdvance(text)
        if label > width:
            return False
        left = min(max((x - low) * scale - label / 2, 0.0), width - label)
        if left < right_edge + LABEL_GAP:
            return False
        right_edge = left + label
    return True


class CategoryAxis(pg.AxisItem):
    """A side axis naming bars. When the bars are thin (a short chart on a laptop) the names are written
    smaller, down to ``SMALLEST_NAME_POINTS`` (still readable at 100 %), so that every bar keeps its name (below
    that the bar chart shows fewer bars at a time, with a scroll bar); names that would still touch the one above
    are left out."""

    SMALLEST_NAME_POINTS = 9          # (7 pt was hard to read: at 1280 x 720 twelve agents were named in it)

    def generateDrawSpecs(self, p: Any) -> Any:  # noqa: N802
        self._fit_font()
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        kept, bottom = [], -1e9
        for rect, flags, text in sorted(text_specs, key=lambda spec: spec[0].top()):
            if rect.top() < bottom + 1:
                continue
            kept.append((rect, flags, text))
            bottom = rect.bottom()
        return axis_spec, tick_specs, kept

    def smallest_pitch(self) -> float:
        """The pixels from one bar to the next that a name needs at the smallest size."""
        font = QFont(self.style.get("tickFont") or QFont())
        font.setPointSizeF(self.SMALLEST_NAME_POINTS)
        return _name_pitch(font)

    def _fit_font(self) -> None:
        """The largest font, from the chart's own size down, whose names fit one bar's height each."""
        font = QFont(self.style.get("tickFont") or QFont())
        largest = getattr(self, "_largest_points", None) or font.pointSizeF()
        self._largest_points = largest
        low, high = self.range
        pitch = self.geometry().height() / max(abs(high - low), 1e-9)      # pixels from one bar to the next
        size = largest
        while size > self.SMALLEST_NAME_POINTS:
            font.setPointSizeF(size)
            if _name_pitch(font) <= pitch:
                break
            size -= 0.5
        font.setPointSizeF(max(size, self.SMALLEST_NAME_POINTS))
        self.style["tickFont"] = font

    def setStyle(self, **kwargs: Any) -> None:  # noqa: N802
        """(A chart's own font size is where the fitting starts from.)"""
        if kwargs.get("tickFont") is not None:
            self._largest_points = kwargs["tickFont"].pointSizeF()
        super().setStyle(**kwargs)


def _name_pitch(font: QFont) -> float:
    """The pixels from one name's top to the next that keep two names apart: pyqtgraph's box of a tick label
    (0.8 of the painter's text rectangle, which is taller than the font's line: 11.6 against 11 px at 7.5 pt)
    and the pixel :class:`CategoryAxis` keeps between two."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(font)
    box = painter.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, "\u00c1g")
    painter.end()
    return box.height() * 0.8 + 1
