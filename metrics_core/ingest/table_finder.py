"""Find the table inside a grid of cells: where the header is and which columns belong.

Works on the first rows of a file (a list of rows of cells; text cells are ``str``,
workbook cells may be numbers, dates or ``str``; ``""``/``None`` mean empty) and
then on the whole column set once the data is loaded.  Handles title rows above
the header, 2- and 3-row survey headers (SurveyMonkey, Qualtrics), files with no
header row at all (Asterisk ``Master.csv``, 3CX ``cdr.log``), empty and
near-empty unnamed columns (stray notes beside the table), empty rows and
duplicate header names.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..i18n import _, ngettext
from .source_text import text_frame, text_series

NUMBER_LIKE = re.compile(r"^[-+(]?[$€£]?\s?\d[\d\s.,']*%?\)?$")
DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|^\d{1,2}[-/ ][A-Za-z]{3}[-/ ]\d{2,4}\b|^\d{8}$")
TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?(\s?[AaPp][Mm])?$")
BOOLEAN_WORDS = {"true", "false"}
IMPORT_ID = re.compile(r'^\{\s*"ImportId"\s*:', re.IGNORECASE)
GENERIC_SUBLABELS = {"response", "open-ended response"}
NATIVE_VALUE_TYPES = (bool, int, float, dt.date, dt.time, dt.timedelta, np.number)


@dataclass
class TableLayout:
    """Where the header and the data are, in grid row indices (0-based)."""

    header_rows: list[int]
    first_data_row: int
    headers: list[str]            # joined header text per column position ("" = none)
    notes: list[str] = field(default_factory=list)

    @property
    def has_header(self) -> bool:
        return bool(self.header_rows)


@dataclass
class RawTable:
    """A located table before typing: cells, source strings, names and source rows."""

    values: pd.DataFrame          # cells handed to type inference (str/None or native values; text files: ``raw``)
    raw: pd.DataFrame             # source text, None where empty; a text file's columns may be compact
                                  # (bytes or categories: read them through :mod:`.source_text`)
    headers: list[str]            # original (joined) header per column
    row_numbers: np.ndarray       # 1-based source row of each data row
    header_rows: list[int]
    notes: list[str]
    filled: np.ndarray | None = None    # text files: True where ``values`` holds a string (else None)
    clean: np.ndarray | None = None     # text files: per column, True when no value needs clean-up
    uniform: dict[str, np.ndarray] | None = None   # a plain sheet's columns of texts of one length, as bytes
                                        # (``S<length>``, ``b""`` where empty; see .uniform_texts), by name


def is_empty(cell: object) -> bool:
    """True for ``None``, NaN and blank strings."""
    if cell is None:
        return True
    if isinstance(cell, str):
        return not cell.strip()
    return isinstance(cell, float) and math.isnan(cell)


def looks_like_value(cell: object) -> bool:
    """True for cells that read as data (numbers, dates, times, TRUE/FALSE), not as a header."""
    if isinstance(cell, NATIVE_VALUE_TYPES):
        return True
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    return bool(text) and bool(NUMBER_LIKE.match(text) or DATE_LIKE.match(text)
                               or TIME_LIKE.match(text) or text.lower() in BOOLEAN_WORDS)


def header_text(cell: object) -> str:
    """Header cell as tidy text: whitespace (including newlines) collapsed, numbers without '.0'."""
    if is_empty(cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat(sep=" ") if isinstance(cell, dt.datetime) else cell.isoformat()
    return " ".join(str(cell).split())


def fill_count(row: list) -> int:
    return sum(1 for cell in row if not is_empty(cell))


# ----------------------------------------------------------------- header finding
def find_table(grid: list[list], header_row: int | None = None,
               header_rows: int | None = None) -> TableLayout:
    """Locate the header row(s) and the first data row in ``grid``.

    Parameters
    ----------
    grid
        The first rows of the file or sheet (rows of cells, 0-based).
    header_row
        Forced 0-based row of the (last) header row; ``-1`` means "no header".
    header_rows
        Forced number of header rows (``0`` means "no header").
    """
    fills = [fill_count(row) for row in grid]
    width = max((len(row) for row in grid), default=0)
    first_filled = next((i for i, filled in enumerate(fills) if filled), 0)
    if header_row == -1 or header_rows == 0:
        start = first_filled
        return TableLayout([], start, [""] * width, [_("No header row (as chosen); the columns are named {names}",
                                                       names=POSITION_NAMES)])
    if header_row is not None:
        count = max(1, header_rows or 1)
        rows = list(range(max(0, header_row - count + 1), header_row + 1))
        return _layout(grid, rows, width, fills)
    if header_rows is not None:
        return _layout(grid, list(range(first_filled, first_filled + header_rows)), width, fills)
    start = _first_table_row(fills)
    if _looks_headerless(grid[start]):
        note = _("No header row found: row {row} holds data (numbers or dates where a header would have names), "
                 "so the columns are named {names}", row=start + 1, names=POSITION_NAMES)
        return TableLayout([], start, [""] * width, [note] + _skipped_note(fills, start))
    count = _count_header_rows(grid, start)
    return _layout(grid, list(range(start, start + count)), width, fills)


def _layout(grid: list[list], rows: list[int], width: int, fills: list[int]) -> TableLayout:
    rows = [r for r in rows if r < len(grid)]
    headers = join_header_rows([grid[r] for r in rows], width)
    first_data = (rows[-1] + 1) if rows else 0
    notes = _skipped_note(fills, rows[0] if rows else 0)
    if len(rows) > 1:
        notes.append(ngettext("{count} header row (rows {first}–{last}) was joined into one header per column",
                              "{count} header rows (rows {first}–{last}) were joined into one header per column",
                              len(rows), count=len(rows), first=rows[0] + 1, last=rows[-1] + 1))
    return TableLayout(rows, first_data, headers, notes)


def _first_table_row(fills: list[int]) -> int:
    """First row that is filled like a table row (skips titles such as 'Report for March')."""
    widest = max(fills, default=0)
    filled = [f for f in fills if f]
    modal = Counter(filled).most_common(1)[0][0] if filled else 0
    threshold = min(widest, max(2, math.ceil(widest / 2), math.ceil(0.75 * modal))) if widest >= 2 else 1
    return next((index for index, count in enumerate(fills) if count >= threshold), 0)


def _skipped_note(fills: list[int], start: int) -> list[str]:
    skipped = sum(1 for f in fills[:start] if f)
    if not skipped:
        return []
    return [ngettext("{count} row above the table (a title or a note) was skipped; the table starts at row {row}",
                     "{count} rows above the table (titles or notes) were skipped; the table starts at row {row}",
                     skipped, count=skipped, row=start + 1)]


def _looks_headerless(row: list) -> bool:
    cells = [cell for cell in row if not is_empty(cell)]
    if not cells:
        return False
    values = sum(1 for cell in cells if looks_like_value(cell))
    return values >= 1 and values >= 0.25 * len(cells)


def _count_header_rows(grid: list[list], start: int) -> int:
    if start + 2 < len(grid) and _is_import_id_row(grid[start + 2]):
        return 3
    if start + 2 < len(grid) and _is_sublabel_row(grid[start], grid[start + 1], grid[start + 2]):
        return 2
    return 1


def _is_import_id_row(row: list) -> bool:
    cells = [cell for cell in row if not is_empty(cell)]
    hits = sum(1 for cell in cells if isinstance(cell, str) and IMPORT_ID.match(cell.strip()))
    return bool(cells) and hits >= 0.5 * len(cells)


def _is_sublabel_row(first: list, second: list, data: list) -> bool:
    """SurveyMonkey's 2nd header row: sub-labels under a question, blank under fixed columns."""
    cells = [cell for cell in second if not is_empty(cell)]
    if not cells or any(looks_like_value(cell) for cell in cells):
        return False
    if any(isinstance(c, str) and c.strip().lower() in GENERIC_SUBLABELS for c in cells):
        return True
    width = max(len(first), len(second), len(data))
    top, sub, below = (_padded(row, width) for row in (first, second, data))
    continues = any(is_empty(top[i]) and not is_empty(sub[i]) for i in range(width))
    blank_fixed = any(not is_empty(top[i]) and is_empty(sub[i]) and not is_empty(below[i]) for i in range(width))
    return continues and blank_fixed


