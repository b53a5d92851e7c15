"""The Excel workbook of a :class:`~metrics_core.export.model.Report` (XlsxWriter).

Sheets: *Summary* (one row per KPI, real numbers with number formats), one sheet
per trend and breakdown with its table and a native Excel chart, *How computed*
and *Sources* (files, column mappings and parameters used). Durations are written
in minutes (numbers Excel can sum and chart), with the humanised text beside them.
"""

from __future__ import annotations

import json
import math
import re
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

import xlsxwriter

from ..atomic import write_with_atomic
from ..formatting import format_date, format_time
from ..i18n import N_, _, one_full_stop
from ..metrics.model import family_label
from ..progress import Reporter
from .chart_data import (BAD, GOOD, TARGET_SERIES, TIME_UNITS, date_axis_labels, drawn_frame, heat_colour, label_skip, paler,
                         office_date_format, office_format, partial_rows, series_colour, series_title, tick_step,
                         value_axis_range)
from ..formatting import format_change, format_period, format_value, unit_word
from .model import BY_WORDS, ChartData, KpiRow, Report
from ..report_view.partial import partial_words
from .safe_text import is_formula_like
from .xlsx_points import add_line_chart

SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: A bracket that stands for the words before it ("CRR"), not one that adds to them ("(month)", "(mesec)").
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9]{1,7}")
# Excel number formats of KPI values by unit (durations are written in minutes), before their unit's words.
VALUE_FORMATS = {
    "%": "0.0", "score": "0.0#", "seconds": "#,##0.0", "count": "#,##0", "currency": "#,##0.00",
    "ratio": "0.00", "days": "0.0", "per_day": "0.0", "erlang": "0.00",
}
EXCEL_CHART = {"line": ("line", None), "bar": ("bar", None), "stacked": ("column", "stacked")}


def unique_sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters, unique
    ignoring case (``taken`` holds the lower-cased names already used and is updated).
    Long names lose their bracketed abbreviations first, then are cut between words.

    >>> taken = set()
    >>> unique_sheet_name("First response time by channel and agent", taken)
    'First response time by channel'
    >>> unique_sheet_name("Internal quality score (IQS) by agent", taken)
    'Internal quality score by agent'
    >>> unique_sheet_name("Customer retention rate (CRR) by referral source", taken)
    'CRR by referral source'
    >>> unique_sheet_name("NPS promoters, passives, detractors by month", taken)
    'NPS promoters by month'
    >>> unique_sheet_name("Расположење на друштвеним мрежама (месец)", taken)     # a period, not an abbreviation
    'Расположење на друштвеним'
    >>> unique_sheet_name("First response time by channel and team", taken)
    'First response time (2)'
    """
    base = " ".join(_BAD_SHEET_CHARS.sub(" ", wanted).split()).strip("'") or "Sheet"
    name = _fit(base, SHEET_NAME_MAX)
    n = 1
    while name.lower() in taken:
        n += 1
        suffix = f" ({n})"
        name = _fit(base, SHEET_NAME_MAX - len(suffix)) + suffix
    taken.add(name.lower())
    return name


def _fit(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, keeping what tells sheets apart: bracketed
    abbreviations dropped, or standing for the words before them ("CRR by referral source");
    else the words before a closing "by …" cut short."""
    if len(text) <= limit:
        return text
    plain = re.sub(r"\s*\([^)]*\)", "", text)
    if len(plain) <= limit:
        return plain
    first = re.match(r"^[^(]*\(([^)]+)\)", text)
    abbreviated = re.sub(r"^[^(]*\(([^)]+)\)", r"\1", text)
    if first and _ABBREVIATION.fullmatch(first.group(1)) and len(abbreviated) <= limit:
        return abbreviated
    head, by, tail = plain.rpartition(" by ")
    if head and len(by + tail) <= limit // 2:
        return _cut(head, limit - len(by + tail)) + by + tail
    return _cut(plain, limit)


def _cut(text: str, limit: int) -> str:
    """The words of ``text`` that fit in ``limit`` characters (a word is split only when it must be)."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space >= limit // 2 else text[:limit]
    words = cut.rstrip(" ,;:-–(").split()
    while len(words) > 2 and len(words[-1]) <= 3 and words[-1].islower():    # no "… per", "… a", "… by" left
        words.pop()
    return " ".join(words).rstrip(" ,;:-–(") or text[:limit]


def excel_value(value: float | None, unit: str) -> float | None:
    """A KPI value as written to a cell (durations: seconds -> minutes)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value) / 60 if unit == "seconds" else float(value)


