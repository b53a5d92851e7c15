"""Read workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) with python-calamine.

Calamine returns the cached values of formula cells, native numbers, dates,
times and durations, and is several times faster than openpyxl.  When no sheet
is asked for, the sheet with the largest used range is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine as calamine

from ..errors import EmptyFileError, WorkbookError
from ..progress import Reporter
from .model import ReadOptions
from .table_finder import RawTable, assemble, find_table

HEADER_SCAN_ROWS = 80


@dataclass
class SheetTable:
    """The located table of one sheet."""

    table: RawTable
    sheet: str
    sheets: list[str]


def open_workbook(path: Path) -> calamine.CalamineWorkbook:
    """Open a workbook, turning calamine's errors into :class:`WorkbookError`."""
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise WorkbookError(
            f"'{path.name}' is password-protected. Open it in Excel, remove the password and "
            "save it again.", path=path) from exc
    except (calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookError(f"'{path.name}' is damaged or is not a workbook we can read ({exc}).",
                            path=path) from exc


def workbook_sheets(path: Path) -> list[str]:
    """Names of every sheet in the workbook, in workbook order."""
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
    workbook = open_workbook(path)
    try:
        names = list(workbook.sheet_names)
        name, sheet = _choose_sheet(workbook, names, options.sheet, path)
        reporter.step(0.15, f"Reading sheet '{name}'")
        limit = None if max_rows is None else HEADER_SCAN_ROWS + max_rows + (sheet.start or (0, 0))[0]
        try:
            rows = sheet.to_python(skip_empty_area=False, nrows=limit)
        except calamine.CalamineError as exc:
            raise WorkbookError(f"Sheet '{name}' of '{path.name}' cannot be read ({exc}).", path=path) from exc
    finally:
        workbook.close()
    if not _has_cells(rows):
        raise EmptyFileError(f"Sheet '{name}' of '{path.name}' is empty: it holds no rows.", path=path)
    reporter.step(0.3, "Finding the table")
    layout = find_table(rows[:HEADER_SCAN_ROWS], options.header_row, options.header_rows)
    first = layout.first_data_row
    data = rows[first:] if max_rows is None else rows[first:first + max_rows]
    if not data:
        raise EmptyFileError(f"Sheet '{name}' of '{path.name}' has a header row but no data rows.", path=path)
    values = pd.DataFrame(data, dtype=object)
    values = values.where(values != "", None)
    raw = pd.DataFrame({column: cell_text(values[column]) for column in values.columns})
    row_numbers = np.arange(first + 1, first + 1 + len(values), dtype=np.int64)
    table = assemble(values, raw, layout, row_numbers)
    if len(names) > 1 and options.sheet is None:
        table.notes.insert(0, f"Sheet '{name}' was read (the largest of {len(names)} sheets)")
    return SheetTable(table, name, names)


def _has_cells(rows: list[list]) -> bool:
    return any(cell != "" for row in rows for cell in row)


def _choose_sheet(workbook: calamine.CalamineWorkbook, names: list[str], wanted: str | None,
                  path: Path) -> tuple[str, calamine.CalamineSheet]:
    if wanted is not None:
        match = next((n for n in names if n == wanted), None) or next(
            (n for n in names if n.strip().lower() == wanted.strip().lower()), None)
        if match is None:
            listed = ", ".join(f"'{n}'" for n in names)
            raise WorkbookError(f"'{path.name}' has no sheet named '{wanted}'. Its sheets are: {listed}.",
                                path=path)
        return match, _load_sheet(workbook, match, path)
    if not names:
        raise EmptyFileError(f"'{path.name}' contains no sheets.", path=path)
    best_name, best_sheet, best_area = names[0], None, -1
    kinds = {meta.name: meta.typ for meta in workbook.sheets_metadata}
    for name in names:
        if kinds.get(name) not in (None, calamine.SheetTypeEnum.WorkSheet):
            continue
        sheet = _load_sheet(workbook, name, path)
        area = sheet.height * sheet.width if sheet.start is not None else 0
        if area > best_area:
            best_name, best_sheet, best_area = name, sheet, area
    if best_sheet is None or best_area <= 0:
        raise EmptyFileError(f"'{path.name}' is empty: none of its sheets holds any rows.", path=path)
    return best_name, best_sheet


def _load_sheet(workbook: calamine.CalamineWorkbook, name: str, path: Path) -> calamine.CalamineSheet:
    try:
        return workbook.get_sheet_by_name(name)
    except calamine.CalamineError as exc:
        raise WorkbookError(f"Sheet '{name}' of '{path.name}' cannot be read ({exc}).", path=path) from exc


def cell_text(column: pd.Series) -> pd.Series:
    """Workbook cells as the text a user sees: 1000.0 → '1000', dates ISO, TRUE/FALSE."""
    present = column.notna().to_numpy()
    out = np.full(len(column), None, dtype=object)
    if present.any():
        cells = column.to_numpy(dtype=object)[present]
        kind = pd.api.types.infer_dtype(cells, skipna=False)
        if kind == "string":
            out[present] = cells
        elif kind in ("floating", "integer", "mixed-integer-float"):
            out[present] = _number_text(cells.astype(float))
        elif kind in ("datetime", "date"):
            out[present] = _datetime_text(cells)
        else:
            out[present] = _mixed_text(cells)
    return pd.Series(out, index=column.index, dtype=object)


def _number_text(numbers: np.ndarray) -> np.ndarray:
    """Shortest text of each number; whole numbers without '.0'."""
    integral = np.isfinite(numbers) & (np.abs(numbers) < 1e15) & (numbers == np.round(numbers))
    text = np.empty(len(numbers), dtype=object)
    text[integral] = list(map(str, numbers[integral].astype(np.int64).tolist()))
    text[~integral] = list(map(repr, numbers[~integral].tolist()))
    return text


def _datetime_text(cells: np.ndarray) -> np.ndarray:
    """ISO text of date/datetime cells ('2024-03-01 09:00:00'; a column of whole days as '2024-03-01')."""
    try:
        return np.asarray(pd.to_datetime(cells).astype(str), dtype=object)
    except (ValueError, OverflowError, TypeError):    # outside pandas' range: plain str() per cell
        return np.array(list(map(str, cells)), dtype=object)


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
