"""The numpy scan of an .xlsx sheet's extent gives what a plain reading of its rules gives, however it is cut.

:func:`reference` applies the rules of :class:`~metrics_core.ingest.sheet_extent.XlsxExtent` one byte and one
reference at a time, in plain Python: every ``r="…"`` after a space is a reference, looked at in the 40 bytes
from its start (past the end of the part, the part's last byte stands for the missing ones); up to three capital
letters then one to seven more bytes before the closing quote (found in the first 11); no letters: a row's
number; a cell whose tag closes at once (``/>`` or ``></``) holds nothing. Every ``<c`` followed by a space,
``>`` or ``/`` is a cell tag, every ``<row`` a row tag; cells without a reference widen the extent by the
widest row.
"""

from __future__ import annotations

import doctest
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_core.ingest import sheet_extent
from metrics_core.ingest.sheet_extent import XlsxExtent
from tests.fuzz import hostile

WINDOW = 40


def reference(data: bytes) -> tuple[int, int, int]:
    """(rows, columns, value cells) by the rules, one reference and one tag at a time."""
    n = len(data)
    max_row = max_col = max_row_tag = -1
    for equals in range(2, n - 1):
        if data[equals - 2:equals + 2] not in (b' r="', b'\tr="', b'\nr="', b'\rr="'):
            continue
        start = equals + 2
        window = bytes(data[min(start + k, n - 1)] for k in range(WINDOW))
        letters = 0
        while letters < 3 and 65 <= window[letters] <= 90:
            letters += 1
        length = max(window.find(b'"', 0, 11), 0)
        if not (length > 0 and 1 <= length - letters <= 7):
            continue
        number = int("".join(chr(b) if 48 <= b <= 57 else "0" for b in window[letters:length]))
        if letters == 0:
            max_row_tag = max(max_row_tag, number - 1)
            continue
        end = window.find(b">")
        if end >= 0 and (window[max(end - 1, 0)] == 47
                         or (end + 2 < WINDOW and window[end + 1] == 60 and window[end + 2] == 47)):
            continue                       # a cell with nothing in it
        column = 0
        for letter in window[:letters]:
            column = column * 26 + letter - 64
        max_row, max_col = max(max_row, number - 1), max(max_col, column - 1)
    cells = refless = row_tags = width = widest = 0
    for at in range(n - 4):
        if data[at] != 60:
            continue
        if data[at + 1] == 99 and data[at + 2] in b" >/\t\n\r":
            cells, refless, width = cells + 1, refless + (data[at + 2] == 62), width + 1
            widest = max(widest, width)
        elif data[at + 1:at + 4] == b"row":
            row_tags, width = row_tags + 1, 0
    rows, columns = max_row + 1, max_col + 1
    if refless:
        columns += widest
        rows = max(rows, max_row_tag + 1) + row_tags
    return (rows, columns, cells) if cells else (0, 0, 0)


def scanned(data: bytes, cuts: list[int]) -> tuple[int, int, int]:
    scanner = XlsxExtent()
    previous = 0
    for cut in sorted(cuts):
        scanner.feed(data[previous:cut])
        previous = cut
    scanner.feed(data[previous:], final=True)
    extent = scanner.extent
    return extent.rows, extent.columns, extent.value_cells


TOKENS = [b'<c r="', b'"', b">", b"/>", b"</c>", b'<row r="', b"<c>", b"<c ", b' r="', b"\tr=\"", b"A", b"Z", b"XFD",
          b"AB", b"1", b"9", b"0", b"1048576", b"99999999", b's="3"', b"<v>1</v>", b" ", b"\n", b"<", b"/", b"=",
          b"r", b"x", b't="inlineStr"', b"</row>", b"<c/>", b"<rowX", b"<r", b"<col "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=80), st.lists(st.integers(0, 400), max_size=4))
def test_byte_soup_gives_what_the_rules_give(tokens: list[bytes], cuts: list[int]) -> None:
    data = b"".join(tokens)
    assert scanned(data, [min(cut, len(data)) for cut in cuts]) == reference(data)


def _sheet(rng: random.Random) -> bytes:
    parts = [hostile.SHEET_HEAD, b"<sheetData>"]
    for number in range(1, rng.randint(1, 60)):
        row = rng.choice([number, rng.randint(1, 2_000_000)])
        parts.append(b'<row r="%d">' % row if rng.random() < 0.9 else b"<row>")
        for _ in range(rng.randint(0, 9)):
            ref = b"%s%d" % (rng.choice([b"A", b"J", b"Z", b"AA", b"XFD", b"ZZZ", b"AAAA"]), rng.randint(1, 99_999_999))
            parts.append(rng.choice([b"<c><v>1</v></c>", b'<c r="%s" s="1"/>' % ref, b'<c r="%s"></c>' % ref,
                                     b'<c r="%s" t="inlineStr" s="12" x="a long attribute value"/>' % ref,
                                     b'<c r="%s" t="s"><v>7</v></c>' % ref]))
        parts.append(b"</row>")
    return b"".join(parts) + b"</sheetData></worksheet>"


def test_made_up_sheets_give_what_the_rules_give() -> None:
    rng = random.Random(15)
    for _ in range(60):
        data = _sheet(rng)
        cuts = [rng.randint(0, len(data)) for _ in range(rng.randint(0, 4))]
        assert scanned(data, cuts) == reference(data)


def test_docstring_examples() -> None:
    result = doctest.testmod(sheet_extent)
    assert result.attempted > 0 and result.failed == 0


def test_far_empty_cells_do_not_count_however_many_come_first() -> None:
    """Only the largest references are asked whether their cell is empty, then the next largest: a sheet whose
    six largest rows and columns are all empty cells is answered by the filled ones (past the tries, all at once)."""
    empty = b"".join(b'<c r="XF%c%d" s="1"/><c r="B%d"></c>' % (68 - k % 3, 1_048_576 - k, 999_999 - k) for k in range(6))
    for filled in (b'<c r="C7"><v>1</v></c>', b'<c r="C7"><v>1</v></c><c r="AA3" t="s"><v>0</v></c>'):
        data = hostile.SHEET_HEAD + b'<sheetData><row r="1">' + empty + filled + b"</row></sheetData></worksheet>"
        assert scanned(data, []) == reference(data)
    data = hostile.SHEET_HEAD + b'<sheetData><row r="1">' + empty + b'<c r="AA3" t="s"><v>0</v></c></row></sheetData>'
    assert scanned(data, [])[:2] == (3, 27)
