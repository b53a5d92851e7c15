"""The single entry point for reading a file into a :class:`LoadedTable`.

``read_table`` decides the format (magic bytes, then extension), reads text or
workbook cells, locates the table, and types every column with
:func:`metrics_core.ingest.types.infer_column`.  ``read_preview`` makes the same
decisions on the first rows only, for the import dialog's live preview.
"""

from __future__ import annotations

import logging
import numbers
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import Message, _, ngettext
from ..errors import EmptyFileError, FileReadError
from ..column_facts import KEPT_CODES_ROWS, column_fact, keep_taken_codes
from ..progress import Reporter
from . import html_reader, sniff, text_reader
from .cells import first_positions
from .column_dtypes import WRITTEN_AS_ID, category_codes, written_as_ids
from ..allocator import give_back
from .limits import check_filled_width
from .model import COLUMN_TYPES, ColumnProfile, LoadedTable, ReadOptions
from .number_columns import type_plain_columns, type_workbook_numbers
from .source_text import is_compact, text_series
from .table_finder import RawTable
from .types import infer_column, infer_date_bytes, infer_workbook_dates
from .uniform_texts import uniform_bytes, uniform_of_bytes
from .workbook_dates import boxed

log = logging.getLogger(__name__)

WORKBOOK_FORMATS = ("xlsx", "xlsm", "xlsb", "xls", "ods")
PREVIEW_WHOLE_FILE_BYTES = 32 * 1024 * 1024
PREVIEW_HEAD_BYTES = 4 * 1024 * 1024


def _shown(value) -> str:
    """An import option's value as a message shows it: “;;” (in the language's quotation marks), not ';;'."""
    return _("“{name}”", name=str(value))


def read_table(path: str | os.PathLike, options: ReadOptions | None = None,
               reporter: Reporter | None = None) -> LoadedTable:
    """Read a CSV/TSV/TXT file or a workbook sheet into a typed table.

    Parameters
    ----------
    path
        The file to read; it is only ever opened for reading.
    options
        Choices that override detection (encoding, delimiter, decimal, dayfirst,
        header row(s), column types, sheet); ``None`` detects everything.
    reporter
        Progress and cancellation; :class:`~metrics_core.errors.OperationCancelled`
        is raised between steps when the user cancels.

    Returns
    -------
    LoadedTable
        Typed ``frame``, source strings in ``raw``, 1-based source ``row_numbers``,
        and every decision (format, sheet, encoding, delimiter, header rows, notes).

    Raises
    ------
    FileReadError
        Or one of its subclasses (``EmptyFileError``, ``UnsupportedFormatError``,
        ``WorkbookError``, ``EncodingError``) with a message that names the file.
    """
    return _read(Path(path), options or ReadOptions(), reporter or Reporter(), None)


def read_preview(path: str | os.PathLike, options: ReadOptions | None = None,
                 max_rows: int = 200) -> LoadedTable:
    """Read only the first ``max_rows`` data rows, with the same decisions as :func:`read_table`.

    Encoding detection looks at the whole file up to 32 MB and at its first 4 MB beyond that.
    """
    return _read(Path(path), options or ReadOptions(), Reporter(), max(1, int(max_rows)))


def list_sheets(path: str | os.PathLike) -> list[str]:
    """Sheet names of a workbook in workbook order; ``[]`` for text files."""
    path = Path(path)
    if sniff.detect_format(path, _head(path)) not in WORKBOOK_FORMATS:
        return []
    from . import excel_reader      # (calamine and the package guard: imported for workbooks only)

    return excel_reader.workbook_sheets(path)


