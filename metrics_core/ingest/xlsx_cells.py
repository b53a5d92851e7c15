"""A plain .xlsx sheet read with numpy over its XML, while the package guard decompresses it (issue 15).

python-calamine-plus hands every cell over as a Python object (a million rows of ten cells: 7-9 s of CPU), and
sorting them into columns took 3-5 s more.  Most large exports are plain: every cell written
``<c r="B7" s="1" t="inlineStr"><is><t>text</t></is></c>`` or ``<c r="B7" s="1"><v>45292.5</v></c>``.  Such a
sheet is read here from the bytes the guard decompresses anyway (:mod:`.package_guard`), 4 MB at a time: every
``<`` of the piece is found once, each tag known by the bytes after it, every cell's reference, style and type
read through 64-bit words taken at any byte (no window per cell), numbers parsed by numpy from their ``<v>``
bytes (:mod:`.xlsx_numbers`), the texts of a piece decoded in one go and split.  What comes out is what
:func:`.sheet_columns.stream_columns` makes of the streamed rows (``SheetColumns``).

Anything outside that plain form gives the sheet up (:class:`Unsupported`), and it is streamed as before: a
formula, an error, a boolean, shared strings, a text with an entity, escape or carriage return, rich text, a
``<t>`` with attributes, an empty ``<v>``, a cell without a reference, any other tag or comment among the rows,
rows or cells out of order, a number under a style whose format is not plainly a number or a date, a date
before 1 March 1900 or after 9999, a time of day or a length of time, a workbook counting from 1904, a preview.
The guard's checks are not touched: this reader only looks at the pieces it is given, and stops looking at the
first thing it does not cover.
"""

from __future__ import annotations

import codecs
import mmap
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from . import sheet_columns
from .sheet_columns import SheetColumns
from .sheet_extent import Extent
from .uniform_texts import MAX_LENGTH, MIN_LENGTH
from .xlsx_numbers import MASK as _MASK, parse_numbers

_PAD = b"\0" * 64                     # so that a word may be read from any byte of a piece
_UPPER = np.zeros(256, dtype=bool)
_UPPER[65:91] = True
_MAX_ROWS = 1_048_576
_SUFFIX = re.compile(rb'^"(?: s="(\d{1,5})")?(?: t="(n|inlineStr)")?(/?)>$')
_OUTSIDE = re.compile(rb'[ \t\n\r]r="|<c[\s>/]')     # what the extent scan would count outside the rows
_EPOCH = np.datetime64("1899-12-30", "D")
_LAST_SERIAL = 2958466                  # 10000-01-01
_MS_PER_DAY = 86_400_000


def _word(text: bytes) -> np.uint64:
    return np.uint64(int.from_bytes(text, "little"))


_CELL, _ROW, _ROW_END = _word(b'<c r="'), _word(b'<row r="'), _word(b"</row>")
_V, _V_END, _C_END = _word(b"<v>"), _word(b"</v>"), _word(b"</c>")
_IS, _T, _T_END, _IS_END = _word(b"<is>"), _word(b"<t>"), _word(b"</t>"), _word(b"</is>")
_PRESERVE = b'<t xml:space="preserve">'
_T_KEPT = [_word(_PRESERVE[k:k + 8]) for k in range(0, 24, 8)]
_NONE, _NUMBER, _INLINE = 0, 1, 2      # what a cell holds


class Unsupported(Exception):
    """The sheet is not plain: it is streamed instead."""


class _Growing:
    """An array filled piece by piece, its room doubled when full and mapped from the system apart from the heap:
    kept between the pieces' temporaries, blocks of the heap would pin it (the process's RSS stayed 80-170 MiB
    higher after the read, and its later peak with it)."""

    def __init__(self, dtype: type) -> None:
        self._data = np.frombuffer(mmap.mmap(-1, 4096 * np.dtype(dtype).itemsize), dtype=dtype)
        self.size = 0

    def add(self, values: np.ndarray) -> None:
        if self.size + len(values) > len(self._data):
            room = max(2 * len(self._data), self.size + len(values))
            data = np.frombuffer(mmap.mmap(-1, room * self._data.itemsize), dtype=self._data.dtype)
            data[:self.size] = self._data[:self.size]
            self._data = data                 # (the old mapping goes with its last view)
        self._data[self.size:self.size + len(values)] = values
        self.size += len(values)

    def array(self) -> np.ndarray:
        return self._data[:self.size]