def write_xlsx(report: Report, path: str | Path, reporter: Reporter | None = None) -> None:
    """Write the workbook of ``report`` to ``path`` (atomically).

    Parameters
    ----------
    report : Report
        What to write.
    path : str or Path
        The ``.xlsx`` file; an existing file is replaced only once the new one is complete.
    reporter : Reporter, optional
        Progress and cancellation.
    """
    write_with_atomic(path, lambda tmp: _write(report, tmp, reporter or Reporter()))


def _write(report: Report, target: Path, reporter: Reporter) -> None:
    book = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False, "nan_inf_to_errors": True})
    formats = _Formats(book)
    token = _FORMATS.set(formats)
    try:
        taken: set[str] = set()
        reporter.step(0.0, _("Summary sheet"))
        _summary_sheet(book, formats, report, unique_sheet_name(_("Summary"), taken))
        for i, chart in enumerate(report.charts):
            reporter.step((1 + i) / (len(report.charts) + 2), _("Sheet: {name}", name=chart.title))
            write_sheet = _heatmap_sheet if chart.kind == "heatmap" else _chart_sheet
            write_sheet(book, formats, report, chart, unique_sheet_name(chart.title, taken))
        _how_sheet(book, formats, report, unique_sheet_name(_("How computed"), taken))
        _sources_sheet(book, formats, report, unique_sheet_name(_("Sources"), taken))
        reporter.step(1.0, _("Workbook ready"))
    finally:
        _FORMATS.reset(token)
        book.close()


class _Formats:
    def __init__(self, book) -> None:
        self._book = book
        self._cache: dict[str, object] = {}
        self._specs: dict[int, dict] = {}           # id(format) -> the properties it was made with
        self._quoted: dict[int, object] = {}
        self.title = self._add({"bold": True, "font_size": 14})
        self.header = self._add({"bold": True, "bg_color": "#1F6FB2", "font_color": "#FFFFFF",
                                 "border": 1, "text_wrap": True, "valign": "vcenter"})
        self.text = self._add({"valign": "top"})
        self.wrap = self._add({"text_wrap": True, "valign": "top"})
        self.muted = self._add({"font_color": "#6B6B6B"})
        self.count = self._add({"num_format": office_format("#,##0")})     # 1.451 in Slovenian

    def _add(self, spec: dict):
        made = self._book.add_format(spec)
        self._specs[id(made)] = spec
        return made

    def number(self, num_format: str, colour: str | None = None):
        key = f"{num_format}|{colour}"
        if key not in self._cache:
            self._cache[key] = self._add({"num_format": num_format, **({"font_color": "#" + colour} if colour else {})})
        return self._cache[key]

    def quoted(self, cell_format=None):
        """``cell_format`` with Excel's quote prefix: the text is shown as it is ("+3.2 pp") and stays text when
        the cell is edited, where a leading apostrophe in the text itself showed in the cell ("'+3.2 pp")."""
        key = id(cell_format)
        if key not in self._quoted:
            self._quoted[key] = self._add({**self._specs.get(key, {}), "quote_prefix": True})
        return self._quoted[key]


#: The formats of the workbook being written (for :func:`_text`'s quote prefix).
_FORMATS: ContextVar[_Formats] = ContextVar("xlsx_formats")


SUMMARY_HEADER = (N_("KPI"), N_("Family"), N_("Value"), N_("Unit"), N_("n"), N_("Target"), N_("Previous"), N_("Change"),
                  N_("Change %"), N_("Shown as"), N_("Change shown as"), N_("KPI id"), N_("Note"), N_("Target met?"),
                  N_("Change against its noise"), N_("Change, 95 % interval from"), N_("to"), N_("In the deck"))


