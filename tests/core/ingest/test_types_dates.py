"""Dates and date-times in every format of the datasets and of EXPORT_FORMATS.md."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.types import infer_column

T = pd.Timestamp


def infer(values, header="Created", **kw):
    return infer_column(pd.Series(values, dtype=object), header, list(range(2, len(values) + 2)), **kw)


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["2023-06-01 12:15:36", "2021-03-22 01:02:03"], [T(2023, 6, 1, 12, 15, 36), T(2021, 3, 22, 1, 2, 3)]),
        (["2023-06-01T12:15", "2021-03-22T01:02"], [T(2023, 6, 1, 12, 15), T(2021, 3, 22, 1, 2)]),
        (["2023-06-01T12:15:36.250", "2021-03-22T01:02:03.5"],
         [T(2023, 6, 1, 12, 15, 36, 250000), T(2021, 3, 22, 1, 2, 3, 500000)]),
        (["2021-03-22", "2021-05-02"], [T(2021, 3, 22), T(2021, 5, 2)]),
        (["29-02-2016 01:16", "01-03-2016 09:52"], [T(2016, 2, 29, 1, 16), T(2016, 3, 1, 9, 52)]),
        (["22-Apr-15", "04-Aug-15"], [T(2015, 4, 22), T(2015, 8, 4)]),
        (["25/Feb/26 10:17 PM", "3/Mar/26 9:01 AM"], [T(2026, 2, 25, 22, 17), T(2026, 3, 3, 9, 1)]),
        (["13/01/2025 16:48", "02/01/2025 08:05"], [T(2025, 1, 13, 16, 48), T(2025, 1, 2, 8, 5)]),
        (["23/01/2025 16:48:09", "02/01/2025 08:05:00"], [T(2025, 1, 23, 16, 48, 9), T(2025, 1, 2, 8, 5)]),
        (["23.11.2026", "1.12.2026"], [T(2026, 11, 23), T(2026, 12, 1)]),
        (["23. 11. 2026", "1. 12. 2026"], [T(2026, 11, 23), T(2026, 12, 1)]),
        (["7/23/2015", "12/1/2015"], [T(2015, 7, 23), T(2015, 12, 1)]),
        (["7/23/2015 3:05 PM", "12/1/2015 11:59 AM"], [T(2015, 7, 23, 15, 5), T(2015, 12, 1, 11, 59)]),
        (["Nov 23, 2026", "Dec 1, 2026"], [T(2026, 11, 23), T(2026, 12, 1)]),
        (["23 November 2026", "1 December 2026"], [T(2026, 11, 23), T(2026, 12, 1)]),
        (["2026/11/23", "2026/12/01"], [T(2026, 11, 23), T(2026, 12, 1)]),
    ],
)
def test_date_formats(cells, expected):
    typed, profile = infer(cells)
    assert profile.col_type == "datetime", profile
    assert profile.n_failed == 0
    assert typed.tolist() == expected
    assert str(typed.dtype) == "datetime64[us]"


def test_day_first_decided_by_one_value():
    typed, profile = infer(["04-08-15", "22-04-15", "01-02-15"], "Date")
    assert typed.tolist() == [T(2015, 8, 4), T(2015, 4, 22), T(2015, 2, 1)]
    assert profile.dayfirst is True and profile.ambiguous == ""
    assert profile.date_format == "%d-%m-%y"


def test_month_first_decided_by_one_value():
    typed, profile = infer(["04/08/2015", "04/22/2015"], "Date")
    assert typed.tolist() == [T(2015, 4, 8), T(2015, 4, 22)]
    assert profile.dayfirst is False


def test_deciding_value_at_the_end_of_a_long_column():
    cells = ["01/02/2020"] * 5000 + ["03/04/2020"] * 5000 + ["13/04/2020"]
    typed, profile = infer(cells, "Date")
    assert profile.dayfirst is True
    assert typed.iloc[0] == T(2020, 2, 1) and typed.iloc[-1] == T(2020, 4, 13)


def test_undecidable_order_defaults_to_day_first_and_says_so():
    typed, profile = infer(["04/05/2026", "06/07/2026"], "Datum")
    assert typed.tolist() == [T(2026, 5, 4), T(2026, 7, 6)]
    assert profile.dayfirst is True
    assert "day-first" in profile.ambiguous


def test_undecidable_order_uses_hint():
    typed, profile = infer(["04/05/2026", "06/07/2026"], "Datum", dayfirst=False)
    assert typed.tolist() == [T(2026, 4, 5), T(2026, 6, 7)]
    assert profile.dayfirst is False


def test_values_win_over_hint():
    typed, profile = infer(["04/05/2026", "26/07/2026"], "Datum", dayfirst=False)
    assert typed.tolist() == [T(2026, 5, 4), T(2026, 7, 26)]
    assert profile.dayfirst is True


def test_contradicting_orders_become_failures():
    cells = ["13/01/2025", "14/01/2025", "15/01/2025", "01/13/2025", "02/01/2025"]
    typed, profile = infer(cells, "Created Time")
    assert profile.col_type == "datetime" and profile.dayfirst is True
    assert profile.n_failed == 1 and profile.failures[0].row == 5 and profile.failures[0].value == "01/13/2025"
    assert "month-first" in profile.ambiguous
    assert typed.iloc[4] == T(2025, 1, 2)


def test_non_date_in_date_column_is_a_failure_but_markers_are_not():
    cells = ["2026-01-01", "n/a", "tomorrow", "2026-02-13", "?", "2026-03-01", "2026-03-02"]
    typed, profile = infer(cells, "Created at")
    assert profile.col_type == "datetime"
    assert profile.n_missing == 2 and profile.n_failed == 1
    assert (profile.failures[0].row, profile.failures[0].value) == (4, "tomorrow")
    assert pd.isna(typed.iloc[2]) and typed.iloc[3] == T(2026, 2, 13)


def test_same_offset_is_dropped_keeping_wall_time():
    typed, profile = infer(["2012-01-01 11:13:25 -0500", "2012-01-02 08:00:00 -0500"], "Created at")
    assert typed.tolist() == [T(2012, 1, 1, 11, 13, 25), T(2012, 1, 2, 8, 0)]
    assert profile.tz_offset is True and "-0500" in profile.detail
    assert typed.dt.tz is None


def test_utc_z_suffix_keeps_wall_time():
    typed, profile = infer(["2025-01-13T16:48:00.000Z", "2025-01-14T08:00:00.000Z"], "Created Time")
    assert typed.tolist() == [T(2025, 1, 13, 16, 48), T(2025, 1, 14, 8, 0)]
    assert profile.tz_offset is True


def test_different_offsets_keep_each_value_s_local_wall_time():
    # Summer time starts 31 March 2013: both events happened at 10:00 on the office clock.
    typed, profile = infer(["2013-03-31T10:00:00+01:00", "2013-04-01T10:00:00+02:00"], "Complete Timestamp")
    assert typed.tolist() == [T(2013, 3, 31, 10, 0), T(2013, 4, 1, 10, 0)]
    assert profile.tz_offset is True and "+0100" in profile.detail and "+0200" in profile.detail


def test_mixed_with_and_without_time():
    typed, profile = infer(["2026-01-05", "2026-01-06 10:30:00", "2026-01-07"], "Date")
    assert profile.n_failed == 0
    assert typed.tolist() == [T(2026, 1, 5), T(2026, 1, 6, 10, 30), T(2026, 1, 7)]


def test_compact_dates_with_date_header():
    typed, profile = infer(["19970101", "19970112", "19980630"], "date")
    assert profile.col_type == "datetime"
    assert typed.tolist() == [T(1997, 1, 1), T(1997, 1, 12), T(1998, 6, 30)]


def test_eight_digit_numbers_that_are_not_dates_stay_numbers():
    _, profile = infer(["12345678", "87654321"], "Amount")
    assert profile.col_type == "number"


def test_excel_serial_with_date_header():
    typed, profile = infer([45000.5, 45001, None], "Order Date")
    assert profile.col_type == "datetime"
    assert typed.tolist()[:2] == [T(2023, 3, 15, 12), T(2023, 3, 16)]


def test_excel_serial_needs_date_header():
    _, profile = infer([45000.5, 45001], "Revenue")
    assert profile.col_type == "number"


def test_forced_datetime_on_serials_as_text():
    typed, profile = infer(["45000", "45001.25", "x"], "Anything", forced_type="datetime")
    assert profile.col_type == "datetime" and profile.n_failed == 1
    assert typed.tolist()[:2] == [T(2023, 3, 15), T(2023, 3, 16, 6)]


def test_workbook_datetime_cells():
    cells = [dt.datetime(2011, 10, 30, 16, 17), dt.date(2011, 5, 13), None]
    typed, profile = infer(cells, "InvoiceDate")
    assert profile.col_type == "datetime"
    assert typed.tolist()[:2] == [T(2011, 10, 30, 16, 17), T(2011, 5, 13)]
    assert pd.isna(typed.iloc[2])


def test_workbook_text_dates_mixed_with_date_cells():
    cells = [dt.datetime(2021, 1, 1), "13-01-2021", "02-01-2021"]
    typed, profile = infer(cells, "Date")
    assert profile.col_type == "datetime" and profile.n_failed == 0
    assert typed.tolist() == [T(2021, 1, 1), T(2021, 1, 13), T(2021, 1, 2)]


def test_release_labels_are_not_dates():
    _, profile = infer(["07_2015", "07_2016", "07_2015", "07_2016"], "Release Period")
    assert profile.col_type == "category"


def test_dates_report_examples_and_distinct():
    _, profile = infer(["2021-03-22", "2021-03-22", "2021-05-02"], "Date")
    assert profile.n_distinct == 2
    assert profile.examples == ["2021-03-22", "2021-05-02"]


def test_many_iso_values_parse_exactly():
    stamps = pd.date_range("2020-01-01", periods=200_000, freq="37s")
    cells = pd.Series(stamps.strftime("%Y-%m-%d %H:%M:%S"), dtype=object)
    typed, profile = infer_column(cells, "Created at", np.arange(2, len(cells) + 2))
    assert profile.col_type == "datetime" and profile.n_failed == 0
    assert (typed.to_numpy() == stamps.to_numpy().astype("datetime64[us]")).all()


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["23. okt. 2026", "1. maj 2026"], [T(2026, 10, 23), T(2026, 5, 1)]),        # Slovenian / Serbian
        (["12 fev 2025", "3 set 2025"], [T(2025, 2, 12), T(2025, 9, 3)]),            # Portuguese (Zendesk Explore)
        (["1 martie 2026", "15 iulie 2026"], [T(2026, 3, 1), T(2026, 7, 15)]),       # Romanian
        (["23 okt 2026 14:05", "1 maj 2026 09:00"], [T(2026, 10, 23, 14, 5), T(2026, 5, 1, 9)]),  # Swedish
    ],
)
def test_local_month_names(cells, expected):
    typed, profile = infer(cells, "Datum")
    assert profile.col_type == "datetime" and profile.n_failed == 0
    assert typed.tolist() == expected


def test_text_with_month_like_words_stays_text():
    _, profile = infer(["out of office", "set up printer", "mai multe", "ago"], "Subject")
    assert profile.col_type == "text"


def test_row_numbers_must_match_values():
    with pytest.raises(ValueError, match="row numbers"):
        infer_column(pd.Series(["2026-01-01", "2026-01-02"], dtype=object), "Date", [2])


def test_texts_skipped_without_a_format_look_have_none():
    """The format search skips texts of digits with at most one other character (no month name);
    :func:`formats_of` must find nothing for each of them, whatever the separator."""
    from metrics_core.ingest.dates import _may_be_date, formats_of

    texts = [d + sep + e for d in ("", "1", "12", "2024", "20240131", "١٢") for sep in ("", ".", "-", "/", ":", " ", "+", "T", "Z")
             for e in ("", "5", "05", "2024", "0131", "1230")]
    skipped = [t for t in texts if not _may_be_date(t, False)]
    assert len(skipped) > 100
    assert [t for t in skipped if formats_of(t) is not None] == []
    assert _may_be_date("20240131", True) and formats_of("20240131", True) is not None
    assert _may_be_date("1.2.2024", False) and _may_be_date("5 Mar 2024", False)
