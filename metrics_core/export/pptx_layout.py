"""The deck's page: a 16:9 slide, its margins and body, and the heading every content slide has.

Every title of a deck is set at one size (:func:`title_size`): the largest, up to 28 pt, at which each of the
deck's titles fits its line, measured with the font's own widths (:mod:`.text_width`). A title is a KPI's name or
a slide's own heading; what a slide narrows it to (a breakdown's column, the period, the comparison) is the muted
line under it. Titles that jumped in size from slide to slide (28, 26, 23 pt in one sl deck) looked careless, and
a long "KPI by column" title wrapped over that line.
"""

from __future__ import annotations

from pptx.util import Inches

from .pptx_parts import MUTED, add_text, one_line_size, rgb

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.45
BODY_TOP = 1.3
BODY_BOTTOM = 7.05
BRAND = "1F6FB2"
TEXT_W = SLIDE_W - 2 * MARGIN        # the title's and the subtitle's boxes
TITLE_SIZE = 28
TITLE_FLOOR = 24                     # no deck's title is set smaller: every KPI's name fits at 24 pt (tested)
SUBTITLE_SIZE = 14
SUBTITLE_FLOOR = 10


def title_size(titles: list[str]) -> int:
    """The one size of a deck's titles: the largest up to :data:`TITLE_SIZE` at which every one of ``titles`` fits
    its box on one line (:data:`TITLE_FLOOR` at the least).

    >>> title_size(["At a glance", "CSAT (% satisfied)"]), title_size(["Na kratko", "Rezultat " * 10])
    (28, 24)
    """
    return min((one_line_size(title, TEXT_W, TITLE_SIZE, TITLE_FLOOR) for title in titles), default=TITLE_SIZE)


def heading(slide, title: str, subtitle: str = "", size: int = TITLE_SIZE) -> None:
    """A thin brand bar, the slide's title at ``size`` (the deck's :func:`title_size`) and a muted line under it,
    set smaller when it is too long for one line."""
    bar = slide.shapes.add_shape(1, 0, 0, Inches(SLIDE_W), Inches(0.12))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(BRAND)
    bar.line.fill.background()
    add_text(slide, Inches(MARGIN), Inches(0.25), Inches(TEXT_W), Inches(0.6), title, size, bold=True)
    if subtitle:
        add_text(slide, Inches(MARGIN), Inches(0.85), Inches(TEXT_W), Inches(0.35), subtitle,
                 one_line_size(subtitle, TEXT_W, SUBTITLE_SIZE, SUBTITLE_FLOOR), colour=MUTED)
