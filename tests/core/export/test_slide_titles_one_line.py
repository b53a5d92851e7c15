"""A slide's title stays on one line (s17-review): at 28 pt sl "Rezultat zadovoljstva strank (CSAT, % zadovoljnih) –
kanal" wrapped, and its second line "kanal" was drawn over the date line under it (the sl deck's breakdown slide,
rendered with tools/render_deck.py). The title's width is measured with the font LibreOffice drew it in (DejaVu Sans
Bold), not with the deck's own estimate."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.util import Emu

from metrics_core.export.pptx_layout import heading

BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
INSETS_PT = 0.2 * 72            # a text box's left and right insets (0.1 in each)

TITLES = [
    "Rezultat zadovoljstva strank (CSAT, % zadovoljnih) – kanal",            # sl, the slide seen wrapping
    "Резултат задовољства корисника (CSAT, % задовољних) – канал",           # sr
    "Kundnöjdhetsresultat (CSAT, % nöjda) – kanal",                           # sv, short: 28 pt as before
    "CSAT (% satisfied) by channel",
]


@pytest.mark.skipif(not BOLD.exists(), reason="DejaVu Sans Bold is not installed")
@pytest.mark.parametrize("title", TITLES)
def test_the_title_fits_its_line(title: str) -> None:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    heading(slide, title, "1. maj 2026 – 31. okt. 2026")
    box = next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text == title)
    run = box.text_frame.paragraphs[0].runs[0]
    size = run.font.size.pt
    width = ImageFont.truetype(str(BOLD), 100).getlength(title) * size / 100
    room = Emu(box.width).pt - INSETS_PT
    assert width <= room, f"{title!r} at {size} pt is {width:.0f} pt wide in a {room:.0f} pt line"
    if len(title) < 40:
        assert size == 28
