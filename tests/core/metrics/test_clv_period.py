"""Customer lifetime value of chosen dates: purchases a year are counted over the year up to their end, all dates
over the exact span of the orders; a value that cannot be compared is not given. Figures worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.i18n import language
from metrics_core.metrics.engine import Filters, breakdown, compute_metric, no_trend_reason
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.params import migrated
from metrics_core.metrics.registry import get_metric


def _orders(rows: list[tuple[str, str, float]]) -> dict[str, pd.DataFrame]:
    return {"orders": pd.DataFrame({"customer_id": pd.Series([r[0] for r in rows], dtype="str"),
                                    "order_date": pd.to_datetime([r[1] for r in rows]).astype("datetime64[us]"),
                                    "amount": [r[2] for r in rows]})}


def two_years() -> dict[str, pd.DataFrame]:
    """a buys 100 on the 15th of every month of 2024 and 2025 (24 orders); b buys 40 on the 10th of every third
    month from January 2024 (8 orders)."""
    a = [("a", f"{y}-{m:02d}-15", 100.0) for y in (2024, 2025) for m in range(1, 13)]
    b = [("b", f"{y}-{m:02d}-10", 40.0) for y in (2024, 2025) for m in (1, 4, 7, 10)]
    return _orders(a + b)


def half_year() -> dict[str, pd.DataFrame]:
    """Four orders of 60 from 1 May to 31 Oct 2026 (183 days), by two customers."""
    return _orders([("a", "2026-05-01 10:00", 60.0), ("b", "2026-06-15 12:00", 60.0),
                    ("a", "2026-07-01 10:00", 60.0), ("a", "2026-10-31 10:00", 60.0)])


LIFESPAN_2 = {"clv": {"lifespan_years": 2}}


def test_a_month_of_a_long_file_counts_the_year_up_to_its_end():
    # October 2025: the orders of [1 Nov 2024, 1 Nov 2025): a 12 x 100 (15 Nov 2024 - 15 Oct 2025), b 4 x 40
    # (Jan, Apr, Jul, Oct 2025). 16 orders, 2 customers, 1,360 -> 85 an order; 8 orders a customer over 365 days
    # = 8 x 365.25 / 365 a year; x 2 years -> 85 x 8 x 365.25 / 365 x 2 = 1,360 x 365.25 / 365.
    # (October alone: 2 orders of 70 on average by 2 customers over 31 days -> 70 x 365.25 / 31 x 2 = 1,649.52.)
    result = compute_metric(MetricInputs(two_years()), "clv", LIFESPAN_2, Filters("2025-10-01", "2025-10-31"))
    assert result.value == pytest.approx(1360 * 365.25 / 365)
    assert result.n == 16
    with language("en"):
        assert str(result.details["caveat"]) == "expected per customer over a lifetime, from orders of 1 Nov 2024 – 31 Oct 2025"
    predictive = compute_metric(MetricInputs(two_years()), "clv_predictive", LIFESPAN_2,
                                Filters("2025-10-01", "2025-10-31"))
    assert predictive.value == pytest.approx(1360 * 365.25 / 365)


def test_dates_ending_before_the_last_order_with_less_than_a_year_before_them_give_no_value():
    # March 2024: the files' orders begin on 10 Jan 2024, less than a year before 1 Apr 2024, and go on after it
    result = compute_metric(MetricInputs(two_years()), "clv", LIFESPAN_2, Filters("2024-03-01", "2024-03-31"))
    assert result.value is None
    with language("en"):
        assert "your orders begin on 10 Jan 2024" in str(result.reason)
    # a year and more before the end: a value (March 2025: [1 Apr 2024, 1 Apr 2025): a 12 x 100, b 4 x 40)
    later = compute_metric(MetricInputs(two_years()), "clv", LIFESPAN_2, Filters("2025-03-01", "2025-03-31"))
    assert later.value == pytest.approx(1360 * 365.25 / 365)


def test_the_last_month_of_a_short_file_is_the_value_of_all_dates():
    # all dates: 4 orders of 60 by 2 customers over 1 May 10:00 - 31 Oct 10:00 (183 days): 2 orders a customer
    # in 183 days -> 60 x 2 x 365.25 / 183 a year for 1 year = 239.51 (October alone: 60 x 365.25 / 31 = 706.94)
    whole = compute_metric(MetricInputs(half_year()), "clv", {"clv": {"lifespan_years": 1}})
    assert whole.value == pytest.approx(60 * 2 * 365.25 / 183)
    october = compute_metric(MetricInputs(half_year()), "clv", {"clv": {"lifespan_years": 1}},
                             Filters("2026-10-01", "2026-10-31"))
    assert october.value == pytest.approx(60 * 2 * 365.25 / 183)
    with language("en"):
        assert str(whole.details["caveat"]) == "expected per customer over a lifetime, from orders of 1 May – 31 Oct 2026"
        assert str(october.details["caveat"]) == "expected per customer over a lifetime, from orders of 1 May – 31 Oct 2026"
    # September ends before the last order, with less than a year of orders before it
    september = compute_metric(MetricInputs(half_year()), "clv", {"clv": {"lifespan_years": 1}},
                               Filters("2026-09-01", "2026-09-30"))
    assert september.value is None


def test_the_trend_per_month_gives_comparable_points_only():
    points = breakdown(MetricInputs(two_years()), "clv", "month", LIFESPAN_2)
    values = {p.key.strftime("%Y-%m"): p.value for p in points}
    assert min(values) == "2025-01"         # 2024's months have less than a year of orders before their end
    # January 2025: [1 Feb 2024, 1 Feb 2025), 366 days (29 Feb 2024): a 12 x 100 (Feb 2024 - Jan 2025),
    # b 4 x 40 (Apr, Jul, Oct 2024, Jan 2025): 85 an order, 8 orders a customer
    assert values["2025-01"] == pytest.approx(85 * 8 * 365.25 / 366 * 2)


def test_one_lifespan_setting_for_both_lifetime_values():
    # the years set for Customer lifetime value are Predictive CLV's too: 60 x 2 orders / 183 days x 365.25 x 3
    three = {"clv": {"lifespan_years": 3}}
    predictive = compute_metric(MetricInputs(half_year()), "clv_predictive", three)
    assert predictive.value == pytest.approx(60 * 2 * 365.25 / 183 * 3)
    assert predictive.details["lifespan_months"] == pytest.approx(36)
    # Predictive CLV's own months (a command-line name) still win: 18 months = 1.5 years
    own = compute_metric(MetricInputs(half_year()), "clv_predictive", {**three, "clv_predictive": {"lifespan_months": 18}})
    assert own.value == pytest.approx(60 * 2 * 365.25 / 183 * 1.5)
    assert [p.name for p in get_metric("clv_predictive").params if p.shown and "lifespan" in p.name] == []


def test_a_saved_lifespan_in_months_becomes_the_one_setting():
    assert migrated({"clv_predictive": {"lifespan_months": "18"}}) == {"clv_predictive": {},
                                                                       "clv": {"lifespan_years": 1.5}}
    assert migrated({"clv": {"lifespan_years": 4}, "clv_predictive": {"lifespan_months": 18}})["clv"] == \
        {"lifespan_years": 4}


def test_with_orders_loaded_dates_without_orders_have_no_value_not_the_customers_revenue():
    # a customers register dated from 2023 beside six months of orders: its months without orders fell back to
    # the undated revenue per customer, which says "the same for any dates", and the whole trend vanished
    frames = {**half_year(), "customers": pd.DataFrame({
        "customer_id": pd.Series(["a", "b"], dtype="str"), "revenue_per_period": [30.0, 50.0],
        "joined_at": pd.to_datetime(["2023-01-05", "2023-06-01"]).astype("datetime64[us]")})}
    lifespan = {"clv": {"lifespan_years": 1}}
    march = compute_metric(MetricInputs(frames), "clv", lifespan, Filters("2026-03-01", "2026-03-31"))
    assert march.value is None
    with language("en"):
        assert str(march.reason) == "no orders in the chosen dates"
    points = breakdown(MetricInputs(frames), "clv", "month", lifespan)
    assert [p.key.strftime("%Y-%m") for p in points] == ["2026-10"]     # from the first month with a value
    assert points[0].value == pytest.approx(60 * 2 * 365.25 / 183)


def test_clv_from_undated_revenue_has_no_trend_and_says_why():
    customers = pd.DataFrame({"customer_id": pd.Series(["a", "b"], dtype="str"),
                              "joined_at": pd.to_datetime(["2024-01-05", "2025-06-01"]).astype("datetime64[us]"),
                              "revenue_per_period": [30.0, 50.0]})
    inputs = MetricInputs({"customers": customers})
    result = compute_metric(inputs, "clv", LIFESPAN_2)
    assert result.value == pytest.approx(40 * 12 * 2)
    assert breakdown(inputs, "clv", "month", LIFESPAN_2) == []
    with language("en"):
        assert "the same for any dates" in str(no_trend_reason(inputs, "clv", LIFESPAN_2))
    assert no_trend_reason(MetricInputs(half_year()), "clv", LIFESPAN_2) is None


def test_historical_clv_names_the_days_of_its_spending():
    with language("en"):
        whole = compute_metric(MetricInputs(half_year()), "clv_historical")
        assert str(whole.details["caveat"]) == "spent per customer over 1 May – 31 Oct 2026"
        # a: 3 x 60, b: 60 -> 120 per customer; October: a's one order of 60
        assert whole.value == pytest.approx(120)
        month = compute_metric(MetricInputs(half_year()), "clv_historical", None, Filters("2026-10-01", "2026-10-31"))
        assert month.value == pytest.approx(60)
        assert str(month.details["caveat"]) == "spent per customer over Oct 2026"


def test_a_project_saved_with_a_lifespan_in_months_opens_with_the_one_setting(tmp_path):
    import json

    from metrics_core.project_file import read_project

    path = tmp_path / "old.kpidesk"
    path.write_text(json.dumps({"kpidesk_project": 1, "files": [],
                                "params": {"clv_predictive": {"lifespan_months": 24}}}), encoding="utf-8")
    assert read_project(path).params == {"clv_predictive": {}, "clv": {"lifespan_years": 2.0}}
