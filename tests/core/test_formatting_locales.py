"""Numbers, money, dates, durations and plurals in every shipped language.

Expected strings are CLDR's own (read from babel's data, the reference) and, for the cases an owner
sees most, written out by hand from how each country writes them.
"""

from datetime import date

import pytest
from babel import Locale
from babel.dates import format_skeleton, get_month_names
from babel.numbers import format_decimal

from metrics_core import formatting as f
from metrics_core.i18n import _, language, ngettext
from metrics_core.locale_data import gettext_plural_header

from ..spacing import NBSP, nb
LOCALES = {"en": "en", "sl": "sl", "ro": "ro", "sv": "sv", "sr": "sr", "sr-Latn": "sr_Latn"}


@pytest.mark.parametrize("code, grouped, percent, money, minutes, day, month", [
    ("en", "1,612", f"48.9{NBSP}%", "€12,346", "2 min 30 s", "2021-03-31", "Oct 2026"),
    ("sl", "1.612", f"48,9{NBSP}%", f"12.346{NBSP}€", "2 min 30 s", "31. 3. 2021", "okt. 2026"),
    ("ro", "1.612", f"48,9{NBSP}%", f"12.346{NBSP}€", "2 min. 30 s", "31.03.2021", "oct. 2026"),
    ("sv", f"1{NBSP}612", f"48,9{NBSP}%", f"12{NBSP}346{NBSP}€", "2 min 30 s", "2021-03-31", "okt. 2026"),
    ("sr", "1.612", "48,9%", f"12.346{NBSP}€", "2 мин 30 с", "31. 3. 2021.", "окт 2026."),
    ("sr-Latn", "1.612", "48,9%", f"12.346{NBSP}€", "2 min 30 s", "31. 3. 2021.", "okt 2026."),
])
def test_how_each_country_writes_an_owners_figures(code, grouped, percent, money, minutes, day, month):
    with language(code):
        assert f.format_number(1612) == grouped
        assert f.format_percent(48.94) == percent
        assert f.format_currency(12345.6, "€") == money
        assert f.format_duration(150) == nb(minutes)          # one piece: it never breaks across lines
        assert f.format_date(date(2021, 3, 31)) == day
        assert f.format_month(date(2026, 10, 1)) == month


@pytest.mark.parametrize("code", list(LOCALES))
def test_seconds_are_spelled_one_way_in_durations_and_thresholds(code):
    # Slovenian wrote "45 sek." on a card beside "odgovorjenih v 20 s" (CLDR's short form is "sek."; the
    # threshold texts and the SI write "s"): one spelling per language, CLDR's symbol where short is a word
    with language(code):
        duration = f.format_duration(20).replace(NBSP, " ")
        threshold = _("{level} % answered within {seconds} s", level=80, seconds=20)
    unit = duration.removeprefix("20 ")
    assert f"20 {unit}" in threshold.replace(NBSP, " "), (duration, threshold)


@pytest.mark.parametrize("code", [c for c in LOCALES if c != "en"])
def test_numbers_follow_cldr_symbols_and_patterns(code):
    cldr = Locale.parse(LOCALES[code])
    with language(code):
        assert f.format_number(1234567.891, 2) == format_decimal(1234567.891, "#,##0.00", locale=cldr)
        assert f.format_number(-1500) == "−" + format_decimal(1500, locale=cldr)
        pattern = cldr.percent_formats[None].pattern
        assert f.format_percent(12.5) == pattern.replace("#,##0", format_decimal(12.5, "0.0", locale=cldr))
        assert f.format_date(date(2021, 3, 31)) == format_skeleton("yMd", date(2021, 3, 31), locale=cldr)
        assert f.month_names() == [get_month_names("abbreviated", "stand-alone", cldr)[i] for i in range(1, 13)]