def _padded(row: list, width: int) -> list:
    return list(row) + [None] * (width - len(row))


def join_header_rows(rows: list[list], width: int) -> list[str]:
    """One header per column from several header rows.

    Upper rows are carried to the right over blanks that have a sub-label below
    (SurveyMonkey: a blank question cell means "same question as before");
    a Qualtrics ImportId row is left out; generic sub-labels ("Response") and
    parts equal to the previous part are dropped; the rest is joined with " - ".
    """
    rows = [row for row in rows if not _is_import_id_row(row)] if len(rows) > 1 else rows
    texts = [[header_text(row[i]) if i < len(row) else "" for i in range(width)] for row in rows]
    for upper in range(len(texts) - 1):
        for i in range(1, width):
            if not texts[upper][i] and any(texts[lower][i] for lower in range(upper + 1, len(texts))):
                texts[upper][i] = texts[upper][i - 1]
    return [_join_parts([texts[r][i] for r in range(len(texts))]) for i in range(width)]


def _join_parts(parts: list[str]) -> str:
    kept: list[str] = []
    for part in parts:
        if not part:
            continue
        if kept and (part.lower() in GENERIC_SUBLABELS or _normal(part) == _normal(kept[-1])):
            continue
        kept.append(part)
    return " - ".join(kept)


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


