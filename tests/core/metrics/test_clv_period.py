"""Customer lifetime value of a short period is not a month's buying rate times twelve, and every period is
counted over the same length of orders (issue 14, "plausible or silent").

Screenshot 25_compare_last_year (dark): 'Customer lifetime value €13,000' for October against €4,201 for all
dates, with no word of why. A customer who bought in a month has at least one order in it, so the orders per
customer of one month, times twelve, is at least twelve purchases a year; and windows of different lengths do not
compare (May-September against May-October read as a fall of €1,522). Purchases per year are counted over a year
up to the period's end, or as much of one as the files hold; the card says over which days.

The shop below, worked out by hand: A buys €10 on the 5th of every month from January 2025 to October 2026,
B €30 on 5 March and 5 September of both years, C once, €40 on 5 October 2026; the lifespan is set to 2 years.
The orders run from 5 Jan 2025 to 5 Oct 2026, more than a year: every period is counted over the year up to its
end, or to the day after the last order. October 2026 and all dates: 6 Oct 2025 – 5 Oct 2026, A 12 orders
(€120), B 2 (€60), C 1 (€40): 15 orders, 3 customers, €220. CLV = €220 / 15 per order × (15 / 3 orders per
customer per 365/365.25 years) × 2 years = 220 / 3 × 2 × 365.25 / 365 = €146.77 (October alone, annualised,
gave 2 orders of €25 × 11.8 a year × 2 = €589).
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.formatting import result_caveat
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs

OCTOBER = Filters("2026-10-01", "2026-10-31")
EXPECTED = 220 / 3 * 2 * 365.25 / 365


def _caveat(result) -> str:
    """The card's line, its no-break spaces (a day stays with its month) read as spaces."""
    return result_caveat(result)[0].replace("\u00a0", " ")


def _orders() -> pd.DataFrame:
    rows = [("A", f"{year}-{month:02d}-05", 10.0) for year in (2025, 2026) for month in range(1, 13)
            if (year, month) <= (2026, 10)]
    rows += [("B", f"{year}-{month:02d}-05", 30.0) for year in (2025, 2026) for month in (3, 9)]
    rows += [("C", "2026-10-05", 40.0)]
    return pd.DataFrame({"order_id": [f"#{i}" for i in range(len(rows))], "customer_id": [r[0] for r in rows],
                         "order_date": pd.to_datetime([r[1] for r in rows]), "amount": [r[2] for r in rows]})


@pytest.mark.parametrize("metric_id, setting", [("clv", {"lifespan_years": 2}), ("clv_predictive", {"lifespan_months": 24})])
def test_a_months_clv_counts_purchases_over_the_year_to_its_end(metric_id, setting) -> None:
    result = compute_metric(MetricInputs({"orders": _orders()}), metric_id, {metric_id: setting}, OCTOBER)
    assert result.value == pytest.approx(EXPECTED)
    assert result.n == 15
    assert _caveat(result) == "orders of 6 Oct 2025 – 5 Oct 2026"


def test_all_dates_read_the_same_year_as_the_last_month() -> None:
    """No period: the year up to the day after the last order, as October's: the same €146.77."""
    result = compute_metric(MetricInputs({"orders": _orders()}), "clv", {"clv": {"lifespan_years": 2}})
    assert result.value == pytest.approx(EXPECTED)
    assert _caveat(result) == "orders of 6 Oct 2025 – 5 Oct 2026"


def test_a_period_without_a_years_orders_before_its_end_has_no_value() -> None:
    """September 2025 would need the orders of 1 Oct 2024 – 30 Sep 2025, but they begin on 5 Jan 2025: a shorter
    window would not compare with the others."""
    result = compute_metric(MetricInputs({"orders": _orders()}), "clv", {"clv": {"lifespan_years": 2}},
                            Filters("2025-09-01", "2025-09-30"))
    assert result.value is None and "365 days" in str(result.reason)


