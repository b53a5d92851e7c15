"""Building blocks of the deck: native charts (data embedded, editable in PowerPoint),
tables and text boxes. :mod:`metrics_core.export.pptx_deck` lays them out."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_MARKER_STYLE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..formatting import ENGLISH_WEEKDAYS, format_day_month, weekday_name
from ..i18n import _
from ..report_view.partial import partial_words
from .chart_data import (AXIS_LABEL_PT, PARTIAL_SAMPLE, TARGET_SERIES, TIME_UNITS, AxisUnit, date_axis_labels, drawn_frame,
                         heat_colour, label_skip, office_date_format, office_format, paler, partial_rows, series_colour,
                         series_title, slide_labels, tick_format, tick_step, value_axis_range, written_period_labels)
from .chart_workbook import SafeChartData
from .model import ChartData
from .text_width import fitting_size, text_width

INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x6B, 0x6B, 0x6B)
HEADER_FILL = RGBColor(0x1F, 0x6F, 0xB2)
ZEBRA_FILL = RGBColor(0xF2, 0xF5, 0xF9)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
CELL_SIDES = 0.16           # a table cell's left and right margins together (inches)
CELL_SLACK = 0.1            # and room for rounding beside a measured text (LibreOffice wrapped sl "Cilj" in 0.45 in)
CHART_TITLE_SIZE, CHART_TITLE_FLOOR = 14, 11
CHART_TITLE_SHARE = 0.75    # of a chart's width, its title's line (:func:`chart_title_size`)
MAX_MARKERS = 40            # a line with more points than this is drawn without markers
PARTIAL_SERIES = "partial"  # the frame column of a trend's partial periods (named "partial week" on the slide)
CHART_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
}


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def add_text(slide, left, top, width, height, text: str, size: int = 14, *, bold: bool = False,
             colour: RGBColor = INK, align=PP_ALIGN.LEFT):
    """A text box with one paragraph per line of ``text``; returns the shape."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return box


def one_line_size(text: str, width_in: float, size: int, minimum: int = 18) -> int:
    """The largest font size up to ``size`` (``minimum`` at the least) at which ``text`` (bold) fits a text box
    ``width_in`` inches wide on one line, measured with the font's own widths (:mod:`.text_width`): a value such as
    "9 сати 03 мин" must not wrap onto the line below it.

    >>> one_line_size("80,1 %", 3.6, 36), one_line_size("9 сати 03 мин", 3.6, 36)
    (36, 31)
    """
    usable = (width_in - 0.2) * 72           # the text box's own left and right insets, 0.1 in each
    return fitting_size(text, usable, size, minimum)


def one_line_table(rows: list[list[str]], width_in: float, size: int, smallest: int) -> tuple[int, list[float]]:
    """(size, column widths in inches) at which each cell of ``rows`` stays on one line of a table ``width_in``
    inches wide: the largest size from ``size`` down to ``smallest`` at which the columns' widest texts, measured
    (:mod:`.text_width`) in the weight each is drawn in (the header, ``rows[0]``, bold as :func:`add_table` writes
    it, the others regular) with the cells' side margins, fit side by side, the room left over shared out in
    proportion to them; at ``smallest`` they may still wrap. One size for the whole table (the ro and sl "At a
    glance" wrapped names and "no clear change (+3.2 pp)" onto two lines in columns set by hand; ro was set at
    10 pt, its regular cells measured with bold widths).

    >>> one_line_table([["KPI", "Value"], ["CSAT", "80.1 %"]], 4.0, 14, 10)
    (14, [1.8, 2.2])
    """
    columns = list(zip(*rows))
    for at in range(size, smallest - 1, -1):
        needs = [max(text_width(text, at, bold=i == 0) for i, text in enumerate(column)) / 72 + CELL_SIDES
                 + CELL_SLACK for column in columns]
        if sum(needs) <= width_in or at == smallest:
            spare = width_in / sum(needs)
            return at, [round(need * spare, 2) for need in needs]
    raise ValueError("smallest is larger than size")


def add_table(slide, left, top, width, rows: list[list[str]], col_widths: list[float], *,
              size: int = 12, row_height: float = 0.36, colours: dict[tuple[int, int], str] | None = None,
              right_align_from: int = 1):
    """A table: ``rows[0]`` is the header; ``col_widths`` in inches (scaled to ``width``);
    ``colours`` maps (row, col) to a hex text colour."""
    shape = slide.shapes.add_table(len(rows), len(col_widths), left, top, width,
                                   Inches(row_height * len(rows)))
    table = shape.table
    total = sum(col_widths)
    for j, w in enumerate(col_widths):
        table.columns[j].width = Emu(int(width * w / total))
    for i, values in enumerate(rows):
        table.rows[i].height = Inches(row_height)
        for j, text in enumerate(values):
            header, colour = i == 0, (colours or {}).get((i, j))
            _fill_cell(table.cell(i, j), text, size, HEADER_FILL if header else (ZEBRA_FILL if i % 2 == 0 else WHITE),
                       WHITE if header else (rgb(colour) if colour else INK), bold=header,
                       align=PP_ALIGN.RIGHT if j >= right_align_from else PP_ALIGN.LEFT)
    return shape


