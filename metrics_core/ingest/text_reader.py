"""Read delimited and whitespace-aligned text files into a :class:`RawTable`.

The file is read once as bytes.  Encoding, delimiter and header are decided from
a sample; the data is then parsed in one pass by the pandas C engine (all cells
as text; ids and timestamps first as fixed-width bytes and repeating values as
categories, see :mod:`.column_dtypes`)
starting at the first data record.  Source line numbers come from a
vectorised scan of the bytes: a newline ends a record when the number of quote
characters before it is even (RFC 4180), so multi-line quoted fields keep the
line number where their record starts.
"""

from __future__ import annotations

import collections
import csv
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import EmptyFileError, FileReadError
from ..i18n import Message, _, ngettext
from ..progress import Reporter
from . import sniff
from .column_dtypes import (categories_kept_as_text, filled_categories, is_clean, may_be_cut, narrowest,
                            no_thousands, parser_dtypes)
from .limits import check_field_lengths, check_width
from .model import ReadOptions
from .table_finder import RawTable, TableLayout, assemble, find_table

log = logging.getLogger(__name__)

SAMPLE_RECORDS = 120
SAMPLE_BYTES = 512 * 1024
WIDE_FILE_COLUMNS = 200
PIECES_FROM = 256 * 2**20   # a text this long or longer is parsed from pieces, each let go once read
PIECE_BYTES = 64 * 2**20
COUNT_BYTES = 2**20         # lines are counted a piece of this size at a time (92 MB: 0.11 s in 64 MB pieces, 0.016 s)
SEP_HINT = re.compile(r"sep=([^\r\n])[ \t]*\r?\n", re.IGNORECASE)
USABLE_HINT = re.compile(r"[\x01-\x7f]")     # the parser splits at one byte: a hint of 'sep=€' cannot be used
FIELD_COUNT_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
UNCLOSED_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", sniff.WHITESPACE: "runs of spaces"}


@dataclass
class TextTable:
    """What the text reader decided, plus the located table."""

    table: RawTable
    encoding: str
    encoding_note: str
    delimiter: str
    decimal: str | None
    encoding_doubtful: bool = False     # the note asks the reader to look at the preview


def read_text(path: Path, data: bytes, options: ReadOptions, reporter: Reporter,
              max_rows: int | None = None, keep_text: bool = False) -> TextTable:
    """Decode, sniff and parse ``data`` (the file's bytes).

    A long text is handed to the parser in pieces, each let go once read (the peak of a 10,000,000-row
    file is then not the whole text beside the parsed cells); should the parse need the text again (a
    value did not fit the columns chosen from the sample, or the quotes defeat the line scan),
    :class:`TextReleased` is raised and the caller reads the file again with ``keep_text=True``.

    Raises
    ------
    EmptyFileError, EncodingError, UnsupportedFormatError, FileReadError, TextReleased
    """
    check_field_lengths(data, path, options.delimiter)     # (separators are the same bytes in every code page)
    decoded = sniff.decode_text(data, path, options.encoding)
    sniff.check_is_text(decoded.head(data), path)
    buffer = _utf8_bytes(data, decoded)
    encoding, encoding_note, doubtful = decoded.encoding, decoded.note, decoded.doubtful
    del data, decoded       # the text is in ``buffer`` now: a code page's bytes and decoded text are let go
    if _blank(buffer):
        raise EmptyFileError(Message("“{name}” is empty: it holds no rows, only blank lines or spaces.", dict(name=path.name)),
                             path=path)
    reporter.step(0.12, _("Finding the table"))
    starts, lines = record_starts(buffer)
    delimiter, grid, layout = _locate_table(buffer[:_sample_end(starts, len(buffer))].decode("utf-8"), options)
    check_width(max([len(row) for row in grid] + [0]), path)      # before the parser makes a million columns
    first = layout.first_data_row
    if first >= len(lines):
        raise EmptyFileError(Message("“{name}” has a header row but no data rows.", dict(name=path.name)), path=path)
    decimal = options.decimal or (sniff.sniff_decimal(grid[first:]) if delimiter == ";" else None)
    reporter.step(0.2, _("Reading the rows"))
    width = max([len(row) for row in grid] + [len(layout.headers), _cells_in_record(buffer, starts, first, delimiter)])
    check_width(width, path)
    typed = width <= WIDE_FILE_COLUMNS and b"\x00" not in buffer
    text = _Text(buffer, int(starts[first]), in_pieces=max_rows is None and not keep_text
                 and len(buffer) >= PIECES_FROM)
    del buffer              # (held by ``text`` alone: in pieces, each goes once the parser has read it)
    cells = _consolidated(_parse_cells(text, delimiter, width, max_rows, path, lines[first:], grid[first:], typed))
    row_numbers, numbering_note = _row_numbers(lines[first:], len(cells), max_rows is not None)
    if numbering_note and delimiter != sniff.WHITESPACE:
        row_numbers, numbering_note = _csv_module_lines(text.whole(), text.offset, delimiter,
                                                        int(lines[first]), len(cells), numbering_note)
    del text                # the file's text is not read again: let it go before the cells become strings
    raw, filled, clean = _cells_as_text(cells)
    layout.header_rows = [int(lines[r]) - 1 for r in layout.header_rows]
    table = assemble(raw, raw, layout, row_numbers, filled=filled, clean=clean)
    if numbering_note:
        table.notes.append(numbering_note)
    log.debug("%s: %s, delimiter %s, %d rows", path.name, encoding,
              DELIMITER_NAMES.get(delimiter, repr(delimiter)), len(table.raw))
    return TextTable(table, encoding, encoding_note, delimiter, decimal, doubtful)


