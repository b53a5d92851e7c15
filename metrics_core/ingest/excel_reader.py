"""Read workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) with python-calamine (an .xlsx sheet streamed: .xlsx_stream).

Calamine returns the cached values of formula cells, native numbers, dates,
times and durations, and is several times faster than openpyxl.  When no sheet
is asked for, the sheet with the largest used range is read.
"""

from __future__ import annotations

import functools
import zipfile
import zlib
from typing import Any, Callable, TypeVar
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import python_calamine as calamine

from ..errors import EmptyFileError, WorkbookError
from ..i18n import Message, _, ngettext
from ..progress import Reporter
from . import sniff
from .limits import check_filled_width
from .native_cells import shared_texts
from .model import ReadOptions
from .quiet import quiet_stderr
from .sheet_columns import HEAD_ROWS as HEADER_SCAN_ROWS, SheetColumns, read_columns
from .sheet_extent import Extent
from .xlsx_stream import read_streamed
from .package_guard import MAX_SHEET_CELLS, PackageFacts, check_package, part_of_sheet, sheet_too_large
from .table_finder import RawTable, assemble, column_label, columns_to_read, find_table, quoted_list

# Calamine holds a sheet as a dense grid, and rows are handed over padded from A1: a single
# stray cell at XFD1048576 would need 17 billion cells (the process aborts).  Sheets whose
# cells reach too far (see package_guard.sheet_too_large) are skipped or refused with a clear message.
ZIP_FORMATS = ("xlsx", "xlsm", "xlsb", "ods")
T = TypeVar("T")


@dataclass
class SheetTable:
    """The located table of one sheet."""

    table: RawTable
    sheet: str
    sheets: list[str]


