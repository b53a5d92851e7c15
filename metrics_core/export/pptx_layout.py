"""The deck's page: a 16:9 slide, its margins and body, and the heading every content slide has."""

from __future__ import annotations

from pptx.util import Inches

from .pptx_parts import MUTED, add_text, one_line_size, rgb

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.45
BODY_TOP = 1.3
BODY_BOTTOM = 7.05
BRAND = "1F6FB2"


def heading(slide, title: str, subtitle: str = "") -> None:
    """A thin brand bar, the slide's title (on one line, smaller when long) and a muted line under it."""
    bar = slide.shapes.add_shape(1, 0, 0, Inches(SLIDE_W), Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(BRAND)
    bar.line.fill.background()
    width = SLIDE_W - 2 * MARGIN          # the title on one line: on two it was drawn over the subtitle (s17-review)
    add_text(slide, Inches(MARGIN), Inches(0.25), Inches(width), Inches(0.6), title,
             one_line_size(title, width, 28, minimum=18, em_per_char=0.66), bold=True)
    if subtitle:
        add_text(slide, Inches(MARGIN), Inches(0.85), Inches(SLIDE_W - 2 * MARGIN), Inches(0.35), subtitle, 14,
                 colour=MUTED)
