"""A period's short form, for a line with little room (a card's caveat: s18-words, sl 1920 x 1080, "iz naročil: 1. maj
–…" cut its period): never longer than the long form, the same days, in every language; whole months by their
months (CLDR's interval formats through babel)."""

from __future__ import annotations

from datetime import date

import pytest

from metrics_core.formatting_dates import PeriodName, format_day_range, format_day_range_short, short_periods
from metrics_core.i18n import Message, language

LANGUAGES = ("en", "sl", "ro", "sv", "sr", "sr-Latn")
SPANS = ((date(2026, 5, 1), date(2026, 10, 31)), (date(2025, 11, 1), date(2026, 10, 31)),
         (date(2026, 5, 3), date(2026, 10, 30)), (date(2025, 8, 15), date(2026, 8, 14)), (date(2026, 1, 1), date(2026, 2, 28)))
WHOLE_MONTHS = {"en": "May – Oct 2026", "sl": "maj–okt. 2026", "ro": "mai–oct. 2026", "sv": "maj–okt. 2026",
                "sr": "мај–окт 2026.", "sr-Latn": "maj–okt 2026."}


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_short_period_is_no_longer_and_names_the_same_years(code) -> None:
    with language(code):
        for first, last in SPANS:
            long, short = format_day_range(first, last), format_day_range_short(first, last)
            assert len(short) <= len(long), (long, short)
            assert str(last.year) in short and (str(first.year) in short) == (str(first.year) in long), (long, short)
        assert format_day_range_short(date(2026, 5, 1), date(2026, 10, 31)) == WHOLE_MONTHS[code]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_message_names_its_period_short_only_inside_short_periods(code) -> None:
    """The card asks for the short form (``short_periods``) only when the long one does not fit; exports, the deck
    and the JSON keep the long one."""
    days = PeriodName.of_days(date(2026, 5, 1), date(2026, 10, 31))
    caveat = Message("expected per customer over a lifetime, from orders of {period}", {"period": days})
    with language(code):
        long = str(caveat)
        with short_periods():
            short = str(caveat)
        assert str(caveat) == long and format_day_range(days.start, days.end) in long
        assert short == long.replace(format_day_range(days.start, days.end), WHOLE_MONTHS[code])
    assert caveat.english() == "expected per customer over a lifetime, from orders of 1 May – 31 Oct 2026"