def _fill_cell(cell, text: str, size: int, fill: RGBColor, ink: RGBColor, *, bold: bool = False,
               align=PP_ALIGN.CENTER, margins: tuple[float, float] = (CELL_SIDES / 2, 0.03)) -> None:
    """One table cell: its text at ``size`` pt in ``ink`` on ``fill``; ``margins`` (sides, top and bottom) in inches."""
    cell.text = text
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Inches(margins[0])
    cell.margin_top = cell.margin_bottom = Inches(margins[1])
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    para = cell.text_frame.paragraphs[0]
    para.alignment = align
    for run in para.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = ink


def add_heat_table(slide, chart: ChartData, left, top, width, height):
    """A heat map as a table: one row per ``chart.frame`` row, one column per column, each cell
    filled darker the larger its count (zero cells left blank)."""
    frame = chart.frame
    values = frame.to_numpy(dtype=float)
    top_value = max(float(values.max()) if values.size else 0.0, 1.0)
    rows, cols = len(frame) + 1, len(frame.columns) + 1
    shape = slide.shapes.add_table(rows, cols, left, top, width, height)
    table = shape.table
    first = int(width * 0.07)
    table.columns[0].width = Emu(first)
    for j in range(1, cols):
        table.columns[j].width = Emu(int((width - first) / (cols - 1)))
    for i in range(rows):
        table.rows[i].height = Emu(int(height / rows))
    size = 10 if cols <= 25 else 8
    tight = (0.02, 0.02)
    _fill_cell(table.cell(0, 0), "", size, HEADER_FILL, WHITE, margins=tight)
    for j, column in enumerate(frame.columns, start=1):
        _fill_cell(table.cell(0, j), str(int(column)) if str(column).isdigit() else str(column), size,
                   HEADER_FILL, WHITE, margins=tight)
    for i, label in enumerate(frame.index, start=1):
        shown = weekday_name(label) if label in ENGLISH_WEEKDAYS else str(label)
        _fill_cell(table.cell(i, 0), shown, size, HEADER_FILL, WHITE, bold=True, margins=tight)
        for j in range(1, cols):
            value = values[i - 1, j - 1]
            fraction = value / top_value
            _fill_cell(table.cell(i, j), f"{value:.0f}" if value > 0 else "", size, rgb(heat_colour(fraction)),
                       WHITE if fraction > 0.55 else INK, margins=tight)
    return shape


def add_chart(slide, chart: ChartData, left, top, width, height, currency: str = "€"):
    """A native chart of ``chart`` (data embedded in the deck); returns the graphic frame."""
    frame, axis = drawn_frame(chart, currency)
    frame = partial_split(frame, chart)
    data = SafeChartData(number_format=office_format(axis.number_format))
    on_dates = chart.kind == "line" and bool(chart.period_starts) and chart.by in TIME_UNITS
    written = (written_period_labels(chart.by, [date.fromisoformat(d[:10]) for d in chart.period_starts],
                                     Emu(width).inches) if on_dates else None)
    on_dates = on_dates and written is None            # labels as the deck's texts write dates
    names = category_names(chart)
    data.categories = ([date.fromisoformat(d[:10]) for d in chart.period_starts] if on_dates
                       else written or slide_labels(names, _skip_for(names)))
    for name in frame.columns:      # labels and names as they are: SafeChartData's workbook keeps them from running
        title = partial_words(chart.by) if name == PARTIAL_SERIES else series_title(name)
        data.add_series(title, [None if math.isnan(v) else round(float(v), 4) for v in frame[name]])
    chart_type = CHART_TYPES[chart.kind]
    if chart.kind == "line" and len(chart.categories) > MAX_MARKERS:
        chart_type = XL_CHART_TYPE.LINE
    graphic = slide.shapes.add_chart(chart_type, left, top, width, height, data)
    native = graphic.chart
    _style_title(native, chart.title)
    native.font.size = Pt(12)
    native.font.color.rgb = INK
    _style_legend(native, len(frame.columns), own_entry=not (chart.kind == "line" and len(chart.series_names) == 1))
    _colour_series(native, chart, [str(name) for name in frame.columns])
    _style_partial(native, chart, list(frame.columns))
    _style_axes(native, chart, frame, axis, labels_written=written is not None)
    if chart.kind == "bar":
        _data_labels(native, axis)
    if on_dates:
        _date_axis(native, chart, Emu(width).inches)
    if chart.note:
        _axis_note(native, chart.note)
    return graphic


