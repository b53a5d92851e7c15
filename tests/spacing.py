"""No-break spaces in expected texts.

A value with its unit ("8 min 15 s", "48.9 %", "3 dni") is written with no-break spaces, so that it never
breaks across lines on a card, a slide or a cell (metrics_core.formatting). Tests write what they expect
readably and say how they compare:
- :func:`nb`: a value with its unit, exactly: every space of the expected text is a no-break one;
- :func:`read`: a sentence read for its words, whichever spaces it holds.
"""

NBSP = "\u00a0"


def nb(text: str) -> str:
    """``text`` with every space a no-break one (``nb("8 min 15 s")``: the exact value a cell holds)."""
    return text.replace(" ", NBSP)


def read(text: str) -> str:
    """``text`` with its no-break spaces read as spaces."""
    return text.replace(NBSP, " ")