def checked_package(path: Path, plain: bool = False) -> PackageFacts:
    """Check a zipped workbook before calamine sees it (see :mod:`.package_guard`); .xls passes as it is.
    ``plain``: read the only worksheet of an .xlsx on the way, when it is plain (see :mod:`.xlsx_cells`)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head.startswith(sniff.ZIP_MAGICS):
        return PackageFacts()
    return check_package(path, sniff.detect_format(path, head), plain)


def open_workbook(path: Path) -> calamine.CalamineWorkbook:
    """Open a workbook, turning calamine's errors into :class:`WorkbookError`.

    Call :func:`checked_package` first: calamine cannot be stopped once it decompresses a bomb.
    """
    try:
        with quiet_stderr():
            return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise WorkbookError(
            Message("“{name}” is protected with a password. Open it in Excel, remove the password and save a copy.", dict(name=path.name)), path=path) from exc
    except (calamine.CalamineError, ValueError, OSError) as exc:
        raise _damaged(path, None, exc) from exc
    except BaseException as exc:      # a panic inside calamine (pyo3 PanicException is a BaseException)
        if not _is_panic(exc):
            raise
        raise _damaged(path, None, exc) from exc


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _sheet_call(call: Callable[[], Any], path: Path, sheet: str) -> Any:
    """Run a calamine call on ``sheet``; its errors and panics become a :class:`WorkbookError`."""
    try:
        with quiet_stderr():
            return call()
    except calamine.CalamineError as exc:
        raise _damaged(path, sheet, exc) from exc
    except BaseException as exc:      # a panic inside calamine (pyo3 PanicException is a BaseException)
        if not _is_panic(exc):
            raise
        raise _damaged(path, sheet, exc) from exc


def _damaged(path: Path, sheet: str | None, exc: BaseException) -> WorkbookError:
    where = _("Sheet “{sheet}” of “{file}”", sheet=sheet, file=path.name) if sheet else _("“{name}”", name=path.name)
    detail = str(exc).strip().rstrip(".")
    detail = "" if detail == sheet else detail
    if "cell limit exceeded" in detail.lower():       # calamine's own guard (e.g. .ods with a far-away cell)
        return WorkbookError(Message(
            "{where} has cells so far apart that it is too large to read. Delete the stray cells far outside the "
            "table (in Excel, Ctrl+End jumps to the last one) and save a copy.", dict(where=where)), path=path)
    if detail:
        return WorkbookError(Message(
            "{where} cannot be read: the workbook is damaged or is not a workbook this program can read (technical "
            "detail: {detail}). Open it in Excel and save a copy, or export the data as CSV.", dict(where=where,
            detail=detail[:160])), path=path)
    return WorkbookError(Message(
        "{where} cannot be read: the workbook is damaged or is not a workbook this program can read. Open it in "
        "Excel and save a copy, or export the data as CSV.", dict(where=where)), path=path)


def workbook_sheets(path: Path) -> list[str]:
    """Names of every sheet in the workbook, in workbook order."""
    checked_package(path)
    workbook = open_workbook(path)
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def read_workbook(path: Path, options: ReadOptions, reporter: Reporter,
                  max_rows: int | None = None) -> SheetTable:
    """Read the chosen (or the largest) sheet and locate its table.

    Raises
    ------
    WorkbookError
        Damaged or password-protected workbook, or a sheet name that does not exist.
    EmptyFileError
        The sheet holds no rows.
    """
    facts = checked_package(path, plain=max_rows is None)
    extents = sheet_extents(path, facts)
    oversized = {name: f"{column_label(extent.columns - 1)}{extent.rows}" for name, extent in extents.items()
                 if sheet_too_large(extent)}
    streamed = None if facts.not_utf8 or not extents else read_streamed(                  # (.xlsx/.xlsm only)
        path, extents, options.sheet, max_rows,
        lambda name: reporter.step(0.15, _("Reading sheet “{sheet}”", sheet=name)), by_sheet(path, facts.plain))
    if streamed is not None:
        name, names, cells = streamed
    else:
        name, names, cells = _read_loaded(path, options, reporter, max_rows, oversized)
    if not cells.filled:
        raise EmptyFileError(Message("Sheet “{name}” of “{name2}” is empty: it holds no rows.", dict(name=name, name2=path.name)), path=path)
    reporter.step(0.3, _("Finding the table"))
    layout = find_table(cells.head[:HEADER_SCAN_ROWS], options.header_row, options.header_rows)
    first = layout.first_data_row
    if first >= cells.n_rows:
        raise EmptyFileError(Message("Sheet “{name}” of “{name2}” has a header row but no data rows.", dict(name=name, name2=path.name)), path=path)
    rows = cells.n_rows - first if max_rows is None else min(cells.n_rows - first, max_rows)
    row_numbers = np.arange(first + 1, first + 1 + rows, dtype=np.int64)
    lost = [row + 1 for row in cells.lost]             # (sheet row numbers)
    kept_rows = ~np.isin(row_numbers, lost)
    if lost and not kept_rows.any():
        raise WorkbookError(Message.plural(
            "Sheet “{sheet}” of “{file}” cannot be read: row {rows} holds a date or a duration so far out of range "
            "that no calendar can show it. Find the cell (it shows as ##### in Excel), correct or clear it, and save "
            "a copy.",
            "Sheet “{sheet}” of “{file}” cannot be read: rows {rows} hold dates or durations so far out of range "
            "that no calendar can show them. Find the cells (they show as ##### in Excel), correct or clear them, "
            "and save a copy.", len(lost), sheet=name, file=path.name, rows=_row_list(lost)), path=path)
    holding = cells.holding(first, first + rows)
    check_filled_width(_columns_kept_at_least(layout, holding), path)     # before any column becomes a Series
    positions = columns_to_read(layout, holding)
    values, width = cells.frame(first, positions), cells.width
    uniform = cells.uniform_texts(first, positions) if max_rows is None and not lost else {}   # (a plain sheet's)
    text_only = {position for position in positions.tolist() if cells.text_only and cells.text_only[position]}
    del cells
    if max_rows is not None:
        values = values.iloc[:max_rows]
    if lost:
        values, row_numbers = values[kept_rows].reset_index(drop=True), row_numbers[kept_rows]
    raw, present = cell_texts(values, uniform, text_only)
    table = assemble(values, raw, layout, row_numbers, width=width, present=present, uniform=uniform)
    if lost:
        table.notes.append(ngettext(
            "Row {rows} of sheet “{sheet}” was left out: it holds a date or a duration so far out of range that no "
            "calendar can show it (it shows as ##### in Excel).",
            "Rows {rows} of sheet “{sheet}” were left out: each holds a date or a duration so far out of range that "
            "no calendar can show it (they show as ##### in Excel).", len(lost), rows=_row_list(lost), sheet=name))
    if len(names) > 1 and options.sheet is None:
        table.notes.insert(0, ngettext("Sheet “{sheet}” was read (the largest of {count} sheet)",
                                       "Sheet “{sheet}” was read (the largest of {count} sheets)", len(names),
                                       sheet=name, count=len(names)))
    if oversized and options.sheet is None:
        table.notes.append(ngettext("Sheet {sheets} was skipped: its cells reach too far from A1 to be read",
                                    "Sheets {sheets} were skipped: their cells reach too far from A1 to be read",
                                    len(oversized), sheets=quoted_list(list(oversized))))
    return SheetTable(table, name, names)


def _read_loaded(path: Path, options: ReadOptions, reporter: Reporter, max_rows: int | None,
                 oversized: dict[str, str]) -> tuple[str, list[str], SheetColumns]:
    """Load the chosen (or the largest) sheet with python-calamine and take its cells column by column."""
    workbook = open_workbook(path)
    try:
        names = list(workbook.sheet_names)
        name, sheet = _choose_sheet(workbook, names, options.sheet, path, oversized)
        reporter.step(0.15, _("Reading sheet “{sheet}”", sheet=name))
        limit = None if max_rows is None else HEADER_SCAN_ROWS + max_rows + (sheet.start or (0, 0))[0]
        cells = _sheet_call(lambda: read_columns(sheet, limit), path, name)
        del sheet                    # calamine's own copy of the sheet goes now
    finally:
        workbook.close()
    return name, names, cells


def _row_list(rows: list[int]) -> str:
    """'3, 5' — the first ten row numbers, then '…'."""
    return ", ".join(map(str, rows[:10])) + (", …" if len(rows) > 10 else "")


def _columns_kept_at_least(layout: Any, holding: np.ndarray) -> int:
    """How many columns the table keeps at least (:func:`~.table_finder.assemble` keeps every column with a
    header, and without a header row every column up to the last filled one); ``holding``: per column of the
    sheet, whether a data cell is filled."""
    if layout.has_header:
        return sum(1 for header in layout.headers if header)
    filled = np.flatnonzero(holding)
    return int(filled[-1]) + 1 if len(filled) else 0


def _choose_sheet(workbook: calamine.CalamineWorkbook, names: list[str], wanted: str | None,
                  path: Path, oversized: dict[str, str]) -> tuple[str, calamine.CalamineSheet]:
    if wanted is not None:
        match = next((n for n in names if n == wanted), None) or next(
            (n for n in names if n.strip().lower() == wanted.strip().lower()), None)
        if match is None:
            listed = quoted_list(names)
            raise WorkbookError(Message("“{name}” has no sheet named “{wanted}”. Its sheets are: {listed}.", dict(name=path.name, wanted=wanted, listed=listed)),
                                path=path)
        if match in oversized:
            raise _too_large(path, match, oversized[match])
        return match, _load_sheet(workbook, match, path)
    if not names:
        raise EmptyFileError(Message("“{name}” contains no sheets.", dict(name=path.name)), path=path)
    best_name, best_sheet, best_area = names[0], None, -1
    kinds = {meta.name: meta.typ for meta in workbook.sheets_metadata}
    for name in names:
        if kinds.get(name) not in (None, calamine.SheetTypeEnum.WorkSheet) or name in oversized:
            continue
        sheet = _load_sheet(workbook, name, path)
        area = sheet.height * sheet.width if sheet.start is not None else 0
        if area > best_area:
            best_name, best_sheet, best_area = name, sheet, area
    if (best_sheet is None or best_area <= 0) and oversized:
        first = next(iter(oversized))
        raise _too_large(path, first, oversized[first])
    if best_sheet is None or best_area <= 0:
        raise EmptyFileError(Message("“{name}” is empty: none of its sheets holds any rows.", dict(name=path.name)), path=path)
    return best_name, best_sheet


def _load_sheet(workbook: calamine.CalamineWorkbook, name: str, path: Path) -> calamine.CalamineSheet:
    sheet = _sheet_call(lambda: workbook.get_sheet_by_name(name), path, name)
    if sheet.end is not None and (sheet.end[0] + 1) * (sheet.end[1] + 1) > MAX_SHEET_CELLS:   # (.xls, .xlsb)
        raise _too_large(path, name, f"{column_label(sheet.end[1])}{sheet.end[0] + 1}")
    return sheet


def _too_large(path: Path, sheet: str, corner: str) -> WorkbookError:
    return WorkbookError(Message(
        "Sheet “{sheet}” of “{file}” has cells as far away as {corner}, which makes it too large to read. Delete the "
        "stray cells far outside the table (in Excel, Ctrl+End jumps to the last one) and save a copy, or choose "
        "another sheet.", dict(sheet=sheet, file=path.name, corner=corner)), path=path)


def sheet_extents(path: Path, facts: PackageFacts) -> dict[str, Extent]:
    """The extent of each worksheet of an .xlsx/.xlsm by sheet name, as :func:`.package_guard.check_package`
    measured it from every cell reference (a sheet's ``<dimension>`` may lie or be missing)."""
    return by_sheet(path, facts.sheets)


def by_sheet(path: Path, by_part: dict[str, T]) -> dict[str, T]:
    """What is known of each worksheet part of an .xlsx/.xlsm (``by_part``), by sheet name."""
    if not by_part:
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, OSError, KeyError, EOFError,
            ValueError, LookupError, NotImplementedError, RuntimeError):
        return {}
    return {name: known for name, part in parts.items() for known in [by_part.get(part)] if known is not None}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip part of each worksheet, from xl/workbook.xml and its relationships."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))     # (its size was checked)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iterfind(".//{*}Relationship")}
    parts = {}
    for sheet in book.iterfind(".//{*}sheet"):
        rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rel_id, "")
        part = part_of_sheet(target)
        if target and part in names:
            parts[sheet.get("name", "")] = part
    return parts


