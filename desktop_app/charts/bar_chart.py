"""A KPI per category value (agent, channel …) as horizontal bars; a click filters to a bar."""

from __future__ import annotations

import html
from contextlib import contextmanager
from typing import Any, Iterator

import numpy as np
import pandas as pd
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollBar

import pyqtgraph as pg

from metrics_core.i18n import N_, _
from metrics_core.metrics.model import WHOLE_UNITS
from metrics_core.metrics.params import DEFAULT_CURRENCY

from .. import style
from ..formatting import format_value
from .base_chart import ChartWidget, redrawn_in_theme, title_lines
from .time_axis import CategoryAxis

MAX_BARS = 25
UNSEEN_SHARE = 0.005        # of the value axis's span: a bar shorter than this has its value written beside it
# under the bars, how they are ordered (the breakdown put the worst first and said nothing)
ORDER_NOTES = {True: N_("worst first (lowest)"), False: N_("worst first (highest)"), None: N_("largest first")}


class BarChart(ChartWidget):
    """Horizontal bars, worst first when the KPI has a direction (the lowest CSAT, the longest wait: what an owner
    looks for, kept in view when the bars scroll), else largest first; labels on the left axis. When the chart is too short to name every bar
    (a laptop, a dozen agents) it shows as many as it can name and scrolls through the others (scroll bar,
    mouse wheel, or the arrow keys moving from bar to bar)."""

    bar_clicked = Signal(str, object)     # column, value

    def __init__(self, title: str | None = None, parent: Any = None) -> None:
        super().__init__(title or _("By category"), parent, axis_items={"left": CategoryAxis(orientation="left")})
        self._table = pd.DataFrame(columns=["category", "value", "n"])
        self._keys: list[Any] = []
        self._unit = ""
        self._currency = DEFAULT_CURRENCY
        self._column = ""
        self._widths = np.zeros(0)
        self._caption = ("", "")
        self.note = ""                      # what every bar rests on, under the caption (set_bars)
        self._note_lines: list[str] = []    # … as drawn
        self.plot_item.showGrid(x=True, y=False, alpha=style.GRID_ALPHA)
        self.plot_item.getViewBox().invertY(True)
        self.scroll_bar = QScrollBar(Qt.Orientation.Vertical)
        self.scroll_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # (the arrow keys move through the bars)
        self.scroll_bar.hide()
        self.scroll_bar.valueChanged.connect(self._show_window)
        layout = self.layout()
        row = QHBoxLayout()
        layout.removeWidget(self._stack)
        row.addWidget(self._stack, 1)
        row.addWidget(self.scroll_bar)
        layout.addLayout(row)
        # (after the resize, not inside it: a scroll bar shown there narrows the plot widget while pyqtgraph's
        # resizeEvent runs, and PySide does not call that Python override again: the plot stayed 20 px too wide)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_window)
        self.plot_item.getViewBox().sigResized.connect(self._refit.start)
        self._wheel = _WheelToScrollBar(self.scroll_bar, self.plot_widget.viewport())

    @redrawn_in_theme
    def set_bars(self, column: str, keys: list[Any], labels: list[str], values: list[float | None], unit: str,
                 counts: list[int] | None = None, target: float | None = None,
                 currency: str = DEFAULT_CURRENCY, higher_is_better: bool | None = None, note: str = "") -> None:
        """One bar per category; at most ``MAX_BARS`` are drawn, the worst first (largest first when
        ``higher_is_better`` is unknown); money in ``currency``. ``note``: what every bar rests on, as the KPI's card
        says it (a date-only duration's caveat, as its trend carries it), on a line of its own under the caption."""
        self.clear()
        self.note = note
        self._unit, self._column, self._currency = unit, column, currency
        y = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
        n = list(counts) if counts is not None else [None] * len(values)
        table = pd.DataFrame({"category": labels, "value": y, "n": n, "_key": keys})
        table = table.sort_values("value", ascending=bool(higher_is_better), na_position="last", kind="stable")
        table = table.head(MAX_BARS).reset_index(drop=True)
        self._keys = list(table.pop("_key"))
        self._table = table
        pos = np.arange(len(table), dtype=float)
        widths = np.nan_to_num(table["value"].to_numpy(dtype=float))
        divisor, label = (1.0, style.unit_axis_label(unit, currency))
        if unit == "seconds" and len(widths):
            divisor, label = style.duration_scale(float(np.abs(widths).max()))
        self.plot_item.getAxis("bottom").set_whole(unit in WHOLE_UNITS)     # (agents needed: no "0.2 … 1.0")
        self._caption = (label, order_note(higher_is_better))          # the unit, and how the bars are ordered
        self._fit_caption()
        widths = widths / divisor
        self._widths = widths
        target = None if target is None else float(target) / divisor
        if len(table):
            item = pg.BarGraphItem(x0=np.minimum(widths, 0), y=pos, height=0.7, width=np.abs(widths),
                                   brush=style.brush(self.theme.series), pen=pg.mkPen(None))
            self.plot_item.addItem(item)
        axis = self.plot_item.getAxis("left")
        axis.setTicks([[(float(i), _short(lbl)) for i, lbl in enumerate(table["category"])]])
        if target is not None:
            self.plot_item.addItem(pg.InfiniteLine(pos=float(target), angle=90, pen=style.target_pen()))
        hi = max([float(np.nanmax(widths)) if len(widths) else 0.0] + ([target] if target is not None else []))
        lo = min(0.0, float(np.nanmin(widths)) if len(widths) else 0.0)
        self._label_unseen_bars(table["value"].to_numpy(dtype=float), widths, (hi or 1.0) - lo)
        self.plot_item.setXRange(lo, (hi or 1.0) * 1.08, padding=0)
        self.scroll_bar.setValue(0)
        self._fit_window()
        self.update_empty_state()

    def _label_unseen_bars(self, values: np.ndarray, widths: np.ndarray, span: float) -> None:
        """A bar too short to be seen (0 %: the team nobody left) has its value written beside the axis; without
        it the row read as a name with nothing after it, like a missing value (s16-final, Phone desk)."""
        for i, (value, width) in enumerate(zip(values, widths)):
            if np.isnan(value) or abs(width) > UNSEEN_SHARE * span:
                continue
            label = pg.TextItem(format_value(float(value), self._unit, self._currency), color=self.theme.foreground,
                                anchor=(-0.12, 0.5))         # (a little right of the axis)
            label.setFont(style.chart_font())
            label.setPos(float(width), float(i))
            self.plot_item.addItem(label)

    def note_shown(self) -> list[str]:
        """The note's lines as drawn under the caption (for tests)."""
        return list(self._note_lines)

    def caption(self) -> str:
        """The caption under the bars, whole: its unit and how the bars are ordered."""
        label, note = self._caption
        return f"{label} \u00b7 {note}" if label else note

    def _fit_caption(self) -> None:
        """The caption on one line under the bars, kept inside the chart (``NumberAxis.keep_caption_inside``: beside
        long names in a narrow half panel it ran past the chart's right edge, ro 10_dashboard_09_staff); when even
        the chart's width is too narrow, the unit over how the bars are ordered, each line shortened only beyond
        that, and the whole caption in the axis's tooltip."""
        axis = self.plot_item.getAxis("bottom")
        width = self.plot_item.width() if self.plot_widget.width() > 0 else 10 ** 6
        metrics, room = QFontMetrics(axis.label.font()), int(width) - 2 * style.CAPTION_ROOM
        self._note_lines = title_lines(self.note, metrics, room) if self.note else []
        lines = caption_lines(self._caption, metrics, room) + self._note_lines
        shown = "<br>".join(html.escape(line) for line in lines)
        if shown != axis.labelText:
            axis.setLabel(shown, color=self.theme.foreground)
        axis.keep_caption_inside()
        tip = "\n".join(t for t in (self.caption(), self.note) if t) if any(l.endswith("\u2026") for l in lines) else ""
        axis.setToolTip(tip)
        axis.label.setToolTip(tip)      # (the caption, moved left over the names, lies partly outside the axis)

    def bars_shown(self) -> int:
        """How many bars the chart shows at a time (all of them unless it scrolls)."""
        return self.scroll_bar.pageStep() if self.scroll_bar.isVisibleTo(self) else len(self._table)

    def _fit_window(self) -> None:
        """As many bars as can be named at the smallest size; a scroll bar for the others."""
        count = len(self._table)
        height = self.plot_item.getViewBox().height()
        room = int(height / self.plot_item.getAxis("left").smallest_pitch() - 0.2) if height > 0 else count
        fits = max(1, room)
        self._fit_caption()
        scrolls = count > fits
        if scrolls == self.scroll_bar.isHidden():
            self.scroll_bar.setVisible(scrolls)
            self._show_title()                  # the scroll bar takes its width from the title's room, or gives it
        self.scroll_bar.setRange(0, count - fits if scrolls else 0)
        self.scroll_bar.setPageStep(fits if scrolls else max(count, 1))
        self._show_window()

    def _title_room(self) -> int:
        """Beside the scroll bar the plot, and so its title, is narrower than the chart."""
        room = super()._title_room()
        scroll_bar = getattr(self, "scroll_bar", None)          # (none yet while the frame is built)
        if scroll_bar is not None and not scroll_bar.isHidden():
            room -= self.width() - self.plot_widget.width()
        return max(80, room)

    def _show_window(self) -> None:
        first, shown = self.scroll_bar.value(), (self.bars_shown() or 1)
        self.plot_item.setYRange(first - 0.6, first + shown - 0.4, padding=0)

    def reveal_point(self, index: int) -> None:
        first, shown = self.scroll_bar.value(), self.bars_shown()
        if index < first:
            self.scroll_bar.setValue(index)
        elif index >= first + shown:
            self.scroll_bar.setValue(index - shown + 1)

    @contextmanager
    def whole_view(self) -> Iterator[None]:
        """Every bar in view (an image of the chart leaves none out), then the scrolled window again."""
        self.plot_item.setYRange(-0.6, max(len(self._table), 1) - 0.4, padding=0)
        try:
            yield
        finally:
            self._show_window()

    def is_empty(self) -> bool:
        return not self._table["value"].notna().any()

    def keys(self) -> list[Any]:
        return list(self._keys)

    def _row_at(self, y: float) -> int | None:
        i = int(round(y))
        return i if 0 <= i < len(self._table) and abs(y - i) <= 0.35 else None

    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002
        i = self._row_at(y)
        return None if i is None else self._bar_text(i, _("Click to filter the dashboard to it"))

    def point_text(self, index: int) -> str | None:
        return self._bar_text(index, _("Enter filters the dashboard to it"))

    def _bar_text(self, i: int, action: str) -> str:
        row = self._table.iloc[i]
        value = None if pd.isna(row["value"]) else float(row["value"])
        shown = format_value(value, self._unit, self._currency)
        if row["n"] is None or pd.isna(row["n"]):
            said = _("{category}: {value}", category=row["category"], value=shown)
        else:
            said = _("{category}: {value} (n = {n})", category=row["category"], value=shown, n=int(row["n"]))
        return f"{said}\n{action}"

    def data_points(self) -> list[tuple[float, float]]:
        return [(float(w), float(i)) for i, w in enumerate(self._widths)]      # each bar's end

    def _clicked_at(self, x: float, y: float) -> None:  # noqa: ARG002
        i = self._row_at(y)
        if i is not None:
            self.bar_clicked.emit(self._column, self._keys[i])

    def click_bar(self, i: int) -> None:
        """Act as if bar ``i`` was clicked (keyboard / tests)."""
        self._clicked_at(0.0, float(i))


class _WheelToScrollBar(QObject):
    """The mouse wheel over a scrolling bar chart scrolls its bars (instead of zooming the view)."""

    def __init__(self, scroll_bar: QScrollBar, viewport: Any) -> None:
        super().__init__(scroll_bar)
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        scroll_bar = self.parent()
        if event.type() == QEvent.Type.Wheel and scroll_bar.isVisible():
            QApplication.sendEvent(scroll_bar, event)
            return True
        return False


def order_note(higher_is_better: bool | None) -> str:
    """How the bars are ordered, in a few words: the worst first when the KPI has a direction."""
    return _(ORDER_NOTES[higher_is_better if higher_is_better in (True, False) else None])


def caption_lines(caption: tuple[str, str], metrics: QFontMetrics, room: int) -> list[str]:
    """A bar chart's caption ``(unit, order note)``: "unit · note" on one line when it fits ``room`` pixels, else
    the unit over the note, each line ending in "…" only when even its own line is too short."""
    label, note = caption
    whole = f"{label} \u00b7 {note}" if label else note
    if metrics.horizontalAdvance(whole) <= room:
        return [whole]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in (label, note) if line]


def _short(text: str, limit: int = 22) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