def _axis_note(native, note: str) -> None:
    """What a chart's points rest on (:attr:`ChartData.note`: the card's date-only caveat), under the axis at the
    bottom, where the window and the chart images write it: a trend's category axis's title; a bar chart's bottom
    axis is its value axis, whose title (the unit) the note follows on a line of its own."""
    axis = native.value_axis if native.chart_type == CHART_TYPES["bar"] else native.category_axis
    unit = axis.axis_title.text_frame.text if axis.has_title else ""
    axis.has_title = True
    axis.axis_title.text_frame.text = f"{unit}\n{note}" if unit else note
    for paragraph in axis.axis_title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(11)
            run.font.bold = False


def partial_split(frame, chart: ChartData):
    """A trend's frame with its partial periods (``chart.partial``) drawn apart, as the window draws them: the
    KPI's own series keeps the whole periods, and a series named :data:`PARTIAL_SERIES` holds each partial
    period with the whole one next to it, drawn as a dashed step to a hollow point ("partial week" in the
    legend). A series of its own, not a per-point format: LibreOffice draws neither a point's dash nor its
    hollow marker (PowerPoint does both).

    >>> import pandas as pd
    >>> chart = ChartData("x", "X", "tickets", "line", "count", pd.DataFrame({"Tickets": [5.0, 9, 8, 3]}), by="week",
    ...                   partial=[3])
    >>> partial_split(chart.frame, chart).fillna(-1).to_dict("list")
    {'Tickets': [5.0, 9.0, 8.0, -1.0], 'partial': [-1.0, -1.0, 8.0, 3.0]}

    Stacked shares keep their bars (a partial period's bar is paler, outlined dashed: :func:`_style_partial`); their
    :data:`PARTIAL_SERIES` holds no value and only names the mark in the legend.
    """
    positions = [i for i in chart.partial if 0 <= i < len(frame)]
    if chart.kind not in ("line", "stacked") or not positions or not len(frame.columns):
        return frame
    if chart.kind == "stacked":
        return frame.assign(**{PARTIAL_SERIES: math.nan})
    kpi = frame.columns[0]
    whole, step = frame[kpi].copy(), pd.Series(math.nan, index=frame.index)
    for i in positions:
        ends = [j for j in dict.fromkeys((i, 1 if i == 0 else i - 1)) if j < len(frame)]     # (a lone period: itself)
        step.iloc[ends] = frame[kpi].iloc[ends]
        whole.iloc[i] = math.nan
    out = frame.copy()
    out[kpi] = whole
    out.insert(1, PARTIAL_SERIES, step)
    return out


def _style_partial(native, chart: ChartData, names: list) -> None:
    """The partial periods' series: the KPI's colour, dashed, hollow points (none on the whole period it
    steps from), named "partial week" in the deck's language.

    Hollow is ``a:noFill`` in the marker's ``c:spPr`` with the colour on its ``a:ln`` (CT_Marker: symbol, size,
    spPr), not a white fill: PowerPoint draws the point as a ring over whatever lies under it. Each partial point
    and the whole one it steps from carry their own ``c:dPt`` (CT_DPt: idx, marker, spPr) with the marker and the
    dashed line written out, as PowerPoint writes a point formatted on its own, so that no reader falls back to
    an automatic style for them. (LibreOffice draws the marker filled whatever the file says.)"""
    if PARTIAL_SERIES not in names:
        return
    series = native.plots[0].series[names.index(PARTIAL_SERIES)]
    if chart.kind == "stacked":
        _style_partial_bars(native, chart, names)
        return
    colour = rgb(series_colour(chart, 0, str(names[0])))
    _dashed(series.format.line, colour)
    if len(chart.categories) > MAX_MARKERS:
        return
    _hollow(series.marker, colour)
    for i in chart.partial:
        neighbour = 1 if i == 0 else i - 1
        _dashed(series.points[i].format.line, colour)
        _hollow(series.points[i].marker, colour)
        if neighbour not in chart.partial and neighbour < len(chart.categories):
            _dashed(series.points[neighbour].format.line, colour)
            series.points[neighbour].marker.style = XL_MARKER_STYLE.NONE


