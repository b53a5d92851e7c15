"""The PowerPoint deck of a :class:`~metrics_core.export.model.Report` (16:9).

A short deck an owner can paste into a monthly meeting: a title slide; the chosen KPIs at a
glance (value, target met or missed, change against the comparison period and whether it is
larger than its noise); one slide per chosen KPI that answers one question with one chart and a
sentence that says what changed; a slide per chosen breakdown; when customers contact the
business; and, when asked for, an appendix (the data used, how the KPIs were computed).
:func:`slide_plan` lists the slides; :func:`planned_slide_count` counts them before the report is built.
"""

from __future__ import annotations


import logging
import math
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches

from ..atomic import write_with_atomic
from ..formatting import ENGLISH_WEEKDAYS, MISSING, format_change, format_day, format_value, weekday_name
from ..formatting_dates import keep_dates_whole
from ..i18n import _, ngettext
from ..progress import Reporter
from ..report_view.words import colour
from .chart_data import BAD, GOOD, NEUTRAL, busiest_cell
from .model import ChartData, KpiRow, Report, by_word
from .pptx_appendix import how_entries, how_pages, how_slide, short_how, sources_slide  # noqa: F401 (short_how)
from .pptx_layout import BODY_BOTTOM, BODY_TOP, BRAND, MARGIN, SLIDE_H, SLIDE_W, heading, title_size
from .pptx_parts import (MUTED, add_chart, add_heat_table, add_table, add_text, chart_title_size, one_line_size,
                         one_line_table, rgb, set_chart_title_size)
from .text_width import line_count

log = logging.getLogger(__name__)

SUMMARY_ROWS = 12
SUMMARY_SIZE, SUMMARY_FLOOR = 14, 10        # "At a glance": its table's text, set smaller only to keep rows on a line
SUMMARY_ROW_MAX, SUMMARY_NOTE = 0.62, 0.7   # its rows' largest height, and the room (in) kept under it for a note
VERDICT_COLOURS = {"good": GOOD, "bad": BAD, "neutral": NEUTRAL}
PANEL_W = 3.6
SENTENCE_SIZE, SENTENCE_GAP = 20, 0.3      # a slide's sentence (pt), and at least this much (in) under it
LINE_HEIGHT, TEXT_INSETS = 1.2, 0.1         # a line's height (in ems) and a text box's top and bottom insets (in)
PANEL_CHARS = 28            # characters of 16-point text a row of the panel holds, about (wider letters: fewer)


def write_pptx(report: Report, path: str | Path, reporter: Reporter | None = None) -> None:
    """Write the deck of ``report`` to ``path`` (atomically; an existing file is replaced only
    once the new one is complete)."""
    deck = build_presentation(report, reporter or Reporter())
    write_with_atomic(path, lambda tmp: deck.save(str(tmp)))


def slide_plan(report: Report) -> list[tuple[str, Any]]:
    """The deck's slides in order: ``(kind, what)`` with kind ``title``, ``summary`` (a page of
    rows), ``kpi`` (a row), ``breakdown`` / ``heatmap`` (a chart), ``sources``, ``how`` (a page)."""
    rows = report.shown_kpis()
    plan: list[tuple[str, Any]] = [("title", None)]
    plan += [("summary", page) for page in _chunks(rows + report.per_currency_kpis(), SUMMARY_ROWS)]
    heatmaps = report.heatmaps()
    for row in rows:
        if row.metric_id == "peak_hours":
            plan += [("heatmap", chart) for chart in heatmaps]
            continue
        plan.append(("kpi", row))
        plan += [("breakdown", chart) for chart in report.charts
                 if chart.kind == "bar" and chart.metric_id == row.metric_id]
    if not report.shown and not any(r.metric_id == "peak_hours" for r in rows):
        plan += [("heatmap", chart) for chart in heatmaps]          # a hand-made report without a choice
    if report.appendix:
        plan.append(("sources", None))
        plan += [("how", page) for page in how_pages(how_entries(report))]
    return plan


def planned_slide_count(kpis: list[tuple[str, str]], breakdowns: int, appendix: bool,
                        how_texts: dict[str, str] | None = None, change_method: str = "") -> int:
    """How many slides a deck will have, before its report is built: ``kpis`` are the
    (metric id, label) pairs shown (peak hours: a heat map), ``breakdowns`` the number of
    breakdown slides, and ``how_texts`` the appendix's texts per KPI.

    >>> planned_slide_count([("csat", "CSAT"), ("nps", "NPS"), ("peak_hours", "Peak hours")], 1, False)
    6
    """
    count = 1 + len(_chunks(kpis, SUMMARY_ROWS)) + len(kpis) + breakdowns
    if appendix:
        from .pptx_appendix import entries_for

        count += 1 + len(how_pages(entries_for(kpis, how_texts or {}, change_method)))
    return count


