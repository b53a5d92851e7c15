"""Text from the data, made safe for a spreadsheet: one rule for every file we write.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line
feed can be run as a formula by a spreadsheet (``=HYPERLINK(...)``, ``=cmd|' /C notepad'!A1``),
whether it is opened from our CSV, our workbook or the workbook behind a deck's chart.
Such text gets a leading apostrophe: it stays readable, and no spreadsheet runs it.
Numbers are never touched: they stay numbers.
"""

from __future__ import annotations

from typing import Any

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


def safe_label(value: Any) -> Any:
    """A chart label or cell value: text neutralised, numbers, dates and ``None`` as they are.

    >>> safe_label("=1+2"), safe_label(-3), safe_label(None)
    ("'=1+2", -3, None)
    """
    return neutralise(value) if isinstance(value, str) else value
