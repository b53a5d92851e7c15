"""The monthly deck as a shop owner pastes it into a report (session 19, docs/screen_reviews/deck19.md): the demo's
last complete month compared with the month before (``--period last-month --appendix --breakdown csat=channel``) in
every language. Widths are measured with the font LibreOffice draws the deck in (:mod:`.drawn_text`), not with the
deck's own table; counts are written with the catalogue's own plural forms."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Emu

from metrics_core.cli import main
from metrics_core.i18n import _, language, ngettext

from .drawn_text import drawn_width, needs_font

LANGUAGES = ["en", "sl", "ro", "sv", "sr", "sr-Latn"]
CELL_MARGINS_PT = 0.16 * 72          # a table cell's left and right margins


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("monthly")
    out = {}
    for code in LANGUAGES:
        path = folder / f"{code}.pptx"
        assert main(["report", "--demo", "--appendix", "--breakdown", "csat=channel", "--period", "last-month",
                     "--lang", code, "--out", str(path)]) == 0
        out[code] = Presentation(str(path))
    return out


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _slide_titled(deck, title: str):
    return next(slide for slide in deck.slides if title in _texts(slide))


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_abandonment_slide_counts_calls_and_csat_answers(decks, code):
    """deck18: "From 3,501 rows" (sl "Iz 3.501 vrstice") on call abandonment's panel, "From 2,588 rows" on CSAT's:
    each KPI reads several kinds of file, so its count fell back to rows. Each now names what its rows are."""
    deck = decks[code]
    with language(code):
        for label, one, many in (("Call abandonment rate", "from {count} call", "from {count} calls"),
                                 ("CSAT (% satisfied)", "from {count} answer", "from {count} answers")):
            panel = [t for t in _texts(_slide_titled(deck, _(label)))
                     if t[:1].isupper() and any(c.isdigit() for c in t)]
            counted = [t for t in panel if any(t == _cap(ngettext(one, many, n, count=_number(n))) for n in _counts(t))]
            rows = [t for t in panel if any(t == _cap(ngettext("from {count} row", "from {count} rows", n,
                                                                 count=_number(n))) for n in _counts(t))]
            assert counted and not rows, (label, panel)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _counts(text: str) -> list[int]:
    digits = "".join(c for c in text if c.isdigit())
    return [int(digits)] if digits else []


def _number(n: int) -> str:
    from metrics_core.formatting import format_value

    return format_value(n, "count")


@needs_font
@pytest.mark.parametrize("code", LANGUAGES)
def test_at_a_glance_keeps_every_row_on_one_line_at_one_size(decks, code):
    """deck18: at 14 pt in columns set by hand, ro, sl and sr KPI names and "no clear change (+3.2 pp)" took two
    lines. Every cell's text now fits its column's width (less its margins), all at one size; English stays 14.
    Each cell is measured in the weight it is drawn in (the header bold, the rows regular)."""
    table = next(shape for shape in decks[code].slides[1].shapes if shape.has_table).table
    sizes = {run.font.size.pt for row in table.rows for cell in row.cells
             for run in cell.text_frame.paragraphs[0].runs}
    assert len(sizes) == 1, sizes
    size = sizes.pop()
    assert 10 <= size <= 14 and (size == 14 or code != "en"), size
    for j, column in enumerate(table.columns):
        room = Emu(column.width).pt - CELL_MARGINS_PT
        for i, row in enumerate(table.rows):
            text, bold = row.cells[j].text_frame.text, _bold(row.cells[j])
            assert drawn_width(text, size, bold) <= room, f"row {i}, column {j}: {text!r} wraps at {size} pt"


def _bold(cell) -> bool:
    return all(run.font.bold for run in cell.text_frame.paragraphs[0].runs)


@needs_font
@pytest.mark.parametrize("code", LANGUAGES)
def test_at_a_glance_is_at_the_largest_size_its_rows_fit(decks, code):
    """deck19: ro's table was set at 11 pt, its regular cells measured with bold widths (wider). One point larger,
    the columns' widest texts as drawn (the header bold, the rows regular), each with its cell's margins and
    0.1 in, no longer fit the table's width; or the table is at its largest size, 14 pt."""
    shape = next(shape for shape in decks[code].slides[1].shapes if shape.has_table)
    table = shape.table
    size = table.rows[0].cells[0].text_frame.paragraphs[0].runs[0].font.size.pt
    if size == 14:
        return
    needs = sum(max(drawn_width(cell.text_frame.text, size + 1, _bold(cell)) for cell in column_cells)
                + CELL_MARGINS_PT + 0.1 * 72
                for column_cells in zip(*(row.cells for row in table.rows)))
    assert needs > Emu(shape.width).pt, (size, needs, Emu(shape.width).pt)


@needs_font
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_kpi_slides_sentence_is_as_high_as_its_lines_and_clear_of_its_chart(decks, code):
    """deck18: the ro CSAT sentence took two lines at 20 pt in a box 0.8 in high and ended about 0.15 in above the
    chart. Each KPI slide's sentence box holds its lines (wrapped as LibreOffice wraps them, measured with the
    font), and the chart starts at least 0.3 in under it."""
    for number, slide in enumerate(decks[code].slides, start=1):
        charts = [shape for shape in slide.shapes if shape.has_chart]
        sentences = [shape for shape in slide.shapes if shape.has_text_frame and shape.top == Emu(1188720)]
        if not charts or not sentences:
            continue
        box = sentences[0]
        lines = _drawn_lines(box.text_frame.text, Emu(box.width).pt - 14.4, 20)
        needed = 0.1 * 72 + lines * 20 * 1.17
        assert Emu(box.height).pt >= needed, (number, box.text_frame.text, lines)
        assert min(Emu(c.top).pt for c in charts) - Emu(box.top + box.height).pt >= 0.3 * 72 - 0.5, number


