"""Fast parsing of all-digit date formats ("05.03.2025 14:07", "2025-03-05 14:07:00", "5/3/25").

pandas parses ISO formats quickly but every other format (day-first European dates among them)
with a regular expression per value, about a microsecond each. Dates written with digits and
separators only are parsed here with numpy on the bytes instead: the rows are grouped by where
their digits are, and each group's fields are read column by column.

Only values that are certain are parsed here: every field within its usual range, the
separators exactly as in the format, a real calendar day. Everything else (two spaces, a
second of 60, a year outside 1900–2199 …) is left to pandas, so the result is always what
``pandas.to_datetime(values, format=fmt, errors="coerce")`` gives.
"""

from __future__ import annotations

import re
from typing import Iterator

import numpy as np
import pandas as pd

MIN_VALUES = 1000           # below this pandas is fast enough
MAX_LENGTH = 40
MAX_PATTERNS = 32           # digit layouts handled per column; rarer ones go to pandas
PIECE_ROWS = 1 << 16        # bytes values read at a time by :func:`parse_bytes` (their grid stays in the cache)
FIELD_WIDTHS = {"Y": (4, 4), "y": (2, 2), "m": (1, 2), "d": (1, 2), "H": (1, 2), "M": (1, 2), "S": (1, 2)}
FIELD_RANGES = {"m": (1, 12), "d": (1, 31), "H": (0, 23), "M": (0, 59), "S": (0, 59)}
YEARS = (1900, 2199)
DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_TOKEN = re.compile(r"%.|[^%]+", re.DOTALL)


def to_datetime(text: pd.Series, fmt: str) -> pd.Series | None:
    """``pandas.to_datetime(text, format=fmt, errors="coerce")``, the values :func:`parse` is
    sure of parsed here and the others by pandas; ``None`` when :func:`parse` does not apply."""
    fast = parse(text.to_numpy(dtype=object), fmt)
    if fast is None:
        return None
    stamps, done = fast
    if not done.all():
        rest = pd.to_datetime(text[~done], format=fmt, errors="coerce")
        stamps[~done] = rest.to_numpy(dtype="datetime64[us]")
    return pd.Series(stamps, index=text.index, copy=False)