def _summary_sheet(book, fm: _Formats, report: Report, name: str) -> None:
    sheet = book.add_worksheet(name)
    _text(sheet, 0, 0, " — ".join(line for line in report.title_lines() if line), fm.title)
    _text(sheet, 1, 0, one_full_stop(_("Period: {period}. Made {made}.", period=report.period_label, made=_made(report))
                                     + (" " + report.notes[0] if report.notes else "")), fm.muted)
    for col, text in enumerate(SUMMARY_HEADER):
        _text(sheet, 3, col, _(text), fm.header)
    for i, row in enumerate(report.kpis, start=4):
        _summary_row(sheet, fm, report, i, row)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 2, 13)
    sheet.set_column(3, 3, 10)
    sheet.set_column(4, 8, 11)
    sheet.set_column(9, 10, 15)
    sheet.set_column(11, 11, 24)
    sheet.set_column(12, 12, 50)
    sheet.set_column(13, 14, 30)
    sheet.set_column(15, 17, 12)
    sheet.set_row(3, 45)                  # headers wrap in their narrow columns ("Sprememba, prikazana kot"): 3 lines
    sheet.freeze_panes(4, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)              # one page wide
    if report.kpis:
        sheet.autofilter(3, 0, 3 + len(report.kpis), len(SUMMARY_HEADER) - 1)


def summary_formats(unit: str) -> tuple[str, str]:
    """The Summary's number formats of a KPI's value and of its change, the unit written the report language's way
    (``0.0 %`` and ``+0.0 o. t.`` in Slovenian, minutes ``min`` / ``мин``; was `` pp``, `` days`` in every language).

    >>> summary_formats("%")
    ('0.0"\\xa0%"', '+0.0" pp";-0.0" pp";0.0" pp"')
    """
    number = VALUE_FORMATS.get(unit, "0.00")
    words = {"%": (_unit_words(5, "%"), _("{value} pp", value="")), "seconds": (_unit_words(300, "seconds"),) * 2,
             "days": (_unit_words(5, "days"),) * 2}.get(unit)
    if words is None:
        return office_format(number), office_format(number)
    value, change = (f'"{w.replace(chr(34), "")}"' for w in words)
    return (office_format(number + value),
            ";".join(office_format(f"{sign}{number}{change}") for sign in ("+", "-", "")))


def relative_format() -> str:
    """The Summary's relative change (a fraction shown as a percentage) as the language writes it.

    >>> relative_format()
    '+0.0"\\xa0"%;-0.0"\\xa0"%;0.0"\\xa0"%'
    """
    space = '"\xa0"' if _unit_words(5, "%")[:1].isspace() else ""
    return ";".join(office_format(f"{sign}0.0{space}%") for sign in ("+", "-", ""))


def _unit_words(value: float, unit: str) -> str:
    """What follows a number of ``unit`` as the language writes it (``\xa0min.``, ``\xa0дана``)."""
    return re.sub(r"^[\d.,\s]*\d", "", format_value(value, unit))


def _summary_row(sheet, fm: _Formats, report: Report, r: int, row: KpiRow) -> None:
    value_format, change_format = summary_formats(row.unit)
    colour = {"good": GOOD, "bad": BAD}.get(row.verdict)
    value_format, change_format = fm.number(value_format), fm.number(change_format, colour)
    _text(sheet, r, 0, row.label)
    _text(sheet, r, 1, family_label(row.family))
    _number(sheet, r, 2, excel_value(row.value, row.unit), value_format)
    _text(sheet, r, 3, _("minutes") if row.unit == "seconds" else unit_word(row.unit))
    sheet.write_number(r, 4, int(row.n), fm.count)
    _number(sheet, r, 5, excel_value(row.target, row.unit), value_format)
    _number(sheet, r, 6, excel_value(row.previous, row.unit), value_format)
    _number(sheet, r, 7, excel_value(row.change, row.unit), change_format)
    _number(sheet, r, 8, row.relative_change, fm.number(relative_format(), colour))
    _text(sheet, r, 9, row.value_text(report.currency))
    _text(sheet, r, 10, format_change(row.change, row.unit, report.currency, row.metric_id))
    _text(sheet, r, 11, row.metric_id)
    if row.note_text:                     # the card's words: reason or caveat, few units, a partial change
        _text(sheet, r, 12, row.note_text)
    target_colour = {"met": GOOD, "missed": BAD}.get(row.target_state or "")
    if row.target_words:
        _text(sheet, r, 13, row.target_words, fm.number("@", target_colour))
    if row.change_words:
        _text(sheet, r, 14, row.change_words, fm.number("@", colour))
    _number(sheet, r, 15, excel_value(row.change_low, row.unit), change_format)
    _number(sheet, r, 16, excel_value(row.change_high, row.unit), change_format)
    _text(sheet, r, 17, _("yes") if row.metric_id in report.shown else "")