def _style_partial_bars(native, chart: ChartData, names: list) -> None:
    """Stacked shares: each part of a partial period's bar paler and outlined dashed in the part's colour (its own
    ``c:dPt``), and the legend's "partial week" a grey sample of such a bar."""
    for index, (series, name) in enumerate(zip(native.plots[0].series, names)):
        if name == PARTIAL_SERIES:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(paler(PARTIAL_SAMPLE))
            _dashed(series.format.line, rgb(PARTIAL_SAMPLE))
            continue
        colour = series_colour(chart, index, str(name))
        for i in partial_rows(chart):
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(paler(colour))
            _dashed(point.format.line, rgb(colour))


def _dashed(line, colour: RGBColor) -> None:
    """A partial period's step: the KPI's colour, dashed."""
    line.color.rgb = colour
    line.width = Pt(1.75)
    line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _hollow(marker, colour: RGBColor) -> None:
    """A ring in the KPI's colour: a circle without fill (``a:noFill``) and with a visible line."""
    marker.style = XL_MARKER_STYLE.CIRCLE
    marker.size = 8
    marker.format.fill.background()
    marker.format.line.color.rgb = colour
    marker.format.line.width = Pt(1.5)


def _style_title(native, title: str) -> None:
    native.has_title = True
    native.chart_title.text_frame.text = title
    set_chart_title_size(native, CHART_TITLE_SIZE)


def set_chart_title_size(native, size: int) -> None:
    for run in native.chart_title.text_frame.paragraphs[0].runs:
        run.font.size = Pt(size)
        run.font.bold = True


def chart_title_size(frames) -> int:
    """One size for the titles of a deck's charts (graphic ``frames``): the largest up to :data:`CHART_TITLE_SIZE`
    (:data:`CHART_TITLE_FLOOR` at the least) at which each title fits one line of its chart. LibreOffice wraps a
    chart's title past about three quarters of the chart's width (in a 614 pt wide chart a 471 pt title stayed
    whole, a 479 pt one wrapped: ro "… (CSAT, % mulțumiți) pe" / "lună", sl "… (obseg po kanalih)" / "(mesec)")."""
    return min((fitting_size(frame.chart.chart_title.text_frame.text, Emu(frame.width).pt * CHART_TITLE_SHARE,
                             CHART_TITLE_SIZE, CHART_TITLE_FLOOR) for frame in frames), default=CHART_TITLE_SIZE)


def _style_legend(native, series_count: int, own_entry: bool = True) -> None:
    """A legend under the chart when it has several series; without ``own_entry``, the first series (a trend's
    own KPI, named by the title) is left out and the legend explains the marks only ("Target", "partial week")."""
    native.has_legend = series_count > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.BOTTOM
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(11)
        if not own_entry:
            entry = etree.Element(qn("c:legendEntry"))
            etree.SubElement(entry, qn("c:idx")).set("val", "0")
            etree.SubElement(entry, qn("c:delete")).set("val", "1")
            native.legend._element.find(qn("c:legendPos")).addnext(entry)


def _colour_series(native, chart: ChartData, names: list[str]) -> None:
    """Colours by the series' own names (``names``, in order), whatever language the legend shows."""
    for i, (series, name) in enumerate(zip(native.plots[0].series, names)):
        colour = rgb(series_colour(chart, i, name))
        if chart.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.25)
            series.smooth = False
            if name == TARGET_SERIES:
                series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                series.format.line.width = Pt(1.5)
                series.marker.style = XL_MARKER_STYLE.NONE
                continue
            if len(chart.categories) > MAX_MARKERS:
                continue
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if chart.kind != "line":
        native.plots[0].gap_width = 60
    if chart.kind == "stacked":
        native.plots[0].overlap = 100