def build_presentation(report: Report, reporter: Reporter | None = None):
    """The :class:`pptx.Presentation` of ``report`` (not saved)."""
    reporter = reporter or Reporter()
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    plan = slide_plan(report)
    makers = {"title": _title_slide, "summary": _summary_slide, "kpi": _kpi_slide, "breakdown": _breakdown_slide,
              "heatmap": _heatmap_slide, "sources": sources_slide, "how": how_slide}
    headings = [slide_heading(report, kind, what) for kind, what in plan]
    size = title_size([title for title, _subtitle in filter(None, headings)])
    for i, ((kind, what), head) in enumerate(zip(plan, headings)):
        reporter.step(i / len(plan), _("Slide {number} of {count}", number=i + 1, count=len(plan)))
        slide = blank(deck)
        if head is not None:
            heading(slide, *head, size=size)
        makers[kind](slide, report, what)
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    chart_title = chart_title_size(charts)          # the charts' titles at one size too, each on one line
    for shape in charts:
        set_chart_title_size(shape.chart, chart_title)
    reporter.step(1.0, _("Deck ready"))
    return deck


def slide_heading(report: Report, kind: str, what: Any) -> tuple[str, str] | None:
    """A slide's title and the muted line under it (None for the title slide, which has its own). A breakdown is
    titled with its KPI's name, as the KPI's own slide before it, and its line says what it is broken down by:
    "CSAT (% satisfied)" over "By channel · 1 May 2026 – 31 Oct 2026" (as "CSAT (% satisfied) by channel" it
    wrapped in sl and ro, or took a smaller size than its neighbours)."""
    if kind == "summary":
        return _("At a glance"), period_line(report)
    if kind == "kpi":
        return what.label, period_line(report)
    if kind == "breakdown":
        label = next((row.label for row in report.kpis if row.metric_id == what.metric_id), what.title)
        return label, _("By {column} · {period}", column=by_word(what.by), period=report.period_label)
    if kind == "heatmap":
        return what.title, report.period_label
    if kind == "sources":
        return _("Data used"), report.period_label
    if kind == "how":              # its dates too, as "Data used" (it had no line: the only content slide without)
        return _("How these KPIs were computed"), report.period_label
    return None


def blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def period_line(report: Report) -> str:
    """'October 2026 · compared with September 2026' (or the period alone)."""
    if report.compared_with:
        return _("{period} · compared with {previous}", period=report.period_label, previous=report.compared_with)
    return report.period_label


