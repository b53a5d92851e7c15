"""How wide a line of a slide's text is drawn: DejaVu Sans Bold's advance widths (:mod:`.font_widths`), the font
LibreOffice draws the deck in where its theme font, Calibri, is missing. Calibri is narrower, so a line that fits
here fits in PowerPoint too. Kerning is left out (it narrows a line, never widens it, in these texts).

>>> round(text_width("CSAT (% satisfied) by channel", 28))
472
"""

from __future__ import annotations

from .font_widths import RANGES, UNITS_PER_EM

_ADVANCES = {first + i: width for first, widths in RANGES for i, width in enumerate(widths)}
_WIDEST = max(_ADVANCES.values())          # a character outside the table (Greek, CJK …) counts as the widest


def text_width(text: str, size: float) -> float:
    """The width in points of ``text`` on one line at ``size`` points (bold; regular text is narrower)."""
    return sum(_ADVANCES.get(ord(ch), _WIDEST) for ch in text) * size / UNITS_PER_EM


def fitting_size(text: str, room_pt: float, largest: int, smallest: int) -> int:
    """The largest whole size from ``largest`` down to ``smallest`` at which ``text`` fits ``room_pt`` points on one
    line; ``smallest`` when even that is too wide.

    >>> fitting_size("80,1 %", 245, 36, 18), fitting_size("9 сати 03 мин", 245, 36, 18)
    (36, 31)
    """
    for size in range(largest, smallest, -1):
        if text_width(text, size) <= room_pt:
            return size
    return smallest
