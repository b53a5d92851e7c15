"""Type inference on the shared real datasets, checked against values worked out with the csv module.

The raw cells come from ``csv.reader`` (not from our reader), so these tests
pin the typing rules on real exports independently of file reading.
"""

import csv
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.types import infer_frame


def raw_frame(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=object), rows


def clock_seconds(text):
    h, m, s = (int(p) for p in text.split(":"))
    return h * 3600 + m * 60 + s


def test_acd_daily_interval_report(datasets_dir):
    raw, rows = raw_frame(datasets_dir / "calls_acd_daily" / "Call Center Data.csv", ";")
    frame, profiles = infer_frame(raw, np.arange(2, len(raw) + 2))
    types = {p.name: p.col_type for p in profiles}
    assert types["Answer Rate"] == "percent" and types["Service Level (20 Seconds)"] == "percent"
    assert types["Talk Duration (AVG)"] == "duration" and types["Incoming Calls"] == "number"
    assert all(p.n_failed == 0 for p in profiles)
    talk = [clock_seconds(r[6]) for r in rows[1:]]
    assert frame["Talk Duration (AVG)"].tolist() == [float(t) for t in talk]
    rates = [float(r[3].rstrip("%")) for r in rows[1:]]
    assert frame["Answer Rate"].tolist() == pytest.approx(rates)


def test_comcast_two_digit_years_day_first_and_am_pm(datasets_dir):
    raw, rows = raw_frame(datasets_dir / "complaints_comcast" / "Comcast_telecom_complaints_data.csv")
    frame, profiles = infer_frame(raw, np.arange(2, len(raw) + 2))
    by_name = {p.name: p for p in profiles}
    assert by_name["Date"].col_type == "datetime" and by_name["Date"].dayfirst is True
    assert by_name["Date_month_year"].col_type == "datetime" and by_name["Time"].col_type == "time"
    assert by_name["Ticket #"].col_type == "id" and by_name["Zip code"].col_type == "id"
    assert by_name["Filing on Behalf of Someone"].col_type == "boolean"
    for i, r in enumerate(rows[1:]):
        d, m, y = (int(p) for p in r[2].split("-"))
        assert frame["Date"].iloc[i] == pd.Timestamp(2000 + y, m, d)
    assert (frame["Date"] == frame["Date_month_year"]).all()
    clock, half = rows[1][4].split(" ")
    h, mi, s = (int(p) for p in clock.split(":"))
    expected = ((h % 12) + (12 if half == "PM" else 0)) * 3600 + mi * 60 + s
    assert frame["Time"].iloc[0] == expected


def test_servicenow_question_marks_and_day_first(datasets_dir):
    raw, rows = raw_frame(datasets_dir / "incidents_servicenow_uci" / "incident_event_log.csv")
    frame, profiles = infer_frame(raw, np.arange(2, len(raw) + 2))
    by_name = {p.name: p for p in profiles}
    resolved = by_name["resolved_at"]
    assert resolved.col_type == "datetime" and resolved.n_failed == 0
    assert resolved.n_missing == sum(r[raw.columns.get_loc("resolved_at")] == "?" for r in rows[1:])
    assert by_name["made_sla"].col_type == "boolean" and by_name["number"].col_type == "id"
    first = rows[1][raw.columns.get_loc("opened_at")]
    assert frame["opened_at"].iloc[0] == dt.datetime.strptime(first, "%d-%m-%Y %H:%M")


def test_telco_churn_flags_and_blank_charges(datasets_dir):
    raw, rows = raw_frame(datasets_dir / "churn_telco_ibm" / "Telco-Customer-Churn.csv")
    frame, profiles = infer_frame(raw, np.arange(2, len(raw) + 2))
    by_name = {p.name: p for p in profiles}
    assert by_name["SeniorCitizen"].col_type == "boolean" and by_name["Churn"].col_type == "boolean"
    assert by_name["customerID"].col_type == "id" and by_name["tenure"].col_type == "number"
    blanks = sum(r[raw.columns.get_loc("TotalCharges")].strip() == "" for r in rows[1:])
    assert blanks == 11
    assert by_name["TotalCharges"].n_missing == blanks and by_name["TotalCharges"].n_failed == 0
    churned = sum(r[raw.columns.get_loc("Churn")] == "Yes" for r in rows[1:])
    assert int(frame["Churn"].sum()) == churned


def test_cdnow_compact_dates_and_zero_padded_ids(datasets_dir):
    path = datasets_dir / "orders_cdnow" / "CDNOW_master.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split() for line in lines if line.strip()]
    raw = pd.DataFrame(rows[1:], columns=rows[0], dtype=object)
    frame, profiles = infer_frame(raw, np.arange(2, len(raw) + 2))
    by_name = {p.name: p for p in profiles}
    assert by_name["customer_id"].col_type == "id" and frame["customer_id"].iloc[0] == rows[1][0]
    assert by_name["date"].col_type == "datetime" and by_name["date"].n_failed == 0
    assert frame["date"].iloc[0] == pd.Timestamp(dt.datetime.strptime(rows[1][1], "%Y%m%d"))
    assert frame["dollar_value"].sum() == pytest.approx(sum(float(r[3]) for r in rows[1:]))


def test_pwc_workbook_native_cells(datasets_dir):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx"))
    rows = book.get_sheet_by_index(0).to_python()
    raw = pd.DataFrame([[None if c == "" else c for c in r] for r in rows[1:]], columns=rows[0], dtype=object)
    frame, profiles = infer_frame(raw, np.arange(2, len(raw) + 2))
    by_name = {p.name: p for p in profiles}
    assert by_name["AvgTalkDuration"].col_type == "duration" and by_name["Time"].col_type == "time"
    assert by_name["Speed of answer in seconds"].col_type == "duration"
    assert by_name["Answered (Y/N)"].col_type == "boolean" and by_name["Call Id"].col_type == "id"
    assert by_name["Date"].col_type == "datetime" and by_name["Date"].n_failed == 0
    talk_col, time_col = rows[0].index("AvgTalkDuration"), rows[0].index("Time")
    first_talk = next(r[talk_col] for r in rows[1:] if r[talk_col] != "")
    i = next(i for i, r in enumerate(rows[1:]) if r[talk_col] != "")
    assert frame["AvgTalkDuration"].iloc[i] == first_talk.hour * 3600 + first_talk.minute * 60 + first_talk.second
    t = rows[1][time_col]
    assert frame["Time"].iloc[0] == t.hour * 3600 + t.minute * 60 + t.second
    abandoned = sum(r[talk_col] == "" for r in rows[1:])
    assert by_name["AvgTalkDuration"].n_missing == abandoned
