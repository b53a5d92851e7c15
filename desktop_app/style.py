"""Colours, pens and fonts of KPI Desk's charts and cards.

The series colours are the one palette of :data:`metrics_core.export.chart_data.PALETTE`
(Okabe-Ito, colour-blind-safe), shared with the deck and the workbook. In the window the charts
follow its light or dark theme (:func:`chart_theme`); exported images are always drawn on white.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QStyle

import numpy as np
import pyqtgraph as pg

from metrics_core.export.chart_data import HEAT_STOPS, NPS_COLOURS, PALETTE

from metrics_core.i18n import N_, _
from metrics_core.metrics.params import DEFAULT_CURRENCY

from .formatting import format_number
from .ink_room import MESSAGE_BOX_TEXT, give_label_room, ink_tall, ink_tall_size

BACKGROUND = "#ffffff"
FOREGROUND = "#1f2933"
GRID_ALPHA = 0.18
CAPTION_ROOM = 6                # px below and left of a plot: an axis caption with its descenders
AXIS_COLOR = "#52606d"

SERIES = tuple(f"#{c}" for c in PALETTE)
PRIMARY = SERIES[0]
TARGET = "#D55E00"           # vermillion: apart from the blue series for every colour vision
BENCHMARK = "#CC79A7"
AREA_ALPHA = 70               # a filled area under a series line, in its colour

GOOD = "#1e8a3c"
BAD = "#c0392b"
NEUTRAL = "#6b7280"

PROMOTERS = f"#{NPS_COLOURS['Promoters']}"
PASSIVES = f"#{NPS_COLOURS['Passives']}"
DETRACTORS = f"#{NPS_COLOURS['Detractors']}"

HEATMAP_STOPS = HEAT_STOPS          # the same colours as the deck's and the workbook's heat maps

CHART_FONT_SIZE = 10
TITLE_FONT_SIZE = 11
CARD_VALUE_POINT_SIZE = 17


MIN_CONTRAST = 4.5           # small text against its background (WCAG AA)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """How far apart two colours' luminances are (WCAG): 1 (the same) to 21 (black on white)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(colour: str | QColor, palette: QPalette) -> str:
    """``colour``, or the least mix of it with the palette's text colour that reads at :data:`MIN_CONTRAST`
    on the palette's base (a card's background), light or dark."""
    return readable_on(colour, palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text))


def readable_on(colour: str | QColor, background: str | QColor, text: str | QColor) -> str:
    """``colour``, or the least mix of it with ``text`` that reads at :data:`MIN_CONTRAST` on ``background``
    (a chart's own, whose theme is not the palette's). Remembered per three colours (a re-filter restyles the
    cards' changes and targets with the same few)."""
    return _readable_on(*(QColor(c).getRgbF() for c in (colour, background, text)))


@functools.lru_cache(maxsize=256)
def _readable_on(colour: tuple[float, ...], background: tuple[float, ...], text: tuple[float, ...]) -> str:
    base, text_colour, start = (QColor.fromRgbF(*c) for c in (background, text, colour))
    for step in range(11):
        share = step / 10
        mixed = QColor.fromRgbF(*(a * (1 - share) + b * share for a, b in
                                  zip(start.getRgbF()[:3], text_colour.getRgbF()[:3])))
        if contrast_ratio(mixed, base) >= MIN_CONTRAST:
            return mixed.name()
    return text_colour.name()


