"""Families B, E and F by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.column_groups import ColumnGroup
from metrics_core.metrics.engine import Filters, compute_metric
from metrics_core.metrics.model import MetricInputs


def ts(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values))).astype("datetime64[us]")


def orders_frame(rows: list[tuple[str, str, float]], **extra) -> pd.DataFrame:
    frame = pd.DataFrame({"customer_id": pd.Series([r[0] for r in rows], dtype="str"),
                          "order_date": ts(*[r[1] for r in rows]), "amount": [r[2] for r in rows]})
    for k, v in extra.items():
        frame[k] = v
    return frame


def test_repurchase_rate_counts_customers_with_two_or_more_orders():
    orders = orders_frame([("a", "2024-01-01", 10), ("a", "2024-02-01", 10), ("b", "2024-01-05", 5),
                           ("c", "2024-03-01", 1), ("c", "2024-03-02", 1), ("c", "2024-03-03", 1)])
    result = compute_metric(MetricInputs({"orders": orders}), "repurchase_rate")
    assert result.value == pytest.approx(200 / 3)
    march = compute_metric(MetricInputs({"orders": orders}), "repurchase_rate", filters=Filters("2024-02-01", "2024-03-31"))
    assert march.value == pytest.approx(50.0)                 # a has one order in the range, c three


def test_historical_clv_uses_the_margin_column_fraction_or_percent():
    orders = orders_frame([("a", "2024-01-01", 100), ("a", "2024-02-01", 100), ("b", "2024-01-05", 50)],
                          gross_margin=[30.0, 30.0, 50.0])
    result = compute_metric(MetricInputs({"orders": orders}), "clv_historical")
    assert result.value == pytest.approx((60 + 25) / 2)
    assert result.median == pytest.approx(42.5)
    no_margin = orders.drop(columns="gross_margin")
    assert compute_metric(MetricInputs({"orders": no_margin}), "clv_historical",
                          {"clv_historical": {"gross_margin_pct": 40}}).value == pytest.approx((80 + 20) / 2)


def test_predictive_clv():
    # 2 customers, 12 orders of 20 over one year → 0.5 transactions per customer per month
    dates = pd.date_range("2023-01-01 00:00", "2024-01-01 06:00", periods=6)
    rows = [(c, str(d), 20.0) for c in "ab" for d in dates]
    result = compute_metric(MetricInputs({"orders": orders_frame(rows)}), "clv_predictive",
                            {"clv_predictive": {"lifespan_months": 24}})
    assert result.value == pytest.approx(0.5 * 20 * 24)


def test_referral_rate_matches_words_in_the_source():
    customers = pd.DataFrame({"customer_id": pd.Series(list("abcde"), dtype="str"),
                              "referral_source": ["Referral", "Google Ads", "priporočilo prijatelja", None, "friend"],
                              "joined_at": ts(*["2024-01-01"] * 5)})
    result = compute_metric(MetricInputs({"customers": customers}), "referral_rate")
    assert result.value == pytest.approx(60.0)


def test_conversion_after_contact_within_the_window():
    tickets = pd.DataFrame({"ticket_id": ["1", "2", "3", "4"], "customer_id": pd.Series(["a", "b", "c", None], dtype="str"),
                            "created_at": ts("2024-01-01", "2024-01-01", "2024-01-01", "2024-01-01")})
    orders = orders_frame([("a", "2024-01-10", 5), ("b", "2024-03-01", 5), ("c", "2023-12-01", 5)])
    result = compute_metric(MetricInputs({"tickets": tickets, "orders": orders}), "conversion_after_contact")
    assert result.value == pytest.approx(100 / 3)             # a within 30 days; b too late; c ordered before
    wide = compute_metric(MetricInputs({"tickets": tickets, "orders": orders}), "conversion_after_contact",
                          {"conversion_after_contact": {"window_days": 90}})
    assert wide.value == pytest.approx(200 / 3)


def test_engagement_score_scales_each_input_and_weights_them():
    customers = pd.DataFrame({"customer_id": pd.Series(list("abc"), dtype="str"),
                              "logins": [0.0, 5.0, 10.0], "purchases": [2.0, 2.0, 4.0],
                              "loyalty_member": pd.array([True, False, True], dtype="boolean"),
                              "training_participant": pd.array([False, False, True], dtype="boolean")})
    result = compute_metric(MetricInputs({"customers": customers}), "engagement_score",
                            {"engagement_score": {"inputs": "logins,purchases", "weights": "logins=3,purchases=1"}})
    # logins 0/50/100, purchases 0/0/100 → (3·0+0)/4, (3·50+0)/4, (300+100)/4
    assert result.value == pytest.approx((0 + 37.5 + 100) / 3)
    assert result.details["loyalty_participation_pct"] == pytest.approx(200 / 3)
    assert result.details["training_participation_pct"] == pytest.approx(100 / 3)


def test_cash_flow_per_month_with_running_total():
    cash = pd.DataFrame({"date": ts("2024-01-03", "2024-01-20", "2024-02-02"), "amount": [100.0, -30.0, -50.0]})
    result = compute_metric(MetricInputs({"cash": cash}), "cash_flow")
    assert result.value == pytest.approx(20.0)
    assert [(s["net"], s["running_total"]) for s in result.details["series"]] == [(70.0, 70.0), (-50.0, 20.0)]
    split = pd.DataFrame({"date": ts("2024-01-03"), "inflow": [10.0], "outflow": [4.0]})
    assert compute_metric(MetricInputs({"cash": split}), "cash_flow").value == pytest.approx(6.0)


def test_benchmark_gap_for_any_kpi_with_a_benchmark():
    surveys = pd.DataFrame({"csat_score": [5.0, 5.0, 4.0, 1.0], "nps_score": [10.0, 10.0, 9.0, 0.0]})
    params = {"benchmark_gap": {"metric": "csat", "benchmark": 80}, "nps": {"benchmark": 40}}
    result = compute_metric(MetricInputs({"surveys": surveys}), "benchmark_gap", params)
    assert result.value == pytest.approx(75 - 80)
    assert result.details["ratio"] == pytest.approx(75 / 80)
    comparisons = {c["metric"]: c for c in result.details["comparisons"]}
    assert comparisons["nps"]["difference"] == pytest.approx(50 - 40)
    nps = compute_metric(MetricInputs({"surveys": surveys}), "nps", params)
    assert nps.details["benchmark_gap"] == pytest.approx(10.0)


def test_iqs_weights_and_maxima_from_the_mappings_column_group():
    reviews = pd.DataFrame({"agent": ["Ana", "Ana", "Bor"], "tone": [5.0, 3.0, 4.0], "accuracy": [10.0, 5.0, None]})
    group = ColumnGroup("criteria", ("tone", "accuracy"), weights=(1.0, 2.0), maxima=(5.0, 10.0))
    result = compute_metric(MetricInputs({"reviews": reviews}, groups={"reviews": (group,)}), "iqs")
    per_review = [(5 + 20) / (5 + 20) * 100, (3 + 10) / 25 * 100, 4 / 5 * 100]
    assert result.value == pytest.approx(sum(per_review) / 3)
    assert result.details["by_agent"]["Ana"] == pytest.approx((per_review[0] + per_review[1]) / 2)
    assert result.details["by_criterion"]["tone"] == pytest.approx(12 / 15 * 100)


def test_iqs_default_maximum_rounds_the_observed_maximum_up():
    reviews = pd.DataFrame({"q1": [3.0, 4.0], "q2": [70.0, 35.0]})
    result = compute_metric(MetricInputs({"reviews": reviews}), "iqs")
    assert result.details["maxima"] == [5.0, 100.0]
    assert result.value == pytest.approx(((3 + 70) / 105 + (4 + 35) / 105) / 2 * 100)


def test_employee_turnover_and_staff_retention():
    staff = pd.DataFrame({"agent": pd.Series(list("abcde"), dtype="str"),
                          "hired_at": ts("2023-01-01", "2023-01-01", "2023-01-01", "2023-01-01", "2024-03-01"),
                          "left_at": ts("2024-02-01", None, None, None, None)})
    result = compute_metric(MetricInputs({"staff": staff}), "employee_turnover", filters=Filters("2024-01-01", "2024-12-31"))
    assert result.value == pytest.approx(100 * 1 / ((4 + 4) / 2))
    assert result.details["staff_retention_pct"] == pytest.approx(100 * (4 - 1) / 4)


def test_self_service_usage_and_success():
    sessions = pd.DataFrame({"started_at": ts(*["2024-01-01"] * 4),
                             "resolved_without_agent": pd.array([True, True, False, None], dtype="boolean")})
    tickets = pd.DataFrame({"ticket_id": ["1", "2", "3"], "created_at": ts(*["2024-01-01"] * 3)})
    calls = pd.DataFrame({"call_id": ["9"], "started_at": ts("2024-01-01")})
    inputs = MetricInputs({"self_service": sessions, "tickets": tickets, "calls": calls})
    assert compute_metric(inputs, "self_service_usage").value == pytest.approx(50.0)
    assert compute_metric(inputs, "self_service_success").value == pytest.approx(50.0)
    only = compute_metric(MetricInputs({"self_service": sessions}), "self_service_usage")
    assert only.value is None and "ticket_id" in only.missing_fields


def test_social_sentiment_insights():
    social = pd.DataFrame({"posted_at": ts("2024-01-01 09:10", "2024-01-01 09:50", "2024-01-02 14:00", "2024-01-03 09:00"),
                           "sentiment": ["Positive", "negative", "neutral", "0.7"],
                           "topic": ["price", "support", "price", None],
                           "is_technical": pd.array([True, False, None, False], dtype="boolean"),
                           "mentions_competitor": pd.array([False, True, False, False], dtype="boolean")})
    result = compute_metric(MetricInputs({"social": social}), "social_sentiment")
    assert result.value == pytest.approx(50.0)
    d = result.details
    assert (d["positive"], d["neutral"], d["negative"]) == (2, 1, 1)
    assert d["technical_pct"] == pytest.approx(100 / 3)
    assert d["competitor_mentions"] == 1
    assert d["most_active_hours"][0] == 9 and d["mentions_by_hour"][9] == 3
    assert d["top_topics"][0] == {"topic": "price", "mentions": 2}


def test_iqs_through_a_saved_mapping_with_weights_and_maxima(tmp_path):
    from metrics_core.dataset import DataBundle
    from metrics_core.loading import load_dataset
    from metrics_core.mapping.model import FieldMapping, Mapping

    path = tmp_path / "qa.csv"
    path.write_text("Agent,Tone,Accuracy\nAna,5,10\nAna,3,5\nBor,4,\n", encoding="utf-8")
    mapping = Mapping("reviews", {"agent": FieldMapping("agent", ["Agent"]),
                                  "criteria": FieldMapping("criteria", ["Tone", "Accuracy"], weights=[1.0, 2.0],
                                                           maxima=[5.0, 10.0])})
    result = compute_metric(DataBundle([load_dataset(path, mapping=mapping)]), "iqs")
    per_review = [100.0, (3 + 10) / 25 * 100, 4 / 5 * 100]
    assert result.value == pytest.approx(sum(per_review) / 3)
    assert result.details["weights"] == [1.0, 2.0] and result.details["maxima"] == [5.0, 10.0]
