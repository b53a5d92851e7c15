"""The CSV of the results: BOM, one row per KPI and per series point, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from metrics_core.export.csv_results import neutralise, write_csv

from .sample import CSAT_BY_MONTH, FRT_BY_CHANNEL, MONTHS, PEAK_CELLS, make_report

from ...spacing import nb


@pytest.fixture()
def rows(tmp_path):
    path = tmp_path / "results.csv"
    write_csv(make_report(), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                   # UTF-8 BOM for Excel
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))


@pytest.mark.parametrize("text, safe", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Email", "Email"), ("a=b", "a=b"), ("", ""), ("čšž", "čšž"),
])
def test_neutralise(text, safe):
    assert neutralise(text) == safe


def test_one_row_per_kpi_with_plain_numbers(rows):
    kpis = {r["kpi_id"]: r for r in rows if r["record"] == "kpi"}
    assert list(kpis) == ["csat", "nps", "first_response_time", "request_volume", "clv", "abandonment_rate"]
    assert float(kpis["csat"]["value"]) == 87.25 and kpis["csat"]["unit"] == "%"
    assert float(kpis["first_response_time"]["value"]) == 5650.0 and kpis["first_response_time"]["unit"] == "seconds"
    assert float(kpis["first_response_time"]["change"]) == -470.0          # a number, not neutralised
    assert kpis["first_response_time"]["shown_as"] == nb("1 h 34 min")             # as on the card, one piece
    assert kpis["first_response_time"]["change_shown_as"] == nb("−7 min 50 s")  # real minus: no formula
    assert kpis["abandonment_rate"]["value"] == "" and kpis["abandonment_rate"]["note"] == "No call file was loaded."


def test_series_rows_follow(rows):
    trend = [r for r in rows if r["record"] == "trend" and r["kpi_id"] == "csat"]
    assert [r["period_or_group"] for r in trend] == MONTHS
    assert [float(r["value"]) for r in trend] == CSAT_BY_MONTH
    shares = [r for r in rows if r["record"] == "shares"]
    assert {r["series"] for r in shares} == {"Promoters", "Passives", "Detractors"}
    breakdown = [r for r in rows if r["record"] == "breakdown"]
    assert [float(r["value"]) for r in breakdown] == list(FRT_BY_CHANNEL.values())


def test_formula_like_text_from_the_data_is_neutralised(rows):
    groups = [r["period_or_group"] for r in rows if r["record"] == "breakdown"]
    assert groups[-1] == "'=HYPERLINK(\"x\")"
    for r in rows:
        for key, value in r.items():
            if key in ("value", "n", "target", "previous", "change", "change_relative"):
                continue
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)


def test_peak_hours_grid_is_one_row_per_weekday_and_hour(rows):
    grid = [r for r in rows if r["record"] == "grid"]
    assert len(grid) == 7 * 24
    found = {(r["period_or_group"], int(r["series"])): float(r["value"]) for r in grid if float(r["value"])}
    assert found == PEAK_CELLS
    assert {r["kpi_id"] for r in grid} == {"peak_hours"} and grid[0]["note"] == "by weekday and hour"
