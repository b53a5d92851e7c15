"""Text from the data, made safe for a spreadsheet: one rule for every file we write.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line
feed can be run as a formula by a spreadsheet (``=HYPERLINK(...)``, ``=cmd|' /C notepad'!A1``),
whether it is opened from our CSV, our workbook or the workbook behind a deck's chart.
In the CSV, which has no cell types, such text gets a leading apostrophe (:func:`neutralise`): it stays
readable, and no spreadsheet runs it. The workbooks write it as a text cell with Excel's quote prefix instead
(:mod:`.xlsx_workbook`, :mod:`.chart_workbook`): shown as written, with no apostrophe of its own on a cell, a
chart's axis or its legend. Numbers are never touched: they stay numbers.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula.

    >>> is_formula_like("=SUM(A1:A9)"), is_formula_like("Email")
    (True, False)
    """
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Make text safe for a spreadsheet: a cell a spreadsheet would run as a formula
    gets a leading apostrophe.

    >>> neutralise("=SUM(A1:A9)"), neutralise("-5 apples"), neutralise("Email")
    ("'=SUM(A1:A9)", "'-5 apples", 'Email')
    """
    return "'" + text if is_formula_like(text) else text
