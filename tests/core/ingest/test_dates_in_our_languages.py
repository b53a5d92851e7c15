"""Dates written with month names and a.m./p.m. words of Slovenian, Romanian, Swedish and Serbian."""

import pandas as pd
import pytest
from babel.dates import get_month_names

from metrics_core.ingest.dates import _LOCAL_MONTHS, parse_dates


def _parsed(values):
    result = parse_dates(pd.Series(values))
    assert result is not None, values
    return [str(v) for v in result.values]


@pytest.mark.parametrize("values, expected", [
    (["31. marec 2021", "1. april 2021"], ["2021-03-31 00:00:00", "2021-04-01 00:00:00"]),          # sl
    (["31. marca 2021", "15. oktobra 2021"], ["2021-03-31 00:00:00", "2021-10-15 00:00:00"]),      # sl genitive
    (["3 martie 2026", "4 noiembrie 2026"], ["2026-03-03 00:00:00", "2026-11-04 00:00:00"]),       # ro
    (["3 mars 2026", "4 maj 2026"], ["2026-03-03 00:00:00", "2026-05-04 00:00:00"]),               # sv
    (["15. марта 2024", "1. децембар 2024"], ["2024-03-15 00:00:00", "2024-12-01 00:00:00"]),      # sr
    (["31. мар 2021.", "1. дец 2021."], ["2021-03-31 00:00:00", "2021-12-01 00:00:00"]),           # sr abbreviated
    (["15. avgusta 2024", "2. septembra 2024"], ["2024-08-15 00:00:00", "2024-09-02 00:00:00"]),   # sr-Latn
])
def test_month_names_of_our_languages(values, expected):
    assert _parsed(values) == expected


@pytest.mark.parametrize("values, expected", [
    (["3 martie 2026 10:15 p.m.", "4 martie 2026 9:00 a.m."], ["2026-03-03 22:15:00", "2026-03-04 09:00:00"]),
    (["15. 3. 2024 10:15 по подне", "16. 3. 2024 9:05 пре подне"], ["2024-03-15 22:15:00", "2024-03-16 09:05:00"]),
    (["15. 3. 2024 10:15 po podne", "16. 3. 2024 9:05 pre podne"], ["2024-03-15 22:15:00", "2024-03-16 09:05:00"]),
    (["2026-03-04 10:15 em", "2026-03-05 09:15 fm"], ["2026-03-04 22:15:00", "2026-03-05 09:15:00"]),
])
def test_morning_and_afternoon_words(values, expected):
    assert _parsed(values) == expected


@pytest.mark.parametrize("locale", ["sl", "ro", "sv", "sr", "sr_Latn"])
def test_every_cldr_month_name_is_known(locale):
    english = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    english_full = [n.lower() for n in get_month_names("wide", locale="en").values()]
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for month, name in get_month_names(width, context, locale=locale).items():
                word = name.lower().rstrip(".")
                known_in_english = word in (english[month - 1].lower(), english_full[month - 1])
                assert known_in_english or _LOCAL_MONTHS.get(word) == english[month - 1], (
                    locale, name)
