"""The heat-map slide's headline is one line in every language (issue 12/14 leftover: in Slovenian, Romanian
and Serbian the busiest hour and the advice under it ran onto a second line). Measured with the glyph widths
of DejaVu Sans Bold, wider than the deck's Calibri, so a headline that fits here fits on the slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageFont
from pptx import Presentation

from metrics_core.export.pptx_deck import build_presentation
from metrics_core.i18n import language

from .sample import make_report

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
INSETS_IN = 0.2                     # a text box's left and right insets (0.1 in each)


def _heat_slide(deck):
    return next(s for s in deck.slides if any(sh.has_table and len(sh.table.columns) > 20 for sh in s.shapes))


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sr", "sv"])
def test_the_busiest_hour_is_one_line(code) -> None:
    with language(code):
        slide = _heat_slide(build_presentation(make_report()))
    bold = [sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.paragraphs[0].runs
            and sh.text_frame.paragraphs[0].runs[0].font.bold and sh.top > slide.shapes[1].top + 500000]
    headline = bold[0]
    run = headline.text_frame.paragraphs[0].runs[0]
    text, size_pt = run.text, run.font.size.pt
    width_pt = ImageFont.truetype(str(FONT), 1000).getlength(text) * size_pt / 1000
    assert len(headline.text_frame.paragraphs) == 1
    assert width_pt <= (headline.width.inches - INSETS_IN) * 72, f"{code}: {text!r} at {size_pt} pt wraps"
    assert size_pt >= 16, f"{code}: {text!r} shrunk to {size_pt} pt"
    with language(code):
        deck = build_presentation(make_report())
    every = " ".join(sh.text_frame.text for sh in _heat_slide(deck).shapes if sh.has_text_frame)
    assert any(word in every for word in ("darkest", "najtemnejša", "închise", "најтамнија", "mörkaste"))