def _made(report: Report) -> str:
    return f"{format_date(report.made_at)} {format_time(report.made_at.hour, report.made_at.minute)}"


def _text(sheet, r: int, c: int, text: str, cell_format=None) -> None:
    """A text cell. Text a spreadsheet could take for a formula ("+3.2 pp", "=HYPERLINK(…)") is a string cell with
    the quote prefix: shown as written, never run, and still text once the cell is edited (the CSV, which has no
    cell types, puts an apostrophe in the text instead)."""
    if is_formula_like(text):
        sheet.write_string(r, c, text, _FORMATS.get().quoted(cell_format))
    else:
        sheet.write_string(r, c, text, cell_format)


def _number(sheet, r: int, c: int, value: float | None, cell_format) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        sheet.write_blank(r, c, None, cell_format)
    else:
        sheet.write_number(r, c, value, cell_format)


def _chart_sheet(book, fm: _Formats, report: Report, chart: ChartData, name: str) -> None:
    sheet = book.add_worksheet(name)
    frame, axis = drawn_frame(chart, report.chart_currency(chart))
    unit_suffix = f" ({_(axis.label)})" if axis.label and axis.label not in ("count",) else ""
    _text(sheet, 0, 0, chart.title, fm.title)
    _text(sheet, 1, 0, " · ".join(t for t in (family_label(chart.family), report.period_label, chart.note) if t),
          fm.muted)                       # (chart.note: what every point rests on, the card's caveat)
    header = [_(BY_WORDS[chart.by]) if chart.by in BY_WORDS else (chart.by.capitalize() or _("Category")),
              *[f"{series_title(s)}{unit_suffix}" for s in frame.columns]]
    if chart.counts is not None:
        header.append("n")
    dates = _date_column(chart)
    date_col = len(header) if dates is not None else None
    if dates is not None:
        header.append(_("Period start"))
    partial = partial_rows(chart)
    if partial:
        header.append(_("Note"))
    for col, text in enumerate(header):
        _text(sheet, 3, col, text, fm.header)
    cell_format = fm.number(office_format(axis.number_format))
    count_col = len(frame.columns) + 1
    starts = _period_starts(chart)
    labels = chart.categories if starts is None else [format_period(d, chart.by) for d in starts]   # "maj 2026"
    for i, label in enumerate(labels, start=4):
        _text(sheet, i, 0, label)
        for j, series in enumerate(frame.columns, start=1):
            _number(sheet, i, j, _clean(frame[series].iloc[i - 4]), cell_format)
        if chart.counts is not None:
            sheet.write_number(i, count_col, int(chart.counts[i - 4]), fm.count)
        if dates is not None:
            sheet.write_datetime(i, date_col, dates[i - 4], fm.number(office_date_format("d mmm yyyy")))   # 1. maj 2026
        if i - 4 in partial:                  # "partial week": its total is not comparable with the others'
            _text(sheet, i, len(header) - 1, partial_words(chart.by), fm.muted)
    widths = [len(text) for text in header]
    widths[0] = max([widths[0], *map(len, labels)])        # "teden od 27. apr." whole
    widths[-1] = max(widths[-1], len(partial_words(chart.by)) if partial else 0)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, min(40, max(12, width + 2)))
    if max(widths[1:], default=0) + 2 > 40:
        sheet.set_row(3, 31)              # a long KPI name wraps onto a second line of its header, not cut
    sheet.freeze_panes(4, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 1)              # prints as one page: the table and its chart
    if chart.categories:
        sheet.insert_chart(3, len(header) + 1,
                           _excel_chart(book, chart, name, frame, axis, unit_suffix, date_col),
                           {"x_scale": 1.6, "y_scale": 1.5})


