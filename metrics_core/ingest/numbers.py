"""Numbers as exports write them (decimal comma, thousands marks, currency, percent) and ids kept as text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .missing import Parsed, header_tokens

_CURRENCY = (
    r"[€$£¥₽₹]|eur|usd|gbp|chf|sek|nok|dkk|rsd|ron|lei|kr|din\.?|дин\.?|рсд|huf|ft|pln|zł|czk|kč|bam|km|hrk|kn"
)
_CURRENCY_RE = rf"(?i)^(?:{_CURRENCY})\s*|\s*(?:{_CURRENCY})$"
_GROUPED = {
    ".": r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$",
    ",": r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?$",
}
_ID_WORDS = frozenset({"id", "ids", "uuid", "guid", "sku", "#", "sid", "ean", "isbn", "iban"})
# Words that name an identifier only as the last word ("Order number", "Zip code", but not "PhoneService").
_ID_LAST_WORDS = frozenset(
    {
        "key", "nr", "no", "zip", "postcode", "code", "kod", "šifra", "sifra", "številka", "stevilka", "broj",
        "nummer", "număr", "numar", "number", "phone", "telefon", "tel", "mobile", "gsm",
    }
)
_MAX_NUMBER_CHARS = 40
_CODE_RE = r"^[A-Za-z]{0,4}[-/]?\d+[-/]?[A-Za-z]{0,4}\d*$"


def is_id_header(header: str) -> bool:
    """True when the header names an identifier ("Ticket ID", "InvoiceNo", "Order #", "Številka").

    >>> is_id_header("Requester id"), is_id_header("Number of Reopen"), is_id_header("# of calls")
    (True, False, False)
    """
    tokens = header_tokens(header)
    if "of" in tokens or "per" in tokens:
        return False
    return bool(set(tokens) & _ID_WORDS) or (bool(tokens) and tokens[-1] in _ID_LAST_WORDS)


def id_reason(text: pd.Series, numeric_ok: pd.Series, share_ok: float | None = None) -> str:
    """Why a mostly numeric column must stay text ("" when it may be a number).

    >>> id_reason(pd.Series(["00012", "345"]), pd.Series([True, True]))
    'leading zeros'
    """
    cells = text.to_numpy(dtype=object)
    if sum(v[:1] == "'" for v in cells) > 0.5 * len(cells):
        return "leading apostrophe removed"
    if any(len(v) > 1 and v[0] == "0" and v.isdigit() for v in cells):
        return "leading zeros"
    if any(len(v) >= 15 and v.lstrip("+-").isdigit() for v in cells):
        return "long numbers"
    failed = text[~numeric_ok.to_numpy(dtype=bool)]
    share_ok = float(numeric_ok.mean()) if share_ok is None else share_ok
    if len(failed) and share_ok >= 0.5 and failed.str.match(_CODE_RE).all():
        return "numbers mixed with codes"
    return ""


@dataclass
class _Vote:
    comma: int = 0
    dot: int = 0
    ambiguous_comma: bool = False
    ambiguous_dot: bool = False


def _vote(cleaned: pd.Series) -> _Vote:
    """Count values that prove decimal comma or decimal point (vectorised over distinct values)."""
    n_comma = cleaned.str.count(",")
    n_dot = cleaned.str.count(r"\.")
    last_comma = cleaned.str.rfind(",")
    last_dot = cleaned.str.rfind(".")
    after = cleaned.str.len() - np.maximum(last_comma, last_dot) - 1
    both = (n_comma > 0) & (n_dot > 0)
    only_c = (n_comma > 0) & (n_dot == 0)
    only_d = (n_dot > 0) & (n_comma == 0)
    vote = _Vote()
    vote.comma = int((both & (last_comma > last_dot)).sum() + (only_c & (n_comma == 1) & (after != 3)).sum()
                     + (only_d & (n_dot > 1)).sum())
    vote.dot = int((both & (last_dot > last_comma)).sum() + (only_d & (n_dot == 1) & (after != 3)).sum()
                   + (only_c & (n_comma > 1)).sum())
    vote.ambiguous_comma = bool((only_c & (n_comma == 1) & (after == 3)).any())
    vote.ambiguous_dot = bool((only_d & (n_dot == 1) & (after == 3)).any())
    return vote


def _choose_decimal(vote: _Vote, hint: str | None) -> tuple[str, str]:
    """Decimal mark for the column and an ambiguity note."""
    if vote.comma or vote.dot:
        return ("," if vote.comma > vote.dot else "."), ""
    if not (vote.ambiguous_comma or vote.ambiguous_dot):
        return hint or ".", ""
    if hint in {".", ","}:
        return hint, ""
    example = "1,234" if vote.ambiguous_comma else "1.234"
    meaning = "1234" if vote.ambiguous_comma else "1.234"
    return ".", f"values like '{example}' were read as {meaning}; choose the decimal mark if that is wrong"


def _strip_decorations(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Remove currency, percent, parentheses, spaces and apostrophes; return (cleaned, negative, percent)."""
    t = text.str.replace("\u2212", "-", regex=False)
    percent = t.str.endswith("%")
    t = t.str.rstrip("%").str.strip()
    parenthesised = t.str.match(r"^\(.*\)$")
    t = t.where(~parenthesised, t.str[1:-1].str.strip())
    signed = t.str.startswith("-")
    t = t.str.replace(r"^[-+]\s*", "", regex=True).str.replace(_CURRENCY_RE, "", regex=True)
    signed_after_currency = t.str.startswith("-")
    t = t.str.replace(r"^[-+]", "", regex=True).str.replace(r"[\s'’`]", "", regex=True)
    negative = parenthesised | signed | signed_after_currency
    return t, negative, percent


