"""The muted line under a slide's title (``pptx_layout.heading``) is set smaller when it is too long for one line:
from 14 pt down to 10 pt (``SUBTITLE_FLOOR``), never below (deck18 left it untested). Measured with the font
LibreOffice draws the deck in (:mod:`.drawn_text`)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Emu

from metrics_core.export.pptx_layout import SUBTITLE_FLOOR, SUBTITLE_SIZE, TEXT_W, heading

from .drawn_text import INSETS_PT, drawn_width, needs_font

SUBTITLE_TOP = Emu(777240)


def _subtitle(text: str):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    heading(slide, "CSAT (% satisfied)", text, size=28)
    box = next(s for s in slide.shapes if s.has_text_frame and s.top == SUBTITLE_TOP)
    return box, box.text_frame.paragraphs[0].runs[0].font.size.pt


@needs_font
@pytest.mark.parametrize("words", [1, 3, 4])
def test_a_long_subtitle_is_set_smaller_and_stays_on_its_line(words):
    """A breakdown's line with a long column name ("By … · 1 May 2026 – 31 Oct 2026"): once, 14 pt; longer, the
    largest size at which it fits its box (checked: one point larger would not), down to 10 (four times: 10 pt)."""
    text = "By " + " ".join(["customer segment and region"] * words) + " · 1 May 2026 – 31 Oct 2026"
    box, size = _subtitle(text)
    room = Emu(box.width).pt - INSETS_PT
    assert SUBTITLE_FLOOR <= size <= SUBTITLE_SIZE
    assert drawn_width(text, size) <= room * 1.01, (size, drawn_width(text, size), room)
    if size < SUBTITLE_SIZE:
        assert drawn_width(text, size + 1) > room * 0.97, f"{size} pt, yet {size + 1} pt would fit"
    assert (size == SUBTITLE_SIZE) == (words == 1)


def test_a_subtitle_too_long_for_any_size_stops_at_10_pt():
    box, size = _subtitle("By " + "very long column name " * 20)
    assert size == SUBTITLE_FLOOR == 10 and Emu(box.width).inches == pytest.approx(TEXT_W, abs=0.01)
