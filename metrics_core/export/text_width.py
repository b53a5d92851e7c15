"""How wide a line of a slide's text is drawn: DejaVu Sans Bold's or DejaVu Sans's advance widths
(:mod:`.font_widths`), the fonts LibreOffice draws the deck in where its theme font, Calibri, is missing. Calibri is
narrower, so a line that fits here fits in PowerPoint too. Kerning is left out (it narrows a line, never widens it,
in these texts).

>>> [round(text_width("CSAT (% satisfied) by channel", 28, bold)) for bold in (True, False)]
[472, 421]
"""

from __future__ import annotations

import math

from .font_widths import BOLD, REGULAR, UNITS_PER_EM

_ADVANCES = {weight: {first + i: width for first, widths in ranges for i, width in enumerate(widths)}
             for weight, ranges in ((True, BOLD), (False, REGULAR))}
_WIDEST = max(_ADVANCES[True].values())    # a character outside the tables (Greek, CJK …) counts as the widest


def text_width(text: str, size: float, bold: bool = True) -> float:
    """The width in points of ``text`` on one line at ``size`` points, bold or regular (``bold=False``: a table's
    cells; regular text is narrower)."""
    advances = _ADVANCES[bold]
    return sum(advances.get(ord(ch), _WIDEST) for ch in text) * size / UNITS_PER_EM


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


def line_count(text: str, room_pt: float, size: float) -> int:
    """How many lines ``text`` takes at ``size`` points in ``room_pt`` points, wrapped at spaces as a text box wraps
    it (a word wider than the line alone on its lines).

    >>> line_count("Call abandonment rate was 18.6 %, no clear change from 14.7 %.", 400, 20)
    2
    """
    lines, used, space = 1, 0.0, text_width(" ", size)
    for word in text.split():
        width = text_width(word, size)
        if used and used + space + width > room_pt:
            lines, used = lines + 1, 0.0
        if not used and width > room_pt:
            lines += math.ceil(width / room_pt) - 1
            used = width % room_pt
            continue
        used = used + space + width if used else width
    return lines
