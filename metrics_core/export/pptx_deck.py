"""The PowerPoint deck of a :class:`~metrics_core.export.model.Report` (16:9).

Slides: a title slide; the headline KPIs against targets and the previous period;
one slide per KPI family with data (native, editable charts with their data
embedded, and the family's values in a table); when customers contact the business
(a weekday x hour heat map); the data used; and "How these KPIs were computed".
"""

from __future__ import annotations

import math
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from ..metrics.model import family_label
from ..i18n import _
from ..atomic import write_with_atomic
from ..catalogue import KINDS_BY_NAME
from ..mapping.presets import PRESETS_BY_NAME
from ..progress import Reporter
from .chart_data import BAD, GOOD, NEUTRAL, busiest_cell
from ..formatting import ENGLISH_WEEKDAYS, MISSING, format_change, format_day, format_value, weekday_name
from .model import ChartData, KpiRow, Report
from .pptx_parts import MUTED, add_chart, add_heat_table, add_table, add_text, rgb

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.45
BODY_TOP = 1.3
BODY_BOTTOM = 7.05
ARROWS = {"up": "▲", "down": "▼", "flat": "►", "": ""}
VERDICT_COLOURS = {"good": GOOD, "bad": BAD, "neutral": NEUTRAL}
CHARTS_PER_SLIDE = 2


def write_pptx(report: Report, path: str | Path, reporter: Reporter | None = None) -> None:
    """Write the deck of ``report`` to ``path`` (atomically).

    Parameters
    ----------
    report : Report
        What to show.
    path : str or Path
        The ``.pptx`` file; an existing file is replaced only once the new one is complete.
    reporter : Reporter, optional
        Progress and cancellation.
    """
    deck = build_presentation(report, reporter or Reporter())
    write_with_atomic(path, lambda tmp: deck.save(str(tmp)))


def build_presentation(report: Report, reporter: Reporter | None = None):
    """The :class:`pptx.Presentation` of ``report`` (not saved)."""
    reporter = reporter or Reporter()
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    families = report.families_with_data()
    steps = 3 + len(families)
    reporter.step(0.0, _("Title slide"))
    _title_slide(deck, report)
    reporter.step(1 / steps, _("Summary of headline KPIs"))
    _summary_slides(deck, report)
    for i, (family, label) in enumerate(families):
        reporter.step((2 + i) / steps, _("Slide: {name}", name=label))
        _family_slides(deck, report, family, label)
    for chart in report.heatmaps():
        _heatmap_slide(deck, report, chart)
    reporter.step((steps - 1) / steps, _("How these KPIs were computed"))
    _sources_slide(deck, report)
    _how_computed_slides(deck, report)
    reporter.step(1.0, _("Deck ready"))
    return deck


def _blank(deck):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _heading(slide, title: str, subtitle: str = "") -> None:
    bar = slide.shapes.add_shape(1, 0, 0, Inches(SLIDE_W), Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb("1F6FB2")
    bar.line.fill.background()
    add_text(slide, Inches(MARGIN), Inches(0.25), Inches(SLIDE_W - 2 * MARGIN), Inches(0.6), title, 28, bold=True)
    if subtitle:
        add_text(slide, Inches(MARGIN), Inches(0.85), Inches(SLIDE_W - 2 * MARGIN), Inches(0.35), subtitle, 14,
                 colour=MUTED)


def _title_slide(deck, report: Report) -> None:
    slide = _blank(deck)
    band = slide.shapes.add_shape(1, 0, Inches(2.2), Inches(SLIDE_W), Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = rgb("1F6FB2")
    band.line.fill.background()
    white = RGBColor(0xFF, 0xFF, 0xFF)
    add_text(slide, Inches(0.8), Inches(2.45), Inches(11.7), Inches(1.0), report.business_name or report.title,
             40, bold=True, colour=white)
    add_text(slide, Inches(0.8), Inches(3.5), Inches(11.7), Inches(0.6), report.title, 24, colour=white)
    add_text(slide, Inches(0.8), Inches(5.2), Inches(11.7), Inches(0.5), _("Period: {period}", period=report.period_label), 20)
    made = format_day(report.made_at, "wide")
    add_text(slide, Inches(0.8), Inches(5.75), Inches(11.7), Inches(0.5), _("Made on {day} with KPI Desk", day=made), 16,
             colour=MUTED)


def change_text(row: KpiRow, currency: str = "€") -> str:
    """'▲ +2.3 pp' — the arrow and the signed change, or '—'."""
    if row.change is None:
        return MISSING
    return f"{ARROWS[row.direction]} {format_change(row.change, row.unit, currency)}".strip()


def _summary_rows(report: Report, rows: list[KpiRow]) -> tuple[list[list[str]], dict]:
    previous = _("previous period") if report.previous_label == "previous period" else report.previous_label
    table = [[_("KPI"), _("Value"), _("Target"), previous[:1].upper() + previous[1:], _("Change")]]
    colours: dict[tuple[int, int], str] = {}
    for i, row in enumerate(rows, start=1):
        fmt = lambda v: format_value(v, row.unit, report.currency)  # noqa: E731
        table.append([row.label, row.value_text(report.currency), fmt(row.target) if row.target is not None else MISSING,
                      fmt(row.previous), change_text(row, report.currency)])
        colours[(i, 4)] = VERDICT_COLOURS[row.verdict]
        if row.on_target is not None:
            colours[(i, 1)] = GOOD if row.on_target else BAD
    return table, colours


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _summary_slides(deck, report: Report) -> None:
    rows = [r for r in report.kpis if r.value is not None]
    pages = _pack_rows(rows, 36, 12.5) if rows else [[]]
    for page_no, page in enumerate(pages, start=1):
        slide = _blank(deck)
        title = (_("Headline KPIs ({page} of {pages})", page=page_no, pages=len(pages)) if len(pages) > 1
                 else _("Headline KPIs"))
        _heading(slide, title, _("{period} · compared with {previous}", period=report.period_label,
                                 previous=report.compared_with))
        if not page:
            add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(10), Inches(1),
                     _("No KPI could be computed from the files loaded."), 18)
            continue
        table, colours = _summary_rows(report, page)
        add_table(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN), table,
                  [4.6, 2.0, 1.8, 2.0, 2.0], size=14, row_height=0.4, colours=colours)