@dataclass
class _Column:
    rows: _Growing = field(default_factory=lambda: _Growing(np.int32))         # numbers: rows, values, styles
    values: _Growing = field(default_factory=lambda: _Growing(np.float64))
    styles: _Growing = field(default_factory=lambda: _Growing(np.int32))
    text_rows: _Growing = field(default_factory=lambda: _Growing(np.int32))    # texts: rows, ``str`` objects
    texts: list = field(default_factory=list)
    seen: dict | None = field(default_factory=dict)             # one ``str`` per repeated text, while it pays
    count: int = 0
    width: int | None = 0           # the one length of its texts below the head rows (0: none yet; None: several)
    text_bytes: _Growing | None = None      # those texts' bytes, joined (made at the first)


class PlainSheet:
    """Feed the decompressed bytes of a sheet part (as :class:`.sheet_extent.XlsxExtent` is fed); then
    :meth:`columns` gives its cells, or ``None`` when the sheet is not plain."""

    def __init__(self) -> None:
        self.failed = False
        self._tail = b""
        self._started = self._ended = False
        self._last = -1                    # row * 16384 + column of the last cell read
        self._columns: dict[int, _Column] = {}
        self._cells = 0                    # the extent, as :class:`.sheet_extent.XlsxExtent` measures it
        self._max_row = self._max_column = -1
        self._utf8 = codecs.getincrementaldecoder("utf-8")()     # the bytes before and after the rows

    def feed(self, data: bytes, final: bool = False) -> bool:
        """Read the next piece of the part; False once the sheet is not plain (then it is not looked at again).
        While True, every byte read is UTF-8 (the package guard leaves that check to this reader meanwhile): the
        rows' texts are decoded, their other bytes are checked to be what they are (ASCII), and the bytes before
        and after the rows are decoded on the way."""
        if self.failed:
            return False
        try:
            if self._ended:
                self._outside(self._tail + data)
                self._utf8_before_or_after(data, final)
            else:
                self._feed(data, final)
        except Exception:         # (Unsupported, or bytes numpy or the decoder refuse: not a plain sheet)
            self._give_up()
        return not self.failed

    @property
    def extent(self) -> Extent:
        """How far the cells reach, as the guard's scan measures it (valid once the whole part was fed and the
        sheet is plain): the cells' tags counted, the farthest filled cell (a text, even empty, or a number)."""
        if not self._cells:
            return Extent()
        return Extent(rows=self._max_row + 1, columns=self._max_column + 1, value_cells=self._cells)

    def _utf8_before_or_after(self, data: bytes, final: bool = False) -> None:
        """Raise ``UnicodeDecodeError`` unless ``data``, the next bytes outside the rows, continue a UTF-8 text."""
        if not data.isascii() or self._utf8.getstate()[0] or final:
            self._utf8.decode(data, final)

    def _outside(self, buffer: bytes) -> None:
        """Bytes before or after the rows: nothing the extent scan would count (a reference, a cell's tag)."""
        if _OUTSIDE.search(buffer):
            raise Unsupported("a reference or cell outside the rows")
        self._tail = buffer[-8:]

    def _give_up(self) -> None:
        self.failed = True
        self._tail = b""
        self._columns = {}

    def _feed(self, data: bytes, final: bool) -> None:
        buffer = self._tail + data
        if not self._started:
            self._utf8_before_or_after(data)              # (the rows' first bytes too, when they begin here)
            start = buffer.find(b"<sheetData>")
            if start < 0:
                if b"<sheetData" in buffer or final:
                    raise Unsupported("no rows")
                self._outside(buffer)
                self._tail = buffer[-16:]
                return
            self._outside(buffer[:start])
            self._started = True
            self._utf8.reset()                            # (a character the piece cut is the rows' to read)
            buffer = buffer[start + 11:]
        cut = buffer.rfind(b"</row>") + 6
        end = buffer.find(b"</sheetData>", cut if cut >= 6 else 0)   # (one before the last row's end is a tag
        if end >= 0:                                                  # among the rows: the sheet is given up)
            self._ended = True
            rows = buffer[:end]
            self._outside(buffer[end + 12:])
            self._utf8_before_or_after(buffer[end + 12:], final)
        else:
            if cut < 6 and final:
                raise Unsupported("the rows do not end")
            rows, self._tail = (buffer[:cut], buffer[cut:]) if cut >= 6 else (b"", buffer)
            if final:
                raise Unsupported("the rows do not end")
        if rows.strip():
            self._piece(rows)

    def _piece(self, rows: bytes) -> None:
        a = np.frombuffer(rows + _PAD, dtype=np.uint8)
        words = np.ndarray(shape=(len(a) - 8,), dtype=np.uint64, buffer=a, strides=(1,))   # 8 bytes from each byte
        lt = np.flatnonzero(a[:len(rows)] == 60)
        tag = words[lt]                           # each tag's first eight bytes
        after = (tag >> np.uint64(8)).astype(np.uint8)
        ci = np.flatnonzero(after == 99)          # '<c'
        ri = np.flatnonzero(after == 114)         # '<r'
        if not len(ri) or ri[0] != 0 or not rows[:int(lt[0])].isascii():
            raise Unsupported("text before the first row")
        cells, row_tags = lt[ci], lt[ri]
        if not ((tag[ci] & _MASK[6]) == _CELL).all() or not (tag[ri] == _ROW).all():
            raise Unsupported("a cell without a reference, or another tag")
        # each row's number: its digits and closing quote as one word
        row_word = words[row_tags + 8]
        digits = row_word.view(np.uint8).reshape(-1, 8)
        quote = digits == 34
        width = np.argmax(quote, axis=1)
        if not (quote.any(axis=1) & (width >= 1)).all():
            raise Unsupported("a row number")
        place = np.arange(8)
        inside = place < width[:, None]
        value = digits.astype(np.int64) - 48
        if not (((value >= 0) & (value <= 9)) | ~inside).all() or (value[:, 0] == 0).any():
            raise Unsupported("a row number")           # (with a leading 0 the extent scan would read it longer)
        row_number = (np.where(inside, value, 0) * 10 ** np.clip(width[:, None] - 1 - place, 0, 7)).sum(axis=1) - 1
        row_key = row_word & _MASK[width + 1]
        # each cell's row (the row tag before it) and column (its reference's letters)
        of_row = np.searchsorted(row_tags, cells) - 1
        letters = words[cells + 6]
        first = (letters & np.uint64(0xFF)).astype(np.int64)
        second = ((letters >> np.uint64(8)) & np.uint64(0xFF)).astype(np.int64)
        third = ((letters >> np.uint64(16)) & np.uint64(0xFF)).astype(np.int64)
        two = _UPPER[second]
        three = _UPPER[third] & two
        if not _UPPER[first].all():
            raise Unsupported("a reference")
        count = 1 + two.astype(np.int64) + three
        column = np.where(three, ((first - 64) * 26 + second - 64) * 26 + third - 64,
                          np.where(two, (first - 64) * 26 + second - 64, first - 64)) - 1
        # the reference's digits (and quote) are its row's
        row_width = width[of_row]
        if not ((words[cells + 6 + count] & _MASK[row_width + 1]) == row_key[of_row]).all():
            raise Unsupported("a reference outside its row")
        row = row_number[of_row]
        key = row * 16384 + column
        if key[0] <= self._last or (len(key) > 1 and not (np.diff(key) > 0).all()) or row[-1] >= _MAX_ROWS:
            raise Unsupported("cells out of order")
        self._last = int(key[-1])
        # the rest of each cell's tag (style, type), known by its bytes: a few distinct forms
        quote_at = cells + 6 + count + row_width
        rest = lt[ci + 1] - quote_at
        if not (rest <= 24).all():
            raise Unsupported("a long cell tag")
        parts = [words[quote_at + 8 * k] & _MASK[np.clip(rest - 8 * k, 0, 8)] for k in range(3)]
        codes, forms = pd.factorize(parts[0] * np.uint64(0x9E3779B97F4A7C15)
                                    ^ parts[1] * np.uint64(0xC2B2AE3D27D4EB4F) ^ parts[2])
        kind = np.empty(len(forms), dtype=np.int64)
        style = np.empty(len(forms), dtype=np.int64)
        for number in range(len(forms)):
            one = int(np.argmax(codes == number))
            text = b"".join(int(part[one]).to_bytes(8, "little") for part in parts)[:int(rest[one])]
            same = (parts[0] == parts[0][one]) & (parts[1] == parts[1][one]) & (parts[2] == parts[2][one])
            if not (same == (codes == number)).all():
                raise Unsupported("two forms of tag alike")
            match = _SUFFIX.match(text)
            if match is None:
                raise Unsupported("a cell type or attribute not covered")
            style[number] = int(match.group(1) or 0)
            kind[number] = _NONE if match.group(3) else _INLINE if match.group(2) == b"inlineStr" else _NUMBER
        cell_kind, cell_style = kind[codes], style[codes]
        filled = cell_kind != _NONE
        self._cells += len(ci)
        if filled.any():
            self._max_row = max(self._max_row, int(row[filled].max()))
            self._max_column = max(self._max_column, int(column[filled].max()))
        # every tag of the piece accounted for: rows, their ends, cells and exactly their children
        numbers, texts = ci[cell_kind == _NUMBER], ci[cell_kind == _INLINE]
        ends = ri[1:] - 1
        expected = [(numbers + 1, _V, 3), (numbers + 2, _V_END, 4), (numbers + 3, _C_END, 4),
                    (texts + 1, _IS, 4), (texts + 3, _T_END, 4), (texts + 4, _IS_END, 5),
                    (texts + 5, _C_END, 4)]
        if len(lt) != len(ci) + 3 * len(numbers) + 5 * len(texts) + 2 * len(ri):
            raise Unsupported("other tags among the rows")
        for places, name, size in expected:
            if len(places) and not ((tag[places] & _MASK[size]) == name).all():
                raise Unsupported("a cell's content not covered")
        if not ((tag[ends] & _MASK[6]) == _ROW_END).all() or (tag[-1] & _MASK[6]) != _ROW_END:
            raise Unsupported("rows not closed where they end")
        opening = lt[texts + 2]                       # '<t>' or '<t xml:space="preserve">'
        plain = (tag[texts + 2] & _MASK[3]) == _T
        kept = ~plain
        if kept.any() and not all((words[opening[kept] + 8 * k] == word).all() for k, word in enumerate(_T_KEPT)):
            raise Unsupported("a text's tag not covered")
        # the tags known to their last byte tile the piece (each run to the next '<' is at least its tag, a row's
        # '>' counted where it follows the number): then no byte is left over for an 'r="' (the usual case)
        tiled = (int(rest.sum()) + int(count.sum()) + int(row_width.sum()) + 6 * len(ci)
                 + int(width.sum()) + 9 * len(ri) + int((a[row_tags + 9 + width] == 62).sum()) + 6 * len(ri)
                 + int((lt[numbers + 2] - lt[numbers + 1]).sum()) + 8 * len(numbers)
                 + int((lt[texts + 3] - lt[texts + 2]).sum()) + 17 * len(texts))
        if tiled != len(rows) - int(lt[0]):
            _no_other_reference(a, lt, len(rows), ci, ri, width, numbers, texts)
        is_number, is_text = cell_kind == _NUMBER, cell_kind == _INLINE
        self._numbers(words, lt, numbers, row[is_number], column[is_number], cell_style[is_number])
        self._texts(a, lt, opening + np.where(plain, 3, len(_PRESERVE)), texts, row[is_text], column[is_text])

    def _numbers(self, words: np.ndarray, lt: np.ndarray, tags: np.ndarray, rows: np.ndarray, columns: np.ndarray,
                 styles: np.ndarray) -> None:
        if not len(tags):
            return
        start = lt[tags + 1] + 3                     # after '<v>'
        size = lt[tags + 2] - start
        if not ((size >= 1) & (size <= 24)).all():
            raise Unsupported("an empty or long number")
        grid = np.stack([words[start + 8 * k] & _MASK[np.clip(size - 8 * k, 0, 8)] for k in range(3)], axis=1)
        values = parse_numbers(words, start, size, grid.view(np.uint8)) + 0.0   # (-0 reads 0.0, as streamed)
        order = _column_order(columns)
        rows, values, styles = rows[order], values[order], styles[order]
        for position, part in _runs(columns[order]):
            column = self._columns.setdefault(position, _Column())
            column.rows.add(rows[part])
            column.values.add(values[part])
            column.styles.add(styles[part])

    def _texts(self, a: np.ndarray, lt: np.ndarray, start: np.ndarray, tags: np.ndarray, rows: np.ndarray,
               columns: np.ndarray) -> None:
        """The text cells at ``tags`` (their tags' places in ``lt``), each text from ``start``: the filled ones'
        bytes gathered and decoded in one go (in the piece's order: the gather stays sequential), split, then
        put in column order."""
        if not len(tags):
            return
        stop = lt[tags + 3] + 1                       # with the '<' after each text, to split on
        filled = stop - start > 1                     # '' reads as an empty cell
        if not filled.all():
            start, stop, rows, columns = start[filled], stop[filled], rows[filled], columns[filled]
            if not len(start):
                return
        size = stop - start
        steps = np.ones(int(size.sum()), dtype=np.int64)     # the bytes' places: +1, and a jump to each text
        firsts = np.cumsum(size) - size
        steps[firsts[1:]] = start[1:] - stop[:-1] + 1
        steps[0] = start[0]
        joined = a[np.cumsum(steps)].tobytes()
        if b"&" in joined or b"\r" in joined or b"_x" in joined:
            raise Unsupported("an entity, carriage return or escape in a text")
        if b'r="' in joined:
            raise Unsupported("a reference the extent scan would count elsewhere: in a text")
        listed = np.empty(len(start) + 1, dtype=object)
        listed[:] = joined.decode("utf-8").split("<")        # (and the '' after the last '<')
        order = _column_order(columns)
        listed, rows, lengths = listed[order].tolist(), rows[order], (size - 1)[order]
        for position, part in _runs(columns[order]):
            column = self._columns.setdefault(position, _Column())
            texts = listed[part]
            if column.width is not None:
                _keep_bytes(column, texts, rows[part], lengths[part])
            if column.seen is not None:
                seen = column.seen
                texts = list(map(seen.setdefault, texts, texts))
                column.count += len(texts)
                if len(seen) > max(column.count // 2, 1000):   # mostly distinct: nothing to share
                    column.seen = None
            column.text_rows.add(rows[part])
            column.texts.extend(texts)

    def columns(self, path: str, extent: tuple[int, int]) -> SheetColumns | None:
        """The sheet's cells as :func:`.sheet_columns.stream_columns` gives them, or ``None`` (not plain, or
        not reaching exactly to ``extent``, the rows and columns the guard measured)."""
        if self.failed or not self._ended:
            return None
        try:
            with zipfile.ZipFile(path) as archive:
                kinds = _style_kinds(archive)
            return _assemble(self._columns, kinds, extent)
        except (Unsupported, KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError, ValueError,
                OverflowError):
            return None
        finally:
            self._columns = {}


def _keep_bytes(column: _Column, texts: list[str], rows: np.ndarray, lengths: np.ndarray) -> None:
    """Keep the bytes of a column's texts below the head rows (``rows``, ascending; ``lengths``: their UTF-8
    bytes) while every one is ASCII of one length that may be a time stamp's (:mod:`.uniform_texts`) and holds no
    0 byte (``S<length>`` would cut a text ending in one short): joined while the strings are fresh, so that
    neither the cells' text nor typing walks a million cold ``str`` objects again (:mod:`.excel_reader`)."""
    below = int(np.searchsorted(rows, sheet_columns.HEAD_ROWS))
    if below == len(rows):
        return
    lengths = lengths[below:]
    width = column.width or int(lengths[0])
    joined = "".join(texts[below:] if below else texts)
    if not MIN_LENGTH <= width <= MAX_LENGTH or (lengths != width).any() or len(joined) != len(lengths) * width \
            or "\0" in joined:           # (a character of more than one byte: not ASCII; a 0 byte: no ``S`` text)
        column.width, column.text_bytes = None, None
        return
    column.width = width
    column.text_bytes = column.text_bytes or _Growing(np.uint8)
    column.text_bytes.add(np.frombuffer(joined.encode("ascii"), dtype=np.uint8))


def _column_order(columns: np.ndarray) -> np.ndarray:
    """The cells in column order, rows ascending within each (stable: a radix sort, the columns below 16,384),
    so that each column's cells are one run (:func:`_runs`) instead of a mask and a gather per column."""
    return np.argsort(columns.astype(np.int16), kind="stable")


def _runs(columns: np.ndarray) -> list[tuple[int, slice]]:
    """Each column of ``columns`` (in order, as :meth:`PlainSheet._piece` sorts the cells) and its run."""
    edges = [0, *(np.flatnonzero(columns[1:] != columns[:-1]) + 1).tolist(), len(columns)]
    return [(int(columns[begin]), slice(begin, end)) for begin, end in zip(edges[:-1], edges[1:])]


def _no_other_reference(a: np.ndarray, lt: np.ndarray, end: int, ci: np.ndarray, ri: np.ndarray, width: np.ndarray,
                        numbers: np.ndarray, texts: np.ndarray) -> None:
    """Raise :class:`Unsupported` when an ``r="`` stands anywhere in the piece ``a[:end]`` but in its row and cell
    tags (the extent scan would count it as a reference: in a text, say).  The piece's tags were checked to be what
    they are: a cell's tag is checked to its end, a number's bytes are all number, and a text is searched in
    :meth:`PlainSheet._texts`; what is left are the bytes after a row's number (``spans="1:10"``) and anything
    after a closing tag (or after ``<is>``) before the next ``<``.  Those are gathered, each with the byte after
    it (a ``<``, so that no two make an ``r="`` together), and searched: a search of the whole piece took 4 ms
    every 4 MB."""
    after = np.empty_like(lt)
    after[:-1] = lt[1:]
    after[-1] = end
    known = after - lt                             # (the whole run to the next '<' is known, unless said here)
    for places, size in ((numbers + 2, 4), (numbers + 3, 4), (texts + 1, 4), (texts + 3, 4), (texts + 4, 5),
                         (texts + 5, 4), (ri[1:] - 1, 6), (np.array([len(lt) - 1]), 6)):
        known[places] = size
    known[ri] = 9 + width                          # '<row r="', the number and its quote
    loose = np.flatnonzero(lt + known < after)
    if not len(loose):
        return
    start, stop = lt[loose] + known[loose], after[loose] + 1
    size = stop - start
    steps = np.ones(int(size.sum()), dtype=np.int64)      # the bytes' places: +1, and a jump to each run
    firsts = np.cumsum(size) - size
    steps[firsts[1:]] = start[1:] - stop[:-1] + 1
    steps[0] = start[0]
    loose_bytes = a[np.cumsum(steps)].tobytes()
    if b'r="' in loose_bytes:
        raise Unsupported("a reference the extent scan would count elsewhere")
    if not loose_bytes.isascii():
        raise Unsupported("bytes among the rows whose encoding is not checked")


_BUILTIN_NUMBERS = {0, 1, 2, 3, 4, 9, 10, 11, 49}
_BUILTIN_DATES = {14, 15, 16, 17, 22}
_DATE_CODE = re.compile(r"^(?=.*[yd])[ymdhs\-/.: ]+$")
_NUMBER_CODE = re.compile(r"^(General|[0#,.%]+)$")


def _style_kinds(archive: zipfile.ZipFile) -> dict[int, str]:
    """Style index -> 'number' or 'date', for the styles whose format is plainly one of them."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names and re.search(rb"date1904\s*=\s*[\"'](1|true)", archive.read("xl/workbook.xml")):
        raise Unsupported("dates counted from 1904")
    if "xl/styles.xml" not in names:
        return {0: "number"}
    root = ElementTree.fromstring(archive.read("xl/styles.xml"))   # (its size was checked by the guard)
    space = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    codes = {int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
             for fmt in root.iterfind(f"{space}numFmts/{space}numFmt")}
    kinds = {}
    for index, xf in enumerate(root.iterfind(f"{space}cellXfs/{space}xf")):
        number = int(xf.get("numFmtId", "0"))
        code = codes.get(number)
        if code is None:
            kind = "number" if number in _BUILTIN_NUMBERS else "date" if number in _BUILTIN_DATES else None
        else:
            kind = "number" if _NUMBER_CODE.match(code) else "date" if _DATE_CODE.match(code) else None
        if kind is not None:
            kinds[index] = kind
    return kinds if kinds or root.find(f"{space}cellXfs") is not None else {0: "number"}


_KIND_CODES = {None: 0, "number": 1, "date": 2}
_SLICE = 65_536


def _assemble(columns: dict[int, _Column], kinds: dict[int, str], extent: tuple[int, int]) -> SheetColumns | None:
    """The columns as :class:`.sheet_columns.SheetColumns`, a slice at a time: no temporary of a whole column is
    made and let go (glibc would then keep arrays of that size on its heap for the rest of the run)."""
    capacity, max_width = extent
    top = sheet_columns.HEAD_ROWS             # (the rows kept as cells for finding the header)
    reach = np.zeros(max_width, dtype=np.int64)
    if not columns or max(columns) >= max_width:
        return None
    for position, column in columns.items():
        last = [int(column.rows.array()[-1])] if column.rows.size else []
        last += [int(column.text_rows.array()[-1])] if column.text_rows.size else []
        reach[position] = max(last) + 1 if last else 0
    n_rows = int(reach.max())
    if n_rows != capacity or int(np.flatnonzero(reach)[-1]) + 1 != max_width:
        return None                         # (cells holding an empty text at the edge: the loaded sheet counts them)
    codes = np.array([_KIND_CODES[kinds.get(style)] for style in range(max(kinds, default=0) + 1)] + [0],
                     dtype=np.int8)
    objects: list[np.ndarray] = [np.full(n_rows, None, dtype=object) for _ in range(max_width)]
    numbers: list[np.ndarray | None] = [None if position in columns else _no_numbers(n_rows - top)
                                        for position in range(max_width)]
    uniform: list[np.ndarray | None] = [None] * max_width
    text_only = [position in columns and not columns[position].rows.size for position in range(max_width)]
    for position, column in columns.items():
        cells = objects[position]
        rows, texts = column.text_rows.array(), column.texts
        if column.width and not column.rows.size and n_rows > top:    # (texts only, one length below the head rows)
            uniform[position] = _uniform_texts(rows, column.text_bytes.array(), column.width, n_rows)
        for start in range(0, len(rows), _SLICE):
            cells[rows[start:start + _SLICE]] = texts[start:start + _SLICE]
        texts_below = bool(len(rows)) and rows[-1] >= top
        del column.text_rows, column.texts, column.text_bytes, texts
        rows, values, styles = column.rows.array(), column.values.array(), column.styles.array()
        slices = [slice(start, start + _SLICE) for start in range(0, len(rows), _SLICE)]
        kinds_of = [codes[np.minimum(styles[part], len(codes) - 1)] for part in slices]
        if any((kind == 0).any() for kind in kinds_of):      # a style whose format is not plainly a number or date
            raise Unsupported("a number format not covered")
        below = [rows[part] >= top for part in slices]
        dated_below = any((kind == 2)[low].any() for kind, low in zip(kinds_of, below))
        if not texts_below and not dated_below:
            numbers[position] = _no_numbers(n_rows - top)     # all numbers below the head rows (else: cells)
        elif not texts_below and n_rows > top and all((kind == 2)[low].all() for kind, low in zip(kinds_of, below)) \
                and not any(_midnight_times(values[part][low]) for part, low in zip(slices, below)):
            numbers[position] = np.full(n_rows - top, np.datetime64("NaT", "ms"))   # all dates below: datetime64
        floats = numbers[position]
        stamps = floats is not None and floats.dtype.kind == "M"
        for part, kind, low in zip(slices, kinds_of, below):
            at, value, dated = rows[part], values[part], kind == 2
            if stamps:                            # (the head rows as cells, as below)
                head_dates, head_numbers = dated & ~low, ~dated & ~low
                if head_dates.any():
                    cells[at[head_dates]] = _dates(value[head_dates])
                cells[at[head_numbers]] = value[head_numbers].tolist()
                floats[at[low] - top] = _millis(value[low])
                continue
            if dated.any():
                cells[at[dated]] = _dates(value[dated])
            loose = ~dated if floats is None else ~dated & (at < top)
            cells[at[loose]] = value[loose].tolist()
            if floats is not None:
                kept = ~dated & (at >= top)
                floats[at[kept] - top] = value[kept]
        del column.rows, column.values, column.styles, rows, values, styles
    head_rows = [[cell if cell is not None else "" for cell in row]
                 for row in zip(*(column[:top].tolist() for column in objects))][:n_rows]
    return SheetColumns(head_rows, n_rows, max_width, objects, numbers, True, [], np.minimum(reach, n_rows),
                        uniform, text_only)


def _uniform_texts(rows: np.ndarray, joined: np.ndarray, width: int, n_rows: int) -> np.ndarray:
    """A column's texts below the head rows as ``S<width>`` bytes, ``b""`` where empty and in the head rows
    (``rows``: every text's row; ``joined``: the bytes of those below the head rows, in row order)."""
    out = np.frombuffer(mmap.mmap(-1, n_rows * width), dtype=f"S{width}")   # (zeros: b""; mapped apart from the
    rows = rows[np.searchsorted(rows, sheet_columns.HEAD_ROWS):]             # heap, as :class:`_Growing` is)
    if rows[-1] - rows[0] + 1 == len(rows):          # (every row filled: one copy)
        out[rows[0]:rows[-1] + 1] = joined.view(f"S{width}")
    else:
        out[rows] = joined.view(f"S{width}")
    return out


def _no_numbers(rows: int) -> np.ndarray | None:
    """A column's floats below the head rows before any is filled in (``None`` when there are no such rows)."""
    return np.full(rows, np.nan) if rows > 0 else None


def _millis(serials: np.ndarray) -> np.ndarray:
    """Date-styled numbers as ``datetime64[ms]``: the instants :func:`_dates` makes objects of (a whole day at
    its midnight)."""
    if not ((serials >= 61) & (serials < _LAST_SERIAL)).all():
        raise Unsupported("a date before March 1900 or after 9999, or a time of day")
    scaled = serials * _MS_PER_DAY                        # milliseconds from 1899-12-30, rounded half away
    milliseconds = np.trunc(scaled) + (scaled - np.trunc(scaled) >= 0.5)
    return _EPOCH.astype("datetime64[ms]") + milliseconds.astype(np.int64).astype("timedelta64[ms]")


def _midnight_times(serials: np.ndarray) -> bool:
    """Whether a number that is not a whole day rounds to a midnight (its cell a ``datetime`` at midnight, which
    :func:`.workbook_dates.boxed` would give back as a ``date``)."""
    apart = serials != np.floor(serials)
    return bool(apart.any()) and bool((_millis(serials[apart]).view(np.int64) % _MS_PER_DAY == 0).any())


def _dates(serials: np.ndarray) -> np.ndarray:
    """Date-styled numbers as the stream gives them: ``date`` for whole days, ``datetime`` to the millisecond."""
    if not ((serials >= 61) & (serials < _LAST_SERIAL)).all():
        raise Unsupported("a date before March 1900 or after 9999, or a time of day")
    out = np.empty(len(serials), dtype=object)
    whole = serials == np.floor(serials)
    out[whole] = (_EPOCH + serials[whole].astype(np.int64)).astype(object)
    scaled = serials[~whole] * _MS_PER_DAY                # milliseconds from 1899-12-30, rounded half away
    milliseconds = np.trunc(scaled) + (scaled - np.trunc(scaled) >= 0.5)
    stamps = _EPOCH.astype("datetime64[ms]") + milliseconds.astype(np.int64).astype("timedelta64[ms]")
    out[~whole] = stamps.astype(object)
    return out
