"""A number never ends a line without its unit (issue 14): '8 min 15' / 's)' on a change line at 200 %, 'measured 20'
/ '%' on the Erlang card at 1280 x 720 (en) and 1366 x 768 (ro). Values are written with no-break spaces, and a
card's caveat keeps each number with the sign or abbreviation after it, in every language."""

from __future__ import annotations

import re

import pytest

from metrics_core.formatting import format_change, format_duration, format_percent, format_value, result_caveat
from metrics_core.i18n import Message, language
from metrics_core.metrics.model import MetricResult

LANGUAGES = ("en", "sl", "ro", "sv", "sr", "sr-Latn")


@pytest.mark.parametrize("code", LANGUAGES)
def test_values_hold_no_breaking_space(code) -> None:
    with language(code):
        texts = [format_duration(s) for s in (45, 495, 8700, 3 * 86400 + 4 * 3600, -900)]
        texts += [format_percent(48.9), format_change(-495, "seconds"), format_change(2.3, "%"),
                  format_value(3.25, "days"), format_value(2.5, "per_day"), format_value(2.5, "erlang"),
                  format_value(12345.6, "currency", "kr"), format_value(1234567, "count")]
    assert all(" " not in text for text in texts), texts


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_erlang_cards_line_keeps_each_number_with_its_unit(code) -> None:
    caveat = Message("would reach {predicted} % in {seconds} s; measured {measured} % at {slot}",
                     {"predicted": 86, "seconds": 20, "measured": 20, "slot": "08:00"})
    result = MetricResult("staffing", 2.0, "count", details={"caveat": caveat, "caveat_detail": caveat})
    with language(code):
        line, _detail = result_caveat(result)
        percent = format_percent(20, 0)                   # "20 %" (no-break) or Serbian "20%", as CLDR writes it
    assert percent in line and percent.replace("20", "86") in line, line
    assert not re.search(r"\d (%|s\b|sek|сек)", line), line
