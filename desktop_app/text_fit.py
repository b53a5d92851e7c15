"""Word-wrapped text measured and shortened to a number of lines ("…", the whole text then in a tooltip): the cards,
the sidebar, the message bar and an empty chart's note."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics


def wrapped_height(text: str, metrics: QFontMetrics, width: int) -> int:
    """The height ``text`` takes word-wrapped at ``width`` pixels."""
    return metrics.boundingRect(0, 0, width, 100000, int(Qt.TextFlag.TextWordWrap), text).height()


_BREAKS = re.compile(r"[ \t\n]+")          # where a line may break: not at a no-break space ("20\u00a0%")


def elide_to_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """``text`` as it fits in ``lines`` word-wrapped lines of ``width`` pixels: whole, or cut after a word
    with "…" (a single word too long for a line is cut with "…" where it still fits, never mid-letter)."""
    room = max(1, lines) * metrics.lineSpacing()
    if wrapped_height(text, metrics, width) <= room and _widest_word(text, metrics) <= width:
        return text
    shown = ""
    for piece in _pieces(text):
        trial = f"{shown} {piece}".strip()
        if wrapped_height(trial + "\u2026", metrics, width) > room or _widest_word(piece, metrics) > width:
            if not shown:        # the first word alone is too long: cut it where the line ends
                return metrics.elidedText(_words(piece)[0], Qt.TextElideMode.ElideRight, width)
            break
        shown = trial
    return shown + "\u2026"


def shortened_line(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` whole on one line of ``width`` pixels; else shortened after a word with "…" when that keeps more
    than its first word, so a number on the line is whole ("from 4,030…", never "from 4,03…": a number cut reads
    as another number); else "" (the line gives way, its whole text in a tooltip)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    kept, words = _words(elide_to_lines(text, metrics, width, 1).removesuffix("\u2026")), _words(text)
    if kept == words:
        return text
    return " ".join(kept) + "\u2026" if 1 < len(kept) and kept == words[:len(kept)] else ""


def _words(text: str) -> list[str]:
    """The pieces a line can break between (a no-break space joins its two sides into one)."""
    return [word for word in _BREAKS.split(text) if word]


def _pieces(text: str) -> list[str]:
    """The words a shortened text may end after: a span of days is kept whole or left out, never cut after its
    dash ("iz naročil: 1. maj –…", sl 1920 × 1080: ``keep_dates_whole`` leaves the dash at the end of its first day,
    so that a line may break after it)."""
    pieces: list[str] = []
    for word in _words(text):
        if pieces and pieces[-1].endswith("\u2013"):
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def _widest_word(text: str, metrics: QFontMetrics) -> int:
    return max((metrics.horizontalAdvance(word) for word in _words(text)), default=0)