def _family_table(report: Report, rows: list[KpiRow]) -> tuple[list[list[str]], dict]:
    table = [[_("KPI"), _("Value"), _("Change")]]
    colours = {}
    for i, row in enumerate(rows, start=1):
        table.append([row.label, row.value_text(report.currency), change_text(row, report.currency)])
        colours[(i, 2)] = VERDICT_COLOURS[row.verdict]
    return table, colours


def _pack_rows(rows: list[KpiRow], chars_per_line: int, budget_lines: float) -> list[list[KpiRow]]:
    """Split table rows into pages so that their wrapped labels fit ``budget_lines`` lines."""
    return _pack(rows, lambda row: 1 + 0.55 * (math.ceil(len(row.label) / chars_per_line) - 1), budget_lines)


def _pack(items: list, lines_of, budget: float) -> list[list]:
    """Items in order, a new page whenever the next one would pass ``budget`` lines (``lines_of(item)`` each)."""
    pages: list[list] = [[]]
    used = 0.0
    for item in items:
        lines = lines_of(item)
        if pages[-1] and used + lines > budget:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += lines
    return pages


def _family_slides(deck, report: Report, family: str, label: str) -> None:
    kpis = report.family_kpis(family)
    charts = report.family_charts(family)
    kpi_pages = _pack_rows(kpis, 25 if charts else 60, 11)
    chart_pages = _chunks(charts, CHARTS_PER_SLIDE)
    pages = max(len(kpi_pages), len(chart_pages))
    for p in range(pages):
        slide = _blank(deck)
        name = family_label(family)
        title = _("{family} ({page} of {pages})", family=name, page=p + 1, pages=pages) if pages > 1 else name
        _heading(slide, title, report.period_label)
        page_charts = chart_pages[p] if p < len(chart_pages) else []
        page_kpis = kpi_pages[p] if p < len(kpi_pages) else []
        _lay_out_family(slide, report, page_charts, page_kpis)


def _lay_out_family(slide, report: Report, charts, kpis) -> None:
    body_h = BODY_BOTTOM - BODY_TOP
    table_w = 5.2 if charts and kpis else SLIDE_W - 2 * MARGIN
    chart_w = SLIDE_W - 2 * MARGIN - (table_w + 0.3 if kpis else 0)
    gap = 0.2
    chart_h = (body_h - gap * (len(charts) - 1)) / max(1, len(charts))
    for i, chart in enumerate(charts):
        top = BODY_TOP + i * (chart_h + gap)
        add_chart(slide, chart, Inches(MARGIN), Inches(top), Inches(chart_w), Inches(chart_h), report.currency)
    if kpis:
        table, colours = _family_table(report, kpis)
        left = MARGIN + (chart_w + 0.3 if charts else 0)
        widths = [2.3, 1.25, 1.65] if charts else [6.4, 2.6, 3.0]
        add_table(slide, Inches(left), Inches(BODY_TOP), Inches(table_w), table, widths,
                  size=12 if charts else 14, row_height=0.44 if charts else 0.4, colours=colours)


def _heatmap_slide(deck, report: Report, chart: ChartData) -> None:
    """A whole slide for a heat map (weekdays x hours): a coloured table and what it says."""
    slide = _blank(deck)
    _heading(slide, chart.title, report.period_label)
    add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN), Inches(0.4),
             _("Contacts per weekday (rows) and hour of the day (columns); the darker the cell, the more contacts."),
             14, colour=MUTED)
    add_heat_table(slide, chart, Inches(MARGIN), Inches(BODY_TOP + 0.55), Inches(SLIDE_W - 2 * MARGIN),
                   Inches(3.9))
    busiest = busiest_cell(chart)
    if busiest is not None:
        day, hour, count = busiest
        add_text(slide, Inches(MARGIN), Inches(BODY_TOP + 4.7), Inches(SLIDE_W - 2 * MARGIN), Inches(0.5),
                 _("Busiest: {day} {hour}:00–{hour}:59, with {count} contacts. Plan the most people for the darkest "
                   "cells.", day=weekday_name(day) if day in ENGLISH_WEEKDAYS else day, hour=f"{int(hour):02d}", count=format_value(count, "count")), 16, bold=True)