def _title_slide(slide, report: Report, _what: Any = None) -> None:
    band = slide.shapes.add_shape(1, 0, Inches(2.2), Inches(SLIDE_W), Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = rgb(BRAND)
    band.line.fill.background()
    white = RGBColor(0xFF, 0xFF, 0xFF)
    first, second = report.title_lines()
    add_text(slide, Inches(0.8), Inches(2.45), Inches(11.7), Inches(1.0), first, 40, bold=True, colour=white)
    if second:
        add_text(slide, Inches(0.8), Inches(3.5), Inches(11.7), Inches(0.6), second, 24, colour=white)
    add_text(slide, Inches(0.8), Inches(5.2), Inches(11.7), Inches(0.5), _("Period: {period}",
             period=report.period_label), 20)
    made = format_day(report.made_at, "wide")
    add_text(slide, Inches(0.8), Inches(5.75), Inches(11.7), Inches(0.5),
             _("Made on {day} with KPI Desk", day=made), 16, colour=MUTED)
    _logo(slide, report.logo)


def _logo(slide, logo: str | None) -> None:
    """The owner's logo in the top right corner, at most 1.6 in high and 3 in wide."""
    if not logo:
        return
    try:
        from PIL import Image

        with Image.open(logo) as image:
            width, height = image.size
        scale = min(3.0 / width, 1.6 / height)
        slide.shapes.add_picture(str(logo), Inches(SLIDE_W - MARGIN - width * scale), Inches(0.35),
                                 Inches(width * scale), Inches(height * scale))
    except (OSError, ValueError) as exc:
        log.warning("logo %s left out: %s", logo, exc)


def target_cell(row: KpiRow, currency: str) -> str:
    """'✔ 85.0 % met', '✘ 15.0 % missed', the target alone without a direction, or '—'."""
    if row.target is None:
        return MISSING
    target = format_value(row.target, row.unit, currency)
    if row.on_target is True:
        return _("✔ {target} met", target=target)
    if row.on_target is False:
        return _("✘ {target} missed", target=target)
    return target


def change_text(row: KpiRow, currency: str = "€") -> str:
    """'▲ +2.3 pp' — the arrow and the signed change of a row without words, or '—'."""
    if row.change is None:
        return MISSING
    arrow = {"up": "▲", "down": "▼"}.get(row.direction, "")
    return f"{arrow} {format_change(row.change, row.unit, currency, row.metric_id)}".strip()


def _summary_slide(slide, report: Report, rows: list[KpiRow]) -> None:
    if not rows:
        add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(10), Inches(1),
                 _("No KPI could be computed from the files loaded."), 18)
        return
    compared = bool(report.compared_with)
    before = report.previous_label[:1].upper() + report.previous_label[1:]
    header = [_("KPI"), _("Value"), _("Target")] + ([before, _("Change")] if compared else [])
    table, colours = [header], {}
    for i, row in enumerate(rows, start=1):
        value = row.value_text(report.currency) + (f" {row.margin_words}" if row.margin_words else "")
        if row.few_units_short:         # as the card says under it: "18.2 %, too few to be sure"
            value = _("{value}, {note}", value=value, note=row.few_units_short)
        cells = [row.label, value, target_cell(row, report.currency)]
        colours[(i, 2)] = colour({True: "met", False: "missed"}.get(row.on_target))
        if compared:
            cells += [format_value(row.previous, row.unit, report.currency),
                      row.change_words or change_text(row, report.currency)]
            colours[(i, 4)] = colour(row.change_state) if row.change_state else VERDICT_COLOURS[row.verdict]
        table.append(cells)
    # every row on one line: the columns as wide as their texts, measured, at the one size the table fits
    size, widths = one_line_table(table, SLIDE_W - 2 * MARGIN, SUMMARY_SIZE, SUMMARY_FLOOR)
    # the rows share the slide's body down to its foot (under a note when there is no comparison), up to
    # SUMMARY_ROW_MAX each: at 0.5 in a row, eight KPIs ended 1.25 in above the foot, the slide's lower part empty
    room = BODY_BOTTOM - BODY_TOP - (0 if compared else SUMMARY_NOTE)
    row_height = round(min(SUMMARY_ROW_MAX, room / len(table)), 3)
    add_table(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN), table, widths, size=size,
              row_height=row_height, colours=colours)
    if not compared:
        note = report.notes[0] if report.notes else ""
        add_text(slide, Inches(MARGIN), Inches(BODY_TOP + row_height * len(table) + 0.2), Inches(SLIDE_W - 2 * MARGIN),
                 Inches(0.5), note, 13, colour=MUTED)


def _kpi_slide(slide, report: Report, row: KpiRow) -> None:
    top, bottom = sentence(slide, row.sentence, 2.25), BODY_BOTTOM
    chart_w = SLIDE_W - 2 * MARGIN - PANEL_W - 0.3
    trend = kpi_chart(report, row.metric_id)
    if row.metric_id == "staffing":             # one question (how many agents?), its two curves
        curves = [c for c in report.charts if c.metric_id == "staffing" and c.kind == "line"]
        height = (bottom - top - 0.15 * (len(curves) - 1)) / max(1, len(curves))
        for i, chart in enumerate(curves):
            add_chart(slide, chart, Inches(MARGIN), Inches(top + i * (height + 0.15)), Inches(chart_w),
                      Inches(height), report.chart_currency(chart))
    elif trend is not None:
        add_chart(slide, trend, Inches(MARGIN), Inches(top), Inches(chart_w), Inches(bottom - top),
                  report.chart_currency(trend))
    else:
        add_text(slide, Inches(MARGIN), Inches(top + 1.5), Inches(chart_w), Inches(0.6),
                 _("Not enough periods in the files to draw a trend."), 16, colour=MUTED)
    left = Inches(SLIDE_W - MARGIN - PANEL_W)
    value = row.value_text(report.currency)
    add_text(slide, left, Inches(top + 0.1), Inches(PANEL_W), Inches(0.9), value, one_line_size(value, PANEL_W, 36),
             bold=True)
    lines = [(row.margin_words, None), (row.change_words, row.change_state), (row.target_words, row.target_state),
             (basis(row), None), (row.few_units, None), (row.caveat, None)]
    y = top + 1.1
    for text, state in lines:
        if not text:
            continue
        text = keep_dates_whole(text)       # ro "în perioada 1 mai – 31 oct." broke before its "2026"
        # a line of more than two rows (a few-units rate's range) pushes the next one down: "over 15 Aug 2025 …"
        # was drawn over its last rows
        rows = max(2, math.ceil(len(text) / PANEL_CHARS))
        add_text(slide, left, Inches(y), Inches(PANEL_W), Inches(0.75 + 0.27 * (rows - 2)), text, 16,
                 colour=rgb(colour(state)) if state else MUTED, bold=state in ("better", "worse", "met", "missed"))
        y += 0.8 + 0.27 * (rows - 2)


