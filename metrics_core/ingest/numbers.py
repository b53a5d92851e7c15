"""Numbers as exports write them (decimal comma, thousands marks, currency, percent) and ids kept as text."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..i18n import _
from .missing import Parsed

_CURRENCY = (
    r"[€$£¥₽₹]|eur|usd|gbp|chf|sek|nok|dkk|rsd|ron|lei|kr|din\.?|дин\.?|рсд|huf|ft|pln|zł|czk|kč|bam|km|hrk|kn"
)
_CURRENCY_RX = re.compile(rf"(?i)^(?:{_CURRENCY})\s*|\s*(?:{_CURRENCY})$")
_CURRENCY_TOKEN_RE = re.compile(rf"(?i)(?:{_CURRENCY})")
_PREFIX_RE = re.compile(r"[^\d+\-.,]+")
_SUFFIX_RE = re.compile(r"[^\d.,]+$")
_JUNK_RE = re.compile(r"[^\d.,+\-]")
_DIGIT_RE = re.compile(r"\d")
_SPACES = " \t\u00a0\u2009\u202f\u2007"
_REMOVABLE = _SPACES + "'’`"
_BAD_SPACING_RE = re.compile(r"\d[ \t\u00a0\u2009\u202f\u2007](?=\d)(?!\d{3}(?!\d))")
_GROUPED = {
    ".": r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$",
    ",": r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?$",
}
_MAX_NUMBER_CHARS = 40
_CODE_RE = r"^[A-Za-z]{0,4}[-/]?\d+[-/]?[A-Za-z]{0,4}\d*$"
_LEADING_ZERO_RE = re.compile(r"\x000[0-9]+(?=\x00|\Z)")     # a value of digits that starts with 0 (ASCII)


def _text_reason_per_value(cells: np.ndarray) -> str:
    if sum(v[:1] == "'" for v in cells) > 0.5 * len(cells):
        return "leading apostrophe removed"
    if any(len(v) > 1 and v[0] == "0" and v.isdigit() for v in cells):
        return "leading zeros"
    if any(len(v) >= 15 and v.lstrip("+-").isdigit() for v in cells):
        return "long numbers"
    if sum(_is_phone(v) for v in cells) > 0.5 * len(cells):
        return "phone numbers"
    return ""


def _is_phone(value: str) -> bool:
    return len(value) >= 9 and value[0] == "+" and value[1:].replace(" ", "").isdigit()


def _text_reason(cells: np.ndarray) -> str:
    """Apostrophes, leading zeros, long numbers or phone numbers; the same tests as
    :func:`_text_reason_per_value`, run as substring searches over all values at once."""
    joined = "\x00" + "\x00".join(cells)          # every value follows a NUL
    if len(cells) < 1000 or not joined.isascii() or joined.count("\x00") != len(cells):
        return _text_reason_per_value(cells)
    half = 0.5 * len(cells)
    if joined.count("\x00'") > half:
        return "leading apostrophe removed"
    if _LEADING_ZERO_RE.search(joined):
        return "leading zeros"
    if max(map(len, cells)) >= 15 and any(len(v) >= 15 and v.lstrip("+-").isdigit() for v in cells):
        return "long numbers"
    if joined.count("\x00+") > half and sum(map(_is_phone, cells)) > half:
        return "phone numbers"
    return ""


def id_reason(text: pd.Series, numeric_ok: pd.Series, share_ok: float | None = None) -> str:
    """Why a mostly numeric column must stay text ("" when it may be a number).

    >>> id_reason(pd.Series(["00012", "345"]), pd.Series([True, True]))
    'leading zeros'
    """
    if reason := _text_reason(text.to_numpy(dtype=object)):
        return reason
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


def _vote(cleaned: list[str]) -> _Vote:
    """Count values that prove decimal comma or decimal point."""
    n_comma = np.array([v.count(",") for v in cleaned], dtype=int)
    n_dot = np.array([v.count(".") for v in cleaned], dtype=int)
    last_comma = np.array([v.rfind(",") for v in cleaned], dtype=int)
    last_dot = np.array([v.rfind(".") for v in cleaned], dtype=int)
    after = np.array([len(v) for v in cleaned], dtype=int) - np.maximum(last_comma, last_dot) - 1
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
    return ".", _("values like “{example}” were read as {meaning}; choose the decimal mark if that is wrong",
                  example=example, meaning=meaning)


def _learn_affixes(values: list[str]) -> tuple[list[str], list[str]]:
    """Currency tokens seen before and after the digits in a sample of the values."""
    step = max(1, len(values) // 2000)
    prefixes, suffixes = set(), set()
    for value in values[::step]:
        if (m := _PREFIX_RE.match(value)) and _CURRENCY_TOKEN_RE.fullmatch(m.group(0)):
            prefixes.add(m.group(0))
        if (m := _SUFFIX_RE.search(value)) and _CURRENCY_TOKEN_RE.fullmatch(m.group(0)):
            suffixes.add(m.group(0))
    return sorted(prefixes, key=len, reverse=True), sorted(suffixes, key=len, reverse=True)


def _strip_currency(values: list[str]) -> tuple[list[str], np.ndarray]:
    """Remove currency tokens (and a sign written before or after them); return (values, negative)."""
    prefixes, suffixes = _learn_affixes(values)
    for token in prefixes:
        values = [v.removeprefix(token) for v in values]
    negative = np.array([v[:1] == "-" for v in values], dtype=bool)
    values = [v.lstrip("+-") for v in values]
    for token in suffixes:
        values = [v.removesuffix(token) for v in values]
    leftover = [i for i, v in enumerate(values) if _JUNK_RE.search(v)]
    for i in leftover:        # tokens the sample did not show: the slow, thorough way
        values[i] = _CURRENCY_RX.sub("", values[i])
    return values, negative


def _strip_decorations(values: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Remove spaces, apostrophes, percent, parentheses and currency; return (cleaned, negative, percent)."""
    chars = set("".join(values))
    if chars & set(_SPACES):        # spaces between digits must group thousands ("1 234,56", not a phone number)
        values = ["x" if _BAD_SPACING_RE.search(v) else v for v in values]
    for ch in chars & set(_REMOVABLE):
        values = [v.replace(ch, "") for v in values]
    if "\u2212" in chars:
        values = [v.replace("\u2212", "-") for v in values]
    percent = np.array([v[-1:] == "%" for v in values], dtype=bool)
    if percent.any():
        values = [v.rstrip("%") for v in values]
    negative = np.array([v[:1] == "(" and v[-1:] == ")" for v in values], dtype=bool)
    if negative.any():
        values = [v.strip("()") for v in values]
    negative |= np.array([v[:1] == "-" for v in values], dtype=bool)
    values = [v.lstrip("+-") for v in values]
    if _JUNK_RE.search("".join(values)):
        values, signed = _strip_currency(values)
        negative |= signed
    return values, negative, percent