def _style_axes(native, chart: ChartData, frame, axis: AxisUnit, labels_written: bool = False) -> None:
    """The axes' fonts, ranges and formats; ``labels_written``: a trend's periods are written out, thinned already
    (:func:`~.chart_data.written_period_labels`), none skipped."""
    value_axis = native.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.tick_labels.font.size = Pt(AXIS_LABEL_PT)
    category_axis = native.category_axis
    category_axis.tick_labels.font.size = Pt(AXIS_LABEL_PT)
    category_axis.format.line.color.rgb = RGBColor(0xBB, 0xBB, 0xBB)
    if chart.kind == "line":
        every = [v for name in frame.columns for v in frame[name].tolist()]
        bounds = value_axis_range(every, chart.unit)
        if bounds:
            value_axis.minimum_scale, value_axis.maximum_scale = bounds
            value_axis.major_unit = tick_step(*bounds, axis.whole)
        value_axis.tick_labels.number_format = office_format(tick_format(axis, *(bounds or (None, None))))
        if native._chartSpace.find(".//" + qn("c:dateAx")) is None and not labels_written:
            _skip_category_labels(category_axis, _skip_for(chart.categories))
    elif chart.kind == "stacked":
        value_axis.minimum_scale = 0
        top = frame.sum(axis=1).max()
        value_axis.maximum_scale = 100 if chart.unit == "%" and top <= 100.5 else None
        value_axis.tick_labels.number_format = office_format(tick_format(axis, 0.0, float(top)))
        _skip_category_labels(category_axis, _skip_for(category_names(chart)))
    else:
        category_axis.reverse_order = True          # first group at the top of a bar chart
        category_axis.crosses = XL_AXIS_CROSSES.MAXIMUM   # … and the value axis stays at the bottom
        value_axis.minimum_scale = min(0.0, float(frame.min().min()) if len(frame) else 0.0)
        top = float(frame.max().max()) if len(frame) else 0.0
        if axis.whole and top > 0:          # (PowerPoint ticked a count of agents 0.2 … 1.0)
            value_axis.major_unit = tick_step(0.0, top, True)
        if chart.unit == "%" and 0 < top <= 100:
            value_axis.maximum_scale = 100.0 if top > 80 else None
        value_axis.tick_labels.number_format = office_format(tick_format(axis, 0.0, top))
    if axis.label not in ("", "%", "count"):
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = _(axis.label)
        for run in value_axis.axis_title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(11)
            run.font.bold = False


def _date_axis(native, chart: ChartData, width_in: float) -> None:
    """A date category axis with one label every few periods (:func:`~.chart_data.date_axis_labels`): PowerPoint
    and LibreOffice both honour ``c:majorUnit`` on a date axis (LibreOffice ignores ``c:tickLblSkip``)."""
    date_ax = native._chartSpace.find(".//" + qn("c:dateAx"))
    if date_ax is None:
        return
    starts = [date.fromisoformat(d[:10]) for d in chart.period_starts]
    number_format, major_unit, step = date_axis_labels(chart.by, starts, width_in)
    labels = native.category_axis.tick_labels
    labels.number_format = office_date_format(number_format)
    labels.number_format_is_linked = False
    for tag in ("c:baseTimeUnit", "c:majorUnit", "c:majorTimeUnit"):
        for old in date_ax.findall(qn(tag)):
            date_ax.remove(old)
    anchor = date_ax.find(qn("c:extLst"))
    for tag, value in (("c:baseTimeUnit", TIME_UNITS[chart.by][0]), ("c:majorUnit", str(step)),
                       ("c:majorTimeUnit", major_unit)):
        el = etree.SubElement(date_ax, qn(tag))
        el.set("val", value)
        if anchor is not None:
            anchor.addprevious(el)


def category_names(chart: ChartData) -> list[str]:
    """The categories of a chart that is not drawn on a date axis (stacked shares per period, bars): days and weeks
    named by their first day as the trends' date axes name them (``27 Apr``; the shares' axis read ``2026-W18``),
    months as :func:`~.chart_data.slide_labels` shortens them, other categories as they are.

    >>> frame = pd.DataFrame({"Promoters": [50.0, 60.0]}, index=["2026-W18", "2026-W19"])
    >>> category_names(ChartData("x", "X", "customer_experience", "stacked", "%", frame, by="week",
    ...                          period_starts=["2026-04-27", "2026-05-04"]))
    ['27 Apr', '4 May']
    """
    starts = chart.period_starts if chart.period_starts and len(chart.period_starts) == len(chart.categories) else None
    if starts is None or chart.by not in ("day", "week"):
        return list(chart.categories)
    return [format_day_month(date.fromisoformat(d[:10])) for d in starts]


def _skip_for(labels: list[str]) -> int:
    longest = max((len(label) for label in slide_labels(labels, every=2)), default=1)
    return label_skip(len(labels), min(14, max(6, 100 // max(1, longest))))


def _skip_category_labels(category_axis, skip: int) -> None:
    """Draw every ``skip``-th category label (``c:tickLblSkip``), so dates never crowd."""
    if skip <= 1:
        return
    cat_ax = category_axis._element
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        for old in cat_ax.findall(qn(tag)):
            cat_ax.remove(old)
    anchor = cat_ax.find(qn("c:noMultiLvlLbl"))
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        el = etree.SubElement(cat_ax, qn(tag))
        el.set("val", str(skip))
        if anchor is not None:
            anchor.addprevious(el)


def _data_labels(native, axis: AxisUnit) -> None:
    plot = native.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = office_format(axis.number_format)
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(10)
    labels.font.color.rgb = INK