# ----------------------------------------------------------------- columns and rows
def columns_to_read(layout: TableLayout, holding: np.ndarray) -> np.ndarray:
    """Positions of the columns :func:`assemble` may keep, from whether each column of the source holds a data
    cell (``holding``): all but the columns with neither a header nor a data cell under a header row, and
    without a header row the columns right of the last that holds one.  :func:`assemble` drops those as empty
    whatever rows it leaves out, so a reader may leave them out before it makes each column's Series (a sheet
    reaching column 15,398 with three filled), passing the source's ``width`` to :func:`assemble`.
    """
    if not layout.has_header:
        filled = np.flatnonzero(holding)
        return np.arange(int(filled[-1]) + 1 if len(filled) else 0)
    named = np.zeros(len(holding), dtype=bool)
    headers = layout.headers[:len(holding)]
    named[:len(headers)] = [bool(header) for header in headers]
    return np.flatnonzero(named | holding)


def assemble(values: pd.DataFrame, raw: pd.DataFrame, layout: TableLayout,
             row_numbers: np.ndarray, filled: np.ndarray | None = None,
             clean: np.ndarray | None = None, width: int | None = None,
             present: np.ndarray | None = None, uniform: dict[int, np.ndarray] | None = None) -> RawTable:
    """Drop empty rows and empty/stray columns, name the columns, and return the table.

    ``values`` and ``raw`` have one row per data row of the source (``row_numbers`` gives each row's 1-based
    source row) and its columns labelled by their positions in the source, 0..n-1, or of ``width`` columns only
    those :func:`columns_to_read` gives (the others are counted as dropped empty columns, and positions name
    them as if all were there); ``filled``
    (2-D mask of the non-missing cells of ``raw``) may be passed when already known; it then comes back,
    cut to the kept rows and columns, as the table's ``filled``, and so does ``clean`` (one
    flag per column of ``raw``). ``present`` is that mask for a workbook's cells (changed here): the same
    rows and columns are kept, but the table's ``filled`` stays ``None`` (it would send typing down the
    text files' way).  ``uniform``: columns of ``values`` also held as bytes, by position (see
    :func:`.excel_reader.cell_texts`): cut to the same rows and named, they come back as the table's ``uniform``.
    """
    notes = list(layout.notes)
    width = raw.shape[1] if width is None else width
    positions = raw.columns.to_numpy(dtype=np.int64)
    grid, row_counts = _filled_cells(raw, filled if present is None else present)
    footer = _footer_start(row_counts, width)
    if footer is not None:
        text = next((str(v) for v in text_frame(raw.iloc[footer:]).stack().head(1)), "")
        notes.append(ngettext("{count} note row below the table was left out (“{text}”)",
                              "{count} note rows below the table were left out (e.g. “{text}”)",
                              len(raw) - footer, count=len(raw) - footer, text=text[:60]))
        values, raw, grid, row_counts, row_numbers = (values.iloc[:footer], raw.iloc[:footer], grid[:footer],
                                                       row_counts[:footer], row_numbers[:footer])
        uniform = {position: texts[:footer] for position, texts in (uniform or {}).items()}
    keep_rows = row_counts > 0
    if not keep_rows.all():
        empty_rows = int((~keep_rows).sum())
        notes.append(ngettext("{count} empty row was skipped", "{count} empty rows were skipped", empty_rows,
                              count=empty_rows))
        values, raw, row_numbers = values[keep_rows], raw[keep_rows], row_numbers[keep_rows]
        grid = grid[keep_rows]
        uniform = {position: texts[keep_rows] for position, texts in (uniform or {}).items()}
    counts = grid.sum(axis=0)
    headers = list(layout.headers) + [""] * max(0, width - len(layout.headers))
    keep, drop_notes = _columns_to_keep(raw, positions, width, headers, counts, layout.has_header)
    notes.extend(drop_notes)
    kept = positions[keep].tolist()
    originals = [headers[i] for i in kept]
    names, name_notes = unique_names([headers[i] or position_name(i) for i in kept])
    notes.extend(name_notes)
    unnamed = [names[k] for k, i in enumerate(kept) if not headers[i] and layout.has_header]
    if unnamed:
        notes.append(ngettext("{count} column without a header was named by position: {names}",
                              "{count} columns without a header were named by position: {names}", len(unnamed),
                              count=len(unnamed), names=", ".join(unnamed)))
    values = values.iloc[:, keep].reset_index(drop=True)
    raw = raw.iloc[:, keep].reset_index(drop=True)
    values.columns = names
    raw.columns = names
    return RawTable(values, raw, originals, np.asarray(row_numbers, dtype=np.int64),
                    list(layout.header_rows), notes,
                    filled=grid[:, keep] if filled is not None else None,
                    clean=clean[keep] if clean is not None else None,
                    uniform={name: uniform[position] for name, position in zip(names, kept) if position in uniform}
                    if uniform else None)