def test_a_period_longer_than_a_year_is_its_own_window() -> None:
    """1 Jan – 31 Dec 2025, whose orders begin on 5 Jan (361 days): A 12 (€120), B 2 (€60): €180 over
    2 customers × 365.25 / 361 a year × 2 years."""
    year = Filters("2025-01-01", "2025-12-31")
    result = compute_metric(MetricInputs({"orders": _orders()}), "clv", {"clv": {"lifespan_years": 2}}, year)
    assert result.value == pytest.approx(180 / 2 * 365.25 / 361 * 2)
    assert _caveat(result) == "orders of 5 Jan – 31 Dec 2025"


def test_historical_clv_names_the_days_of_its_spend() -> None:
    """Historical CLV of October: A €10, C €40 -> €25 per customer (margin 100 %), over 1-31 Oct 2026, a month."""
    result = compute_metric(MetricInputs({"orders": _orders()}), "clv_historical", None, OCTOBER)
    assert result.value == pytest.approx(25.0)
    assert _caveat(result) == "orders of Oct 2026"


def test_clv_from_undated_revenue_says_it_is_the_same_for_any_dates() -> None:
    """customers.csv alone (shot 10_dashboard_03_customers): a flat trend of one value repeated for 45 months.
    Revenue per month 100 and 200 -> 150 a month × 12 periods a year × 2 years = 3,600, whatever the dates."""
    customers = pd.DataFrame({"customer_id": ["a", "b"], "revenue_per_period": [100.0, 200.0]})
    result = compute_metric(MetricInputs({"customers": customers}), "clv", {"clv": {"lifespan_years": 2}})
    assert result.value == pytest.approx(3600.0)
    assert _caveat(result) == "from revenue per customer, not dated"
    assert "same for any dates" in result_caveat(result)[1]


def test_predictive_clv_says_why_it_equals_clv() -> None:
    """Shot 20_dashboard_all: 'Customer lifetime value €4,201' and 'Predictive CLV €4,201' read as one KPI twice.
    Customers a-d joined in 2022, d left on 1 Jun 2024: annual churn 1 / 4, a lifespan of 4 years for both; orders
    of 100 by c (1 Mar 2024), a (10 Sep) and b (20 Sep), 1 Mar - 20 Sep 2024 (to the 21st: 204 days): 100 ×
    365.25 / 204 × 4."""
    customers = pd.DataFrame({"customer_id": list("abcd"), "joined_at": pd.to_datetime(["2022-01-01"] * 4),
                              "churned_at": pd.to_datetime([None, None, None, "2024-06-01"])})
    orders = pd.DataFrame({"customer_id": ["c", "a", "b"], "amount": [100.0] * 3,
                           "order_date": pd.to_datetime(["2024-03-01", "2024-09-10", "2024-09-20"])})
    inputs = MetricInputs({"customers": customers, "orders": orders})
    clv, from_churn = compute_metric(inputs, "clv"), compute_metric(inputs, "clv_predictive")
    assert from_churn.value == pytest.approx(100 * 365.25 / 204 * 4) == clv.value      # 1 Mar - 21 Sep: 204 days
    assert "works out as Customer lifetime value" in result_caveat(from_churn)[1]
    own = compute_metric(inputs, "clv_predictive", {"clv_predictive": {"lifespan_months": 24}})
    assert own.value == pytest.approx(100 * 365.25 / 204 * 2)
    assert "works out as Customer lifetime value" not in result_caveat(own)[1]


@pytest.mark.parametrize("metric_id", ["clv", "clv_predictive"])
def test_fewer_than_three_months_of_orders_give_no_lifetime_value(metric_id) -> None:
    """The demo's trend began with May alone (its first month of orders), annualised: three times the whole
    period's value, then 'falling'. Orders of 5 Jan - 5 Mar 2025 only (60 days): no value, and why."""
    setting = {"lifespan_years": 2} if metric_id == "clv" else {"lifespan_months": 24}
    orders = _orders()
    orders = orders[orders["order_date"] <= pd.Timestamp("2025-03-05")]
    result = compute_metric(MetricInputs({"orders": orders}), metric_id, {metric_id: setting})
    assert result.value is None and "three months" in str(result.reason)