def cell_texts(values: pd.DataFrame, uniform: dict[int, np.ndarray] | None = None,
               text_only: set[int] | frozenset[int] = frozenset()) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`cell_text` of every column of ``values`` as a frame (bytes stay bytes), and the 2-D mask of its
    filled cells (the cells :func:`cell_text` wrote a text for, where the frame is not ``None`` nor ``b""``),
    which :func:`~.table_finder.assemble` takes instead of looking for them in the frame again (a million rows:
    0.23 s).  ``uniform``: columns known to hold only texts (``str``) or ``None``, as their bytes
    (:meth:`.sheet_columns.SheetColumns.uniform_texts`): their text is their cells, filled where a text is,
    found without walking the ``str`` objects.  ``text_only``: columns a plain sheet knows to hold only texts or
    ``None`` (:attr:`.sheet_columns.SheetColumns.text_only`): their text is their cells too (no ``infer_dtype``,
    no spreading of the present cells: 30-40 ms a column of a million)."""
    present = np.empty(values.shape, dtype=bool, order="F")        # (column by column: each column contiguous)
    texts = {}
    for position, column in enumerate(values.columns):
        cells = values[column]
        known = (uniform or {}).get(column)
        if known is not None or column in text_only:
            present[:, position] = known != b"" if known is not None else cells.notna().to_numpy()
            texts[column] = pd.Series(cells.to_numpy(dtype=object).copy(), index=cells.index, dtype=object)
            continue
        present[:, position] = cells.notna().to_numpy()
        texts[column] = cell_text(cells, present[:, position])
    return pd.DataFrame(texts, index=values.index, copy=False), present


def cell_text(column: pd.Series, present: np.ndarray | None = None) -> pd.Series:
    """Workbook cells as the text a user sees: 1000.0 → '1000', dates ISO, TRUE/FALSE; ``present``: the
    column's ``notna()``, when known.

    A column of numbers or of dates comes back compact (see :mod:`.source_text`): as ASCII bytes, ``b""``
    where empty (ids and time stamps: 7-19 bytes a cell, where their strings took 56-72).
    """
    present = column.notna().to_numpy() if present is None else present
    if column.dtype.kind == "f":            # a column of numbers (see .sheet_columns)
        return _compact(_number_bytes(column.to_numpy()[present]), present, column.index)
    if column.dtype.kind == "M" and present.any():      # a plain sheet's dates (see .workbook_dates)
        stamps = pd.DatetimeIndex(column.to_numpy()[present].astype("datetime64[us]"))
        return _compact(_stamp_bytes(stamps), present, column.index)   # (as pd.to_datetime gives its objects)
    out = np.full(len(column), None, dtype=object)
    if present.any():
        cells = column.to_numpy(dtype=object)[present]
        kind = pd.api.types.infer_dtype(cells, skipna=False)
        if kind == "string":
            out[present] = cells
        elif kind in ("floating", "integer", "mixed-integer-float"):
            return _compact(_number_bytes(cells.astype(float)), present, column.index)
        elif kind in ("datetime", "date"):
            return _compact(_datetime_bytes(cells), present, column.index)
        else:
            out[present] = _mixed_text(cells)
    return pd.Series(out, index=column.index, dtype=object)


def _compact(text: np.ndarray, present: np.ndarray, index: pd.Index) -> pd.Series:
    """Bytes of the present cells spread over the column, ``b""`` where empty (``text`` itself when every cell is
    present: it is made for the column)."""
    if text.dtype.itemsize and len(text) == len(present) and present.all():
        return pd.Series(text, index=index, copy=False)
    out = np.zeros(len(present), dtype=text.dtype if text.dtype.itemsize else "S1")
    out[present] = text
    return pd.Series(out, index=index, copy=False)


def _number_text(numbers: np.ndarray) -> np.ndarray:
    """Shortest text of each number; whole numbers without '.0' (see :func:`.native_cells.shared_texts`)."""
    return shared_texts(numbers, _number_piece_text)


def _number_piece_text(numbers: np.ndarray) -> np.ndarray:
    integral = np.isfinite(numbers) & (np.abs(numbers) < 1e15) & (numbers == np.round(numbers))
    text = np.empty(len(numbers), dtype=object)
    text[integral] = list(map(str, numbers[integral].astype(np.int64).tolist()))
    text[~integral] = list(map(repr, numbers[~integral].tolist()))
    return text


def _number_bytes(numbers: np.ndarray) -> np.ndarray:
    """:func:`_number_text` as ASCII bytes, the whole numbers written by numpy in one pass.

    >>> _number_bytes(np.array([1000.0, -0.0, 2.5, 1e15, -7.0])).tolist()
    [b'1000', b'0', b'2.5', b'1000000000000000.0', b'-7']
    """
    integral = np.isfinite(numbers) & (np.abs(numbers) < 1e15) & (numbers == np.round(numbers))
    if integral.all():                      # (whole numbers only: their text as it is, no spreading)
        return _whole_bytes(numbers.astype(np.int64))
    whole = _whole_bytes(numbers[integral].astype(np.int64))
    others = np.array([repr(x).encode() for x in numbers[~integral].tolist()] + [b""], dtype=bytes)[:-1]
    width = max(whole.dtype.itemsize, others.dtype.itemsize, 1)
    text = np.empty(len(numbers), dtype=f"S{width}")
    text[integral] = whole
    text[~integral] = others
    return text


def _whole_bytes(ints: np.ndarray) -> np.ndarray:
    """The text of each integer (|x| < 1e15) as ``ints.astype("S16")`` writes it, as wide as the widest (at least
    one byte): its digits looked up four at a time (:data:`_FOUR_DIGITS`, as 0-padded 32-bit words), the 16
    digits as two 64-bit words, their leading '0's shifted out and a '-' shifted in, :data:`_WHOLE_SLICE`
    numbers at a time (the words of a whole column would add 80 MB to the peak).  numpy's own cast took about
    150 ns a number (0.15 s for a column of a million ids), this 40-80 ns.

    >>> _whole_bytes(np.array([0, 7, -7, 1000, -123456789, 10**15 - 1])).tolist()
    [b'0', b'7', b'-7', b'1000', b'-123456789', b'999999999999999']
    """
    out = np.empty(len(ints), dtype="S16")
    width = 1
    for start in range(0, len(ints), _WHOLE_SLICE):
        words, wide = _whole_words(ints[start:start + _WHOLE_SLICE])
        out[start:start + len(words)] = words.view("S16").ravel()
        width = max(width, wide)
    return out.astype(f"S{width}")


def _whole_words(ints: np.ndarray) -> tuple[np.ndarray, int]:
    """:func:`_whole_bytes` of one slice as two 64-bit words a number (the first eight bytes, the next eight),
    and the widest text's length."""
    negative = ints < 0
    size = np.abs(ints)
    digits = np.searchsorted(_TENS, size, side="right") + 1            # (0 has one digit)
    groups = [np.uint64(_FOUR_WORDS[0])] * 4                           # (b'0000' once the numbers run out)
    for place in range(4):                                              # the last four digits first
        if place and not size.any():
            break
        groups[place] = _FOUR_WORDS[size % 10_000].astype(np.uint64)
        size = size // 10_000
    first = groups[3] | (groups[2] << np.uint64(32))                    # digits 1-8 of 16, then 9-16
    second = groups[1] | (groups[0] << np.uint64(32))
    drop = (16 - digits).astype(np.uint64) * np.uint64(8)               # bits of leading '0's (8-120)
    far = drop >= 64
    near = np.where(far, np.uint64(0), drop)
    carried = np.where(near == 0, np.uint64(0), second << ((np.uint64(64) - near) % np.uint64(64)))
    low = np.where(far, second >> ((drop - np.uint64(64)) % np.uint64(64)), (first >> near) | carried)
    high = np.where(far, np.uint64(0), second >> near)
    if negative.any():                                                  # '-' in front: everything a byte on
        high = np.where(negative, (high << np.uint64(8)) | (low >> np.uint64(56)), high)
        low = np.where(negative, (low << np.uint64(8)) | np.uint64(45), low)
    return np.stack([low, high], axis=1), int((digits + negative).max(initial=1))


