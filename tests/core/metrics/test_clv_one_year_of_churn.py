"""Customer lifetime value reads the same for all dates and for the latest month when both count the same orders
(issue 14: 20_dashboard_all €4,201, 25_latest_month €4,197, both "orders of 1 May – 31 Oct 2026", from 2,535).

The lifespan behind both is 1 / annual churn, now over the twelve months up to the end of the orders counted (the
last on 31 Oct). With all dates those months ended a day later, on 1 Nov 2026, because the shop answered survey
feedback on 1 Nov (another file, which tells nothing of customers): churn 11.185 % against 11.197 %. The year
to 31 Oct is the one the card names ("orders of 1 May – 31 Oct 2026") and the one October's view reads.

Worked out by hand from resources/demo/customers.csv and orders.csv (csv module, not the product's reader):
- annual churn over [1 Nov 2025, 1 Nov 2026): customers there at the start (joined before it, not churned before
  it), and those of them who churned inside it -> lifespan = start / lost years;
- the average order: the orders' totals (one per order number) / orders;
- purchases a year: orders / customers / (first to last order time, as written, in years of 365.25 days).
"""

from __future__ import annotations

import csv
from datetime import datetime

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.report_view import KpiView, compute_view
from metrics_core.resources import demo_dir


def _rows(name: str) -> list[dict[str, str]]:
    with open(demo_dir() / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _clv_by_hand() -> tuple[float, float]:
    start, end = "2025-11-01", "2026-11-01"
    there = [c for c in _rows("customers.csv") if (not c["Joined at"] or c["Joined at"] < start)
             and (not c["Churned at"] or c["Churned at"] >= start)]
    lost = [c for c in there if c["Churned at"] and c["Churned at"] < end]
    lifespan = len(there) / len(lost)
    orders = _rows("orders.csv")
    totals = {o["Name"]: float(o["Total"]) for o in orders if o["Total"]}          # the order's first line
    customers = {o["Email"] for o in orders}
    times = [datetime.strptime(o["Created at"][:19], "%Y-%m-%d %H:%M:%S") for o in orders]   # as written (local)
    years = (max(times) - min(times)).total_seconds() / 86400 / 365.25
    per_order = sum(totals.values()) / len(totals)
    return per_order * (len(totals) / len(customers) / years) * lifespan, lifespan


@pytest.fixture(scope="module")
def demo_bundle() -> DataBundle:
    return DataBundle([load_dataset(p) for p in sorted(demo_dir().iterdir()) if p.suffix in (".csv", ".xlsx")])


def test_clv_is_the_same_for_all_dates_and_the_latest_month(demo_bundle) -> None:
    bundle = demo_bundle
    expected, lifespan = _clv_by_hand()
    assert expected == pytest.approx(4196.77, abs=0.01)
    every = compute_view(bundle, {}, KpiView(kpis=("clv",))).results["clv"]
    october = compute_view(bundle, {}, KpiView(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"),
                                               kpis=("clv",))).results["clv"]
    for result in (every, october):
        assert result.details["lifespan_years"] == pytest.approx(lifespan)
        assert result.value == pytest.approx(expected, rel=1e-6)        # €4,197 on both cards (was €4,201)


def test_under_a_channel_no_order_has_the_lifetime_values_say_so(demo_bundle) -> None:
    """28_filter_applied (Channel: Chat): every order of orders.csv has the Source "web" (counted from the file),
    so no order is left; CLV read €3,351 from the customers' monthly revenue instead (another measure) under
    "Channel filter not applied: no such column in customers", and the historical and predictive values said
    they needed an amount the orders have. Now the three say what Repurchase rate says."""
    sources = {o["Source"] for o in _rows("orders.csv") if o["Name"]} - {""}
    assert sources == {"web"}
    chat = compute_view(demo_bundle, {}, KpiView(categories={"channel": ("Chat",)})).results
    for metric_id in ("clv", "clv_historical", "clv_predictive", "repurchase_rate"):
        assert chat[metric_id].value is None, metric_id
        assert chat[metric_id].reason == "no rows of orders in the selected period and filters", metric_id
    web = compute_view(demo_bundle, {}, KpiView(categories={"channel": ("web",)})).results["clv"]
    assert web.value == pytest.approx(_clv_by_hand()[0], rel=1e-6)          # every order is a web order