def parse(values: np.ndarray, fmt: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Timestamps (``datetime64[us]``) of the values this parser is sure of, and the mask of those.

    ``values`` is an object array of strings. ``None`` when the format or the values do not
    suit (other directives, non-ASCII text, few values): then pandas parses them all.

    >>> texts = np.array(["05.03.2025 14:07", "5.3.2025 4:07", "31.02.2025 10:00"] * 400, dtype=object)
    >>> stamps, done = parse(texts, "%d.%m.%Y %H:%M")
    >>> [str(s) for s in stamps[:3]], done[:3].tolist()
    (['2025-03-05T14:07:00.000000', '2025-03-05T04:07:00.000000', 'NaT'], [True, True, False])
    """
    layout = _layout(fmt)
    if layout is None or len(values) < MIN_VALUES:
        return None
    width = max(map(len, values[np.linspace(0, len(values) - 1, 200).astype(int)])) + 1
    if width > MAX_LENGTH:
        return None
    try:
        texts = values.astype(f"S{width}")      # longer values are cut: their last byte is not padding
    except (UnicodeError, TypeError, ValueError):
        return None
    stamps, done = _parse_texts(texts, layout)
    done &= texts.view(np.uint8).reshape(len(texts), width)[:, -1] == 0
    stamps[~done] = np.datetime64("NaT")
    return stamps, done


def parse_bytes(texts: np.ndarray, fmt: str) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`parse` of the values of a fixed-width bytes array (numpy ``S<width>``, UTF-8, none cut: the text
    parser's ids and timestamps), without making them strings; :data:`PIECE_ROWS` rows at a time (the byte
    grids of 10,000,000 values at once took about 800 MB). ``None`` when the format does not suit.

    >>> stamps, done = parse_bytes(np.array([b"2025-03-05 14:07:00", b"2025-02-30 10:00:00"], dtype="S19"),
    ...                            "%Y-%m-%d %H:%M:%S")
    >>> [str(s) for s in stamps], done.tolist()
    (['2025-03-05T14:07:00.000000', 'NaT'], [True, False])
    """
    layout = _layout(fmt)
    if layout is None or texts.dtype.kind != "S" or not 0 < texts.dtype.itemsize <= MAX_LENGTH:
        return None
    stamps = np.empty(len(texts), dtype="datetime64[us]")
    done = np.empty(len(texts), dtype=bool)
    for start in range(0, len(texts), PIECE_ROWS):
        end = start + PIECE_ROWS
        stamps[start:end], done[start:end] = _parse_texts(texts[start:end], layout)
    return stamps, done


def _parse_texts(texts: np.ndarray, layout: tuple[list[str], list[bytes]]) -> tuple[np.ndarray, np.ndarray]:
    """Timestamps and the mask of the values of ``texts`` (``S<width>``) read under ``layout``.

    The bytes are read a position at a time: the grid is turned so that each position's bytes lie together
    (minus ``0``: a digit's value, or 10 and more for any other byte)."""
    width = texts.dtype.itemsize
    directives, literals = layout
    shifted = np.ascontiguousarray((texts.view(np.uint8).reshape(len(texts), width) - np.uint8(48)).T)
    is_digit = shifted < 10
    fields = {d: np.zeros(len(texts), dtype=np.int64) for d in "YmdHMS"}
    done = np.zeros(len(texts), dtype=bool)
    if (is_digit == is_digit[:, :1]).all():         # the usual case: every value written the same way
        by_layout: Iterator[tuple[np.ndarray | slice, int]] = iter([(slice(None), 0)])
    else:
        packed = np.zeros((len(texts), 8), dtype=np.uint8)
        packed[:, :(width + 7) // 8] = np.packbits(is_digit, axis=0, bitorder="little").T
        codes, digit_layouts = pd.factorize(packed.view(np.uint64).ravel())
        by_layout = _rows_by_layout(codes, len(digit_layouts))
    for rows, first in by_layout:
        _read_pattern(shifted[:, rows], is_digit[:, first], directives, literals, rows, fields, done)
    del shifted, is_digit, by_layout        # (the bytes are read: let them go before the arithmetic)
    return _timestamps(fields, done)


def _rows_by_layout(codes: np.ndarray, n_layouts: int) -> Iterator[tuple[np.ndarray | slice, int]]:
    """(rows, one of them) per digit layout, the commonest first; all rows at once when there is one."""
    if n_layouts == 1:          # the usual case: every value written the same way
        yield slice(None), 0
        return
    for code in np.argsort(-np.bincount(codes), kind="stable")[:MAX_PATTERNS]:
        rows = np.flatnonzero(codes == code)
        yield rows, int(rows[0])


def _layout(fmt: str) -> tuple[list[str], list[bytes]] | None:
    """Directives ("d", "m", "Y" …) and the K + 1 literals around them; ``None`` for other formats."""
    directives: list[str] = []
    literals: list[bytes] = []
    pending = b""
    for token in _TOKEN.findall(fmt):
        if token.startswith("%"):
            if token[1:] not in FIELD_WIDTHS or (directives and not pending):
                return None         # an unknown directive, or two directives with nothing between
            literals.append(pending)
            directives.append(token[1:])
            pending = b""
        elif token.isascii() and not any(c.isdigit() for c in token):
            pending += token.encode()
        else:
            return None
    literals.append(pending)
    if len(set(directives)) != len(directives) or not {"m", "d"} <= set(directives) \
            or not {"Y", "y"} & set(directives):
        return None
    if len(literals) == len(directives):
        literals.append(b"")
    return directives, literals


def _read_pattern(positions: np.ndarray, digits: np.ndarray, directives: list[str], literals: list[bytes],
                  rows: np.ndarray | slice, fields: dict[str, np.ndarray], done: np.ndarray) -> None:
    """Read the rows sharing one digit layout (``digits``; ``positions`` holds their bytes minus ``0``, a row per
    position) into ``fields`` at ``rows``, and mark the ones read in ``done``."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], digits, [False])).astype(np.int8)))
    groups = list(zip(edges[::2], edges[1::2]))
    if len(groups) != len(directives):
        return
    bounds = [0] + [int(edge) for group in groups for edge in group] + [positions.shape[0]]
    ok = np.ones(positions.shape[1], dtype=bool)
    for i, (literal, (start, end)) in enumerate(zip(literals, zip(bounds[::2], bounds[1::2]))):
        trailing = i == len(literals) - 1           # the last literal is followed by padding
        if len(literal) > end - start or (not trailing and len(literal) != end - start):
            return
        expected = np.zeros(end - start, dtype=np.uint8)
        expected[:len(literal)] = np.frombuffer(literal, dtype=np.uint8)
        for at, byte in enumerate(expected - np.uint8(48), start):
            ok &= positions[at] == byte
    for directive, (start, end) in zip(directives, groups):
        low, high = FIELD_WIDTHS[directive]
        if not low <= end - start <= high:
            return
        value = positions[start].astype(np.int32)
        for at in range(start + 1, end):
            value *= 10
            value += positions[at]
        if directive == "y":
            directive, value = "Y", np.where(value < 69, 2000 + value, 1900 + value)
        elif directive == "Y":
            ok &= (value >= YEARS[0]) & (value <= YEARS[1])
        else:
            ok &= (value >= FIELD_RANGES[directive][0]) & (value <= FIELD_RANGES[directive][1])
        fields[directive][rows] = value
    done[rows] = ok


def _timestamps(fields: dict[str, np.ndarray], done: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The timestamps of the rows in ``done`` that are real calendar days (others NaT), and their mask.

    Days since 1970 by the civil-calendar arithmetic of H. Hinnant ("chrono-compatible
    low-level date algorithms"), all in int64.
    """
    year, month, day = fields.pop("Y"), np.clip(fields.pop("m"), 1, 12), fields.pop("d")
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    valid = done & (day >= 1) & (day <= DAYS_IN_MONTH[month] + (leap & (month == 2)))
    del leap                    # (each array of a million rows is let go, or reused, once read: 8 MB each)
    year -= month <= 2          # the year of a calendar that starts in March
    era = year // 400
    year -= era * 400           # the year of the era
    seconds = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1     # the day of the year
    del month, day
    seconds += year * 365 + year // 4 - year // 100 + era * 146097 - 719468             # days since 1970
    del year, era
    seconds *= 86400
    for field, factor in (("H", 3600), ("M", 60), ("S", 1)):
        seconds += fields.pop(field) * factor
    seconds *= 1_000_000
    stamps = seconds.view("datetime64[us]")
    stamps[~valid] = np.datetime64("NaT")
    return stamps, valid
