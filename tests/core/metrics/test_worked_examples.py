"""The worked examples of METRICS.md (the seed articles), from rows and from the calculator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.metrics.calculator import calc
from metrics_core.metrics.engine import Filters, compute_metric
from metrics_core.metrics.model import MetricInputs


def surveys(**columns) -> MetricInputs:
    return MetricInputs({"surveys": pd.DataFrame(columns)})


def scores(counts: dict[float, int]) -> list[float]:
    return [float(s) for s, c in counts.items() for _ in range(c)]


# ---- CSAT
def test_csat_s0_30_positive_of_50_is_60_percent():
    # S0: 50 answers on 1-5, 30 of them positive (4 or 5)
    result = compute_metric(surveys(csat_score=scores({5: 10, 4: 20, 3: 8, 2: 7, 1: 5})), "csat")
    assert result.value == pytest.approx(60.0)
    assert (result.numerator, result.denominator, result.n) == (30, 50, 50)
    assert result.ci_low < 60 < result.ci_high


def test_csat_s1_43_satisfied_29_very_satisfied_of_100_is_72_percent():
    result = compute_metric(surveys(csat_score=scores({4: 43, 5: 29, 3: 10, 2: 10, 1: 8})), "csat")
    assert result.value == pytest.approx(72.0)
    assert result.details["scale"] == "1-5" and result.details["threshold"] == 4


def test_csat_calculator():
    assert calc("csat", {"positive": 30, "responses": 50}).value == pytest.approx(60.0)
    assert calc("csat", {"positive": 43 + 29, "responses": 100}).value == pytest.approx(72.0)


def test_csat_scale_detection_and_threshold_parameter():
    ten = surveys(csat_score=scores({10: 3, 9: 2, 8: 5}))              # 1-10 scale: top two points = 9, 10
    assert compute_metric(ten, "csat").value == pytest.approx(50.0)
    assert compute_metric(ten, "csat", {"csat": {"threshold": 8}}).value == pytest.approx(100.0)
    seven = surveys(csat_score=scores({7: 1, 6: 1, 5: 2}))           # 1-7: satisfied = 6, 7
    assert compute_metric(seven, "csat").value == pytest.approx(50.0)


# ---- NPS
def test_nps_s0_70_promoters_10_detractors_is_60():
    result = compute_metric(surveys(nps_score=scores({10: 40, 9: 30, 8: 20, 5: 10})), "nps")
    assert result.value == pytest.approx(60.0)
    d = result.details
    assert (d["promoters"], d["passives"], d["detractors"]) == (70, 20, 10)
    assert d["promoters_pct"] == pytest.approx(70.0) and d["detractors_pct"] == pytest.approx(10.0)
    # margin of error: var = 0.7 + 0.1 - 0.6^2 = 0.44; 1.96 * sqrt(0.44 / 100) * 100 = 13.0
    assert result.margin_of_error == pytest.approx(1.96 * np.sqrt(0.44 / 100) * 100)


def test_nps_s1_100_answers_70_20_10_is_60_on_a_1_to_10_scale():
    result = compute_metric(surveys(nps_score=scores({9: 35, 10: 35, 7: 10, 8: 10, 1: 5, 6: 5})), "nps")
    assert result.value == pytest.approx(60.0)


def test_nps_calculator():
    result = calc("nps", {"promoters": 70, "passives": 20, "detractors": 10})
    assert result.value == pytest.approx(60.0)
    assert result.margin_of_error == pytest.approx(13.0, abs=0.01)


# ---- CRR and churn
def _customers(at_start: int, lost_in_period: int, new_in_period: int, start="2024-03-01", end="2024-03-31") -> pd.DataFrame:
    before = pd.Timestamp(start) - pd.Timedelta(days=100)
    inside = pd.Timestamp(start) + pd.Timedelta(days=10)
    n = at_start + new_in_period
    joined = [before] * at_start + [inside] * new_in_period
    churned = [inside] * lost_in_period + [pd.NaT] * (n - lost_in_period)
    return pd.DataFrame({"customer_id": pd.Series([f"c{i}" for i in range(n)], dtype="str"),
                         "joined_at": pd.Series(joined).astype("datetime64[us]"),
                         "churned_at": pd.Series(churned).astype("datetime64[us]")})


MARCH = Filters("2024-03-01", "2024-03-31")


def test_retention_s0_from_rows_s200_e200_n20_is_90_percent():
    frame = _customers(at_start=200, lost_in_period=20, new_in_period=20)
    result = compute_metric(MetricInputs({"customers": frame}), "retention_rate", filters=MARCH)
    assert result.value == pytest.approx(90.0)
    d = result.details
    assert (d["customers_at_start"], d["customers_at_end"], d["new_customers"]) == (200, 200, 20)


def test_retention_calculator():
    assert calc("retention_rate", {"start": 200, "end": 200, "new": 20}).value == pytest.approx(90.0)


def test_churn_s0_20_lost_of_250_is_8_percent():
    frame = _customers(at_start=250, lost_in_period=20, new_in_period=0)
    result = compute_metric(MetricInputs({"customers": frame}), "churn_rate", filters=MARCH)
    assert result.value == pytest.approx(8.0)
    assert result.higher_is_better is False


def test_churn_s1_100_customers_50_left_within_12_months_is_50_percent():
    frame = _customers(at_start=100, lost_in_period=50, new_in_period=0, start="2023-01-01")
    year = Filters("2023-01-01", "2023-12-31")
    assert compute_metric(MetricInputs({"customers": frame}), "churn_rate", filters=year).value == pytest.approx(50.0)


def test_churn_from_a_snapshot_flag():
    frame = pd.DataFrame({"customer_id": pd.Series([str(i) for i in range(250)], dtype="str"),
                          "churned": pd.Series([True] * 20 + [False] * 230, dtype="boolean")})
    assert compute_metric(MetricInputs({"customers": frame}), "churn_rate").value == pytest.approx(8.0)
    assert compute_metric(MetricInputs({"customers": frame}), "retention_rate").value == pytest.approx(92.0)


def test_churn_calculator():
    assert calc("churn_rate", {"lost": 20, "start": 250}).value == pytest.approx(8.0)
    assert calc("churn_rate", {"lost": 50, "start": 100}).value == pytest.approx(50.0)


def test_churn_from_orders_uses_the_inactivity_window():
    # a, b, c ordered in Feb (active at 1 March); only a orders again in March-May; d is new in April.
    rows = [("a", "2024-02-10"), ("b", "2024-02-15"), ("c", "2024-02-20"), ("a", "2024-04-01"), ("d", "2024-04-05")]
    orders = pd.DataFrame({"customer_id": pd.Series([r[0] for r in rows], dtype="str"),
                           "order_date": pd.to_datetime([r[1] for r in rows]).astype("datetime64[us]"),
                           "amount": [10.0] * 5})
    result = compute_metric(MetricInputs({"orders": orders}), "churn_rate",
                            {"churn_rate": {"inactivity_days": 30}}, Filters("2024-03-01", "2024-05-31"))
    # Audit correction (was 2 / 3): METRICS.md defines lost as "no order within the inactivity window after
    # their last order". a's last order is 2024-04-01; with a 30-day window a lapsed on 2024-05-01, inside
    # March-May, and is not active at the end (no order in [May 2, Jun 1)). Counting a as kept would lose a
    # for good: at the next period's start (Jun 1) a is no longer active, so a would never be counted lost.
    # Lost: a, b, c of 3 at the start -> 100 %.
    assert result.value == pytest.approx(100.0)
    # b and c alone (a keeps ordering every 20 days up to the end): 2 / 3
    steady = pd.concat([orders, pd.DataFrame({"customer_id": pd.Series(["a", "a"], dtype="str"),
                                              "order_date": pd.to_datetime(["2024-04-20", "2024-05-10"]).astype(
                                                  "datetime64[us]"), "amount": [10.0, 10.0]})], ignore_index=True)
    kept = compute_metric(MetricInputs({"orders": steady}), "churn_rate",
                          {"churn_rate": {"inactivity_days": 30}}, Filters("2024-03-01", "2024-05-31"))
    assert kept.value == pytest.approx(2 / 3 * 100)


# ---- CLV
def test_clv_s0_50_times_5_times_3_is_750_from_rows():
    # 2 customers, each 5 orders of 50 over one year (365.25 days) → 5 purchases per year; lifespan 3 years
    dates = pd.date_range("2023-01-01 00:00", "2024-01-01 06:00", periods=5)
    orders = pd.DataFrame({"customer_id": pd.Series(["a"] * 5 + ["b"] * 5, dtype="str"),
                           "order_date": pd.Series(list(dates) * 2).astype("datetime64[us]"),
                           "amount": [50.0] * 10})
    result = compute_metric(MetricInputs({"orders": orders}), "clv", {"clv": {"lifespan_years": 3}})
    assert result.value == pytest.approx(750.0)


def test_clv_calculator_750():
    assert calc("clv", {"avg_purchase_value": 50, "purchase_frequency": 5, "lifespan_years": 3}).value == 750


def test_clv_lifespan_from_annual_churn():
    # 10 customers at the start of the last 12 months, 2 lost → annual churn 20 % → lifespan 5 years
    customers = _customers(at_start=10, lost_in_period=2, new_in_period=0, start="2023-07-01")
    customers["revenue_per_period"] = 10.0
    inputs = MetricInputs({"customers": customers}, as_of=pd.Timestamp("2024-06-30"))
    result = compute_metric(inputs, "clv")
    assert result.details["lifespan_years"] == pytest.approx(5.0)
    assert result.value == pytest.approx(10 * 12 * 5)