def _sources_slide(deck, report: Report) -> None:
    slide = _blank(deck)
    _heading(slide, _("Data used"), report.period_label)
    lines = []
    for src in report.sources:
        preset = (src.mapping or {}).get("preset")
        rows = format_value(src.rows, "count")
        lines.append(_("• {name}: {kind}, {rows} rows, read as a {preset} export", name=src.name,
                       kind=_kind_label(src.kind), rows=rows, preset=_preset_label(preset)) if preset else
                     _("• {name}: {kind}, {rows} rows", name=src.name, kind=_kind_label(src.kind), rows=rows))
    if not lines:
        lines.append(_("• No files were recorded for this report."))
    lines.append("")
    lines.extend(_parameter_lines(report.parameters))
    lines.append("")
    lines.extend(str(n) for n in report.notes)
    text = "\n".join(lines[:22])
    add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN), Inches(5.6), text, 14)


def _kind_label(kind: str) -> str:
    """'Call intervals (ACD)' for 'call_intervals'; unknown kinds as they are, readable."""
    spec = KINDS_BY_NAME.get(kind)
    return _(spec.label) if spec is not None else kind.replace("_", " ").capitalize()


def _preset_label(preset: str) -> str:
    """'Zendesk' for 'zendesk'."""
    found = PRESETS_BY_NAME.get(preset)
    return found.label if found is not None else preset


def _parameter_lines(parameters: dict) -> list[str]:
    lines = []
    for metric_id, values in parameters.items():
        if isinstance(values, dict) and values:
            shown = ", ".join(f"{k} = {_plain(v)}" for k, v in list(values.items())[:6])
            lines.append(_("• Settings for {kpi}: {values}", kpi=metric_id, values=shown))
    return lines or [_("• All KPI settings at their defaults.")]


def _plain(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k} {_plain(v)}" for k, v in value.items()) or "none"
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value) or "none"
    return str(value)


def short_how(text: str, metric_id: str = "") -> str:
    """The formula part of a "how computed" text, for a slide: without the title line,
    the parameter list, the calculator inputs and the sources (the workbook keeps them)."""
    keep = []
    for i, line in enumerate(text.strip().splitlines()):
        line = line.strip()
        if not line or (i == 0 and metric_id and line.endswith(f"({metric_id})")):
            continue
        if line.startswith(("•", "From totals:", "Source:", "Unit:")):
            continue
        keep.append(line)
    short = " ".join(" ".join(keep).split())
    return short if len(short) <= 300 else short[:short.rfind(" ", 0, 297)] + " …"


def _how_entries(report: Report) -> list[tuple[str, str]]:
    labels = {r.metric_id: r.label for r in report.kpis}
    shown = [r.metric_id for r in report.kpis if r.value is not None]
    order = shown + [m for m in report.how_computed if m not in shown]
    entries = []
    for metric_id in order:
        text = report.how_computed.get(metric_id)
        if text:
            entries.append((labels.get(metric_id, metric_id), short_how(text, metric_id)))
    return entries


def _entry_lines(entry: tuple[str, str]) -> float:
    """Lines an entry takes at 12 pt over 12.4 in (measured with LibreOffice's wider font)."""
    label, text = entry
    return math.ceil((len(label) + len(text) + 3) / 145) + 0.35


def _pack_entries(entries: list[tuple[str, str]], budget: float) -> list[list[tuple[str, str]]]:
    return _pack(entries, _entry_lines, budget)


def _how_computed_slides(deck, report: Report) -> None:
    entries = _how_entries(report) or [(_("No KPIs"), _("No KPI could be computed from the files loaded."))]
    pages = _pack_entries(entries, 29.0)
    if len(pages) > 1:          # balance the pages instead of leaving one entry on the last
        sizes = [_entry_lines(e) for e in entries]
        balanced = _pack_entries(entries, sum(sizes) / len(pages) + max(sizes))
        pages = balanced if len(balanced) == len(pages) else pages
    for n, page in enumerate(pages, start=1):
        slide = _blank(deck)
        _heading(slide, _("How these KPIs were computed ({page} of {pages})", page=n, pages=len(pages))
                 if len(pages) > 1 else _("How these KPIs were computed"))
        box = slide.shapes.add_textbox(Inches(MARGIN), Inches(1.05), Inches(SLIDE_W - 2 * MARGIN), Inches(6.1))
        frame = box.text_frame
        frame.word_wrap = True
        for i, (label, text) in enumerate(page):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.LEFT
            para.space_after = Pt(5)
            head = para.add_run()
            head.text = f"{label}: "
            head.font.bold = True
            head.font.size = Pt(12)
            body = para.add_run()
            body.text = text
            body.font.size = Pt(12)