def parse_numbers(text: pd.Series, decimal: str | None = None) -> Parsed:
    """Parse stripped number texts to floats, deciding the decimal mark from the values.

    >>> parse_numbers(pd.Series(["1.234,56", "€ 12,50", "(3,00)"])).values.tolist()
    [1234.56, 12.5, -3.0]
    >>> parse_numbers(pd.Series(["94.01%", "100.00%"])).col_type
    'percent'
    """
    quick = pd.to_numeric(text, errors="coerce")
    if quick.notna().all() and not (decimal == "," and text.str.contains(".", regex=False).any()):
        return Parsed("number", quick.astype("float64"), pd.Series(True, index=text.index), detail="decimal point")
    codes, uniques = pd.factorize(text)
    plausible = np.array([len(v) <= _MAX_NUMBER_CHARS and any(c.isdigit() for c in v) for v in uniques], dtype=bool)
    uniques = np.where(plausible, uniques, "x")
    distinct = pd.Series(uniques, dtype=object)
    joined = "".join(uniques)
    if set(joined) <= set("0123456789.,-"):
        cleaned, negative, percent = distinct, pd.Series(False, index=distinct.index), pd.Series(False, index=distinct.index)
    else:
        cleaned, negative, percent = _strip_decorations(distinct)
    mark, ambiguous = _choose_decimal(_vote(cleaned), decimal)
    thousands = "," if mark == "." else "."
    if thousands in joined:
        cleaned = cleaned.where(cleaned.str.match(_GROUPED[mark]))
    plain = cleaned.str.replace(thousands, "", regex=False).str.replace(mark, ".", regex=False)
    numbers = pd.to_numeric(plain, errors="coerce").to_numpy(dtype="float64")
    numbers = np.where(negative.to_numpy(dtype=bool), -np.abs(numbers), numbers)
    values = pd.Series(numbers[codes], index=text.index)
    ok = values.notna()
    is_percent = bool(percent.to_numpy()[codes][ok.to_numpy()].mean() >= 0.5) if ok.any() else False
    decorated = (distinct != cleaned).to_numpy()[codes][ok.to_numpy()].any() if ok.any() else False
    detail = "decimal comma" if mark == "," else "decimal point"
    if decorated:
        detail += "; currency, spaces or thousands marks removed"
    return Parsed("percent" if is_percent else "number", values, ok, detail=detail, ambiguous=ambiguous)
