"""Colours, pens and fonts of KPI Desk's charts and cards.

Charts are drawn for a white slide (white background, dark text, saturated but
printable colours) whatever the system palette is; the rest of the window
follows the system light/dark palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

import numpy as np
import pyqtgraph as pg

from metrics_core.export.chart_data import HEAT_STOPS

from metrics_core.i18n import N_, _

from . import formatting

BACKGROUND = "#ffffff"
FOREGROUND = "#1f2933"
GRID_ALPHA = 0.18
AXIS_COLOR = "#52606d"

SERIES = ("#1f6fb2", "#e07b00", "#2a9d47", "#c0392b", "#7b4fb0", "#8c564b", "#d45b9f", "#5f6b73", "#b5a100", "#12a3b8")
PRIMARY = SERIES[0]
TARGET = "#c0392b"
BENCHMARK = "#7b4fb0"
AREA_FILL = (31, 111, 178, 70)

GOOD = "#1e8a3c"
BAD = "#c0392b"
NEUTRAL = "#6b7280"

PROMOTERS = "#2a9d47"
PASSIVES = "#f2b01e"
DETRACTORS = "#d64541"

HEATMAP_STOPS = HEAT_STOPS          # the same colours as the deck's and the workbook's heat maps

CHART_FONT_SIZE = 10
TITLE_FONT_SIZE = 11
CARD_VALUE_POINT_SIZE = 17


def line_pen(color: str = PRIMARY, width: float = 2.2) -> "pg.QtGui.QPen":
    return pg.mkPen(color=color, width=width)


def target_pen() -> "pg.QtGui.QPen":
    return pg.mkPen(color=TARGET, width=1.6, style=pg.QtCore.Qt.PenStyle.DashLine)


def brush(color: str, alpha: int = 255) -> "pg.QtGui.QBrush":
    c = QColor(color)
    c.setAlpha(alpha)
    return pg.mkBrush(c)


def chart_font(point_size: int = CHART_FONT_SIZE, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(point_size)
    f.setBold(bold)
    return f


def style_plot(plot_widget: "pg.PlotWidget") -> None:
    """White background, dark axes, light grid: readable when pasted on a slide."""
    plot_widget.setBackground(BACKGROUND)
    item = plot_widget.getPlotItem()
    item.showGrid(x=False, y=True, alpha=GRID_ALPHA)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOR))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        axis.setStyle(tickFont=chart_font())
    item.titleLabel.item.setFont(chart_font(TITLE_FONT_SIZE, bold=True))
    item.layout.setContentsMargins(4, 4, 18, 4)      # room for the last tick label on the right
    plot_widget.setMenuEnabled(False)


UNIT_AXIS_LABELS = {"%": "%", "days": N_("days"), "per_day": N_("per day"), "erlang": N_("Erlang")}


def unit_axis_label(unit: str) -> str:
    """The value axis's caption for a KPI unit (durations are labelled by their own scale)."""
    if unit == "currency":
        return formatting.CURRENCY      # the currency of the settings
    label = UNIT_AXIS_LABELS.get(unit, "")
    return _(label) if label and label != "%" else label


def direction_color(delta: float | None, higher_is_better: bool | None) -> str:
    """Green when the change is good, red when bad, grey when neutral or unknown."""
    if delta is None or delta == 0 or higher_is_better is None:
        return NEUTRAL
    good = (delta > 0) == bool(higher_is_better)
    return GOOD if good else BAD


DURATION_SCALES = ((2 * 86400, 86400.0, N_("days")), (2 * 3600, 3600.0, N_("hours")), (120, 60.0, N_("minutes")),
                   (0, 1.0, N_("seconds")))


def duration_scale(largest_seconds: float) -> tuple[float, str]:
    """Divisor and axis label that keep a duration axis readable (minutes, hours, days)."""
    for limit, divisor, label in DURATION_SCALES:
        if largest_seconds >= limit:
            return divisor, _(label)
    return 1.0, _("seconds")


def heat_colour_map() -> pg.ColorMap:
    """The heat maps' colour map: white for none, dark blue for the most."""
    stops, colors = zip(*HEATMAP_STOPS)
    return pg.ColorMap(np.array(stops), np.array(colors, dtype=np.ubyte))


def heat_colour_scale(levels: tuple[float, float] = (0, 1), label: str | None = None) -> pg.ColorBarItem:
    """The colour scale beside a heat map: how much the lightest and the darkest colour stand for."""
    scale = pg.ColorBarItem(values=levels, colorMap=heat_colour_map(), interactive=False, width=12,
                            pen=AXIS_COLOR, colorMapMenu=False)
    scale.axis.setPen(AXIS_COLOR)
    scale.axis.setTextPen(FOREGROUND)
    scale.axis.setLabel(_("contacts") if label is None else label, color=AXIS_COLOR)
    return scale
