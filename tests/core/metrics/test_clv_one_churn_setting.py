"""Customer lifetime value and Predictive CLV read churn with one setting each (as they share one lifespan):
the settings dialog showed "A churned flag covers (months)" and "Inactive for (days) counts as lost" on both KPIs'
pages, and Predictive CLV ignored Customer lifetime value's. Predictive CLV's own names stay command-line names
(they win when given), and settings and projects saved with them open with the one setting."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.params import migrated
from metrics_core.metrics.registry import get_metric

from .test_clv_period import _orders


def _frames() -> dict[str, pd.DataFrame]:
    """a buys monthly through 2024-2025, b monthly until May 2025, c every 50 days: 90 days without an order lose b
    (annual churn 1/3); 40 days lose c as well (1/2)."""
    rows = [("a", f"{y}-{m:02d}-15", 100.0) for y in (2024, 2025) for m in range(1, 13)]
    rows += [("b", f"2024-{m:02d}-10", 50.0) for m in range(1, 13)] + [("b", f"2025-{m:02d}-10", 50.0) for m in range(1, 6)]
    rows += [("c", str((pd.Timestamp("2024-01-05") + pd.Timedelta(days=50 * i)).date()), 80.0) for i in range(14)]
    return _orders(rows)


def _both(params: dict) -> tuple[float, float]:
    return tuple(compute_metric(MetricInputs(_frames()), kpi, params).value for kpi in ("clv", "clv_predictive"))


def test_predictive_clv_reads_churn_as_set_for_customer_lifetime_value() -> None:
    default, default_predictive = _both({})
    assert default == pytest.approx(default_predictive)                    # 1 / (1/3): three years
    clv, predictive = _both({"clv": {"inactivity_days": 40}})
    assert clv == pytest.approx(predictive) and clv == pytest.approx(default * 2 / 3)    # two years
    assert _both({"global": {"inactivity_days": 40}})[1] == pytest.approx(predictive)


def test_predictive_clvs_own_names_still_work_on_the_command_line() -> None:
    assert {p.name for p in get_metric("clv_predictive").params} >= {"churn_flag_months", "inactivity_days"}
    own = compute_metric(MetricInputs(_frames()), "clv_predictive", {"clv_predictive": {"inactivity_days": "40"}})
    assert own.value == pytest.approx(_both({"clv": {"inactivity_days": 40}})[1])
    wins = compute_metric(MetricInputs(_frames()), "clv_predictive",
                          {"clv": {"inactivity_days": 40}, "clv_predictive": {"inactivity_days": 90}})
    assert wins.value == pytest.approx(_both({})[1])


def test_one_setting_each_in_the_settings_and_saved_ones_are_migrated(tmp_path) -> None:
    shown = {kpi: {p.name for p in get_metric(kpi).params if p.shown} for kpi in ("clv", "clv_predictive")}
    assert shown["clv"] >= {"churn_flag_months", "inactivity_days"}
    assert not shown["clv_predictive"] & {"churn_flag_months", "inactivity_days", "lifespan_months"}
    assert migrated({"clv_predictive": {"inactivity_days": 40, "churn_flag_months": 6, "target": 900}}) == {
        "clv_predictive": {"target": 900}, "clv": {"inactivity_days": 40, "churn_flag_months": 6}}
    assert migrated({"clv": {"inactivity_days": 60}, "clv_predictive": {"inactivity_days": 40}})["clv"] == {
        "inactivity_days": 60}                                              # Customer lifetime value's own wins
    from metrics_core.project_file import read_project

    path = tmp_path / "old.kpidesk"
    path.write_text(json.dumps({"kpidesk_project": 1, "files": [],
                                "params": {"clv_predictive": {"inactivity_days": 40}}}), encoding="utf-8")
    assert read_project(path).params == {"clv_predictive": {}, "clv": {"inactivity_days": 40}}
