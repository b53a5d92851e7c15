"""Read an .xlsx/.xlsm sheet as a stream of rows, without holding the sheet (python-calamine-plus).

python-calamine parses a whole sheet into its own grid before handing over a single row: for a
1,048,575-row export that grid was the process's peak (904 MiB, with the 96 MiB before it).
python-calamine-plus (a fork of python-calamine with a modified calamine) decodes rows straight from the
compressed part as they are asked for.  It is used only where it gives what the loaded sheet gives
(:func:`.sheet_columns.stream_columns` says how): the sheet to read must be known without loading any
(the one asked for, or the only worksheet that is not too large), and its extent measured by the package
guard.  Anything else — several sheets to choose from, a sheet that turns out empty, an error cell, a
stream that raises — returns ``None`` and the caller reads the loaded sheet as before, so the messages,
notes and values of every such file stay those of the loaded sheet.  (The caller does not stream a
package with an XML part that is not UTF-8: python-calamine refuses such a part, the stream reads on.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import python_calamine_plus as calamine_plus

from .package_guard import sheet_too_large
from ..allocator import give_back
from .quiet import quiet_stderr
from .sheet_columns import SheetColumns, stream_columns
from .sheet_extent import Extent
from .xlsx_cells import PlainSheet

T = TypeVar("T")


def read_streamed(path: Path, extents: dict[str, Extent], wanted: str | None, data_rows: int | None,
                  reading: Callable[[str], None], plain: dict[str, PlainSheet] | None = None,
                  ) -> tuple[str, list[str], SheetColumns] | None:
    """(sheet name, every sheet's name, its cells), or ``None`` when the sheet is to be read loaded.

    ``extents``: each worksheet's extent by sheet name, as the package guard measured it (see
    ``excel_reader.sheet_extents``); ``data_rows``: the rows a preview reads below the head rows;
    ``reading(name)`` is told the sheet once it is chosen; ``plain``: sheets the guard read on the way, by
    name (:mod:`.xlsx_cells`): such a sheet's cells are taken from there when it was plain, not streamed."""
    book = _quietly(lambda: calamine_plus.CalamineWorkbook.from_path(str(path)))
    if book is None:
        return None
    try:
        names = list(book.sheet_names)
        name = _known_sheet(book, calamine_plus.SheetTypeEnum.WorkSheet, names, wanted, extents)
        if name is None:
            return None
        reading(name)                      # (outside the reader's calls: a cancel here is a cancel)
        extent = extents[name]
        read = (plain or {}).get(name)
        cells = None if read is None or data_rows is not None else read.columns(str(path),
                                                                                 (extent.rows, extent.columns))
        if cells is not None and cells.filled:
            give_back()                     # (see .heap)
            return name, names, cells
        # rows padded to one column past the measured extent, not to what <dimension> claims (XFD: 16,384
        # cells a row); a cell in that column still gives up the stream
        cells = _quietly(lambda: stream_columns(iter(book.stream_sheet_by_name(name, max_col=extent.columns)),
                                                (extent.rows, extent.columns), data_rows))
    finally:
        book.close()
    return (name, names, cells) if cells is not None and cells.filled else None


def _quietly(call: Callable[[], T]) -> T | None:
    """``call()`` with the reader's stderr kept quiet; ``None`` when it raises (:class:`NotStreamable`, a
    reader error or panic): the loaded sheet then says what is wrong, as it always has."""
    try:
        with quiet_stderr():
            return call()
    except Exception:
        return None
    except BaseException as exc:   # a panic inside the reader (a BaseException)
        if type(exc).__name__ != "PanicException":
            raise
        return None


def _known_sheet(book, worksheet, names: list[str], wanted: str | None, extents: dict[str, Extent]) -> str | None:
    """The sheet ``excel_reader`` would read, when that is known without loading any; else ``None``."""
    if wanted is not None:
        name = next((n for n in names if n == wanted), None) or next(
            (n for n in names if n.strip().lower() == wanted.strip().lower()), None)
    else:
        kinds = {meta.name: meta.typ for meta in book.sheets_metadata}
        candidates = [n for n in names if kinds.get(n) in (None, worksheet)
                      and not (n in extents and sheet_too_large(extents[n]))]
        name = candidates[0] if len(candidates) == 1 else None
    if name is None or name not in extents or sheet_too_large(extents[name]):
        return None
    return name
