"""The deck's appendix, when the owner asks for it: the data used, and how the KPIs were
computed (with how a change is judged against its noise)."""

from __future__ import annotations

import math
from typing import Any

from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from ..formatting import format_value
from ..i18n import _
from ..metrics.docs import detail_starts, setting_lines
from .model import Report
from .pptx_layout import BODY_TOP, MARGIN, SLIDE_W
from .pptx_parts import add_text

LINES_PER_PAGE = 27.7        # 12-pt lines between the date line under the title and the slide's foot


def sources_slide(slide, report: Report, _what: Any = None) -> None:
    lines = []
    for src in report.sources:
        values = {"name": src.name, "kind": src.kind_label, "rows": format_value(src.rows, "count")}
        lines.append(_("• {name}: {kind}, {rows} rows, read as an export from {preset}", preset=src.preset_label,
                       **values) if src.preset_label else _("• {name}: {kind}, {rows} rows", **values))
    if not lines:
        lines.append(_("• No files were recorded for this report."))
    lines.append("")
    lines.extend(setting_lines(report.parameters))
    lines.append("")
    lines.extend(report.notes)
    add_text(slide, Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN), Inches(5.6),
             "\n".join(lines[:22]), 14)


def short_how(text: str, metric_id: str = "") -> str:
    """The formula part of a "how computed" text (:func:`~metrics_core.metrics.docs.describe`'s, in the current
    language), for a slide: without the title line, the unit, the parameter list, the calculator inputs and the
    sources (the workbook keeps them)."""
    keep = []
    details = detail_starts()
    for i, line in enumerate(text.strip().splitlines()):
        line = line.strip()
        if not line or (i == 0 and metric_id and line.endswith(f"({metric_id})")):
            continue
        if line.startswith(details):
            continue
        keep.append(line)
    short = " ".join(" ".join(keep).split())
    return short if len(short) <= 300 else short[:short.rfind(" ", 0, 297)] + " …"


def entries_for(kpis: list[tuple[str, str]], texts: dict[str, str], change_method: str = "") -> list[tuple[str, str]]:
    """(label, formula) entries of the appendix for (metric id, label) pairs, with how changes are judged first."""
    entries = [(_("Changes"), change_method)] if change_method else []
    for metric_id, label in kpis:
        if texts.get(metric_id):
            entries.append((label, short_how(texts[metric_id], metric_id)))
    return entries


def how_entries(report: Report) -> list[tuple[str, str]]:
    rows = report.shown_kpis()
    return entries_for([(r.metric_id, r.label) for r in rows], report.how_computed, report.change_method)


def _entry_lines(entry: tuple[str, str]) -> float:
    """Lines an entry takes at 12 pt over 12.4 in (measured with LibreOffice's wider font)."""
    label, text = entry
    return math.ceil((len(label) + len(text) + 3) / 145) + 0.35


def pack(items: list, lines_of, budget: float) -> list[list]:
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


def how_pages(entries: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The entries spread over pages, balanced instead of leaving one entry on the last."""
    entries = entries or [(_("No KPIs"), _("No KPI could be computed from the files loaded."))]
    pages = pack(entries, _entry_lines, LINES_PER_PAGE)
    if len(pages) > 1:
        sizes = [_entry_lines(e) for e in entries]
        balanced = pack(entries, _entry_lines, sum(sizes) / len(pages) + max(sizes))
        pages = balanced if len(balanced) == len(pages) else pages
    return pages


def how_slide(slide, report: Report, page: list[tuple[str, str]]) -> None:
    # under the date line, where every content slide's body starts (it began at 1.05 in, when the slide had no line)
    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(BODY_TOP), Inches(SLIDE_W - 2 * MARGIN),
                                   Inches(7.15 - BODY_TOP))
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