def _cells_in_record(buffer: bytes, starts: np.ndarray, index: int, delimiter: str) -> int:
    """Cells of record ``index`` (at least 1), for the first data record when a long header row filled the
    sample: the parser would take a first row with one cell more than the columns it is given for an
    index and drop its last cell (pandas warns "loss of data"); with fewer cells it pads them."""
    end = int(starts[index + 1]) if index + 1 < len(starts) else len(buffer)
    return max([len(row) for row in sample_rows(buffer[int(starts[index]):end].decode("utf-8"), delimiter)] + [1])


def _blank(buffer: bytes) -> bool:
    """True when the text holds nothing but white space (non-breaking spaces included)."""
    if buffer[:65536].decode("utf-8", "ignore").strip():
        return False
    return not buffer.decode("utf-8", "ignore").strip()


def _locate_table(sample: str, options: ReadOptions) -> tuple[str, list[list[str]], TableLayout]:
    """Delimiter, sample rows and table layout from the first records."""
    hint = SEP_HINT.match(sample)           # Excel's "sep=;" first line
    usable = hint is not None and USABLE_HINT.fullmatch(hint.group(1)) is not None
    delimiter = options.delimiter or (hint.group(1) if usable else sniff.sniff_delimiter(sample))
    grid = sample_rows(sample, delimiter)
    if hint:
        grid[0] = []
    layout = find_table(grid, options.header_row, options.header_rows)
    if hint and usable:
        layout.notes.append(_("The first line “{line}” only names the delimiter; it was skipped",
                              line=hint.group(0).strip()))
    elif hint:
        layout.notes.append(_("The first line “{line}” names a delimiter that cannot split columns (it is not a "
                              "plain character); it was skipped and the delimiter was detected",
                              line=hint.group(0).strip()))
    return delimiter, grid, layout


def _utf8_bytes(data: bytes, decoded: sniff.DecodedText) -> bytes:
    """The text as UTF-8 bytes with LF or CRLF line ends (what pandas and the scan read)."""
    if decoded.encoding == "utf-8" and not decoded.replaced:
        buffer = data
    elif decoded.encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
        buffer = data[3:]
    else:
        buffer = decoded.text.encode("utf-8")
    if b"\n" not in buffer and b"\r" in buffer:
        buffer = buffer.replace(b"\r", b"\n")      # old Mac line ends
    return buffer


