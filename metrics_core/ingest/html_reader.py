"""Read the table of an "Excel" file that is really a web page.

Helpdesk and phone systems often export "report.xls" files that are HTML: a ``<table>``, sometimes
in UTF-16, after a comment or a ``<meta>`` line.  Excel opens them; so do we: the largest table of
the page becomes the grid, and the table is located as in a workbook sheet.  lxml (already bundled
for the deck writer) parses the page without fetching anything or expanding entities.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import UnsupportedFormatError
from ..i18n import Message, _
from .model import ReadOptions
from .table_finder import RawTable, assemble, find_table

HEADER_SCAN_ROWS = 80
MAX_SPAN = 1_000                 # colspan beyond this is not a table a person made
HTML_TABLE = re.compile(r"^\s*(<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(!doctype\s+html|html|head|body|meta|table|style|title)\b",
                        re.IGNORECASE | re.DOTALL)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def page_text(data: bytes) -> str:
    """The page as text: BOM or NUL pattern first (UTF-16), then the declared charset, UTF-8, cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data[1:200:2].count(0) > 40:
        return data.decode("utf-16-le", errors="replace")
    if data[0:200:2].count(0) > 40:
        return data.decode("utf-16-be", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = CHARSET.search(data[:4096])
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")


def is_html_table(head: bytes) -> bool:
    """True when the first bytes of a file are a web page or a bare HTML table."""
    return HTML_TABLE.match(page_text(head[:4096])) is not None


def read_html_table(path: Path, data: bytes, options: ReadOptions, max_rows: int | None = None) -> RawTable:
    """The largest table of the page, located like a workbook sheet.

    Raises
    ------
    UnsupportedFormatError
        The page holds no table.
        Also when its table has a header but no data rows.
    """
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    try:
        root = lxml.html.document_fromstring(page_text(data).encode("utf-8", "replace"), parser=parser)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise UnsupportedFormatError(_no_table(path), path=path) from exc
    tables = [_grid(table) for table in root.iter("table")]
    rows = max(tables, key=len, default=[])
    if not any(any(cell for cell in row) for row in rows):
        raise UnsupportedFormatError(_no_table(path), path=path)
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    layout = find_table(rows[:HEADER_SCAN_ROWS], options.header_row, options.header_rows)
    first = layout.first_data_row
    data_rows = rows[first:] if max_rows is None else rows[first:first + max_rows]
    if not data_rows:
        raise UnsupportedFormatError(Message("“{file}” is a web page (HTML) whose table has a header but no data rows, "
                                       "not a spreadsheet. Open it in Excel and save it as .xlsx or .csv.",
                                       dict(file=path.name)), path=path)
    values = pd.DataFrame(data_rows, dtype=object)
    values = values.where(values != "", None)
    table = assemble(values, values.copy(), layout, np.arange(first + 1, first + 1 + len(values), dtype=np.int64))
    table.notes.insert(0, _("The file is a web page (HTML) named like an Excel file; its largest table was read"))
    return table


def _grid(table) -> list[list[str]]:
    rows = []
    for tr in table.iter("tr"):
        if _owner(tr) is not table:
            continue                  # a row of a table nested inside this one
        row: list[str] = []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            text = " ".join(cell.text_content().split())
            row.append(text)
            span = cell.get("colspan", "1")
            row.extend([""] * (min(int(span), MAX_SPAN) - 1 if span.isdigit() and int(span) > 1 else 0))
        rows.append(row)
    return rows


def _owner(element):
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _no_table(path: Path) -> Message:
    return Message("“{file}” is a web page (HTML) without a table, not a spreadsheet. Open it in Excel and save it "
                   "as .xlsx or .csv.", {"file": path.name})
