"""The currency a file's amounts are in: the one the owner chose for the file when importing it
(``ReadOptions.currency``), else what the file itself says: symbols or codes next to numbers in its
cells (``£40.00``, ``120 kr``, ``1.250,00 lei``, ``3.400 дин.``) and in its headers (``Price (GBP)``,
``Iznos RSD``). The settings' currency is only the default for files that say nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from typing import Any, Iterable

import numpy as np
import pandas as pd

#: the symbols the owner chooses from (settings, import dialog): euro, Swedish krona, Romanian leu, Serbian
#: dinar, and a few more our users meet; any other can be typed in the settings
CURRENCY_CHOICES = ("€", "kr", "lei", "RSD", "$", "£", "CHF", "zł", "Kč", "Ft")
# what is written -> the symbol amounts are shown with
SYMBOLS = {
    "£": "£", "gbp": "£", "€": "€", "eur": "€", "$": "$", "usd": "$", "kr": "kr", "sek": "kr", "nok": "kr",
    "dkk": "kr", "lei": "lei", "ron": "lei", "rsd": "RSD", "din": "RSD", "дин": "RSD", "рсд": "RSD",
    "huf": "Ft", "pln": "zł", "zł": "zł", "czk": "Kč", "kč": "Kč", "chf": "CHF",
}
_TOKENS = ("£", "€", "$", "gbp", "eur", "usd", "sek", "nok", "dkk", "kr", "lei", "ron", "rsd", "din", "дин", "рсд",
           "huf", "pln", "zł", "czk", "kč", "chf")
_TOKEN = "|".join(map(re.escape, _TOKENS))
_NUMBER = r"\d[\d\s.,'\u00a0]*"
_CELL = r"(?i)(?:(?<![^\W\d_])({token})\.?\s?{number}|{number}\s?({token})\.?(?![^\W\d_]))"
_IN_CELL = re.compile(_CELL.format(token=_TOKEN, number=_NUMBER))
_MAY_NAME = re.compile(rf"(?i)(?:{_TOKEN})")          # a quick first look, then the exact pattern on the few left
_CODE_ONLY = re.compile(rf"(?i)\s*({_TOKEN})\.?\s*")    # a cell that is only a currency code or symbol
MAX_CODES = 3               # a column of at most this many different codes is a currency column
_IN_HEADER = re.compile(rf"(?i)(?:^|[\s(\[/_-])({_TOKEN})(?:$|[\s)\]/_.-])")
SCANNED_ROWS = 200_000      # cells looked at per column (a voucher "£40.00" may sit anywhere in the file)
MIN_SHARE = 0.8          # the currency named by at least this share of the mentions wins


def currencies_in(headers: Iterable[str], columns: Iterable[pd.Series]) -> Counter:
    """How often each currency is named: once per header naming it, once per cell with an amount, once per
    row of a column that holds only currency codes (Shopify's "Currency": ``GBP``).

    >>> sorted(currencies_in(["Total"], [pd.Series(["GBP", "GBP", None, "EUR"])]).items())
    [('£', 2), ('€', 1)]
    """
    found: Counter = Counter()
    for header in headers:
        for match in _IN_HEADER.finditer(str(header)):
            found[SYMBOLS[match.group(1).casefold()]] += 1
    for values in columns:
        texts = values.dropna().head(SCANNED_ROWS).astype(str)
        distinct = np.asarray(pd.unique(texts), dtype=object).tolist()      # each text once: fast on big files
        filled = list(islice((cell for cell in distinct if cell.strip()), MAX_CODES + 1))
        codes = [m for m in map(_CODE_ONLY.fullmatch, filled) if m] if len(filled) <= MAX_CODES else []
        if codes and len(codes) == len(filled):
            rows = texts.value_counts()
            for m in codes:                      # each row says which currency its amount is in
                found[SYMBOLS[m.group(1).casefold()]] += int(rows[m.string])
            continue
        for cell in _naming(distinct):
            for match in _IN_CELL.finditer(cell):
                token = (match.group(1) or match.group(2)).casefold()
                found[SYMBOLS[token]] += 1
    return found


def _naming(cells: list[str]) -> list[str]:
    """The cells in which a currency token occurs, in their order: one scan of their joined text (a token
    never holds a line break, so a match lies inside one cell), not a search per cell — 60,000 distinct
    ticket ids 0.19 -> 0.02 s.

    >>> _naming(["100", "120 kr", "TKR-1", "x"])
    ['120 kr', 'TKR-1']
    """
    text = "\n".join(cells)
    if text.isascii():          # ASCII letters match a token's only as its ASCII letters do in any case
        lower = text.lower()
        if not any(token in lower for token in _TOKENS):
            return []
    starts = np.cumsum([0] + [len(cell) + 1 for cell in cells[:-1]])
    hits = [m.start() for m in _MAY_NAME.finditer(text)]
    return [cells[i] for i in dict.fromkeys(np.searchsorted(starts, hits, side="right") - 1)]


def file_currency(table: Any) -> str | None:
    """The currency a loaded table names (``LoadedTable``: its headers and its text cells), or ``None``.

    >>> from types import SimpleNamespace
    >>> frame = pd.DataFrame({"Description": ["Gift voucher £40.00", "MUG"], "UnitPrice": [2.1, 3.0]})
    >>> file_currency(SimpleNamespace(frame=frame))
    '£'
    >>> file_currency(SimpleNamespace(frame=pd.DataFrame({"Iznos (RSD)": [1.0]})))
    'RSD'
    """
    frame = table.frame
    text_columns = [frame[c] for c in frame.columns
                    if not pd.api.types.is_numeric_dtype(frame[c].dtype) and not pd.api.types.is_datetime64_any_dtype(frame[c].dtype)]
    return _winner(currencies_in([str(c) for c in frame.columns], text_columns))


def table_currency(table: Any) -> str | None:
    """The currency of a loaded table's amounts: the one chosen for the file on import, else the one the
    file names (:func:`file_currency`), else ``None``.

    >>> from types import SimpleNamespace
    >>> from metrics_core.ingest.model import ReadOptions
    >>> frame = pd.DataFrame({"Amount (GBP)": [40.0]})
    >>> table_currency(SimpleNamespace(frame=frame, options=ReadOptions()))
    '£'
    >>> table_currency(SimpleNamespace(frame=frame, options=ReadOptions(currency="€")))
    '€'
    """
    chosen = getattr(getattr(table, "options", None), "currency", None)
    if isinstance(chosen, str) and chosen.strip():
        return chosen.strip()
    return file_currency(table)


def agreed_currency(per_file: Iterable[str | None]) -> str | None:
    """The currency the loaded files name (each file's :func:`file_currency`), when they agree on one.

    >>> agreed_currency(["£", None, "£"]), agreed_currency(["£", "kr"]), agreed_currency([None])
    ('£', None, None)
    """
    return _winner(Counter(symbol for symbol in per_file if symbol is not None))


def _winner(found: Counter) -> str | None:
    if not found:
        return None
    symbol, count = found.most_common(1)[0]
    return symbol if count >= MIN_SHARE * sum(found.values()) else None