def sentence(slide, text: str, chart_top: float) -> float:
    """A slide's sentence (20 pt, bold) under its heading, in a box as high as its lines, measured
    (:func:`~.text_width.line_count`); returns where the chart under it starts: ``chart_top``, or lower when the
    sentence would come within :data:`SENTENCE_GAP` of it (ro's two lines ended 0.15 in above the chart)."""
    width = SLIDE_W - 2 * MARGIN
    height = TEXT_INSETS + line_count(text, (width - 0.2) * 72, SENTENCE_SIZE) * SENTENCE_SIZE * LINE_HEIGHT / 72
    add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(width), Inches(height), text, SENTENCE_SIZE, bold=True)
    return max(chart_top, round(BODY_TOP + height + SENTENCE_GAP, 3))


def kpi_chart(report: Report, metric_id: str) -> ChartData | None:
    """The one chart of a KPI's slide: its trend, else its parts over time (NPS), else None."""
    own = [c for c in report.charts if c.metric_id == metric_id]
    return next((c for kind in ("line", "stacked") for c in own if c.kind == kind), None)


def basis(row: KpiRow) -> str:
    """What a KPI rests on, for the panel of its slide: its card's line (:attr:`KpiRow.basis`, "from 7 people, too
    few to be sure") as a line of its own, "From 7 people, too few to be sure" — not "Based on 7 rows of data"
    where the card counts people."""
    return row.basis[:1].upper() + row.basis[1:]


def _breakdown_slide(slide, report: Report, chart: ChartData) -> None:
    top = sentence(slide, breakdown_sentence(chart, report.chart_currency(chart)), 2.1)
    add_chart(slide, chart, Inches(MARGIN), Inches(top), Inches(SLIDE_W - 2 * MARGIN), Inches(BODY_BOTTOM - top),
              report.chart_currency(chart))


def breakdown_sentence(chart: ChartData, currency: str = "€") -> str:
    """'Highest: Chat, 92.0 %; lowest: Email, 71.0 %.' for a bar chart (bars sorted highest first)."""
    values = [(label, v) for label, v in zip(chart.categories, chart.values(chart.series_names[0])) if v is not None]
    if len(values) < 2:
        return ""
    (top, high), (bottom, low) = values[0], values[-1]
    return _("Highest: {top}, {high}; lowest: {bottom}, {low}.", top=top, bottom=bottom,
             high=format_value(high, chart.unit, currency), low=format_value(low, chart.unit, currency))


def _heatmap_slide(slide, report: Report, chart: ChartData) -> None:
    """A whole slide for a heat map (weekdays x hours): a coloured table and what it says."""
    busiest = busiest_cell(chart)
    if busiest is not None:           # one line in every language; the advice goes under the table
        day, hour, count = busiest
        headline = ngettext("Busiest: {day} {hour}:00–{hour}:59, with {count} contact.",
                            "Busiest: {day} {hour}:00–{hour}:59, with {count} contacts.", int(count),
                            day=weekday_name(day) if day in ENGLISH_WEEKDAYS else day, hour=f"{int(hour):02d}",
                            count=format_value(count, "count"))
        add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN), Inches(0.5), headline,
                 one_line_size(headline, SLIDE_W - 2 * MARGIN, 20, minimum=16), bold=True)
    add_heat_table(slide, chart, Inches(MARGIN), Inches(BODY_TOP + 0.8), Inches(SLIDE_W - 2 * MARGIN),
                   Inches(3.9))
    caption = [_("Contacts per weekday (rows) and hour of the day (columns); the darker the cell, the more contacts."),
               *([_("Plan the most people for the darkest cells.")] if busiest is not None else [])]
    add_text(slide, Inches(MARGIN), Inches(BODY_TOP + 4.9), Inches(SLIDE_W - 2 * MARGIN), Inches(0.7),
             "\n".join(caption), 14, colour=MUTED)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]

