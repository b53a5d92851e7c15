"""Limits on the shape of a table, tied to what a real export can be, and the checks that apply them.

Workbook packages have their own limits (sizes, compression, sheet extent) in :mod:`.package_guard`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .package_guard import size_text

from ..errors import FileReadError, LimitExceededError
from ..i18n import Message

MAX_COLUMNS = 16_384            # Excel's limit: more almost always means a wrongly guessed delimiter
MAX_FILLED_COLUMNS = 2_048      # columns holding data: exports have dozens, survey exports a few hundred
MAX_FIELD_BYTES = 8 << 20       # one cell of text: Excel holds 32,767 characters (at most ~128 KB)
FIELD_SEPARATORS = b",;\t|\n"
PIECE = 1 << 22


def check_width(width: int, path: Path) -> None:
    """Refuse more columns than a spreadsheet can hold: almost always a wrongly guessed delimiter."""
    if width > MAX_COLUMNS:
        raise FileReadError(Message(
            "“{file}” would have {width} columns, more than a spreadsheet can hold ({limit}). This usually means "
            "the delimiter was guessed wrong: choose it in the import options.",
            dict(file=path.name, width=width, limit=MAX_COLUMNS)), path=path)


def check_filled_width(width: int, path: Path) -> None:
    """Refuse tables with more filled columns than any real export (reading them would take minutes)."""
    check_width(width, path)
    if width > MAX_FILLED_COLUMNS:
        raise LimitExceededError(Message(
            "“{file}” has {width} columns with data; KPI Desk reads tables of up to {limit} columns "
            "(customer-service exports have a few dozen, survey exports a few hundred). Delete the columns you do "
            "not need, or export only those, and open it again.", dict(file=path.name, width=width,
            limit=MAX_FILLED_COLUMNS)), limit="columns", path=path)


def _separator_in_every_piece(buffer: bytes, separators: set[int]) -> bool:
    """True when every whole ``PIECE`` of the buffer holds a separator: then no run between separators can
    be longer than two pieces (a longer run would hold a whole piece), so none exceeds ``MAX_FIELD_BYTES``.

    Each piece is searched with ``bytes.find`` (a line end is usually found in the first few hundred bytes),
    so an ordinary file is cleared at almost no cost; the byte-by-byte scan is left for the rare file
    that has a piece without one.

    >>> _separator_in_every_piece(b"a," * PIECE, {ord(",")})
    True
    >>> _separator_in_every_piece(b"x" * PIECE + b",", {ord(",")})
    False
    """
    assert MAX_FIELD_BYTES >= 2 * PIECE
    marks = [bytes([mark]) for mark in separators]
    for start in range(0, len(buffer) - PIECE + 1, PIECE):
        if not any(buffer.find(mark, start, start + PIECE) >= 0 for mark in marks):
            return False
    return True


def check_field_lengths(buffer: bytes, path: Path, delimiter: str | None = None) -> None:
    """Refuse text with a cell longer than any spreadsheet cell (measured between separators).

    The run between any two of ``, ; tab | newline`` (and the delimiter in use) bounds every field,
    so one pass over the bytes answers before any parser is given a 50 MB "field".
    """
    if len(buffer) <= MAX_FIELD_BYTES:
        return
    separators = set(FIELD_SEPARATORS)
    if delimiter and len(delimiter) == 1 and ord(delimiter) < 128:
        separators.add(ord(delimiter))
    if _separator_in_every_piece(buffer, separators):
        return
    marks_of = np.fromiter(separators, dtype=np.uint8)
    longest = end = run = 0
    view = memoryview(buffer)
    for start in range(0, len(buffer), PIECE):        # in pieces: short numpy calls keep a window responsive
        piece = np.frombuffer(view[start:start + PIECE], dtype=np.uint8)
        marks = np.flatnonzero(np.isin(piece, marks_of))
        if not len(marks):
            run += len(piece)
            continue
        gaps = np.diff(marks) - 1
        candidates = [(run + int(marks[0]), start + int(marks[0]))]
        if len(gaps):
            at = int(gaps.argmax())
            candidates.append((int(gaps[at]), start + int(marks[at + 1])))
        gap, gap_end = max(candidates)
        if gap > longest:
            longest, end = gap, gap_end
        run = len(piece) - int(marks[-1]) - 1
    if run > longest:
        longest, end = run, len(buffer)
    if longest > MAX_FIELD_BYTES:
        line = buffer.count(b"\n", 0, end - longest) + 1
        raise LimitExceededError(Message(
            "“{file}” has a value of {size} in one cell (line {line}); a spreadsheet cell holds at most {chars} "
            "characters, so this is not a table export. If the file is an export, check that it was saved as CSV; "
            "otherwise open the right file.", dict(file=path.name, size=size_text(longest), line=line, chars=32_767)),
            limit="field_length", path=path)