def _heatmap_sheet(book, fm: _Formats, report: Report, chart: ChartData, name: str) -> None:
    """A heat map as a table of counts coloured by Excel's own colour scale (it follows edits)."""
    sheet = book.add_worksheet(name)
    frame = chart.frame
    _text(sheet, 0, 0, chart.title, fm.title)
    _text(sheet, 1, 0, _("Contacts per weekday and hour of the day · {period}", period=report.period_label),
                       fm.muted)
    _text(sheet, 3, 0, _("Weekday"), fm.header)
    for j, column in enumerate(frame.columns, start=1):
        _text(sheet, 3, j, str(column), fm.header)
    for i, label in enumerate(frame.index, start=4):
        _text(sheet, i, 0, str(label))
        for j, value in enumerate(frame.iloc[i - 4].tolist(), start=1):
            _number(sheet, i, j, _clean(value), fm.count)
    last_row, last_col = 3 + len(frame), len(frame.columns)
    if len(frame) and last_col:
        sheet.conditional_format(4, 1, last_row, last_col, {
            "type": "3_color_scale", "min_type": "num", "min_value": 0, "min_color": "#" + heat_colour(0.0),
            "mid_type": "percent", "mid_value": 50, "mid_color": "#" + heat_colour(0.5),
            "max_type": "max", "max_color": "#" + heat_colour(1.0)})
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, max(1, last_col), 5)
    sheet.freeze_panes(4, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 1)


def _period_starts(chart: ChartData) -> list[datetime] | None:
    """The period starts of a chart over time (a trend, NPS parts per month) as datetimes, or None."""
    if not chart.period_starts or chart.by not in TIME_UNITS or len(chart.period_starts) != len(chart.categories):
        return None
    return [datetime.fromisoformat(d[:10]) for d in chart.period_starts]


def _date_column(chart: ChartData) -> list[datetime] | None:
    """The period starts of a trend as datetimes (a date axis in Excel), or None."""
    return _period_starts(chart) if chart.kind == "line" else None


def _clean(value) -> float | None:
    return None if value is None or math.isnan(float(value)) else float(value)


def _excel_chart(book, chart: ChartData, sheet_name: str, frame, axis, unit_suffix: str,
                 date_col: int | None = None):
    chart_type, subtype = EXCEL_CHART[chart.kind]
    options = {"type": chart_type, **({"subtype": subtype} if subtype else {})}
    excel = add_line_chart(book, options) if chart_type == "line" else book.add_chart(options)
    last = 3 + len(chart.categories)
    category_col = 0 if date_col is None else date_col
    for j, series in enumerate(frame.columns, start=1):
        colour = "#" + series_colour(chart, j - 1, series)
        spec = {"name": [sheet_name, 3, j], "categories": [sheet_name, 4, category_col, last, category_col],
                "values": [sheet_name, 4, j, last, j]}
        if chart.kind == "line":
            spec["line"] = {"color": colour, "width": 2.25}
            spec["marker"] = {"type": "circle", "size": 5, "fill": {"color": colour}, "border": {"color": colour}}
            if len(chart.categories) > 40 or series == TARGET_SERIES:
                spec["marker"] = {"type": "none"}
            elif j == 1 and partial_rows(chart):        # a partial period's point a ring on a dashed step, as in the window
                hollow = {"line": {"color": colour, "width": 2.25, "dash_type": "dash"},
                          "marker": {"type": "circle", "size": 6, "fill": {"none": True},
                                     "border": {"color": colour, "width": 1.5}}}
                spec["points"] = [hollow if i in partial_rows(chart) else None for i in range(len(chart.categories))]
            if series == TARGET_SERIES:
                spec["line"] = {"color": colour, "width": 1.5, "dash_type": "dash"}
        else:
            spec["fill"] = {"color": colour}
            spec["gap"] = 60
            if chart.kind == "stacked":
                spec["overlap"] = 100
                paled = {"fill": {"color": "#" + paler(colour[1:])}, "border": {"color": colour, "dash_type": "dash"}}
                if partial_rows(chart):                 # a partial period's bar paler, outlined dashed, as in the window
                    spec["points"] = [paled if i in partial_rows(chart) else None for i in range(len(chart.categories))]
        if chart.kind == "bar":
            spec["data_labels"] = {"value": True, "num_format": office_format(axis.number_format)}
        excel.add_series(spec)
    excel.set_title({"name": chart.title, "name_font": {"size": 13}})
    excel.set_legend({"position": "bottom"} if len(frame.columns) > 1 else {"none": True})
    y_axis = {"num_format": office_format(axis.number_format), "major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}}
    if unit_suffix:
        y_axis["name"] = _(axis.label)
    x_axis: dict = {}
    if chart.kind == "line":
        bounds = value_axis_range([v for s in frame.columns for v in frame[s].tolist()], chart.unit)
        if bounds:
            y_axis["min"], y_axis["max"] = bounds
            y_axis["major_unit"] = tick_step(*bounds)         # every tick round, both ends among them
        if date_col is None:
            x_axis["interval_unit"] = label_skip(len(chart.categories))
        else:
            x_axis.update(_date_axis_options(chart))
    elif chart.kind == "stacked":
        y_axis["min"] = 0
        x_axis["interval_unit"] = label_skip(len(chart.categories))
    else:
        # XlsxWriter's x axis of a bar chart is the horizontal value axis, its y axis the categories
        y_axis["min"] = min(0.0, float(frame.min().min()) if len(frame) else 0.0)
        top = float(frame.max().max()) if len(frame) else 0.0
        if chart.unit == "%" and 80 < top <= 100:
            y_axis["max"] = 100
        x_axis = {"reverse": True}             # first group at the top
        y_axis, x_axis = x_axis, y_axis
    excel.set_y_axis(y_axis)
    excel.set_x_axis(x_axis)
    excel.set_size({"width": 640, "height": 360})
    return excel


def _date_axis_options(chart: ChartData) -> dict:
    """A date axis labelled every few periods (LibreOffice ignores label skipping on text axes)."""
    number_format, unit, step = date_axis_labels(chart.by, [d.date() for d in _period_starts(chart)])
    return {"date_axis": True, "num_format": office_date_format(number_format), "major_unit": step,
            "major_unit_type": unit}


def _how_sheet(book, fm: _Formats, report: Report, name: str) -> None:
    sheet = book.add_worksheet(name)
    labels = {r.metric_id: r.label for r in report.kpis}
    for col, text in enumerate((_("KPI"), _("KPI id"), _("How it is computed"))):
        _text(sheet, 0, col, text, fm.header)
    for i, (metric_id, text) in enumerate(report.how_computed.items(), start=1):
        _text(sheet, i, 0, labels.get(metric_id, metric_id), fm.text)
        _text(sheet, i, 1, metric_id, fm.text)
        _text(sheet, i, 2, text.strip(), fm.wrap)
    if report.change_method:
        last = len(report.how_computed) + 2
        _text(sheet, last, 0, _("Changes"), fm.text)
        _text(sheet, last, 2, report.change_method, fm.wrap)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 2, 100)