def plain_numbers(text: pd.Series, decimal: str | None = None) -> Parsed | None:
    """:func:`parse_numbers` of texts that pandas reads as numbers one and all; ``None`` for other texts.

    >>> plain_numbers(pd.Series(["1.5", "2"])).values.tolist(), plain_numbers(pd.Series(["1,5"]))
    ([1.5, 2.0], None)
    """
    head = text.iloc[:: max(1, len(text) // 200)]
    if pd.to_numeric(head, errors="coerce").notna().all():
        quick = pd.to_numeric(text, errors="coerce")
        if quick.notna().all() and not (decimal == "," and text.str.contains(".", regex=False).any()):
            return Parsed("number", quick.astype("float64"), pd.Series(True, index=text.index),
                          detail="decimal point")
    return None


def parse_numbers(text: pd.Series, decimal: str | None = None) -> Parsed:
    """Parse stripped number texts to floats, deciding the decimal mark from the values.

    >>> parse_numbers(pd.Series(["1.234,56", "€ 12,50", "(3,00)"])).values.tolist()
    [1234.56, 12.5, -3.0]
    >>> parse_numbers(pd.Series(["94.01%", "100.00%"])).col_type
    'percent'
    """
    if (quick := plain_numbers(text, decimal)) is not None:
        return quick
    codes, uniques = pd.factorize(text)
    raw = [v if len(v) <= _MAX_NUMBER_CHARS and _DIGIT_RE.search(v) else "x" for v in uniques]
    cleaned, negative, percent = _strip_decorations(list(raw))
    mark, ambiguous = _choose_decimal(_vote(cleaned), decimal)
    thousands = "," if mark == "." else "."
    grouped = re.compile(_GROUPED[mark]).match
    plain = [v.replace(thousands, "").replace(mark, ".") if thousands not in v or grouped(v) else "x" for v in cleaned]
    numbers = pd.to_numeric(pd.Series(plain, dtype=object), errors="coerce").to_numpy(dtype="float64")
    numbers = np.where(negative, -np.abs(numbers), numbers)
    values = pd.Series(numbers[codes], index=text.index)
    ok = values.notna().to_numpy()
    is_percent = bool(percent[codes][ok].mean() >= 0.5) if ok.any() else False
    changed = np.array([a != b for a, b in zip(raw, cleaned)], dtype=bool)
    detail = "decimal comma" if mark == "," else "decimal point"
    if ok.any() and (changed[codes][ok].any() or any(thousands in v for v in cleaned)):
        detail += "; currency, spaces or thousands marks removed"
    return Parsed("percent" if is_percent else "number", values, pd.Series(ok, index=text.index), detail=detail,
                  ambiguous=ambiguous)
