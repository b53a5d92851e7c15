"""Historical CLV's trend under its card says each point is one month alone (s15-shots-a, en/sv
10_dashboard_05_orders at 1366x768): "€95.12 per customer over 1 May – 31 Oct 2026" beside a monthly trend at
€46–53 read as a doubling every month. The chart's note names the card's period, as the staff turnover trend does."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def orders():
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.resources import demo_dir

    return load_bundle([str(demo_dir() / "orders.csv")], None, {})


def test_the_historical_clv_trend_names_the_cards_period(qtbot, orders) -> None:
    from desktop_app.charts import feed
    from desktop_app.charts.trend_chart import TrendChart
    from desktop_app.jobs import chart_job
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter
    from metrics_core.report_view import KpiView, compute_view

    card = compute_view(orders, {}, KpiView(kpis=("clv_historical",))).results["clv_historical"]
    data = chart_job(orders, {}, Filters(), "clv_historical", "month", None, card)(Reporter())
    assert len(data.trend) > 1 and all(p.value < card.value for p in data.trend if p.value is not None)
    chart = TrendChart()
    qtbot.addWidget(chart)
    feed.show_trend(chart, data, None)
    note = chart.note.replace("\u202f", " ").replace("\u00a0", " ")
    period = str(card.details["caveat"].values["period"]).replace("\u202f", " ").replace("\u00a0", " ")
    assert "each point measured on its own" in note and f"the card: {period}, as one period" in note