def _sources_sheet(book, fm: _Formats, report: Report, name: str) -> None:
    sheet = book.add_worksheet(name)
    r = _block(sheet, fm, 0, _("Files"), (_("File"), _("Path"), _("Data kind"), _("Rows"), _("Preset")),
               [(s.name, s.path, s.kind_label, s.rows, s.preset_label) for s in report.sources])
    r = _block(sheet, fm, r + 1, _("Column mappings"),
               (_("File"), _("KPI Desk field"), _("Source column(s)"), _("Found by"), _("Why")),
               [(s.name, *row) for s in report.sources for row in s.mapping_rows()])
    r = _block(sheet, fm, r + 1, _("Parameters"), (_("KPI or global"), _("Parameter"), _("Value")),
               _parameter_rows(report.parameters))
    _block(sheet, fm, r + 1, _("Report"), (_("Item"), _("Value")),
           [(_("Period"), report.period_label), (_("Trends by"), _(BY_WORDS.get(report.by, report.by))),
            (_("Made"), _made(report)),
            *([(_("Changes compare with"), report.compared_with)] if report.compared_with else []),
            *[(_("Note"), str(n)) for n in report.notes]])
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 4, 30)


def _parameter_rows(parameters: dict) -> list[tuple[str, str, str]]:
    rows = []
    for scope, values in parameters.items():
        items = values.items() if isinstance(values, dict) else [("", values)]
        rows += [(str(scope), str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str))
                 for k, v in items]                       # € as it is, not "€" (a text in JSON's quotes)
    return rows


def _block(sheet, fm: _Formats, r: int, title: str, header: tuple, rows: list[tuple]) -> int:
    """Write a titled table from row ``r``; returns the next free row."""
    _text(sheet, r, 0, title, fm.title)
    for col, text in enumerate(header):
        _text(sheet, r + 1, col, text, fm.header)
    for i, values in enumerate(rows, start=r + 2):
        for col, value in enumerate(values):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(i, col, value, fm.count)
            else:
                _text(sheet, i, col, str(value))
    return r + 2 + len(rows) + 1
