"""Write ``metrics_core/export/font_widths.py``: the advance widths of DejaVu Sans Bold and DejaVu Sans (regular),
the fonts LibreOffice draws a deck's text in where the deck's theme font (Calibri) is missing, for the characters
the deck's languages use.

    python tools/font_widths.py [FOLDER]        (default /usr/share/fonts/truetype/dejavu)

Calibri (PowerPoint) is narrower than DejaVu Sans, so a text that fits with these widths fits there too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import ImageFont

FOLDER = Path("/usr/share/fonts/truetype/dejavu")
#: each table's name in the module and the font file it is measured from
FONTS = (("BOLD", "DejaVuSans-Bold.ttf"), ("REGULAR", "DejaVuSans.ttf"))
UNITS_PER_EM = 2048
#: Latin (en, sl, ro, sv, sr-Latn) with Latin-1 and Extended-A, Romanian's comma-below letters, Cyrillic (sr),
#: dashes, quotes, ellipsis, the euro, the minus and the arrows and marks a slide writes.
RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x218, 0x21B), (0x400, 0x45F), (0x2010, 0x2027), (0x2030, 0x203A),
          (0x20AC, 0x20AC), (0x2212, 0x2212), (0x25B2, 0x25B2), (0x25BC, 0x25BC))
OUT = Path(__file__).resolve().parent.parent / "metrics_core" / "export" / "font_widths.py"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else FOLDER
    lines = ['"""Advance widths of DejaVu Sans Bold (``BOLD``) and DejaVu Sans (``REGULAR``) in font units (2048 an',
             "em), written by tools/font_widths.py: each holds (first code point, widths of it and the code points",
             "after it).\"\"\"", "", f"UNITS_PER_EM = {UNITS_PER_EM}"]
    for name, file in FONTS:
        font = ImageFont.truetype(str(folder / file), UNITS_PER_EM)
        lines.append(f"{name} = (")
        for first, last in RANGES:
            widths = [round(font.getlength(chr(cp))) for cp in range(first, last + 1)]
            lines.append(f"    (0x{first:04X}, (")
            for i in range(0, len(widths), 16):
                lines.append("        " + ", ".join(str(w) for w in widths[i:i + 16]) + ",")
            lines.append("    )),")
        lines.append(")")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write(f"{OUT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
