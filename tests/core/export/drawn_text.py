"""The width a deck's text is drawn at, measured with the font file LibreOffice draws it in (DejaVu Sans Bold, or
DejaVu Sans for regular text, the deck's theme font Calibri being missing), independently of the deck's own width
table (s17-review measured so)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
REGULAR = BOLD.with_name("DejaVuSans.ttf")
INSETS_PT = 0.2 * 72            # a text box's left and right insets (0.1 in each)
needs_font = pytest.mark.skipif(not (BOLD.exists() and REGULAR.exists()), reason="DejaVu Sans is not installed")


@lru_cache(maxsize=2)
def _font(bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(BOLD if bold else REGULAR), 100)


def drawn_width(text: str, size: float, bold: bool = True) -> float:
    """Points ``text`` takes on one line at ``size`` pt, bold or regular."""
    return _font(bold).getlength(text) * size / 100