def _datetime_bytes(cells: np.ndarray) -> np.ndarray:
    """ISO text of date/datetime cells as ASCII bytes (b'2024-03-01 09:00:00'; a column of whole days as
    b'2024-03-01'), as pandas writes them: whole seconds of the years 1000-9999 by numpy, a piece at a time
    (no string per cell), others through pandas' own text.

    >>> import datetime as dt
    >>> _datetime_bytes(np.array([dt.datetime(2024, 3, 1, 9), dt.datetime(2024, 3, 2)], dtype=object)).tolist()
    [b'2024-03-01 09:00:00', b'2024-03-02 00:00:00']
    """
    try:
        stamps = pd.to_datetime(cells)
    except (ValueError, OverflowError, TypeError):    # outside pandas' range: plain str() per cell
        return np.array(list(map(str, cells)), dtype=object).astype(bytes)
    return _stamp_bytes(stamps)


def _stamp_bytes(stamps: pd.DatetimeIndex) -> np.ndarray:
    """:func:`_datetime_bytes` of the cells ``pd.to_datetime`` made ``stamps``."""
    seconds = stamps.to_numpy().astype("datetime64[s]")
    if stamps.tz is not None or not (seconds == stamps.to_numpy()).all() or not (
            _YEAR_1000 <= seconds.min() and seconds.max() < _YEAR_10000):      # (the years 1000-9999)
        return np.asarray(stamps.astype(str), dtype=object).astype(bytes)
    days = seconds.astype("datetime64[D]")
    return _iso_bytes(days, None if (seconds == days).all() else (seconds - days).astype(np.int64))