def _drawn_lines(text: str, room: float, size: float) -> int:
    lines, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and drawn_width(trial, size) > room:
            lines, line = lines + 1, word
        else:
            line = trial
    return lines


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_method_slide_has_its_date_line_under_its_title_and_its_text_under_that(decks, code):
    """deck18: "How these KPIs were computed" was the only content slide without the period under its title."""
    deck = decks[code]
    with language(code):
        slide = _slide_titled(deck, _("How these KPIs were computed"))
        sources = _slide_titled(deck, _("Data used"))
    line = [s for s in slide.shapes if s.has_text_frame and s.top == Emu(777240)]
    assert line and line[0].text_frame.text == [s for s in sources.shapes if s.has_text_frame
                                                and s.top == Emu(777240)][0].text_frame.text != ""
    body = max((s for s in slide.shapes if s.has_text_frame), key=lambda s: len(s.text_frame.text))
    assert body.top >= line[0].top + line[0].height


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_trends_months_are_named_as_the_decks_other_dates(decks, code):
    """deck18: sl trend axes wrote "okt 2026" (a date axis: LibreOffice's own month names) beside "31. okt. 2026" in
    the titles (CLDR). Every trend's months are written as the deck's texts write a month: the six months of most
    trends each labelled, CRR's twelve every other month (the others blank, as its date axis thinned them)."""
    from datetime import date

    from metrics_core.formatting import format_month

    trends = [shape.chart for slide in decks[code].slides for shape in slide.shapes
              if shape.has_chart and "LINE" in str(shape.chart.chart_type)]
    with language(code):
        months = {format_month(date(year, month, 1)) for year in (2025, 2026) for month in range(1, 13)}
        six = [format_month(date(2026, month, 1)) for month in range(5, 11)]
    assert len(trends) >= 7
    lengths = set()
    for chart in trends:
        labels = [str(label) for label in chart.plots[0].categories]
        named = [label for label in labels if label not in ("", "None")]
        assert named and set(named) <= months, labels
        assert chart._chartSpace.find(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}dateAx") is None
        lengths.add(len(labels))
        if len(labels) == 6:
            assert labels == six
        else:
            assert len(named) == len(labels) // 2 and labels[0] == named[0], labels
    assert lengths == {6, 12}


@pytest.mark.parametrize("code", LANGUAGES)
def test_data_used_writes_its_last_day_as_the_decks_other_dates(decks, code):
    """deck19: sl "Data used" said the trends show 12 months "do 31. oktober 2026", the month in full, where the
    deck's other days are short ("31. okt. 2026", as a saved-dates deck's titles write its last day)."""
    from datetime import date

    from metrics_core.formatting_dates import format_day

    with language(code):
        slide = _slide_titled(decks[code], _("Data used"))
        short, wide = format_day(date(2026, 10, 31)), format_day(date(2026, 10, 31), "wide")
    text = "\n".join(_texts(slide))
    assert short != wide and short in text and wide not in text, text


@pytest.mark.parametrize("code", LANGUAGES)
def test_at_a_glance_fills_its_slide(decks, code):
    """deck19: the At a glance table (eight KPIs, rows 0.5 in high) ended at 5.8 in, the lower quarter of its slide
    empty. Its rows now share the slide's body, 1.3 in to 7.05 in (every other slide's foot), within a quarter
    inch, each row as high as the others and no higher than 0.62 in."""
    shape = next(shape for shape in decks[code].slides[1].shapes if shape.has_table)
    heights = {Emu(row.height).inches for row in shape.table.rows}
    assert len(heights) == 1 and heights.pop() <= 0.62
    bottom = Emu(shape.top).inches + sum(Emu(row.height).inches for row in shape.table.rows)
    assert 7.05 - 0.25 <= bottom <= 7.05 + 1e-6, bottom


# deck21: how many months the trends draw, as each language says "6 to 12 months" (written by hand)
SIX_TO_TWELVE = {"en": "6 to 12 months", "sl": "od 6 do 12 mesecev", "ro": "între 6 și 12 luni",
                 "sv": "6 till 12 månader", "sr": "од 6 до 12 месеци", "sr-Latn": "od 6 do 12 meseci"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_data_used_counts_the_months_the_trends_draw(decks, code):
    """deck20: sl "Data used" said "Trendi … prikazujejo 12 mesecev" where most trends drew six months (the months the
    files have) and CRR twelve (its customer register reaches back further). The note now counts what the deck's
    trend charts draw: 6 to 12 months."""
    trends = [shape.chart for slide in decks[code].slides for shape in slide.shapes
              if shape.has_chart and "LINE" in str(shape.chart.chart_type)]
    assert {len(chart.plots[0].categories) for chart in trends} == {6, 12}
    with language(code):
        slide = _slide_titled(decks[code], _("Data used"))
    text = "\n".join(_texts(slide))
    assert SIX_TO_TWELVE[code] in text, text
