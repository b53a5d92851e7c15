"""How far the cells of a worksheet really reach, found by streaming its XML (never the declared grid).

The workbook reader holds a sheet as a dense grid from A1 to the farthest cell, so one cell at
XFD1048576 asks for 17 billion cells whatever the sheet's ``<dimension>`` says.  These scanners
read the decompressed part in pieces and keep only counters:

* :class:`XlsxExtent` looks at every ``r="…"`` attribute with numpy (a few tens of milliseconds per
  16 MB, against about a second for a regular expression or an XML parser), so it costs little on
  large real exports.  Cells without a reference (some generators omit them) are placed after the
  previous cell, as the reader does; the extent then becomes a safe upper bound.
* :class:`OdsExtent` follows ``content.xml`` with expat (no DTD, no entities): rows and cells
  repeated by ``table:number-rows-repeated`` / ``number-columns-repeated``, and ``text:s`` runs of
  spaces, as the reader would expand them.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass

import numpy as np

SPACE = np.array([32, 9, 10, 13], dtype=np.uint8)
_OVERLAP = 64           # bytes carried to the next piece, so no reference is cut in two
_WINDOW = 40            # bytes looked at after r=" (the reference, then the rest of the tag)
_LETTER_WEIGHTS = np.array([26 * 26, 26, 1], dtype=np.int64)


@dataclass
class Extent:
    """Rows and columns a reader would hold for a sheet (0 when empty), and what fills them."""

    rows: int = 0
    columns: int = 0
    value_cells: int = 0          # cells with content (repeats counted as the reader expands them)
    text_chars: int = 0           # characters of text the reader would hold (ods: repeats and spaces expanded)
    longest_run: int = 0          # the longest run of spaces of one text:s (ods)
    written_cells: int = 0        # filled cells written out in the file (ods: before repeats)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class XlsxExtent:
    """Feed the decompressed bytes of an .xlsx sheet part; :attr:`extent` says how far cells reach."""

    def __init__(self) -> None:
        self._tail = b""
        self._max_row = self._max_col = self._max_row_tag = -1
        self._cells = self._refless_cells = self._refless_rows = self._row_tags = 0
        self._row_width = self._widest_row = 0

    def feed(self, data: bytes, final: bool = False) -> None:
        buffer = self._tail + data
        keep = 0 if final else min(_OVERLAP, len(buffer))
        array = np.frombuffer(buffer, dtype=np.uint8)
        limit = len(buffer) - keep            # references starting before ``limit`` are counted now
        self._count_refs(array, limit)
        self._count_tags(array, limit)
        self._tail = buffer[limit:]

    def _count_refs(self, a: np.ndarray, limit: int) -> None:
        if len(a) < 8:
            return
        equals = np.flatnonzero(a[2:-1] == 61) + 2                       # '=' of ' r="', then the rest
        equals = equals[equals - 2 < limit]
        equals = equals[(a[equals - 1] == 114) & (a[equals + 1] == 34)]
        equals = equals[np.isin(a[equals - 2], SPACE)]
        starts = equals + 2
        if not len(starts):
            return
        window = a[np.minimum(starts[:, None] + np.arange(_WINDOW, dtype=np.int64), len(a) - 1)]
        letter = (window[:, :3] >= 65) & (window[:, :3] <= 90)
        first, second = letter[:, 0], letter[:, 0] & letter[:, 1]
        letters = first.astype(np.int8) + second + (second & letter[:, 2])
        length = np.argmax(window[:, :11] == 34, axis=1)          # the closing quote ends the reference
        digits = length - letters
        ok = (length > 0) & (digits >= 1) & (digits <= 7)
        rows = ok & (letters == 0)
        if rows.any():                                            # <row r="7">: where refless cells go
            top = rows & (digits == digits[rows].max())
            self._max_row_tag = max(self._max_row_tag, _largest_number(window[top], letters[top], length[top]) - 1)
        # a cell without content ('<c r="Z9" s="3"/>', '<c …></c>') is skipped by the reader; a tag longer
        # than the window counts as filled
        closing = window == 62
        end = np.argmax(closing, axis=1)
        rows_at = np.arange(len(window))
        found = closing.any(axis=1)
        self_closing = window[rows_at, np.maximum(end - 1, 0)] == 47                 # <c r="Z9" s="3"/>
        closed_at_once = (window[rows_at, np.minimum(end + 1, _WINDOW - 1)] == 60) \
            & (window[rows_at, np.minimum(end + 2, _WINDOW - 1)] == 47) & (end + 2 < _WINDOW)   # <c r="Z9"></c>
        empty = found & (self_closing | closed_at_once)
        cell = ok & (letters > 0) & ~empty
        if not cell.any():
            return
        window, letters, digits, length = window[cell], letters[cell], digits[cell], length[cell]
        top = digits == digits.max()                              # the largest numbers have the most digits
        self._max_row = max(self._max_row, _largest_number(window[top], letters[top], length[top]) - 1)
        cell = letters > 0
        if cell.any():
            widest = cell & (letters == letters[cell].max())
            places = window[widest, :3].astype(np.int64) - 64
            count = int(letters[widest][0])
            columns = (places[:, :count] * _LETTER_WEIGHTS[3 - count:]).sum(axis=1) - 1
            self._max_col = max(self._max_col, int(columns.max()))

    def _count_tags(self, a: np.ndarray, limit: int) -> None:
        if len(a) < 4:
            return
        lt = np.flatnonzero(a[:limit] == 60)                  # '<'
        lt = lt[lt + 4 < len(a)]
        nxt, after = a[lt + 1], a[lt + 2]
        cell = (nxt == 99) & np.isin(after, np.array([32, 62, 47, 9, 10, 13], dtype=np.uint8))   # <c … / <c>
        row = (nxt == 114) & (after == 111) & (a[lt + 3] == 119)                            # <row
        cells, rows = lt[cell], lt[row]
        self._cells += len(cells)
        self._row_tags += len(rows)
        refless = after[cell] == 62                                              # '<c>'
        self._refless_cells += int(np.count_nonzero(refless))
        if len(cells):        # cells per row, the row that continues from the previous piece included
            per_row = np.bincount(np.searchsorted(rows, cells), minlength=len(rows) + 1)
            per_row[0] += self._row_width
            self._widest_row = max(self._widest_row, int(per_row.max()))
            self._row_width = int(per_row[-1])
        elif len(rows):
            self._row_width = 0

    @property
    def extent(self) -> Extent:
        rows, columns = self._max_row + 1, self._max_col + 1
        if self._refless_cells:              # placed after the previous cell: bound by the widest row
            columns += self._widest_row
            rows = max(rows, self._max_row_tag + 1) + self._row_tags
        return Extent(rows=rows if self._cells else 0, columns=columns if self._cells else 0,
                      value_cells=self._cells)


def _largest_number(window: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> int:
    """The largest of the digit runs ``window[i, starts[i]:ends[i]]`` (all of the same length)."""
    width = int(ends[0] - starts[0])
    columns = starts[:, None] + np.arange(width)
    digits = np.take_along_axis(window, columns, axis=1).astype(np.int64) - 48
    if ((digits < 0) | (digits > 9)).any():
        digits = np.where((digits >= 0) & (digits <= 9), digits, 0)
    return int((digits * 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)).sum(axis=1).max())


class OdsExtent:
    """Feed the decompressed bytes of an .ods ``content.xml``; :attr:`extents` holds one per table."""

    def __init__(self) -> None:
        self.extents: list[Extent] = []
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._parser = parser
        self._table: Extent | None = None
        self._row_rep = 1
        self._row_pos = 0                # rows of the current table so far
        self._col_pos = 0                # columns of the current row so far
        self._row_width = 0              # where the last filled cell of the row ends
        self._row_values = 0
        self._row_chars = 0
        self._row_written = 0
        self._cell: list[int] | None = None      # [columns repeated, has content, characters]

    def feed(self, data: bytes, final: bool = False) -> None:
        self._parser.Parse(data, final)

    def _doctype(self, *_args: object) -> None:
        raise ValueError("a document type definition")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "table" and name.startswith("urn:oasis:names:tc:opendocument:xmlns:table"):
            self._table = Extent()
            self.extents.append(self._table)
            self._row_pos = 0
        elif local == "table-row":
            self._row_rep = _repeat(attrs, "number-rows-repeated")
            self._col_pos = self._row_width = self._row_values = self._row_chars = self._row_written = 0
        elif local in ("table-cell", "covered-table-cell"):
            filled = any(key.endswith(" value-type") for key in attrs)
            self._cell = [_repeat(attrs, "number-columns-repeated"), int(filled), 0]
        elif self._cell is not None:
            self._cell[1] = 1
            if local == "s":
                run = _repeat(attrs, " c")
                self._cell[2] += run
                if self._table is not None:
                    self._table.longest_run = max(self._table.longest_run, run)

    def _text(self, data: str) -> None:
        if self._cell is not None:
            self._cell[2] += len(data)

    def _end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        if local in ("table-cell", "covered-table-cell") and self._cell is not None:
            repeat, filled, chars = self._cell
            self._col_pos += repeat
            if filled:
                self._row_width = self._col_pos
                self._row_written += 1
                self._row_values += repeat
                self._row_chars += repeat * chars
            self._cell = None
        elif local == "table-row" and self._table is not None:
            self._row_pos += self._row_rep
            if self._row_values:
                table = self._table
                table.rows = self._row_pos
                table.columns = max(table.columns, self._row_width)
                table.value_cells += self._row_rep * self._row_values
                table.written_cells += self._row_written
                table.text_chars += self._row_rep * self._row_chars

    @property
    def total(self) -> Extent:
        """The largest table's rows and columns; value cells and text of all tables together."""
        out = Extent()
        for table in self.extents:
            if table.cells > out.cells:
                out.rows, out.columns = table.rows, table.columns
            out.value_cells += table.value_cells
            out.written_cells += table.written_cells
            out.text_chars += table.text_chars
            out.longest_run = max(out.longest_run, table.longest_run)
        return out


def _repeat(attrs: dict[str, str], suffix: str) -> int:
    for key, value in attrs.items():
        if key.endswith(suffix):
            try:
                return max(1, int(value))
            except ValueError:
                return 1
    return 1