def _footer_start(counts: np.ndarray, width: int, window: int = 10) -> int | None:
    """Start of sparse note rows after a blank row at the very end ('Source: …', 'Generated …')."""
    sparse = max(1, width // 4)
    tail = counts[-window:]
    offset = len(counts) - len(tail)
    for blank in np.flatnonzero(tail == 0):
        after = tail[blank + 1:]
        if len(after) and after.any() and (after <= sparse).all():
            start = offset + int(blank) + 1
            body = counts[:start][counts[:start] > 0]
            return start if len(body) and np.median(body) > sparse else None
    return None


def _filled_cells(raw: pd.DataFrame, filled: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Mask of the non-empty cells and its row counts; a row whose only cell is blank text ("   ") counts as empty.

    Plain numpy (row sums of a frame are slow); ``filled`` is changed in place when given.  A compact column of
    bytes (a workbook's numbers and dates, see :mod:`.source_text`) is empty where it holds ``b""``.
    """
    grid = filled
    if grid is None:
        grid = np.array(raw.notna().to_numpy(dtype=bool))
        for i in [i for i, dtype in enumerate(raw.dtypes) if dtype.kind == "S"]:
            grid[:, i] = raw.iloc[:, i].to_numpy() != b""
    row_counts = np.count_nonzero(grid, axis=1)
    single = np.flatnonzero(row_counts == 1)
    if len(single):
        only = text_frame(raw.iloc[single]).bfill(axis=1).iloc[:, 0]
        blank = only.map(lambda cell: isinstance(cell, str) and not cell.strip()).to_numpy(dtype=bool)
        if blank.any():
            grid[single[blank], :] = False
            row_counts[single[blank]] = 0
    return grid, row_counts


def _columns_to_keep(raw: pd.DataFrame, positions: np.ndarray, width: int, headers: list[str], counts: np.ndarray,
                     has_header: bool) -> tuple[list[int], list[str]]:
    """The columns of ``raw`` to keep (by index) and notes on those dropped; ``positions``: each column's in the
    source of ``width`` columns (a column not in ``raw`` is empty and has no header, see :func:`columns_to_read`)."""
    n_rows = len(raw)
    if not has_header:
        last = int(positions[np.flatnonzero(counts)[-1]]) if counts.any() else -1
        dropped = width - (last + 1)
        notes = [ngettext("{count} empty column at the right was dropped",
                          "{count} empty columns at the right were dropped", dropped, count=dropped)] if dropped else []
        return np.flatnonzero(positions <= last).tolist(), notes   # positions stay intact: tools map these by position
    keep, stray = [], []
    empty = width - len(positions)
    sparse_limit = max(2, 0.02 * n_rows) if n_rows >= 10 else 0
    for k, i in enumerate(positions.tolist()):
        if headers[i]:
            keep.append(k)
        elif counts[k] == 0:
            empty += 1
        elif counts[k] <= sparse_limit:
            stray.append(k)
        else:
            keep.append(k)
    notes = []
    if empty:
        notes.append(ngettext("{count} empty column without a header was dropped",
                              "{count} empty columns without a header were dropped", empty, count=empty))
    if stray:
        letters = ", ".join(column_label(int(positions[k])) for k in stray)
        examples = [str(v) for k in stray for v in text_series(raw.iloc[:, k]).dropna().head(2)]
        notes.append(ngettext("Column {letters} has no header and only a few cells ({examples}); it looks like "
                              "notes beside the table and was left out",
                              "Columns {letters} have no header and only a few cells (e.g. {examples}); they look "
                              "like notes beside the table and were left out", len(stray), letters=letters,
                              examples=quoted_list(examples[:4])))
    return keep, notes


def position_name(index: int) -> str:
    """The name of a column without a header: ``Column 3`` for the 0-based ``index`` 2, in every language (a
    column's name is a contract: a saved mapping names it).

    >>> position_name(2)
    'Column 3'
    """
    return f"Column {index + 1}"


#: How the columns of a table without a header are named (the notes give two examples).
POSITION_NAMES = f"{position_name(0)}, {position_name(1)}, …"


def quoted_list(texts: list[str]) -> str:
    """Texts from a file, each in the current language's quotation marks, joined by commas.

    >>> quoted_list(["Total", "n/a"])
    '“Total”, “n/a”'
    """
    return ", ".join(_("“{name}”", name=text) for text in texts)


def column_label(index: int) -> str:
    """Spreadsheet column letters for a 0-based column index (0 → A, 26 → AA)."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(65 + rest) + label
    return label


def unique_names(names: list[str]) -> tuple[list[str], list[str]]:
    """Make names unique (case-insensitively): 'Comment', 'Comment (2)', …; note the changes."""
    seen: dict[str, int] = {}
    taken = {name.lower() for name in names}
    result, renamed = [], []
    for name in names:
        key = name.lower()
        if key not in seen:
            seen[key] = 1
            result.append(name)
            continue
        number = seen[key] + 1
        while f"{name} ({number})".lower() in taken:
            number += 1
        seen[key] = number
        new = f"{name} ({number})"
        taken.add(new.lower())
        result.append(new)
        renamed.append(_("“{name}” → “{new}”", name=name, new=new))
    notes = [ngettext("{count} duplicate column name was made unique: {renamed}",
                      "{count} duplicate column names were made unique: {renamed}", len(renamed),
                      count=len(renamed), renamed=", ".join(renamed))] if renamed else []
    return result, notes
