"""How the pandas C parser reads each column: fixed-width bytes, categories or Python strings.

The parser makes a Python string of every cell it reads as text, looking each one up in a
table of the strings it made before. For ids and timestamps, where nearly every value is
new, that is most of the parsing time: read as numpy fixed-width bytes (``S<width>``) they
cost almost nothing to parse, and :func:`strings_of` then makes the strings in one go, about
twice as fast as the parser makes them. Columns whose values repeat (status, channel,
agent) are read as categories: one string per distinct value and a code per cell.
Everything else (free text) is read as Python strings.

The choice is made on the sample of first rows. The width of a bytes column has room to
spare; a value that fills the whole width may have been cut, and the caller then reads the
file again the ordinary way. A wrong guess of "repeating" only costs time.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..column_facts import taken_codes
from .cells import first_positions
from .missing import MARKER_VARIANTS

MIN_SAMPLE_ROWS = 50        # below this the file is small and the ordinary way is fast enough
MIN_DISTINCT_SHARE = 0.9    # bytes: share of distinct values among the sample's filled cells
MIN_STAMP_SHARE = 0.5       # ... when they are time stamps of one length
STAMP = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?")
MAX_REPEATING_SHARE = 0.1   # categories: at most this share of distinct values among the sample's cells
MAX_SAMPLE_BYTES = 40       # longer values (free text) stay Python strings from the start
MAX_WIDTH = 96
SEPARATOR = 1               # a control byte put between values to split them apart again
STRINGS_AT_ONCE = 1 << 18  # values made strings in one go by :func:`strings_of`
EDGE_SPACE = np.array([b < 0x80 and chr(b).isspace() for b in range(256)])   # by byte: what str.strip removes
MARKER_START = np.array([any(m[:1] == chr(b) for m in MARKER_VARIANTS) for b in range(256)])
APOSTROPHE = np.arange(256) == ord("'")


def parser_dtypes(sample: list[list[str]]) -> dict[int, str]:
    """Dtypes for the C parser (``"S<width>"`` or ``"category"``) by column position;
    columns left out are read as Python strings.

    ``sample`` holds the first data rows as lists of cell texts.

    >>> rows = [[str(1000 + i), "Open" if i % 2 else "Closed", f"note {i % 30}", str(i % 5)] for i in range(60)]
    >>> parser_dtypes(rows)
    {0: 'S16', 1: 'category', 3: 'category'}
    """
    if len(sample) < MIN_SAMPLE_ROWS:
        return {}
    width = max(len(row) for row in sample)
    chosen: dict[int, str] = {}
    for position in range(width):
        cells = [row[position] if len(row) > position else "" for row in sample]
        filled = [cell for cell in cells if cell]
        if len(set(cells)) <= MAX_REPEATING_SHARE * len(cells) and not all(map(_pandas_converts, filled)):
            chosen[position] = "category"
        elif len(filled) >= MIN_SAMPLE_ROWS // 2 and len(set(filled)) >= _distinct_share(filled) * len(filled):
            lengths = [len(cell.encode("utf-8")) for cell in filled]
            longest = max(lengths)
            if longest <= MAX_SAMPLE_BYTES:
                # values of one length (ids, timestamps) keep it; others (e-mails) may run much longer
                room = longest + 12 if min(lengths) == longest else 2 * longest
                chosen[position] = f"S{min(MAX_WIDTH, max(16, room))}"
    return chosen


def _distinct_share(filled: list[str]) -> float:
    """The share of distinct values that makes a column bytes: :data:`MIN_DISTINCT_SHARE`, or
    :data:`MIN_STAMP_SHARE` for time stamps of one length (a call log's start times repeat a second now and
    then; as bytes they are typed without a string made of each, see :func:`.types.infer_date_bytes`).

    >>> _distinct_share(["2025-01-01 00:00:01", "2025-01-01 00:00:01"]), _distinct_share(["A-1", "A-1"])
    (0.5, 0.9)
    """
    stamps = len(set(map(len, filled))) == 1 and all(STAMP.fullmatch(cell) for cell in filled)
    return MIN_STAMP_SHARE if stamps else MIN_DISTINCT_SHARE


def _pandas_converts(text: str) -> bool:
    """True when pandas would turn the text into a boolean as a category (it does so when every category is
    one: "TRUE" and "true" both become True). Numbers keep their text: the parser is given a thousands
    separator (:func:`no_thousands`), which makes pandas leave categories of numbers as they are written
    ("01" and "1.0" would both become 1.0 without it).
    """
    return text.strip().lower() in ("true", "false")


def no_thousands(delimiter: str) -> str:
    r"""A thousands separator for the parser that no cell uses as one: pandas converts the categories of a column
    of numbers to numbers unless one is given (no column is parsed as numbers by the parser here, so it
    separates nothing). A control byte, other than the delimiter.

    >>> no_thousands(","), no_thousands("\x01")
    ('\x01', '\x02')
    """
    return "\x02" if delimiter == "\x01" else "\x01"


def categories_kept_as_text(column: pd.Categorical) -> bool:
    """False when pandas converted the categories (every one was a number or a boolean)."""
    return column.categories.dtype == object or pd.api.types.is_string_dtype(column.categories.dtype)


def strings_of_categories(column: pd.Categorical) -> tuple[np.ndarray, np.ndarray]:
    """The values of a column read as categories, as an object array of ``str`` (``None`` where
    empty), and the mask of filled cells.

    >>> strings, filled = strings_of_categories(pd.Categorical(["Open", "", "Solved", "Open"]))
    >>> strings.tolist(), filled.tolist()
    (['Open', None, 'Solved', 'Open'], [True, False, True, True])
    """
    categories = np.asarray(column.categories, dtype=object)
    empty = categories == ""
    if empty.any():
        categories = categories.copy()
        categories[empty] = None
    return categories[np.asarray(column.codes)], filled_categories(column)


def category_codes(column: pd.Categorical) -> tuple[np.ndarray, np.ndarray] | None:
    """``pd.factorize`` of :func:`strings_of_categories`' strings, worked out from the column's codes without a
    string made of each cell: codes (-1 where empty) and the distinct texts in order of first appearance (an
    object array); ``None`` for a column of more than :data:`~metrics_core.column_facts.MANY_LABELS` categories.

    >>> codes, distinct = category_codes(pd.Categorical(["Open", "", "Closed", "Open"]))
    >>> codes.tolist(), distinct.tolist()
    ([0, -1, 1, 0], ['Open', 'Closed'])
    """
    categories = np.asarray(column.categories, dtype=object)
    empty = categories == ""
    if empty.any():
        categories = categories.copy()
        categories[empty] = None
    taken = taken_codes(np.asarray(column.codes), categories)
    return None if taken is None else (taken[0], np.asarray(taken[1], dtype=object))


def filled_categories(column: pd.Categorical) -> np.ndarray:
    """The mask of filled cells (not ``""``) of a column read as categories."""
    empty = np.flatnonzero(np.asarray(column.categories, dtype=object) == "")
    return np.asarray(column.codes) != (empty[0] if len(empty) else -2)


def narrowest(column: np.ndarray) -> np.ndarray:
    """A bytes column in the narrowest width that holds its longest value (the parser's width has room to
    spare: 31 bytes for timestamps of 19).

    >>> narrowest(np.array([b"2024-01-31", b""], dtype="S31")).dtype
    dtype('S10')
    """
    longest = int(np.strings.str_len(column).max(initial=0)) if len(column) else 0
    return column.astype(f"S{max(longest, 1)}") if longest < column.dtype.itemsize else column


def may_be_cut(column: np.ndarray) -> bool:
    """True when some value fills the whole width (the parser cuts longer values silently)."""
    width = column.dtype.itemsize
    return bool(len(column)) and bool(column.view(np.uint8).reshape(len(column), width)[:, -1].any())


def is_clean(column: np.ndarray) -> bool:
    """True when every value is ASCII, has no space at either end and cannot be a missing marker.

    Such values need none of the clean-up that type inference does (see
    :func:`~metrics_core.ingest.missing.clean_strings`). A value cannot be a missing marker
    when its first byte starts none of them (``? - n N #``); the test is cautious and may
    say False for a column that is clean after all. Empty values count as clean.

    >>> is_clean(np.array([b"2024-01-31 10:00", b"", b"2024-02-01 09:30"], dtype="S16"))
    True
    >>> is_clean(np.array([b"12 ", b"13"], dtype="S4")), is_clean(np.array([b"n/a", b"13"], dtype="S4"))
    (False, False)
    """
    return _edges_clean(column, MARKER_START)


WRITTEN_AS_ID = "written as id"     # a fact kept with the strings of a bytes column: written_as_id(bytes, False / True)


def written_as_id(column: np.ndarray, numeric: bool) -> bool:
    """True when every value is ASCII, has no space at either end, does not start with ``'`` and (``numeric``)
    holds no ``.``: an id column whose values the canonical frame takes as written.

    >>> written_as_id(np.array([b"38640012345", b""], dtype="S11"), numeric=True)
    True
    >>> [written_as_id(np.array([v], dtype="S8"), True) for v in (b"'7", b"7 ", b"12.0", "Ž7".encode())]
    [False, False, False, False]
    """
    return _edges_clean(column, APOSTROPHE) and not (numeric and (column.view(np.uint8) == ord(".")).any())


def written_as_ids(column: np.ndarray) -> tuple[bool, bool]:
    """:func:`written_as_id` of ``column`` read as text and as numbers, in one pass.

    >>> written_as_ids(np.array([b"1001", b"12.5"], dtype="S4")), written_as_ids(np.array([b" 7"], dtype="S2"))
    ((True, False), (False, False))
    """
    text = written_as_id(column, False)
    return text, text and not (column.view(np.uint8) == ord(".")).any()


def _edges_clean(column: np.ndarray, bad_first: np.ndarray) -> bool:
    """True when every value is ASCII, has no space at either end and starts with no byte of ``bad_first``
    (a mask by byte value); empty values count as clean."""
    n, width = len(column), column.dtype.itemsize
    flat = column.view(np.uint8)
    if not n or flat.max() >= 0x80:
        return not n
    starts = np.arange(0, n * width, width)
    first = flat[starts]                                                         # 0 for empty values
    last = flat[starts + np.maximum(np.strings.str_len(column) - 1, 0)]         # (0 for empty values)
    return not (EDGE_SPACE[first].any() or EDGE_SPACE[last].any() or bad_first[first].any())


def plain_whole_numbers(column: np.ndarray, max_digits: int) -> np.ndarray | None:
    """The values of a bytes column (``S<width>``, none empty) as int64 when every one is a whole number written
    plainly: 1 to ``max_digits`` ASCII digits, no sign, no leading zero (``0`` alone is one); else ``None``.
    Read :data:`STRINGS_AT_ONCE` values at a time, without making strings.

    >>> plain_whole_numbers(np.array([b"38640012345", b"7", b"0"]), 13).tolist()
    [38640012345, 7, 0]
    >>> [plain_whole_numbers(np.array([v]), 13) for v in (b"07", b"-7", b"1.5", b"7 ", b"", b"12345678901234")]
    [None, None, None, None, None, None]
    """
    n, width = len(column), column.dtype.itemsize
    if column.dtype.kind != "S" or not n or not 0 < width <= max_digits:
        return None
    values = np.empty(n, dtype=np.int64)
    for start in range(0, n, STRINGS_AT_ONCE):
        piece = column[start:start + STRINGS_AT_ONCE]
        digits = piece.view(np.uint8).reshape(len(piece), width).T - np.uint8(48)    # (a row per position)
        length = np.strings.str_len(piece)
        if not length.all() or ((digits[0] == 0) & (length > 1)).any():
            return None
        number = np.zeros(len(piece), dtype=np.int64)
        for position, digit in enumerate(digits):
            inside = length > position
            if (digit[inside] > 9).any():
                return None
            number = np.where(inside, number * 10 + digit, number)
        values[start:start + len(piece)] = number
    return values


def id_strings(column: np.ndarray) -> np.ndarray:
    """The first array of :func:`strings_of`, one ``str`` shared by every cell of a whole number that repeats
    (:func:`plain_whole_numbers`, so equal numbers are equal texts): 10,000,000 calls from 6,300,000 callers'
    numbers hold 3,700,000 strings fewer (about 200 MB).

    >>> strings = id_strings(np.array([b"38640012345", b"", b"38640012345", b"7"]))
    >>> strings.tolist(), strings[0] is strings[2]
    (['38640012345', None, '38640012345', '7'], True)
    """
    return distinct_id_strings(column)[0]


def distinct_id_strings(column: np.ndarray) -> tuple[np.ndarray, bool]:
    """:func:`id_strings`, and True when its filled values are known to be all different (whole numbers written
    plainly, every one different; False when they repeat or are not such numbers).  Numbers that only grow (ids in
    order) are not hashed.

    >>> [distinct_id_strings(np.array(values))[1] for values in ([b"7", b"", b"12"], [b"12", b"7"], [b"7", b"7"], [b"A7"])]
    [True, True, False, False]
    """
    filled = column != b""
    present = column if filled.all() else column[filled]
    whole = [plain_whole_numbers(present, 18)]
    return _strings_of_whole(column, filled, present, whole)


def _strings_of_whole(column: np.ndarray, filled: np.ndarray, present: np.ndarray,
                      whole: list[np.ndarray | None]) -> tuple[np.ndarray, bool]:
    """:func:`distinct_id_strings` of ``column`` given its ``filled`` mask, its filled values (``present``) and their
    :func:`plain_whole_numbers` (in a list the array is taken out of: let go once read)."""
    numbers = whole.pop()
    if numbers is None:
        return strings_of(column)[0], False
    if (numbers[1:] > numbers[:-1]).all():
        return strings_of(column)[0], True
    codes, distinct = pd.factorize(numbers)
    n_distinct = len(distinct)
    del numbers, distinct               # (each array is let go once read: 10,000,000 callers' numbers held 80 MB each)
    if n_distinct == len(codes):
        return strings_of(column)[0], True
    firsts = present[first_positions(codes)]
    texts = strings_of(firsts)[0]
    del firsts
    texts = texts[codes]
    if len(present) == len(column):
        return texts, False
    strings = np.full(len(column), None, dtype=object)
    strings[filled] = texts
    return strings, False


ID_STRINGS = "id strings"   # a fact kept with number texts made by number_id_strings: (the bytes, distinct)


def number_id_strings(numbers: np.ndarray, source: np.ndarray | None) -> tuple[np.ndarray, bool] | None:
    """The texts of a workbook's ``numbers`` (float64, none missing) as :func:`.native_cells.float_text` writes
    them, made from ``source``, the bytes each number was read from (``S<width>``), when every one is a whole
    number written plainly in at most 15 digits and is that number exactly (below 2**53 a float64 holds it
    exactly, and ``str(int(x))`` writes it back as written); else ``None``.  With them, whether they are all
    different: this is :func:`distinct_id_strings` of ``source``, which the canonical frame's ids are, so it keeps
    them (:data:`ID_STRINGS`) rather than make them again.  Half the time of ``float_text`` for a million ids.

    >>> strings, distinct = number_id_strings(np.array([7.0, 38640012345.0, 0.0]), np.array([b"7", b"38640012345", b"0"]))
    >>> strings.tolist(), distinct
    (['7', '38640012345', '0'], True)
    >>> [number_id_strings(np.array([n]), np.array([b])) for n, b in ((7.0, b"07"), (7.0, b"7.0"), (7.5, b"7"), (8.0, b"7"))]
    [None, None, None, None]
    """
    if source is None or source.dtype.kind != "S" or len(source) != len(numbers):
        return None
    whole = [plain_whole_numbers(source, 15)]
    if whole[0] is None or not (whole[0] == numbers).all():     # (compared as float64: exact below 2**53)
        return None
    return _strings_of_whole(source, np.ones(len(source), dtype=bool), source, whole)


def strings_of(column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The UTF-8 byte values of ``column`` as an object array of ``str`` (``None`` where empty),
    and the mask of filled cells.

    All values are joined into one buffer with a separator byte, decoded once and split,
    instead of decoding a million small byte strings one by one.

    >>> strings, filled = strings_of(np.array([b"2024-01-31", b"", "Petrovi\\u0107".encode()], dtype="S12"))
    >>> strings.tolist(), filled.tolist()
    (['2024-01-31', None, 'Petrović'], [True, False, True])
    """
    n, width = len(column), column.dtype.itemsize
    filled = column != b""
    cells = column.view(np.uint8).reshape(n, width)
    if width == 0 or any((cells[start:start + STRINGS_AT_ONCE] == SEPARATOR).any()     # (a mask of the piece,
                         for start in range(0, n, STRINGS_AT_ONCE)):                 # not of every byte)
        strings = np.array([value.decode("utf-8") for value in column.tolist()] + [None], dtype=object)[:-1]
    else:
        strings = np.empty(n, dtype=object)
        for start in range(0, n, STRINGS_AT_ONCE):      # (the grid and its text a piece at a time: 10,000,000
            piece = cells[start:start + STRINGS_AT_ONCE]    # timestamps at once held 1.2 GB of copies)
            grid = np.empty((len(piece), width + 1), dtype=np.uint8)
            grid[:, :width] = piece
            grid[:, width] = SEPARATOR
            flat = grid.ravel()
            parts = flat[flat != 0].tobytes().decode("utf-8").split(chr(SEPARATOR))
            parts.pop()                             # (after the last separator)
            strings[start:start + len(piece)] = parts
    if not filled.all():
        strings[~filled] = None
    return strings, filled