@pytest.mark.parametrize("code, one, two, few, other", [
    ("sl", "1 dan", "2 dneva", "3 dni", "5 dni"),
    ("ro", "1 zi", "2 zile", "3 zile", "20 de zile"),
    ("sr", "1 дан", "2 дана", "3 дана", "5 дана"),
    ("sv", "1 dygn", "2 dygn", "3 dygn", "5 dygn"),
])
def test_days_take_each_languages_plural(code, one, two, few, other):
    with language(code):
        assert [f.format_value(n, "days") for n in (1, 2, 3, 20 if code == "ro" else 5)] == [nb(one), nb(two), nb(few),
                                                                                              nb(other)]


def test_durations_use_the_languages_cldr_abbreviations():
    with language("sv"):
        assert f.format_duration(7500) == nb("2 tim 05 min")
        assert f.format_duration(3 * 86400 + 4 * 3600) == nb("3 d 4 tim")
    with language("sr"):          # hours before minutes as short as the minutes (deck21: was "2 сата 05 мин")
        assert f.format_duration(7500) == nb("2 ч 05 мин")
        assert f.format_duration(3600 * 1) == nb("1 ч 00 мин")
        assert f.format_duration(9 * 3600 + 180) == nb("9 ч 03 мин")
        assert f.format_duration(2 * 86400 + 5 * 3600) == nb("2 дана 5 сати")        # days and hours: both words
    with language("sr-Latn"):
        assert f.format_duration(9 * 3600 + 180) == nb("9 č 03 min")
    with language("ro"):
        assert f.format_duration(3 * 3600 + 60) == nb("3 h 01 min.")
        assert f.format_duration(21 * 3600 + 38 * 60) == nb("21 h 38 min.")          # was "21 de ore 38 min."
        assert f.format_duration(20 * 86400 + 3 * 3600) == nb("20 de zile 3 ore")
        assert f.format_duration(1 * 86400 + 3600) == nb("1 zi 1 oră")


def test_weekdays_periods_and_changes_are_localised():
    with language("sl"):
        assert f.weekday_names()[0] == "pon." and f.weekday_name("Sun", "wide") == "nedelja"
        assert f.format_period(date(2026, 4, 1), "quarter") == "2. čet. 2026"
    with language("sv"):
        assert f.format_number(-1234.5, 1) == f"−1{NBSP}234,5"
        assert f.format_relative(0.125) == f"+12,5{NBSP}%"
    with language("en"):
        assert f.format_period(date(2026, 5, 4), "week") == "week of 4 May"
        assert f.format_day(date(2021, 3, 31)) == "31 Mar 2021"


@pytest.mark.parametrize("code, count", [("en", 2), ("sl", 4), ("ro", 3), ("sv", 2), ("sr", 3), ("sr-Latn", 3)])
def test_plural_rules_come_from_cldr(code, count):
    assert gettext_plural_header(code)[0] == count


def test_slovenian_has_four_forms_in_a_translated_sentence():
    # 1 / 2 / 3-4 / 5+ and 101 / 102 / 103 / 105 as Slovenian grammar has them
    from metrics_core.locale_data import cldr_locale
    sl = cldr_locale("sl")
    assert [sl.plural_form(n) for n in (1, 2, 3, 4, 5, 101, 102, 103, 105)] == [
        "one", "two", "few", "few", "other", "one", "two", "few", "other"]
    with language("en"):
        assert ngettext("{count} KPI", "{count} KPIs", 1, count=1) == "1 KPI"


@pytest.mark.parametrize("code, wide_day, wide_month, span", [
    ("en", "2 December 2026", "September 2026", "5 Sep – 11 Sep 2026"),
    ("sl", "2. december 2026", "september 2026", "5. sep. – 11. sep. 2026"),
    ("ro", "2 decembrie 2026", "septembrie 2026", "5 sept. – 11 sept. 2026"),
    ("sv", "2 december 2026", "september 2026", "5 sep. – 11 sep. 2026"),
    ("sr", "2. децембар 2026.", "септембар 2026.", "5. сеп – 11. сеп 2026."),
])
def test_long_dates_months_and_spans(code, wide_day, wide_month, span):
    with language(code):
        assert f.format_day(date(2026, 12, 2), "wide") == wide_day
        assert f.format_month(date(2026, 9, 1), "wide") == wide_month
        assert f.format_day_range(date(2026, 9, 5), date(2026, 9, 11)) == span
