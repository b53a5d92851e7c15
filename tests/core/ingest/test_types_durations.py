"""Durations to seconds, times of day to seconds after midnight."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.types import infer_column


def infer(values, header="Duration", **kw):
    return infer_column(pd.Series(values, dtype=object), header, list(range(2, len(values) + 2)), **kw)


def test_unpadded_hour_clock():
    typed, profile = infer(["0:02:14", "0:05:23", "1:00:01"], "Talk Duration (AVG)")
    assert profile.col_type == "duration" and profile.unit == "s"
    assert typed.tolist() == [134.0, 323.0, 3601.0]


def test_negative_breached_sla():
    typed, profile = infer(["-1:30:00", "2:15:00"], "Custom field (Time to resolution)")
    assert profile.col_type == "duration"
    assert typed.tolist() == [-5400.0, 8100.0]


def test_days_and_clock():
    typed, _ = infer(["1 day 02:03:04", "0:00:10"], "Resolution time")
    assert typed.tolist() == [93784.0, 10.0]


def test_hours_minutes_two_part_for_time_tracked():
    typed, profile = infer(["1:30", "0:45", "12:05"], "Time tracked")
    assert profile.col_type == "duration" and profile.ambiguous == ""
    assert typed.tolist() == [5400.0, 2700.0, 43500.0]


def test_minutes_seconds_two_part_for_call_headers():
    typed, profile = infer(["1:30", "75:20"], "Talk time")
    assert profile.col_type == "duration" and profile.detail == "MM:SS"
    assert typed.tolist() == [90.0, 4520.0]


def test_two_part_without_hint_is_reported():
    typed, profile = infer(["-1:30", "2:15"], "Time to first response")
    assert typed.tolist() == [-5400.0, 8100.0]
    assert "hours:minutes" in profile.ambiguous


def test_freshdesk_in_hrs_with_clock_values():
    typed, profile = infer(["10:30:00", "0:05:00"], "First response time (in hrs)")
    assert profile.col_type == "duration"
    assert typed.tolist() == [37800.0, 300.0]


def test_excel_day_fractions():
    typed, profile = infer([0.0016551, 0.0028009], "AvgTalkDuration")
    assert profile.col_type == "duration" and "fractions" in profile.detail
    assert typed.iloc[0] == pytest.approx(143.0, abs=0.5)      # 0:02:23
    assert typed.iloc[1] == pytest.approx(242.0, abs=0.5)      # 0:04:02


def test_zoho_milliseconds_from_values():
    typed, profile = infer(["108960000", "3600000", ""], "First Response Time in Business Hours")
    assert profile.col_type == "duration" and profile.unit == "ms"
    assert "milliseconds (from values)" in profile.detail
    assert typed.iloc[0] / 3600 == pytest.approx(30.2667, abs=1e-3)
    assert typed.iloc[1] == 3600.0


@pytest.mark.parametrize(
    "header, factor",
    [
        ("First reply time in minutes", 60), ("First reply time in minutes within business hours", 60),
        ("Resolution time (in hrs)", 3600), ("Handling time (seconds)", 1), ("Hold (s)", 1),
        ("Talk (ms)", 0.001), ("Wait milliseconds", 0.001), ("Čas čakanja (sekunde)", 1),
        ("Väntetid (minuter)", 60), ("Durata (minute)", 60), ("Timp rezolvare (ore)", 3600),
        ("Handläggningstid (timmar)", 3600), ("Vreme rešavanja (sati)", 3600), ("Speed of answer in seconds", 1),
        ("Handle Time (Hours)", 3600),
    ],
)
def test_unit_from_header(header, factor):
    typed, profile = infer(["2", "1,5"] if factor == 3600 and "Hours" in header else ["2", "3"], header)
    assert profile.col_type == "duration", profile
    expected = [2 * factor, 1.5 * factor] if "Hours" in header else [2 * factor, 3 * factor]
    assert typed.tolist() == pytest.approx(expected)


@pytest.mark.parametrize("header", ["Service Level (20 Seconds)", "Calls answered within 20 seconds",
                                    "Response Rate (%)"])
def test_header_with_seconds_that_is_not_a_duration(header):
    _, profile = infer(["12", "30"], header)
    assert profile.col_type == "number"


def test_business_hours_is_not_an_hours_unit():
    typed, profile = infer(["120", "60"], "Resolution Time in Business Hours")
    assert profile.unit == "s" and "seconds" in profile.ambiguous
    assert typed.tolist() == [120.0, 60.0]


def test_time_of_day_with_am_pm():
    typed, profile = infer(["3:53:50 PM", "10:22:56 AM", "12:00:00 AM", "12:30:00 PM"], "Time")
    assert profile.col_type == "time"
    # 15:53:50 = 15*3600 + 53*60 + 50; midnight = 0; half past noon = 12.5 h
    assert typed.tolist() == [57230.0, 37376.0, 0.0, 45000.0]


def test_time_of_day_24_hour_with_time_header():
    typed, profile = infer(["09:12:58", "17:47:31"], "Time")
    assert profile.col_type == "time"
    assert typed.tolist() == [33178.0, 64051.0]


def test_clock_values_with_duration_header_are_durations():
    _, profile = infer(["09:12:58", "17:47:31"], "Waiting Time (AVG)")
    assert profile.col_type == "duration"


def test_workbook_time_cells():
    typed, profile = infer([dt.time(9, 12, 58), dt.time(17, 47, 31), None], "Time")
    assert profile.col_type == "time"
    assert typed.tolist()[:2] == [33178.0, 64051.0]
    typed, profile = infer([dt.time(0, 2, 23), dt.time(0, 4, 2)], "AvgTalkDuration")
    assert profile.col_type == "duration"
    assert typed.tolist() == [143.0, 242.0]


def test_workbook_timedelta_and_long_durations():
    typed, profile = infer([dt.timedelta(hours=30, seconds=5), dt.timedelta(minutes=2)], "Handle")
    assert profile.col_type == "duration"
    assert typed.tolist() == [108005.0, 120.0]
    typed, profile = infer([dt.datetime(1899, 12, 31, 6, 0), dt.datetime(1899, 12, 30, 0, 2)], "Total Time Spent")
    assert profile.col_type == "duration"
    assert typed.tolist() == [108000.0, 120.0]


def test_duration_failures_have_rows():
    typed, profile = infer(["0:02:14", "0:05:23", "soon", "0:01:00", "0:01:01", "0:01:02"], "Talk Duration")
    assert profile.col_type == "duration" and profile.n_failed == 1
    assert (profile.failures[0].row, profile.failures[0].value) == (4, "soon")
    assert np.isnan(typed.iloc[2])


def test_forced_duration_on_plain_numbers_uses_header_unit():
    typed, profile = infer(["5", "7"], "Length in minutes", forced_type="duration")
    assert profile.col_type == "duration"
    assert typed.tolist() == [300.0, 420.0]


def test_forced_time_on_day_fractions():
    typed, profile = infer(["0.5", "0.25"], "Clock", forced_type="time")
    assert profile.col_type == "time"
    assert typed.tolist() == [43200.0, 21600.0]


def test_large_clock_column_parses_every_value():
    rng = np.random.default_rng(3)
    seconds = rng.integers(0, 3 * 3600, 200_000)
    cells = pd.Series([f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" for s in seconds], dtype=object)
    typed, profile = infer_column(cells, "Talk Duration", np.arange(len(cells)))
    assert profile.col_type == "duration"
    assert (typed.to_numpy() == seconds.astype(float)).all()


def test_duration_header_with_a_date_word_stays_a_duration():
    typed, profile = infer(["12000", "15000", "30000"], "Time spent on call (seconds)")
    assert profile.col_type == "duration"
    assert typed.tolist() == [12000.0, 15000.0, 30000.0]


def test_durations_written_with_units():
    typed, profile = infer(["2h 30m", "45 min", "1 day 3 hours", "1,5h", "30s"], "Time spent")
    assert profile.col_type == "duration" and profile.n_failed == 0
    assert typed.tolist() == [9000.0, 2700.0, 97200.0, 5400.0, 30.0]


def test_clock_values_spread_over_a_day_are_times_without_header_words():
    typed, profile = infer(["08:15:00", "11:40:30", "14:05:00", "17:55:10", "09:00:00"], "Logged")
    assert profile.col_type == "time"
    assert typed.tolist()[0] == 8 * 3600 + 15 * 60


def test_short_clock_values_without_header_words_are_durations():
    _, profile = infer(["0:00:17", "0:00:20", "0:01:02", "0:00:45"], "Col 5")
    assert profile.col_type == "duration"
