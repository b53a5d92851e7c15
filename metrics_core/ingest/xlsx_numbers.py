"""Numbers of a plain .xlsx sheet read from their ``<v>`` bytes, all of a piece at once (:mod:`.xlsx_cells`).

The bytes are read as 64-bit words (eight digits summed in three multiplications, the integer part and the
fraction apart): below 2**53 the value is the integer over a power of ten, one IEEE rounding, which is the
correctly rounded value; 17 digits are divided in extended precision and rounded to float64 unless the quotient
fell exactly halfway (then numpy's parse, as for a sign or an exponent).  Equal to Python's ``float`` (and
calamine's parse) on 1.3 million random and edge texts (session 14).
"""

from __future__ import annotations

import numpy as np

MASK = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)   # the low k bytes
_NUMBER_BYTE = np.zeros(256, dtype=bool)     # what a number's <v> may hold (0: past its end)
_NUMBER_BYTE[[0, 43, 45, 46, 69, 101] + list(range(48, 58))] = True
_POWERS = 10.0 ** np.arange(23)
_TENS = 10 ** np.arange(17, dtype=np.uint64)
_ZEROS = np.array([0x3030303030303030 & ((1 << (8 * (8 - n))) - 1) for n in range(9)], dtype=np.uint64)
_SHIFTS = np.array([0] + [8 * (8 - n) for n in range(1, 9)], dtype=np.uint64)
_LANES = [(np.uint64(10), np.uint64(8), np.uint64(0x00FF00FF00FF00FF)),
          (np.uint64(100), np.uint64(16), np.uint64(0x0000FFFF0000FFFF)),
          (np.uint64(10000), np.uint64(32), np.uint64(0x00000000FFFFFFFF))]
_F0, _SIX, _ZERO = np.uint64(0xF0F0F0F0F0F0F0F0), np.uint64(0x0606060606060606), np.uint64(0x3030303030303030)


def _eight(word: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The number written by the first ``count`` (0-8) bytes of each word, and whether they are all digits:
    the digits moved to the word's top, '0's below them, then summed in pairs, fours and eights."""
    word = (word << _SHIFTS[count]) | _ZEROS[count]
    digits = ((word & _F0) == _ZERO) & (((word + _SIX) & _F0) == _ZERO)
    value = word - _ZERO
    for scale, shift, mask in _LANES:
        value = (value * scale + (value >> shift)) & mask
    return np.where(count > 0, value, 0), digits


def _sixteen(words: np.ndarray, start: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The number written by ``count`` (0-16) bytes of the part from each ``start``, and whether all are digits."""
    low = np.clip(count - 8, 0, 8)
    high = count - low
    first, ok = _eight(words[start] & MASK[high], high)
    second, ok_too = _eight(words[start + 8] & MASK[low], low)
    return first * _TENS[low] + second, ok & ok_too


_ONES = np.uint64(0x0101010101010101)
_PLACES = np.uint64(0x0001020304050607)
_TOP = np.uint64(56)


def _dots(dot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How many bytes of each row of ``dot`` (n x 24 booleans) are set, and where the one set byte is in the rows
    holding exactly one (any number elsewhere): ``dot.sum(axis=1)`` and ``np.argmax(dot, axis=1)``, read eight
    bytes at a time as words (a reduction along rows of 24 took 2.8 ms for 30,000 numbers, over half the parse).
    A word of bytes 0 and 1 times 0x0101..01 holds their sum in its top byte; a word with one byte set at ``j``
    times 0x0001..07 holds ``j`` there.

    >>> dot = np.zeros((3, 24), dtype=bool); dot[0, 5] = dot[1, 19] = dot[2, [1, 9, 23]] = True
    >>> counts, places = _dots(dot)
    >>> counts.tolist(), places[:2].tolist()
    ([1, 1, 3], [5, 19])
    """
    words = np.ascontiguousarray(dot).view(np.uint64)      # (n x 3: bytes 0-7, 8-15, 16-23 of each row)
    counts = (words * _ONES) >> _TOP
    places = (words * _PLACES) >> _TOP
    places[:, 1] += np.uint64(8) * (words[:, 1] != 0)
    places[:, 2] += np.uint64(16) * (words[:, 2] != 0)
    return (counts[:, 0] + counts[:, 1] + counts[:, 2]).astype(np.int64), \
        (places[:, 0] + places[:, 1] + places[:, 2]).astype(np.int64)


def _exactly_rounded(mantissa: np.ndarray, after: np.ndarray, out: np.ndarray, places: np.ndarray) -> np.ndarray:
    """``mantissa / 10**after`` into ``out[places]``, rounded once: the quotient is taken in extended precision
    (both exact there), then rounded to float64, which is the correctly rounded value unless the extended
    quotient fell exactly halfway between two float64 (then False: left to numpy's parse)."""
    quotient = mantissa.astype(np.longdouble) / (np.longdouble(10) ** after.astype(np.longdouble))
    nearest = quotient.astype(np.float64)
    off = quotient - nearest.astype(np.longdouble)
    neighbour = np.nextafter(nearest, np.where(off > 0, np.inf, -np.inf))
    halfway = (off != 0) & (2 * np.abs(off) == np.abs(neighbour.astype(np.longdouble) - nearest.astype(np.longdouble)))
    out[places] = nearest
    return ~halfway


def parse_numbers(words: np.ndarray, start: np.ndarray, size: np.ndarray, text: np.ndarray) -> np.ndarray:
    """float64 of each number written from ``start`` (``size`` bytes; ``text``: the same as n x 24 bytes, NUL
    past the end), correctly rounded as calamine's parse gives it.  'digits[.digits]' whose digits make an
    integer below 2**53: that integer over a power of ten (one rounding, IEEE's); anything else (a sign, an
    exponent, more digits) through numpy's parse."""
    dots, first_dot = _dots(text == 46)
    at = np.where(dots == 1, first_dot, size)                           # where the integer part ends
    after = np.maximum(size - at - 1, 0)                                 # digits after the point
    whole, ok = _sixteen(words, start, np.minimum(at, 16))
    part, ok_too = _sixteen(words, start + at + 1, np.minimum(after, 16))
    simple = ok & ok_too & (dots <= 1) & (at <= 16) & (after <= 16) & (at + after >= 1) & (at + after <= 17)
    mantissa = whole * _TENS[np.minimum(after, 16)] + part                # (below 10**17: exact)
    small = mantissa < np.uint64(1 << 53)
    out = mantissa.astype(np.float64) / _POWERS[np.minimum(after, 22)]
    large = simple & ~small
    if large.any():                  # 17 digits: divided with a 64-bit mantissa, then rounded to 53 bits
        simple[large] = _exactly_rounded(mantissa[large], after[large], out, np.flatnonzero(large))
    rest = ~simple
    if rest.any():
        if not _NUMBER_BYTE[text[rest]].all():
            raise ValueError("a number written otherwise")
        out[rest] = text[rest].copy().view("S24").ravel().astype(np.float64)
    return out