def restyle(widget: Any, sheet: str) -> None:
    """``widget``'s style sheet, set only when it changes: each set polishes the widget again (a re-filter gave the
    cards their values with 50-100 sets, most of them the same sheet as before, and the filter bar its buttons')."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def secondary_text(palette: QPalette) -> str:
    """Text that steps back from the main text (a card's rows, a target, a note) and is still readable on whatever
    it sits on: a card's base, the window, or a tab page, which Fusion draws a little lighter than the palette's
    button colour (the hint under the filters was 3.5 : 1 on the dark tab page, made readable on the base only)."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    colour = QColor.fromRgbF(*((a + b) / 2 for a, b in zip(base.getRgbF()[:3], text.getRgbF()[:3])))
    tab_page = palette.color(QPalette.ColorRole.Button).lighter(130)
    for background in (base, palette.color(QPalette.ColorRole.Window), tab_page):
        colour = QColor(readable_on(colour, background, text))
    return colour.name()


def screen_scale() -> float:
    """Device pixels per window pixel (2 at 200 %)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    return max(1.0, app.devicePixelRatio()) if app is not None else 1.0


def pen(color: str | QColor, width: float = 1.0, dash: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A chart's pen, ``width`` window pixels wide whatever the screen's scale: pyqtgraph's pens are cosmetic,
    drawn in device pixels (at 200 % the lines were hairlines beside text drawn at double size)."""
    return pg.mkPen(color=color, width=width * screen_scale(), style=dash)


def line_pen(color: str = PRIMARY, width: float = 2.2) -> QPen:
    return pen(color, width)


def target_pen() -> QPen:
    return pen(TARGET, 1.6, Qt.PenStyle.DashLine)


def brush(color: str, alpha: int = 255) -> "pg.QtGui.QBrush":
    c = QColor(color)
    c.setAlpha(alpha)
    return pg.mkBrush(c)


def chart_font(point_size: int = CHART_FONT_SIZE, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(point_size)
    f.setBold(bold)
    return f


@dataclass(frozen=True)
class ChartTheme:
    """The colours a chart's frame is drawn in, and its first series' (the other series keep theirs)."""

    background: str
    foreground: str
    axis: str
    dark: bool = False
    series: str = PRIMARY         # the first series' colour: at least 4.5 : 1 on the background


LIGHT = ChartTheme(BACKGROUND, FOREGROUND, AXIS_COLOR)
# Okabe-Ito sky blue on the dark background: 6.9 : 1 (the blue #0072B2 was 3.1 : 1, a dim line)
DARK = ChartTheme("#1e2329", "#e4e7eb", "#9aa5b1", dark=True, series=SERIES[5])


def chart_theme(palette: QPalette | None = None) -> ChartTheme:
    """The dark theme when the window's palette is dark (its window colour is darker than its text)."""
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if app is not None else None
    if palette is None:
        return LIGHT
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return DARK if window.lightness() < text.lightness() else LIGHT


def style_plot(plot_widget: "pg.PlotWidget", theme: ChartTheme = LIGHT) -> None:
    """Background, axes and grid in ``theme``: white with dark text is readable when pasted on a slide."""
    plot_widget.setBackground(theme.background)
    item = plot_widget.getPlotItem()
    item.showGrid(x=False, y=True, alpha=GRID_ALPHA)
    for name in ("left", "bottom", "right"):
        axis = item.getAxis(name)
        axis.setPen(pen(theme.axis))
        axis.setTextPen(pg.mkPen(theme.foreground))
        axis.setStyle(tickFont=chart_font())
        if axis.labelText:
            axis.setLabel(axis.labelText, units=axis.labelUnits, color=theme.foreground)
    item.titleLabel.item.setFont(chart_font(TITLE_FONT_SIZE, bold=True))
    # room for the last tick label on the right; below and left, for an axis caption's descenders: pyqtgraph
    # draws a caption 5 px past its axis (AxisItem.resizeEvent's nudge), and a 4 px margin cut the "g" of
    # "score given" (s12-shots-svqps, sv 21_chart_2_scores: "qivet betyq")
    item.layout.setContentsMargins(CAPTION_ROOM, 4, 18, CAPTION_ROOM)
    plot_widget.setMenuEnabled(False)


UNIT_AXIS_LABELS = {"%": "%", "days": N_("days"), "per_day": N_("per day"), "erlang": N_("Erlang")}


def unit_axis_label(unit: str, currency: str = DEFAULT_CURRENCY) -> str:
    """The value axis's caption for a KPI unit (durations are labelled by their own scale)."""
    if unit == "currency":
        return currency
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


def number_ticks(values: list[float], scale: float, spacing: float) -> list[str]:
    """A value axis's tick labels as the window writes numbers: grouped, in the language's decimal mark, with
    the decimals the tick spacing needs ("1,180,000", "0.5"; never pyqtgraph's "1.18e+06").

    >>> number_ticks([1_180_000.0, 1_200_000.0], 1.0, 20_000.0), number_ticks([0.0, 0.5], 1.0, 0.5)
    (['1,180,000', '1,200,000'], ['0', '0.5'])
    """
    step = abs(spacing * scale)
    decimals = min(6, max(0, int(np.ceil(-np.log10(step) - 1e-9)))) if step > 0 else 0
    return [format_number(v * scale, decimals) for v in values]


def heat_colour_map(theme: ChartTheme = LIGHT) -> pg.ColorMap:
    """The heat maps' colour map: white for none, dark blue for the most; in a dark window the chart's own
    background for none, light blue for the most (a white block glared in the dark window, its busiest hours the
    darkest)."""
    stops, colors = zip(*(HEATMAP_STOPS if not theme.dark else _dark_heat_stops(theme.background)))
    return pg.ColorMap(np.array(stops), np.array(colors, dtype=np.ubyte))


def _dark_heat_stops(background: str) -> tuple[tuple[float, tuple[int, int, int]], ...]:
    """The light map's blues in reverse order, from ``background`` up."""
    none = QColor(background)
    return ((0.0, (none.red(), none.green(), none.blue())), *((1.0 - at, rgb) for at, rgb in HEATMAP_STOPS[::-1][:-1]))


def heat_colour_scale(levels: tuple[float, float] = (0, 1), label: str | None = None,
                      theme: ChartTheme = LIGHT) -> pg.ColorBarItem:
    """The colour scale beside a heat map: how much the lightest and the darkest colour stand for. ``label=""``:
    no caption (the chart's title says what is counted; a caption beside short scales ran into its numbers)."""
    scale = pg.ColorBarItem(values=levels, colorMap=heat_colour_map(theme), interactive=False, width=12,
                            pen=theme.axis, colorMapMenu=False)
    scale.axis.setPen(theme.axis)
    scale.axis.setTextPen(theme.foreground)         # (in a dark window its numbers were dark on dark)
    if label != "":
        scale.axis.setLabel(_("contacts") if label is None else label, color=theme.axis)
    scale.axis.tickStrings = lambda values, scale_, spacing: number_ticks(values, scale_, spacing)
    return scale


def dark_outline(palette: QPalette) -> str | None:
    """The frame of a check box or a text box on a dark window, readable on it; None on a light window, where
    Fusion's own frame stands out. Fusion draws the frame darker than the window: #191a1c on #202124, 1.2 : 1, an
    empty box was hard to find ("Show all KPIs", the export's formats, the filter menus), and the date filters'
    and the settings' text boxes barely stood apart from the panel (s16-shots dark)."""
    window = palette.color(QPalette.ColorRole.Window)
    if window.lightness() >= 128:
        return None
    return readable_on(window.darker(140), window, palette.color(QPalette.ColorRole.WindowText))


class FocusVisibleStyle(QProxyStyle):
    """Fusion, with a dotted frame inside a push button that has the keyboard focus: Fusion draws a dialog's
    default button the same with the focus and without it ("Close", "Export" gave no sign of the focus); and
    check boxes, text boxes, spin boxes and combo boxes (the date filters) framed readably on a dark window
    (:func:`dark_outline`); and text boxes as high as the marks
    above accented capitals (:mod:`desktop_app.ink_room`: DejaVu Sans, Linux's default font, cut them): labels, tab
    titles, the rows of lists and tables, and message boxes' texts."""

    def polish(self, target: Any) -> Any:
        result = super().polish(target)
        if isinstance(target, QLabel):
            give_label_room(target)
        return result

    def styleHint(self, hint: QStyle.StyleHint, option: Any = None, widget: Any = None,  # noqa: N802
                  returnData: Any = None) -> int:  # noqa: N803
        if hint == QStyle.StyleHint.SH_MessageBox_TextInteractionFlags:
            return MESSAGE_BOX_TEXT.value
        return super().styleHint(hint, option, widget, returnData)

    def sizeFromContents(self, kind: QStyle.ContentsType, option: Any, size: Any, widget: Any = None) -> Any:  # noqa: N802
        result = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_ItemViewItem:
            return ink_tall_size(result, QFontMetrics(option.font))
        return result

    def subElementRect(self, element: QStyle.SubElement, option: Any, widget: Any = None) -> QRect:  # noqa: N802
        rect = super().subElementRect(element, option, widget)
        if element == QStyle.SubElement.SE_TabBarTabText:      # (a tab that is not the current one: 2 px short)
            return ink_tall(rect, option.fontMetrics)
        return rect

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: Any, painter: Any, widget: Any = None) -> None:  # noqa: N802
        super().drawPrimitive(element, option, painter, widget)
        keyboard_focus = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox and (option.state & keyboard_focus) != keyboard_focus:
            _outline(option, painter, 0)            # (with the keyboard focus Fusion frames it in the highlight)
        elif element == QStyle.PrimitiveElement.PE_PanelLineEdit and option.lineWidth > 0 \
                and not option.state & QStyle.StateFlag.State_HasFocus:
            _outline(option, painter, 2)            # (with the focus Fusion frames it in the highlight)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: Any, painter: Any, widget: Any = None) -> None:  # noqa: N802
        super().drawComplexControl(control, option, painter, widget)
        boxes = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)
        if control in boxes and option.frame and not option.state & QStyle.StateFlag.State_HasFocus:
            _outline(option, painter, 2)            # a number in the settings; a date filter (a combo box with its
                                                    # calendar), a list to choose from

    def drawControl(self, element: QStyle.ControlElement, option: Any, painter: Any, widget: Any = None) -> None:  # noqa: N802
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButton and option.state & QStyle.StateFlag.State_HasFocus:
            pen = QPen(option.palette.highlight().color())
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.save()
            painter.setPen(pen)
            painter.drawRoundedRect(option.rect.adjusted(4, 4, -5, -5), 2, 2)
            painter.restore()


def app_style() -> QStyle:
    """The window's style: Fusion (it follows the system's light or dark scheme in Qt 6), focus always shown."""
    return FocusVisibleStyle("Fusion")


def _outline(option: Any, painter: QPainter, radius: float) -> None:
    """Fusion's frame round ``option.rect``, drawn again in :func:`dark_outline`'s colour on a dark window."""
    outline = dark_outline(option.palette)
    if outline is None:
        return
    if not option.state & QStyle.StateFlag.State_Enabled:     # greyed: half-way to the window, as its text is
        window = option.palette.color(QPalette.ColorRole.Window)
        outline = QColor.fromRgbF(*((a + b) / 2 for a, b in zip(QColor(outline).getRgbF()[:3], window.getRgbF()[:3])))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(0.5, 0.5)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(outline)))
    painter.drawRoundedRect(option.rect.adjusted(0, 0, -1, -1), radius, radius)
    painter.restore()