def _iso_bytes(days: np.ndarray, clock: np.ndarray | None) -> np.ndarray:
    """b'YYYY-MM-DD' of each day (``datetime64[D]``, years 1000-9999), with b' hh:mm:ss' of ``clock`` (seconds
    into the day) unless it is ``None``, put together as 64-bit words (:func:`_date_words`, :func:`_clock_words`).
    The days of a column are mostly few and close together (a year or two of a million stamps): when they span
    fewer days than there are stamps, the words are worked out once for each day of the span and looked up
    (``np.datetime_as_string`` took 1 s for a million stamps; numpy's casts to months and years of every stamp
    and its fields written one by one into a structured view, 0.18 s).

    >>> _iso_bytes(np.array(["2024-03-01", "1999-12-31"], dtype="datetime64[D]"), np.array([32405, 0])).tolist()
    [b'2024-03-01 09:00:05', b'1999-12-31 00:00:00']
    >>> days = np.array(["1000-01-01", "9999-12-31", "2000-02-29", "1000-01-01"], dtype="datetime64[D]")
    >>> _iso_bytes(days, None).tolist()
    [b'1000-01-01', b'9999-12-31', b'2000-02-29', b'1000-01-01']
    """
    number = days.astype(np.int64)
    first_day, last_day = (int(number.min()), int(number.max())) if len(number) else (0, 0)
    if last_day - first_day < len(number):
        dates = _date_words(np.arange(first_day, last_day + 1).astype("datetime64[D]"))[number - first_day]
    else:
        dates = _date_words(days)
    if clock is None:
        return dates.view("S16").ravel().astype("S10")
    middle, last = _clock_words()
    words = np.empty((len(days), 3), dtype=np.uint64)                  # 24 bytes a stamp, the last 5 cut off
    words[:, 0] = dates[:, 0]
    words[:, 1] = dates[:, 1] | middle[clock]
    words[:, 2] = last[clock]
    return words.view("S24").ravel().astype("S19")


