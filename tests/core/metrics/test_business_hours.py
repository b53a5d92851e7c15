"""Business-hours calendar: hand-worked cases (08:00–16:00, Monday–Friday)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.errors import ParameterError
from metrics_core.metrics.business_hours import BusinessCalendar

H = 3600.0


def _between(cal, start, end):
    return float(cal.seconds_between(pd.Series(pd.to_datetime([start])), pd.Series(pd.to_datetime([end])))[0])


@pytest.fixture
def cal():
    return BusinessCalendar(weekdays={0, 1, 2, 3, 4}, opens="08:00", closes="16:00")


def test_friday_afternoon_to_monday_morning(cal):
    # 2024-03-01 is a Friday: 15:00-16:00 Friday (1 h) + 08:00-09:00 Monday (1 h)
    assert _between(cal, "2024-03-01 15:00", "2024-03-04 09:00") == 2 * H


def test_same_day(cal):
    assert _between(cal, "2024-03-04 09:15", "2024-03-04 11:45") == 2.5 * H


def test_start_before_opening_and_end_after_closing(cal):
    assert _between(cal, "2024-03-04 06:00", "2024-03-04 10:00") == 2 * H
    assert _between(cal, "2024-03-04 14:30", "2024-03-04 21:00") == 1.5 * H
    assert _between(cal, "2024-03-04 05:00", "2024-03-04 23:00") == 8 * H


def test_across_a_holiday():
    # Tuesday 2024-03-05 is a holiday: Monday 15:00 -> Wednesday 09:00 = 1 h + 1 h
    cal = BusinessCalendar(holidays=["2024-03-05"])
    assert _between(cal, "2024-03-04 15:00", "2024-03-06 09:00") == 2 * H
    assert _between(BusinessCalendar(), "2024-03-04 15:00", "2024-03-06 09:00") == 10 * H


def test_weekend_only_interval_is_zero(cal):
    assert _between(cal, "2024-03-02 10:00", "2024-03-03 18:00") == 0.0


def test_several_weeks(cal):
    # Monday 08:00 -> Monday 08:00 two weeks later: 10 open days
    assert _between(cal, "2024-03-04 08:00", "2024-03-18 08:00") == 10 * 8 * H


def test_reversed_interval_is_negative_and_missing_is_nan(cal):
    values = cal.seconds_between(pd.Series(pd.to_datetime(["2024-03-04 09:00", None])),
                                 pd.Series(pd.to_datetime(["2024-03-01 15:00", "2024-03-04 10:00"])))
    assert values[0] == -2 * H
    assert np.isnan(values[1])


def test_custom_week_and_hours():
    # open Saturday too, 09:00-17:30
    cal = BusinessCalendar(weekdays=[0, 1, 2, 3, 4, 5], opens="09:00", closes="17:30")
    assert cal.open_seconds_per_day == 8.5 * H
    assert _between(cal, "2024-03-01 17:00", "2024-03-04 10:00") == 0.5 * H + 8.5 * H + 1 * H


def test_time_zone_aware_values_are_converted():
    cal = BusinessCalendar(tz="Europe/Ljubljana")
    start = pd.Series(pd.to_datetime(["2024-03-04 07:00"]).tz_localize("UTC"))   # 08:00 local
    end = pd.Series(pd.to_datetime(["2024-03-04 09:00"]).tz_localize("UTC"))     # 10:00 local
    assert float(cal.seconds_between(start, end)[0]) == 2 * H


def test_matches_a_plain_loop_on_random_intervals(cal):
    rng = np.random.default_rng(3)
    start = pd.Timestamp("2024-02-26") + pd.to_timedelta(rng.integers(0, 20 * 1440, 200), unit="min")
    end = start + pd.to_timedelta(rng.integers(0, 9 * 1440, 200), unit="min")
    fast = cal.seconds_between(pd.Series(start), pd.Series(end))
    for s, e, got in zip(start, end, fast):
        # minute-by-minute reference (all times are whole minutes)
        minutes = pd.date_range(s, e, freq="min", inclusive="left")
        open_minutes = ((minutes.day_of_week < 5) & (minutes.hour >= 8) & (minutes.hour < 16)).sum()
        assert got == open_minutes * 60


def test_bad_settings_are_refused():
    with pytest.raises(ParameterError):
        BusinessCalendar(opens="17:00", closes="08:00")
    with pytest.raises(ParameterError):
        BusinessCalendar(opens="8h")
    with pytest.raises(ParameterError):
        BusinessCalendar(weekdays=[7])


def test_round_trip_and_description():
    cal = BusinessCalendar(weekdays=[0, 1, 2], opens="07:30", closes="15:00", holidays=["2024-12-25"])
    again = BusinessCalendar.from_dict(cal.to_dict())
    assert again == cal
    assert "Monday" in cal.describe() and "07:30" in cal.describe()


def test_million_rows_give_finite_values(cal):
    n = 1_000_000
    start = pd.Series(pd.date_range("2020-01-01", periods=n, freq="7min"))
    end = start + pd.Timedelta(hours=30)
    values = cal.seconds_between(start, end)
    assert values.shape == (n,) and np.isfinite(values).all()
