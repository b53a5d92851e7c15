"""Three CLV cards side by side on the demo — "CLV €4,197", "Historical CLV €95.12", "Predictive CLV €4,197 — the
same as CLV" — with nothing to tell the owner which to use, why two are equal and one is 44x smaller (s15-shots-b,
ro/sr 20/22). Each card's own line now begins with what it measures (spent per customer over the days vs.
expected per customer over a lifetime), the equal pair names its sameness, and the tooltips say which to use; the
deck's slide carries the same line. Metric ids and JSON fields are unchanged (contracts)."""

from __future__ import annotations

import pytest

from .conftest import wait_results


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def shop():
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.resources import demo_dir

    return load_bundle([str(demo_dir() / "orders.csv"), str(demo_dir() / "customers.csv")], None, {})


def test_each_clv_card_says_what_it_measures(qtbot, state, shop) -> None:
    from desktop_app.panels.dashboard import DashboardPanel

    dash = DashboardPanel(state)
    qtbot.addWidget(dash)
    dash.resize(1366, 900)
    for ds in shop.datasets:
        wait_results(qtbot, state, lambda ds=ds: state.add_dataset(ds))
    dash.show_all_box.setChecked(True)
    qtbot.wait(50)
    cards = {m: dash.cards[m] for m in ("clv", "clv_historical", "clv_predictive")}
    values = {m: _plain(c.value_label.text()) for m, c in cards.items()}
    assert values["clv"] == values["clv_predictive"] == "€4,197" and values["clv_historical"] == "€95.12"
    lines = {m: _plain(c.reason_label.text()) for m, c in cards.items()}
    assert all(not c.reason_label.isHidden() for c in cards.values())
    assert lines["clv"].startswith("expected per customer over a lifetime")
    assert lines["clv_historical"].startswith("spent per customer over")
    assert lines["clv_predictive"].startswith("expected over a lifetime: CLV counted by month")
    tips = {m: _plain(c.reason_label.toolTip()) for m, c in cards.items()}
    assert "Use it to judge what winning or keeping a customer is worth" in tips["clv"]
    assert "spent so far" in tips["clv_historical"] and "far smaller than the lifetime values" in tips["clv_historical"]
    assert "it equals Customer lifetime value" in tips["clv_predictive"]


def test_the_deck_and_json_keep_ids_and_fields_with_the_same_lines(shop) -> None:
    from metrics_core.export.build import build_report
    from metrics_core.report_view import KpiView

    report = build_report(shop, {}, view=KpiView(kpis=("clv", "clv_historical", "clv_predictive")))
    rows = {r.metric_id: r for r in report.kpis}
    assert _plain(rows["clv"].caveat) == "expected per customer over a lifetime, from orders of 1 May – 31 Oct 2026"
    assert _plain(rows["clv_historical"].caveat) == "spent per customer over 1 May – 31 Oct 2026"
    assert _plain(rows["clv_predictive"].caveat) == "expected over a lifetime: CLV counted by month"
    # the JSON result: the same ids and fields as before, the line in the caveat's text
    from metrics_core.metrics import engine
    from metrics_core.metrics.model import MetricInputs

    result = engine.compute_metric(MetricInputs.from_bundle(shop), "clv_predictive", {}, engine.Filters())
    data = result.to_dict()
    assert data["id"] == "clv_predictive" and {"lifespan_months", "monthly_transactions", "avg_order_value",
                                               "caveat"} <= set(data["details"])


def test_a_predictive_clv_with_its_own_lifespan_does_not_claim_to_equal_clv(shop) -> None:
    from metrics_core.metrics import engine
    from metrics_core.metrics.model import MetricInputs

    inputs = MetricInputs.from_bundle(shop)
    own = engine.compute_metric(inputs, "clv_predictive", {"clv_predictive": {"lifespan_months": 24}}, engine.Filters())
    clv = engine.compute_metric(inputs, "clv", {}, engine.Filters())
    assert own.value != pytest.approx(clv.value)
    assert "CLV" not in str(own.details["caveat"]) and "lifetime" in str(own.details["caveat"])