def _date_words(days: np.ndarray) -> np.ndarray:
    """b'YYYY-MM-DD' of each day as two 64-bit words (b'YYYY-MM-', b'DD' and 0 bytes): each field's digits
    looked up in a table of them as a 16- or 32-bit word."""
    months = days.astype("datetime64[M]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    words = np.empty((len(days), 2), dtype=np.uint64)
    words[:, 0] = _FOUR_WORDS[year].astype(np.uint64) | _DASHES \
        | (_TWO_WORDS[months.astype(np.int64) % 12 + 1].astype(np.uint64) << np.uint64(40))
    words[:, 1] = _TWO_WORDS[(days - months).astype(np.int64) + 1]
    return words


@functools.cache
def _clock_words() -> tuple[np.ndarray, np.ndarray]:
    """For each second of a day, the bytes 8-15 of its stamp but the day's digits (b'   hh:mm') and 16-23
    (b':ss') as 64-bit words."""
    second = np.arange(86_400)
    middle = (_TWO_WORDS[second // 3600].astype(np.uint64) << np.uint64(24)) | _SPACE_COLON \
        | (_TWO_WORDS[second // 60 % 60].astype(np.uint64) << np.uint64(48))
    return middle, (_TWO_WORDS[second % 60].astype(np.uint64) << np.uint64(8)) | _COLON


_TWO_DIGITS = np.array([b"%02d" % n for n in range(100)])
_FOUR_DIGITS = np.array([b"%04d" % n for n in range(10_000)])
_FOUR_WORDS = _FOUR_DIGITS.view(np.uint32)                          # (the same four bytes as one word)
_TWO_WORDS = _TWO_DIGITS.view(np.uint16)
_DASHES = np.uint64(ord("-") << 32 | ord("-") << 56)                 # b'YYYY-MM-' as a word: the dashes
_SPACE_COLON = np.uint64(ord(" ") << 16 | ord(":") << 40)            # b'DD hh:mm': the space and the colon
_COLON = np.uint64(ord(":"))                                         # b':ss'
_YEAR_1000, _YEAR_10000 = np.datetime64("1000-01-01", "s"), np.datetime64("10000-01-01", "s")
_TENS = 10 ** np.arange(1, 16, dtype=np.int64)
_WHOLE_SLICE = 1 << 16


def _mixed_text(cells: np.ndarray) -> np.ndarray:
    """Dates, times and durations via ``str`` (ISO forms); numbers and booleans as in Excel."""
    text = np.array(list(map(str, cells)), dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=False) in ("time", "timedelta"):
        return text
    kinds = pd.Series(cells).map(type).to_numpy()
    floats = kinds == float
    if floats.any():
        text[floats] = _number_text(cells[floats].astype(float))
    booleans = kinds == bool
    if booleans.any():
        text[booleans] = np.where(cells[booleans].astype(bool), "TRUE", "FALSE")
    return text
