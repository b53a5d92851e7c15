"""The cards on screen first (issue 15): ``compute_view(..., first=ids)`` publishes those KPIs before the others,
and both parts hold exactly the numbers of one plain computation of the view from a fresh bundle — on the demo
business and on real exports."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics.model import MetricInputs
from metrics_core.progress import Reporter
from metrics_core.report_view import KpiView, compute_view
from metrics_core.resources import demo_dir

FIRST = ("first_response_time", "csat", "nps", "answer_rate", "retention_rate", "resolution_time", "no_such_kpi")


def numbers(view) -> dict:
    """Every figure of every KPI: value, rows, sums, details, change and its interval."""
    out = {}
    for metric_id, result in view.results.items():
        outcome = view.outcomes[metric_id]
        change = None if outcome.change is None else outcome.change.to_dict()
        out[metric_id] = (result.value, result.n, result.numerator, result.denominator, repr(result.details),
                          change, repr(outcome.interval), outcome.target)
    return out


def check_views(paths, views) -> None:
    datasets = [load_dataset(p) for p in paths]
    bundle = DataBundle(datasets)
    inputs = MetricInputs.from_bundle(bundle)           # shared by every view, as the window's snapshot is
    params = {"global": {"currency": "EUR"}}
    for view in views:
        parts = []
        got = compute_view(bundle, params, view, Reporter(publish=parts.append), inputs=inputs, first=FIRST)
        plain = compute_view(DataBundle(list(datasets)), params, view)
        assert numbers(got) == numbers(plain), view
        assert list(got.results) == list(plain.results), view                      # the registry's order
        assert (got.previous, got.no_comparison_reason) == (plain.previous, plain.no_comparison_reason), view
        assert len(parts) == 1, view
        first = parts[0]
        assert set(first.results) == set(FIRST) - {"no_such_kpi"}, view
        assert numbers(first) == {m: numbers(plain)[m] for m in first.results}, view
        assert first.period == plain.period and first.previous == plain.previous, view
        if view.has_range and view.comparison != "none":
            assert any(first.outcomes[m].change is not None for m in first.results), view     # changes compared


def test_demo_business_first_part_and_rest_equal_a_plain_computation() -> None:
    """Two views of four demo files (tickets, surveys, calls, customers), each computed twice: 3-7 s on a
    loaded 2-core machine."""
    paths = [demo_dir() / name for name in ("tickets.csv", "survey_responses.csv", "calls.csv", "customers.csv")]
    check_views(paths, [
        KpiView(categories={"channel": ("email",)}),
        KpiView(pd.Timestamp("2026-08-01"), pd.Timestamp("2026-10-31"), {"channel": ("chat", "phone")},
                comparison="previous", targets={"csat": 85.0}),
    ])


@pytest.mark.parametrize("folder, name, categories", [
    ("tickets_kaggle_support", "customer_support_tickets.csv", {"channel": ("Email",)}),
    ("survey_nps_responses", "NPS_timeseries_data.csv", {}),
])
def test_real_exports_first_part_and_rest_equal_a_plain_computation(datasets_dir, folder, name, categories) -> None:
    """Two views each, computed twice: the ticket export 1.5-4 s on a loaded 2-core machine."""
    path = datasets_dir / folder / name
    dates = load_dataset(path).frame.select_dtypes("datetime").stack().dropna()
    middle = dates.min() + (dates.max() - dates.min()) / 2
    check_views([path], [KpiView(categories=categories),
                         KpiView(middle.normalize(), dates.max().normalize(), categories, comparison="previous")])