def record_starts(buffer: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Byte offsets (at least of the first records) and 1-based start lines of all records.

    A newline ends a record when an even number of ``"`` precede it; blank lines
    are records too (pandas is told not to skip them, so the counts agree).
    """
    if b'"' not in buffer:      # no quoting: every line is a record; offsets only for the head
        size = 2 * SAMPLE_BYTES
        while True:             # widen the head until it holds the sample's records (very long lines)
            head = np.frombuffer(buffer, dtype=np.uint8, count=min(size, len(buffer)))
            starts = np.concatenate(([0], np.flatnonzero(head == 10) + 1))
            if len(starts) > SAMPLE_RECORDS + 1 or size >= len(buffer):
                break
            size *= 4
        starts = starts[starts < len(buffer)]
        array = np.frombuffer(buffer, dtype=np.uint8)       # (faster than bytes.count; a piece at a time, each
        newlines = sum(np.count_nonzero(array[i:i + COUNT_BYTES] == 10)     # piece's mask within the cache)
                       for i in range(0, len(array), COUNT_BYTES))
        records = int(newlines) + (not buffer.endswith(b"\n"))
        return starts, np.arange(1, records + 1)
    array = np.frombuffer(buffer, dtype=np.uint8)
    newlines = np.flatnonzero(array == 10)
    quotes = np.flatnonzero(array == 34)
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
    line_of_end = np.searchsorted(newlines, ends)
    starts = np.concatenate(([0], ends + 1))
    lines = np.concatenate(([1], line_of_end + 2))
    if starts[-1] >= len(buffer):
        starts, lines = starts[:-1], lines[:-1]
    return starts, lines


def _sample_end(starts: np.ndarray, size: int) -> int:
    if len(starts) > SAMPLE_RECORDS:
        end = int(starts[SAMPLE_RECORDS])
        if end <= SAMPLE_BYTES:
            return end
    if size <= SAMPLE_BYTES:
        return size
    index = int(np.searchsorted(starts, SAMPLE_BYTES))
    return int(starts[max(1, min(index, len(starts) - 1))]) if len(starts) > 1 else size


def sample_rows(sample: str, delimiter: str) -> list[list[str]]:
    """Split the sample into rows of cells, one row per record (blank lines give ``[]``)."""
    if delimiter == sniff.WHITESPACE:
        lines = sample.split("\n")
        return [line.split() for line in (lines[:-1] if sample.endswith("\n") else lines)]
    return list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))


def _parse_cells(text: "_Text", delimiter: str, width: int, max_rows: int | None, path: Path,
                 record_lines: np.ndarray, sample: list[list[str]], typed: bool) -> pd.DataFrame:
    """All records of ``text``: text cells ("" where empty), ids and timestamps as bytes,
    repeating values as categories (``typed``: the file is neither very wide nor holds NUL bytes).

    The dtypes are chosen from ``sample`` (the first data rows, see :mod:`.column_dtypes`);
    when a value may not have fit its bytes column, the file is read again with every column as text.
    """
    dtypes = parser_dtypes(sample) if typed else {}
    if dtypes:
        cells = _parse(text, delimiter, width, max_rows, path, record_lines, dtypes)
        if not _text_lost(cells):
            return cells
        log.debug("%s: a value did not fit its fixed width, or categories became numbers; "
                  "reading all columns as text", path.name)
    return _parse(text, delimiter, width, max_rows, path, record_lines, {})


def _text_lost(cells: pd.DataFrame) -> bool:
    """True when a bytes column may have a value cut, or pandas made numbers of a category column."""
    for _name, column in cells.items():
        if column.dtype.kind == "S" and may_be_cut(column.to_numpy()):
            return True
        if isinstance(column.dtype, pd.CategoricalDtype) and not categories_kept_as_text(column.array):
            return True
    return False


def _parse(text: "_Text", delimiter: str, width: int, max_rows: int | None,
           path: Path, record_lines: np.ndarray, dtypes: dict[int, str]) -> pd.DataFrame:
    """All records of ``text`` as text cells ("" where empty), via the pandas C engine.

    ``record_lines`` holds the source line of each record from ``offset`` on (for messages);
    ``dtypes`` gives the columns to read as bytes or categories instead of Python strings.
    """
    separator = r"\s+" if delimiter == sniff.WHITESPACE else delimiter
    for _attempt in range(4):
        try:
            return pd.read_csv(
                text.handle(), sep=separator, header=None,
                names=list(range(width)), index_col=False,
                dtype={i: dtypes.get(i, object) for i in range(width)}, na_filter=False,
                skip_blank_lines=False, nrows=max_rows, encoding="utf-8", engine="c",
                thousands=no_thousands(delimiter))          # (categories of numbers stay text)
        except pd.errors.ParserError as exc:
            found = FIELD_COUNT_ERROR.search(str(exc))
            if not found:
                raise _parse_error(path, str(exc), record_lines) from exc
            width = int(found.group(3))
        except pd.errors.EmptyDataError:
            return pd.DataFrame(columns=list(range(width)), dtype=object)
    raise FileReadError(
        Message("“{name}” has rows with very different numbers of columns (near line {line_of}). Check the delimiter in the import options.", dict(name=path.name, line_of=_line_of(record_lines, int(found.group(2)) - 1))),
        path=path)


class TextReleased(Exception):
    """The text was handed to the parser in pieces and let go, and is needed again: read the file again."""


class _Text:
    """The file's text from the first data record (``offset``), as the parser reads it: whole, or in
    pieces of :data:`PIECE_BYTES` (copies), each let go as soon as the parser has read past it."""

    def __init__(self, buffer: bytes, offset: int, in_pieces: bool) -> None:
        self.offset = offset
        self._whole = None if in_pieces else buffer
        self._pieces = [buffer[i:i + PIECE_BYTES] for i in range(offset, len(buffer), PIECE_BYTES)] \
            if in_pieces else None

    def handle(self) -> io.RawIOBase | io.BytesIO:
        """A file to parse; in pieces, only once (then :class:`TextReleased`)."""
        if self._whole is not None:     # (``BytesIO`` shares a ``bytes`` object it is given whole, but copies a
            handle = io.BytesIO(self._whole)    # slice or a memoryview: 90 MB more for a million-row file)
            handle.seek(self.offset)
            return handle
        if self._pieces is None:
            raise TextReleased()
        pieces, self._pieces = self._pieces, None
        return _PieceReader(pieces)

    def whole(self) -> bytes:
        """The whole text (:class:`TextReleased` when it was read in pieces)."""
        if self._whole is None:
            raise TextReleased()
        return self._whole


class _PieceReader(io.RawIOBase):
    """A file reading ``pieces`` one after another, dropping each once it has been read."""

    def __init__(self, pieces: list[bytes]) -> None:
        super().__init__()
        self._pieces = collections.deque(memoryview(piece) for piece in pieces)
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while self._pieces and self._at >= len(self._pieces[0]):
            self._pieces.popleft()
            self._at = 0
        if not self._pieces:
            return 0
        piece = self._pieces[0]
        n = min(len(target), len(piece) - self._at)
        target[:n] = piece[self._at:self._at + n]
        self._at += n
        return n


def _line_of(record_lines: np.ndarray, record: int) -> int:
    """Source line of the ``record``-th parsed record (0-based), clamped to the known records."""
    if not len(record_lines):
        return 1
    return int(record_lines[min(max(record, 0), len(record_lines) - 1)])


def _parse_error(path: Path, detail: str, record_lines: np.ndarray) -> FileReadError:
    """A parser failure as a sentence a user can act on."""
    unclosed = UNCLOSED_QUOTE.search(detail)
    if unclosed:
        line = _line_of(record_lines, int(unclosed.group(1)))
        return FileReadError(Message(
            "“{name}” has a quote character (\") that is never closed, in the row that starts at line {line}: "
            "everything after it would become one cell. Correct or remove that quote (for example in a text "
            "editor) and open the file again.", dict(name=path.name, line=line)), path=path)
    return FileReadError(Message(
        "“{name}” could not be split into rows and columns (technical detail: {detail}). Check the delimiter and "
        "the encoding in the import options.", dict(name=path.name, detail=detail.strip())), path=path)


def _consolidated(cells: pd.DataFrame) -> pd.DataFrame:
    """One 2-D block instead of one block per column, for files with very many columns.

    Exports padded with thousands of empty columns (trailing delimiters) would otherwise
    make every later whole-frame step walk thousands of blocks.
    """
    if cells.shape[1] <= WIDE_FILE_COLUMNS:
        return cells
    return pd.DataFrame(cells.to_numpy(dtype=object), index=cells.index, columns=cells.columns,
                        dtype=object)


def _cells_as_text(cells: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The parsed cells as the table's source (see :mod:`.source_text`): text columns as strings with ``None``
    where empty (""), bytes and category columns kept as the parser gave them (their strings are made where
    they are read); the 2-D mask of filled cells; and per column whether its values are known to need no
    clean-up (see :func:`.column_dtypes.is_clean`).

    Column by column (one comparison with "", faster than ``isna`` on NaN); missing cells are
    set in a copy of each column's array. Very wide (consolidated) frames are done as one block.
    """
    clean = np.zeros(cells.shape[1], dtype=bool)
    if cells.shape[1] > WIDE_FILE_COLUMNS:
        values = cells.to_numpy(dtype=object)
        filled = values != ""
        values = values.copy()
        values[~filled] = None
        return pd.DataFrame(values, index=cells.index, columns=cells.columns, dtype=object), filled, clean
    columns: dict = {}
    filled = np.empty(cells.shape, dtype=bool, order="F")       # (column by column: each column contiguous)
    names, index = list(cells.columns), cells.index
    for position, name in enumerate(names):
        column = cells.pop(name)                # (each parsed column is let go once it is converted)
        if column.dtype.kind == "S":
            raw_bytes = narrowest(column.to_numpy())
            columns[name] = pd.Series(raw_bytes, index=index, copy=False)
            filled[:, position] = raw_bytes != b""
            clean[position] = is_clean(raw_bytes)
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            columns[name] = column
            filled[:, position] = filled_categories(column.array)
            continue
        values = column.to_numpy(dtype=object)
        present = values != ""
        if not present.all():
            values = values.copy()
            values[~present] = None
        columns[name] = pd.Series(values, index=index, dtype=object, copy=False)   # (no dtype inferred: strings
        filled[:, position] = present                                               # stay objects, None stays)
    return pd.DataFrame(columns, index=index, columns=names, copy=False), filled, clean


def _row_numbers(lines: np.ndarray, n_rows: int, limited: bool) -> tuple[np.ndarray, str]:
    """Source line of each parsed row; a note when the line scan and the parser disagree."""
    if len(lines) == n_rows or (limited and len(lines) > n_rows):
        return np.asarray(lines[:n_rows], dtype=np.int64), ""
    start = int(lines[0]) if len(lines) else 1
    note = ngettext("Row numbers are approximate: the line scan found {count} record but {read} were read "
                    "(unbalanced quote characters?)",
                    "Row numbers are approximate: the line scan found {count} records but {read} were read "
                    "(unbalanced quote characters?)", len(lines), count=len(lines), read=n_rows)
    return np.arange(start, start + n_rows, dtype=np.int64), note


def _csv_module_lines(buffer: bytes, offset: int, delimiter: str, first_line: int, n_rows: int,
                      note: str) -> tuple[np.ndarray, str]:
    """Exact start lines from the csv module, for the rare file whose quotes defeat the fast scan.

    The csv module treats a quote inside an unquoted field as a plain character,
    as the pandas parser does, so the record counts agree.
    """
    reader = csv.reader(io.StringIO(buffer[offset:].decode("utf-8"), newline=""), delimiter=delimiter)
    starts, consumed = [], 0
    for _row in reader:
        starts.append(first_line + consumed)
        consumed = reader.line_num
    if len(starts) != n_rows:
        return np.arange(first_line, first_line + n_rows, dtype=np.int64), note
    return np.asarray(starts, dtype=np.int64), ""
