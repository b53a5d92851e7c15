"""All-digit date formats parsed with numpy give exactly what ``pandas.to_datetime`` gives.

The reference is ``pandas.to_datetime(values, format=fmt, errors="coerce")`` on the same values:
well-formed dates with and without zero padding, impossible days, out-of-range fields, stray
spaces and random digit-and-separator strings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics_core.ingest import numeric_dates

FORMATS = ["%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%m/%d/%Y %H:%M", "%d.%m.%Y.", "%d-%m-%y",
           "%Y-%m-%dT%H:%M:%S", "%d. %m. %Y"]


def reference(values, fmt):
    return pd.to_datetime(pd.Series(values, dtype=object), format=fmt, errors="coerce").to_numpy("datetime64[us]")


def ours(values, fmt):
    parsed = numeric_dates.to_datetime(pd.Series(values, dtype=object), fmt)
    assert parsed is not None          # (the fast way is taken)
    return parsed.to_numpy("datetime64[us]")


def spread(values, n=numeric_dates.MIN_VALUES):
    """The values repeated to a column long enough for the fast way (which they must take)."""
    return (list(values) * (n // len(values) + 1))[: max(n, len(values))]


def test_european_dates_with_and_without_padding():
    values = spread(["05.03.2025 14:07", "5.3.2025 4:07", "31.12.1999 23:59", "29.02.2024 00:00",
                     "29.02.2025 10:00", "31.04.2025 10:00", "00.01.2025 10:00", "13.13.2025 10:00",
                     "05.03.2025 24:00", "05.03.2025  14:07", " 5.03.2025 14:07", "05.03.1850 10:00",
                     "05-03-2025 14:07", "05.03.2025 14:07:00", "n/a", "5.3.25 4:07"])
    fast = numeric_dates.parse(np.array(values, dtype=object), "%d.%m.%Y %H:%M")
    assert fast is not None and fast[1][:4].all()
    np.testing.assert_array_equal(ours(values, "%d.%m.%Y %H:%M"), reference(values, "%d.%m.%Y %H:%M"))
    assert str(ours(values, "%d.%m.%Y %H:%M")[1]) == "2025-03-05T04:07:00.000000"


def test_iso_seconds_including_leap_second_rollover():
    values = spread(["2025-03-05 14:07:09", "2025-03-05 14:07:60", "2025-3-5 1:2:3", "2025-03-05 14:07"])
    np.testing.assert_array_equal(ours(values, "%Y-%m-%d %H:%M:%S"), reference(values, "%Y-%m-%d %H:%M:%S"))


def test_two_digit_years_follow_pandas():
    values = spread(["05-03-68", "05-03-69", "29-02-00", "29-02-01", "5-3-2025"])
    np.testing.assert_array_equal(ours(values, "%d-%m-%y"), reference(values, "%d-%m-%y"))


@pytest.mark.parametrize("fmt", ["%d %b %Y", "%Y%m%d", "%d.%m.%Y %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S %z", "%I:%M %p"])
def test_other_formats_are_left_to_pandas(fmt):
    assert numeric_dates.parse(np.array(spread(["05.03.2025"]), dtype=object), fmt) is None


def test_non_ascii_and_short_columns_are_left_to_pandas():
    assert numeric_dates.parse(np.array(spread(["5.3.2025 č"]), dtype=object), "%d.%m.%Y") is None
    assert numeric_dates.parse(np.array(["5.3.2025"] * 10, dtype=object), "%d.%m.%Y") is None


@st.composite
def date_texts(draw):
    """Dates written in many ways, some impossible, among random digit-and-separator strings."""
    year = draw(st.integers(1890, 2210))
    month, day = draw(st.integers(0, 13)), draw(st.integers(0, 32))
    hour, minute, second = draw(st.integers(0, 25)), draw(st.integers(0, 61)), draw(st.integers(0, 61))
    pad = draw(st.booleans())
    two = (lambda v: f"{v:02d}") if pad else str
    written = draw(st.sampled_from([
        f"{two(day)}.{two(month)}.{year} {two(hour)}:{two(minute)}",
        f"{year}-{two(month)}-{two(day)} {two(hour)}:{two(minute)}:{two(second)}",
        f"{two(day)}/{two(month)}/{year}", f"{two(month)}/{two(day)}/{year} {two(hour)}:{two(minute)}",
        f"{two(day)}.{two(month)}.{year}.", f"{two(day)}-{two(month)}-{year % 100:02d}",
        f"{year}-{two(month)}-{two(day)}T{two(hour)}:{two(minute)}:{two(second)}", f"{two(day)}. {two(month)}. {year}",
    ]))
    noise = draw(st.text(alphabet="0123456789.:/- T", max_size=20))
    return draw(st.sampled_from([written, written, written, noise, " " + written, written + " "]))


@settings(max_examples=60, deadline=None)
@given(st.lists(date_texts(), min_size=1, max_size=40), st.sampled_from(FORMATS))
def test_random_texts_parse_as_pandas_does(texts, fmt):
    values = spread(texts)
    np.testing.assert_array_equal(ours(values, fmt), reference(values, fmt))


@settings(max_examples=60, deadline=None)
@given(st.lists(date_texts(), min_size=1, max_size=40), st.sampled_from(FORMATS))
def test_random_bytes_parse_as_pandas_does_where_read(texts, fmt):
    """The same texts as the text parser's bytes (``parse_bytes``): every value it reads is what pandas reads."""
    values = [t for t in spread(texts) if t]
    if not values:
        return
    stamps, done = numeric_dates.parse_bytes(np.array([t.encode() for t in values]), fmt)
    np.testing.assert_array_equal(stamps[done], reference(values, fmt)[done])
    assert np.isnat(stamps[~done]).all()