# ----------------------------------------------------------------- internals
def _read(path: Path, options: ReadOptions, reporter: Reporter, max_rows: int | None) -> LoadedTable:
    reporter.step(0.0, _("Opening {file}", file=path.name))
    head = _head(path)
    check_options(options, path)
    file_format = sniff.detect_format(path, head)
    if file_format in WORKBOOK_FORMATS:
        from . import excel_reader  # (calamine and the package guard: imported for workbooks only)

        sheet = excel_reader.read_workbook(path, options, reporter, max_rows)
        table, details = sheet.table, {"sheet": sheet.sheet, "sheets": sheet.sheets}
        decimal_hint = options.decimal
    elif file_format == "html":
        table, details, decimal_hint = html_reader.read_html_table(path, _read_bytes(path, None), options,
                                                                   max_rows), {}, options.decimal
    else:
        text, size_read = _read_text(path, options, reporter, max_rows)
        table, decimal_hint = text.table, text.decimal
        details = {"encoding": text.encoding, "encoding_note": text.encoding_note,
                   "encoding_doubtful": text.encoding_doubtful,
                   "delimiter": text.delimiter}
        if max_rows is not None and size_read < path.stat().st_size:
            table.notes.append(_("Preview: the encoding was judged from the first {size} MB",
                                 size=size_read // 2**20))
    check_filled_width(table.values.shape[1], path)
    frame, profiles = _type_columns(table, options, decimal_hint, reporter.scaled(0.4, 0.98))
    if file_format in WORKBOOK_FORMATS and max_rows is None:
        give_back()                 # (the heap's free pages after a workbook's cells are typed: see .heap)
    decimal = decimal_hint or ("," if any("comma" in p.detail.lower() for p in profiles) else ".")
    reporter.step(1.0, ngettext("Read {count} row from {file}", "Read {count} rows from {file}", len(frame),
                                 count=len(frame), file=path.name))
    log.debug("read %s (%s): %d rows x %d columns", path.name, file_format, len(frame), frame.shape[1])
    return LoadedTable(
        path=path, file_format=file_format, frame=frame, source=table.raw, columns=profiles,
        row_numbers=pd.Index(table.row_numbers), decimal=decimal, header_rows=table.header_rows,
        first_data_row=int(table.row_numbers[0]) if len(table.row_numbers) else 1,
        notes=table.notes, options=options, **details)


def check_options(options: ReadOptions, path: Path) -> None:
    """Refuse import options that cannot be applied (they may come from an old or edited mapping file).

    Raises
    ------
    FileReadError
        Naming the file and the option, e.g. "the header row must be a whole number".
    """
    problem = _option_problem(options)
    if problem:
        raise FileReadError(Message("“{name}” cannot be read with these import options: {problem}. Correct the option (or reset the import options) and try again.", dict(name=path.name, problem=problem)), path=path)


def _option_problem(options: ReadOptions) -> str:
    def whole(value: object, low: int) -> bool:
        return value is None or (isinstance(value, numbers.Integral) and not isinstance(value, bool)
                                 and value >= low)

    if options.sheet is not None and not isinstance(options.sheet, str):
        return _("the sheet must be a sheet name (it is {value})", value=_shown(options.sheet))
    if options.encoding is not None and not isinstance(options.encoding, str):
        return _("the encoding must be a name such as “utf-8” or “cp1250” (it is {value})",
                 value=_shown(options.encoding))
    delimiter = options.delimiter
    if delimiter and delimiter != sniff.WHITESPACE and (
            not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '\r\n"' or not delimiter.isascii()):
        return _("the delimiter must be one plain character such as “,” “;” or a tab (it is {value})",
                 value=_shown(delimiter))
    if options.decimal not in (None, ".", ","):
        return _("the decimal mark must be “.” or “,” (it is {value})", value=_shown(options.decimal))
    if options.dayfirst not in (None, True, False):
        return _("the date order must be day-first or month-first (it is {value})", value=_shown(options.dayfirst))
    if not whole(options.header_row, -1):
        return _("the header row must be a row number (it is {value})", value=_shown(options.header_row))
    if not whole(options.header_rows, 0):
        return _("the number of header rows must be a whole number (it is {value})", value=_shown(options.header_rows))
    if not isinstance(options.column_types, dict):
        return _("the column types must be given column by column")
    for column, col_type in options.column_types.items():
        if col_type not in COLUMN_TYPES:
            return _("column “{column}” is set to the type {value}, which is not one of {types}", column=column,
                     value=_shown(col_type), types=", ".join(COLUMN_TYPES))
    return ""


def _type_columns(table: RawTable, options: ReadOptions, decimal: str | None,
                  reporter: Reporter) -> tuple[pd.DataFrame, list[ColumnProfile]]:
    names = list(table.values.columns)
    forced_types = [options.column_types.get(name) or options.column_types.get(header)
                    for name, header in zip(names, table.headers)]
    headers = [header or name for name, header in zip(names, table.headers)]
    chosen = {i for i, forced in enumerate(forced_types) if forced}
    done = type_workbook_numbers(table.values, headers, chosen) if table.filled is None else \
        type_plain_columns(table.values, table.filled, headers, decimal, chosen)
    typed: dict[str, pd.Series | np.ndarray] = {}
    profiles: list[ColumnProfile] = []
    for i, (name, header, forced) in enumerate(zip(names, table.headers, forced_types)):
        reporter.step(i / max(len(names), 1), _("Reading column {number} of {count}: {column}",
                                                number=i + 1, count=len(names), column=name))
        series, profile = done.pop(i, None) or _typed_text(
            table, name, headers[i], decimal=decimal, dayfirst=options.dayfirst, forced_type=forced,
            filled=None if table.filled is None else table.filled[:, i],
            clean=table.clean is not None and bool(table.clean[i]))
        profile.name = name
        profile.header = header
        typed[name] = series
        profiles.append(profile)
    frame = pd.DataFrame(typed, index=table.values.index, copy=False)     # (fresh columns: no copy needed)
    reporter.step(1.0, _("Column types decided"))
    return frame, profiles


def _typed_text(table: RawTable, name: str, header: str, **how) -> tuple[pd.Series, ColumnProfile]:
    """:func:`infer_column` of column ``name``; a compact source column (:mod:`.source_text`) is made strings
    for it, and those strings replace the bytes in the source when the typed column keeps them (ids, text):
    they are held once either way, and not made again where the text is read."""
    column = table.values[name]
    if column.dtype.kind == "M":            # a plain sheet's dates (see .workbook_dates)
        if how["forced_type"] is None and (typed := infer_workbook_dates(column, header, table.row_numbers)):
            return typed
        column = pd.Series(boxed(column.to_numpy()), index=column.index, dtype=object)
    if column.dtype == object and how["forced_type"] is None and table.filled is None and \
            (uniform := _uniform(table, name, column)) is not None and \
            (typed := infer_date_bytes(*uniform, header, table.row_numbers, column.index,
                                       dayfirst=how["dayfirst"])) is not None:
        return typed        # (a workbook's time stamps written as texts: typed from their bytes, see .uniform_texts)
    if not is_compact(column):
        source = table.raw[name] if column.dtype.kind == "f" and name in table.raw else None
        return infer_column(column, header, table.row_numbers, **how,   # (a number column's texts from its bytes)
                            text_bytes=source.to_numpy() if source is not None and source.dtype.kind == "S" else None)
    if column.dtype.kind == "S" and how["clean"] and how["forced_type"] is None and \
            (typed := infer_date_bytes(column.to_numpy(), how["filled"], header, table.row_numbers, column.index,
                                       dayfirst=how["dayfirst"])) is not None:
        return typed        # (timestamps read from their bytes: no string made of each)
    if column.dtype.kind != "S" and (factorized := category_codes(column.array)) is not None:
        return _typed_categories(column, header, table.row_numbers, factorized, **how)
    strings = text_series(column)
    typed = infer_column(strings, header, table.row_numbers, **how,
                         text_bytes=column.to_numpy() if column.dtype.kind == "S" else None)
    if column.dtype.kind == "S" and (typed[0].dtype == object or pd.api.types.is_string_dtype(typed[0].dtype)):
        table.raw[name] = strings
        column_fact(strings, WRITTEN_AS_ID, lambda: written_as_ids(column.to_numpy()))   # (what the canonical
                                                                                # frame asks of ids, on the bytes)
    return typed


def _uniform(table: RawTable, name: str, column: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`.uniform_texts.uniform_bytes` of the column, from the bytes a plain sheet kept of it when it did."""
    known = (table.uniform or {}).pop(name, None)        # (let go once typed)
    return uniform_bytes(column) if known is None else uniform_of_bytes(known)


def _typed_categories(column: pd.Series, header: str, row_numbers: np.ndarray, factorized: tuple[np.ndarray, np.ndarray],
                      **how) -> tuple[pd.Series, ColumnProfile]:
    """:func:`infer_column` of a column the text parser read as categories, from its codes (``factorized``:
    :func:`.column_dtypes.category_codes`); a text column keeps its codes (what the canonical frame and the
    KPIs ask of it: :func:`~metrics_core.column_facts.known_codes`)."""
    codes = factorized[0]
    typed = infer_column(column, header, row_numbers, **how, factorized=factorized)
    if len(codes) <= KEPT_CODES_ROWS and pd.api.types.is_string_dtype(typed[0].dtype):
        keep_taken_codes(typed[0], codes, typed[0].array[first_positions(codes)])
    return typed


def _read_text(path: Path, options: ReadOptions, reporter: Reporter,
               max_rows: int | None) -> tuple[text_reader.TextTable, int]:
    """The text file's table, and how many of its bytes were read.

    The bytes are handed over (no reference kept here), so the text reader can let them go once it
    has them as UTF-8: a code-page export is not held three times while it is parsed.
    """
    data = [_read_bytes(path, max_rows)]
    size_read = len(data[0])
    reporter.step(0.08, _("Detecting the encoding and the delimiter"))
    try:
        return text_reader.read_text(path, data.pop(), options, reporter, max_rows), size_read
    except text_reader.TextReleased:
        log.debug("%s: the parse needs the text again; reading the file again, keeping it", path.name)
        return text_reader.read_text(path, _read_bytes(path, max_rows), options, reporter, max_rows,
                                     keep_text=True), size_read


def _head(path: Path) -> bytes:
    """The first bytes of the file, after checking it exists and can be read."""
    if not path.exists():
        raise FileReadError(Message("“{path}” does not exist. Check the name and the folder.", dict(path=path)), path=path)
    if path.is_dir():
        raise FileReadError(Message("“{name}” is a folder, not a file. Choose a file inside it.", dict(name=path.name)), path=path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except PermissionError as exc:
        raise FileReadError(Message("“{name}” cannot be opened: permission denied. Copy it to a folder you can read, or ask for access.", dict(name=path.name)), path=path) from exc
    except OSError as exc:
        raise FileReadError(Message("“{name}” cannot be opened: {value}.", dict(name=path.name, value=exc.strerror or exc)), path=path) from exc
    if not head:
        raise EmptyFileError(Message("“{name}” is empty (0 bytes).", dict(name=path.name)), path=path)
    return head


def _read_bytes(path: Path, max_rows: int | None) -> bytes:
    try:
        with open(path, "rb") as handle:
            if max_rows is not None and path.stat().st_size > PREVIEW_WHOLE_FILE_BYTES:
                data = handle.read(PREVIEW_HEAD_BYTES)
                return data[: data.rfind(b"\n") + 1] or data
            return handle.read()
    except OSError as exc:
        raise FileReadError(Message("“{name}” cannot be read: {value}.", dict(name=path.name, value=exc.strerror or exc)), path=path) from exc
