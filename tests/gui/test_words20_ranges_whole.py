"""A short range is never broken at a card's word wrap (s19-words: sr "мај– / окт 2026." after the dash; shots19-words
"read and left"). Unicode's line breaking (UAX #14), which Qt's layout applies, allows a break after an en dash —
even before a no-break space ("May\xa0–| Oct") — so ``keep_dates_whole`` puts a word joiner (U+2060) after the dash
of a range of months and of any range written with a bare dash ("1. maj–30. okt. 2026", "08:00–08:59"). A span of
days with spaces ("1. maj – 31. okt. 2026") still may break after its dash (the long form; text_fit relies on it)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTextBoundaryFinder
from PySide6.QtGui import QFont

from metrics_core.formatting_dates import PeriodName, keep_dates_whole, short_periods
from metrics_core.i18n import Message, language

from .helpers import wrapped_lines


def line_breaks(text: str) -> list[int]:
    """The places Qt may break ``text`` into lines (after each such offset)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    found, at = [], finder.toNextBoundary()
    while at != -1:
        if at < len(text):
            found.append(at)
        at = finder.toNextBoundary()
    return found


def _inside(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [at for at in line_breaks(text) if start < at < start + len(part)]


SHORT = {"en": "May – Oct 2026", "sl": "maj–okt. 2026", "ro": "mai–oct. 2026", "sv": "maj–okt. 2026",
         "sr": "мај–окт 2026.", "sr-Latn": "maj–okt 2026."}


@pytest.mark.parametrize("code", sorted(SHORT))
def test_a_short_period_on_a_card_has_no_break_inside(qapp, code) -> None:
    with language(code):
        days = PeriodName.of_days(date(2026, 5, 1), date(2026, 10, 31))
        with short_periods():
            caveat = str(Message("expected per customer over a lifetime, from orders of {period}", {"period": days}))
        assert SHORT[code] in caveat, caveat                       # (the form written out by hand)
        shown = keep_dates_whole(caveat)
        period = keep_dates_whole(SHORT[code])
        assert period in shown
        assert _inside(shown, period) == [], (code, repr(shown))
        font = QFont()
        for width in range(60, 400, 6):                             # every wrap: the period on one line
            lines = wrapped_lines(shown, font, width)
            assert any(period in line for line in lines), (code, width, lines)


@pytest.mark.parametrize("text, part", [("Највише посла: пон 08:00–08:59, са 407 контаката", "08:00–08:59"),
                                        ("iz naročil: 3. maj–30. okt. 2026", "3. maj–30. okt. 2026")])
def test_a_range_with_a_bare_dash_has_no_break_inside(qapp, text, part) -> None:
    with language("sl"):
        shown, whole = keep_dates_whole(text), keep_dates_whole(part)
    assert _inside(shown, whole) == [], repr(shown)


def test_a_span_of_days_may_still_break_after_its_dash(qapp) -> None:
    with language("sl"):
        shown = keep_dates_whole("iz naročil: 1. maj – 31. okt. 2026")
    dash = shown.index("\u2013")
    assert [at for at in line_breaks(shown) if at > dash][0] == dash + 2, repr(shown)   # after "– "
