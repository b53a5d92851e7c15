"""The date presets' spans ("Last 7 days of data (25.–31. окт 2026.)") write days as each language does."""

from datetime import date

import pytest

from desktop_app.formatting import day_range
from metrics_core.i18n import language


@pytest.mark.parametrize("code, month, across, years", [
    ("sr", "2.–31. окт 2026.", "28. сеп – 3. окт 2026.", "28. дец 2025. – 3. јан 2026."),
    ("sr-Latn", "2.–31. okt 2026.", "28. sep\u2009–\u20093. okt 2026.", "28. dec 2025.\u2009–\u20093. jan 2026."),
    ("sl", "2.–31. okt. 2026", "28. sep.–3. okt. 2026", "28. dec. 2025–3. jan. 2026"),
    ("ro", "2–31 oct. 2026", "28 sept.\u2009–\u20093 oct. 2026", "28 dec. 2025\u2009–\u20093 ian. 2026"),
])
def test_a_days_span_has_no_leading_zero_on_its_days(code, month, across, years):
    # CLDR's Serbian interval patterns write "dd" (02.–31.); every other date of the window writes "1. 5. 2026."
    with language(code):
        assert day_range(date(2026, 10, 2), date(2026, 10, 31)) == month
        assert day_range(date(2026, 9, 28), date(2026, 10, 3)) == across
        assert day_range(date(2025, 12, 28), date(2026, 1, 3)) == years
        assert day_range(date(2026, 10, 10), date(2026, 10, 20)).startswith("10")  # a day's own 0 stays


def test_an_english_span_across_new_year_names_both_years():
    # s15-shots-b: "28 Dec – 3 Jan 2026" read as a span backwards inside 2026
    with language("en"):
        assert day_range(date(2025, 12, 28), date(2026, 1, 3)) == "28 Dec 2025 – 3 Jan 2026"
        assert day_range(date(2026, 9, 28), date(2026, 10, 3)) == "28 Sep \u2013 3 Oct 2026"
        assert day_range(date(2026, 10, 2), date(2026, 10, 31)) == "2\u201331 Oct 2026"
