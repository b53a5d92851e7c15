"""A deck's titles: one size on every slide, each on one line, nothing over the line under it.

s17-review saw the sl breakdown title "Rezultat zadovoljstva strank (CSAT, % zadovoljnih) – kanal" wrap at 28 pt,
its "kanal" drawn over the date line, and set it smaller; the sl deck then had titles at 28, 26 and 23 pt (ro 28,
25, 24 and 21). Now a breakdown is titled with its KPI's name and says what it is broken down by on the line under
it, and every title of a deck is set at the one size its longest title fits (``pptx_layout.title_size``).

Widths are measured with the font LibreOffice draws the deck in (DejaVu Sans Bold, :mod:`.drawn_text`), not with
the deck's own width table."""

from __future__ import annotations

from itertools import combinations

import pytest
from pptx import Presentation
from pptx.util import Emu

from metrics_core.cli import main
from metrics_core.export.pptx_deck import write_pptx
from metrics_core.export.pptx_layout import TITLE_FLOOR, TITLE_SIZE
from metrics_core.i18n import _, language
from metrics_core.metrics.registry import REGISTRY

from .drawn_text import INSETS_PT, drawn_width, needs_font
from .sample import make_report

LANGUAGES = ["en", "sl", "ro", "sv", "sr", "sr-Latn"]
TITLE_TOP, SUBTITLE_TOP = Emu(228600), Emu(777240)          # 0.25 in and 0.85 in: where heading() puts them


def _heading(slide):
    """The slide's (title box, subtitle box or None), found where heading() puts them; None on the title slide."""
    boxes = {shape.top: shape for shape in slide.shapes if shape.has_text_frame and shape.left == Emu(411480)}
    return (boxes[TITLE_TOP], boxes.get(SUBTITLE_TOP)) if TITLE_TOP in boxes else None


def _size(box) -> float:
    frame = box.text_frame if hasattr(box, "text_frame") else box
    return frame.paragraphs[0].runs[0].font.size.pt


def _room(box) -> float:
    return Emu(box.width).pt - INSETS_PT


@pytest.fixture(scope="module")
def demo_decks(tmp_path_factory):
    """The demo deck s17-review rendered (``--demo --appendix --breakdown csat=channel``), in every language, for all
    the demo's dates and for its last complete month (compared with the month before: longer lines under titles)."""
    folder = tmp_path_factory.mktemp("decks")
    decks = {}
    for code in LANGUAGES:
        for period in ("saved", "last-month"):
            path = folder / f"{code}-{period}.pptx"
            assert main(["report", "--demo", "--appendix", "--breakdown", "csat=channel", "--period", period,
                         "--lang", code, "--out", str(path)]) == 0
            decks[code, period] = Presentation(str(path))
    return decks


@needs_font
@pytest.mark.parametrize("period", ["saved", "last-month"])
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_title_of_the_demo_deck_fits_its_line_at_one_size(demo_decks, code, period):
    deck = demo_decks[code, period]
    headings = [_heading(slide) for slide in deck.slides]
    assert headings[0] is None and all(headings[1:]), "every slide but the first has a title"
    sizes = {_size(title) for title, _sub in headings[1:]}
    assert len(sizes) == 1, f"titles at {sorted(sizes)} pt"
    size = sizes.pop()
    assert TITLE_FLOOR <= size <= TITLE_SIZE
    for number, (title, subtitle) in enumerate(headings[1:], start=2):
        text = title.text_frame.text
        assert drawn_width(text, size) <= _room(title), f"slide {number}: {text!r} wraps at {size} pt"
        if subtitle is not None:
            line = subtitle.text_frame.text
            assert drawn_width(line, _size(subtitle)) <= _room(subtitle), f"slide {number}: {line!r} wraps"


