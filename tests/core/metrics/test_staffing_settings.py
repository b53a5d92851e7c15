"""Staffing settings, the interval the data really has, and what the result says it assumed."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from metrics_core.cli import main
from metrics_core.errors import ParameterError
from metrics_core.metrics.calculator import calc
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.registry import get_metric


def run(frames, params=None):
    spec = get_metric("staffing")
    return spec.compute(MetricInputs(frames), {**spec.defaults(), **(params or {})})


def quarter_hour_rows() -> pd.DataFrame:
    # two days of 15-minute ACD rows from 09:00; 09:30 is the busiest slot: 40 and 60 calls
    starts = [pd.Timestamp(f"2024-03-0{d} 09:00") + pd.Timedelta(minutes=15 * i) for d in (4, 5) for i in range(4)]
    offered = [10, 20, 40, 10, 12, 18, 60, 14]
    return pd.DataFrame({"period": pd.Series(starts).astype("datetime64[us]"), "offered": offered,
                         "answered": offered, "aht_s": 180.0})


def test_interval_rows_use_their_own_length():
    r = run({"call_intervals": quarter_hour_rows()})
    d = r.details
    assert d["interval_min"] == 15 and "rows' own times" in d["interval_assumed"]
    assert d["arrivals_per_interval"] == (40 + 60) / 2 and d["interval"] == "09:30"
    assert d["traffic_erlangs"] == pytest.approx(50 * 180 / 900)           # 10 Erlangs
    assert r.value == 14 and r.n == 8                                       # the classic 10-Erlang answer
    assert "15 min at 09:30" in str(d["caveat"])


def test_the_rows_length_can_be_set_and_days_are_refused():
    rows = quarter_hour_rows()
    # set to 30 min, the 09:30 and 09:45 rows fall in one slot: (40 + 10 + 60 + 14) / 2 = 62 calls → 6.2 Erlangs
    assert run({"call_intervals": rows}, {"row_minutes": 30}).details["traffic_erlangs"] == pytest.approx(6.2)
    days = rows.assign(period=pd.Timestamp("2024-03-04") + pd.to_timedelta(np.arange(len(rows)), unit="D"))
    refused = run({"call_intervals": days})
    assert refused.value is None and "whole days" in refused.reason and "intra-day" in refused.reason


def test_a_call_log_with_dates_only_is_refused():
    log = pd.DataFrame({"call_id": ["1", "2", "3"], "started_at": pd.to_datetime(["2024-01-01"] * 3),
                        "outcome": "answered", "talk_s": 120.0})
    r = run({"calls": log})
    assert r.value is None and "without a time of day" in r.reason


def test_patience_from_the_log_feeds_erlang_a():
    # 100 calls 10:00-10:30 on one day: 90 answered after 10 s, 10 abandoned after 60 s;
    # patience = Σ waits / abandoned = (90·10 + 10·60) / 10 = 150 s
    starts = pd.Timestamp("2024-01-08 10:00") + pd.to_timedelta(np.arange(100) * 18, unit="s")
    outcome = ["answered"] * 90 + ["abandoned"] * 10
    log = pd.DataFrame({"call_id": [str(i) for i in range(100)], "started_at": starts, "outcome": outcome,
                        "wait_s": [10.0] * 90 + [60.0] * 10, "talk_s": [180.0] * 90 + [np.nan] * 10})
    d = run({"calls": log}).details
    assert d["erlang_a"]["patience_s"] == pytest.approx(150.0)
    assert "10 abandoned calls" in str(d["erlang_a"]["patience_from"])
    assert d["measured_service_level_pct"] == pytest.approx(90.0)           # 90 of 100 answered within 20 s
    no_waits = run({"calls": log.assign(wait_s=[10.0] * 90 + [np.nan] * 10)}).details
    assert "erlang_a" not in no_waits and "Caller patience for Erlang A (s)" in str(no_waits["erlang_a_note"])


def test_calc_takes_settings_as_pairs_and_params(capsys):
    asa = calc("staffing", {"arrivals": 100, "aht_s": 180, "goal": "asa", "asa_target_s": 15})
    # ASA = C·AHT/(k − A): 13 agents give 0.2853·180/3 = 17.1 s (CRAN ErlangC's table), 14 give 7.8 s
    assert asa.value == 14 and asa.details["goal"] == "an ASA of at most 15 s"
    assert main(["calc", "staffing", "arrivals=100", "aht_s=180", "--param", "staffing.shrinkage_pct=30",
                 "--param", "staffing.max_occupancy_pct=85", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["value"] == 14 and out["details"]["scheduled_agents"] == 20
    assert isinstance(out["details"]["caveat"], str) and "100 calls per 30 min" in out["details"]["caveat"]
    for kept in ("traffic_erlangs", "arrivals_per_interval", "aht_s", "interval_min", "interval", "target_pct",
                 "threshold_s", "predicted_service_level_pct", "predicted_asa_s", "occupancy_pct", "p_wait_pct",
                 "blocking_pct_with_k_lines", "curve"):
        assert kept in out["details"]
    assert main(["calc", "staffing", "arrivals=100", "aht_s=180", "interval_min=60"]) == 0
    assert "100 calls per 60 min" in capsys.readouterr().out
    with pytest.raises(ParameterError, match="settings: .*shrinkage_pct"):
        calc("staffing", {"arrivals": 100, "aht_s": 180, "shrinkage": 30})


def test_large_traffic_from_the_command_line(capsys):
    assert main(["calc", "staffing", "arrivals=12345", "aht_s=1800"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    agents = int(first.rsplit(" ", 1)[1].replace(",", ""))
    assert 12345 < agents < 12345 + 10 * math.sqrt(12345)


def test_compute_on_the_real_call_files_says_what_staffing_rests_on(capsys, datasets_dir):
    pwc = datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx"
    assert main(["compute", str(pwc), "--json"]) == 0
    staffing = next(m for m in json.loads(capsys.readouterr().out)["metrics"] if m["id"] == "staffing")
    assert staffing["value"] == 2 and "WOULD" in staffing["caveat"] and "Measured in that slot" in staffing["caveat"]
    acd = datasets_dir / "calls_acd_daily" / "Call Center Data.csv"
    assert main(["compute", str(acd)]) == 0
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if "Agents needed" in x)
    assert "intra-day" in line and "Agents needed" not in text.split("Not computed")[0]   # was "147"
