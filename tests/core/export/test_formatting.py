"""Humanised numbers: each expected string worked out by hand."""

import math

import pytest

from metrics_core.formatting import (format_change, format_currency, format_duration, format_number,
                                     format_percent, format_relative, format_value, result_text)
from metrics_core.metrics.model import MetricResult

from ...spacing import nb


@pytest.mark.parametrize("seconds, text", [
    (0, "0 s"), (45.4, "45 s"), (59.4, "59 s"), (60, "1 min"), (90, "1 min 30 s"), (599, "9 min 59 s"),
    (600, "10 min"), (3599, "1 h 00 min"), (3600, "1 h 00 min"), (7500, "2 h 05 min"), (86399, "1 d"),
    (86400 + 3 * 3600, "1 d 3 h"), (2 * 86400, "2 d"), (-900, "−15 min"),
])
def test_durations_read_like_a_person_says_them(seconds, text):
    assert format_duration(seconds) == nb(text)              # one piece: it never breaks across lines


@pytest.mark.parametrize("value, unit, text", [
    (72, "%", "72.0 %"), (8.04, "%", "8.0 %"), (60, "score", "60"), (-12.5, "score", "−12.5"),
    (4.25, "score", "4.25"), (1234567, "count", "1,234,567"), (4.5, "count", "4.5"), (750, "currency", "€750.00"),
    (12345.6, "currency", "€12,346"), (2, "days", "2 days"), (1, "days", "1 day"), (3.25, "per_day", "3.2 per day"),
    (1.23456, "ratio", "1.23"), (7500, "seconds", "2 h 05 min"), (None, "%", "—"), (math.nan, "count", "—"),
])
def test_values_by_unit(value, unit, text):
    assert format_value(value, unit) == nb(text)             # a number never parted from its unit


def test_changes_are_signed_and_percent_changes_are_points():
    assert format_change(2.34, "%") == nb("+2.3 pp")
    assert format_change(-2.34, "%") == nb("−2.3 pp")
    assert format_change(-300, "seconds") == nb("−5 min")
    assert format_change(455, "count") == "+455"
    assert format_change(0, "count") == "±0"
    assert format_change(None, "count") == "—"


def test_numbers_and_relative_changes():
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_number(-1500, thousands=" ") == "−1 500"
    assert format_number(-0.0001, 1) == "0.0"          # no "−0.0"
    assert format_percent(99.95, 1) == nb("100.0 %")
    assert format_relative(0.125) == nb("+12.5 %")
    assert format_currency(-20, "RON ") == nb("−20.00 RON")           # codes and words follow the amount
    assert format_currency(4201.4, "kr") == nb("4,201 kr") and format_currency(-5, "$") == "−$5.00"


def test_peak_hours_read_as_when_and_how_many():
    peak = MetricResult("peak_hours", 52.0, "count", n=4043,
                        details={"busiest": {"weekday": "Mon", "hour": 8, "count": 52}})
    assert result_text(peak) == "52 at Mon 08:00"
    assert result_text(MetricResult("request_volume", 52.0, "count")) is None