@needs_font
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_charts_titles_are_at_one_size_each_on_one_line(demo_decks, code):
    """ro "Scorul de satisfacție a clienților (CSAT, % mulțumiți) pe" / "lună" wrapped inside its chart at 14 pt:
    LibreOffice wraps a chart's title past about three quarters of the chart's width (471 pt whole, 479 pt wrapped
    in a 614 pt chart)."""
    for period in ("saved", "last-month"):
        frames = [s for slide in demo_decks[code, period].slides for s in slide.shapes if s.has_chart]
        sizes = {_size(frame.chart.chart_title.text_frame) for frame in frames}
        assert len(sizes) == 1, f"{code} {period}: chart titles at {sorted(sizes)} pt"
        size = sizes.pop()
        for frame in frames:
            title = frame.chart.chart_title.text_frame.text
            assert drawn_width(title, size) <= 0.75 * Emu(frame.width).pt, f"{code} {period}: {title!r} runs past three quarters of its chart"


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_box_of_the_demo_deck_overlaps_another(demo_decks, code):
    for period in ("saved", "last-month"):
        deck = demo_decks[code, period]
        for number, slide in enumerate(deck.slides, start=1):
            boxes = [(s.left, s.top, s.left + s.width, s.top + s.height, s.name) for s in slide.shapes
                     if s.has_chart or s.has_table or (s.has_text_frame and s.shape_type == 17)]
            for left, top, right, bottom, name in boxes:
                assert 0 <= left and 0 <= top and right <= deck.slide_width and bottom <= deck.slide_height, \
                    f"{code} {period} slide {number}: {name} off the slide"
            for a, b in combinations(boxes, 2):
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), \
                    f"{code} {period} slide {number}: {a[4]} overlaps {b[4]}"


@pytest.mark.parametrize("code", ["en", "sl", "sr"])
def test_a_breakdown_is_titled_with_its_kpi_and_says_its_column_under_it(demo_decks, code):
    deck = demo_decks[code, "saved"]
    texts = [[s.text_frame.text for s in (_heading(slide) or ()) if s is not None] for slide in deck.slides]
    csat, channel = texts[2], texts[3]                     # CSAT's slide, then its breakdown by channel
    assert channel[0] == csat[0]
    assert channel[1] == {"en": "By channel · May – October 2026",          # whole months named so (deck21)
                          "sl": "Razčlenjeno po: kanal · maj–oktober 2026",
                          "sr": "Рашчлањено по: канал · мај – октобар 2026."}[code]


@needs_font
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_kpis_name_fits_a_title_line_at_the_floor(code):
    """Any deck's titles (a KPI's name, a slide's own heading) fit one line at :data:`TITLE_FLOOR` or larger, so the
    deck's one size never leaves a title on two lines."""
    room = (13.333 - 2 * 0.45) * 72 - INSETS_PT
    with language(code):
        titles = [spec.translated_label for spec in REGISTRY]
        titles += [_("At a glance"), _("Data used"), _("How these KPIs were computed"), _("When customers contact us")]
    too_long = [(t, round(drawn_width(t, TITLE_FLOOR))) for t in titles if drawn_width(t, TITLE_FLOOR) > room]
    assert not too_long, f"wider than {room:.0f} pt at {TITLE_FLOOR} pt: {too_long}"


@needs_font
def test_a_deck_with_a_long_name_sets_all_its_titles_at_the_size_that_name_fits(tmp_path):
    """A name too long for 28 pt takes every title of its deck down with it, not itself alone."""
    report = make_report()
    long_name = "Preference komunikacijskih kanalov (obseg po kanalih), vsi"   # 939 pt at 28 pt: 881 pt room
    report.kpis[1].label = long_name
    path = tmp_path / "deck.pptx"
    write_pptx(report, path)
    headings = [h for h in map(_heading, Presentation(str(path)).slides) if h]
    sizes = {_size(title) for title, _sub in headings}
    assert len(sizes) == 1, f"titles at {sorted(sizes)} pt"
    size = sizes.pop()
    assert size < TITLE_SIZE
    named = next(title for title, _sub in headings if title.text_frame.text == long_name)
    assert drawn_width(long_name, size) <= _room(named) < drawn_width(long_name, size + 1)
