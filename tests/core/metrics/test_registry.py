"""Tests that loop over every KPI of the registry (both helpers' families)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics_core.metrics.engine import breakdown, compute_all, compute_metric
from metrics_core.metrics.model import FAMILIES, UNITS, MetricInputs
from metrics_core.metrics.registry import REGISTRY, get_metric

from .builders import GROUPS, bundle_of, make_frames

IDS = [s.id for s in REGISTRY]
FRAMES = make_frames()
AS_OF = pd.Timestamp("2025-01-01")
# KPIs without required fields: the field whose absence each must name
NEEDS = {"feedback_response_rate": ["feedback_answered", "responded_at"], "clv": ["amount", "revenue_per_period"],
         "clv_historical": ["amount", "total_revenue"], "clv_predictive": ["amount"],
         "engagement_score": ["engagement_inputs"], "iqs": ["criteria"],
         "self_service_success": ["resolved_without_agent", "escalated"]}
EXPECTED_IDS = ("csat csat_mean overall_satisfaction satisfaction_trend nps ces feedback_response_rate brand_attributes "
                "retention_rate churn_rate clv clv_historical clv_predictive repurchase_rate referral_rate "
                "conversion_after_contact engagement_score cash_flow benchmark_gap iqs employee_turnover "
                "self_service_usage self_service_success social_sentiment").split()


def inputs(frames: dict[str, pd.DataFrame]) -> MetricInputs:
    return MetricInputs(frames, as_of=AS_OF, groups=GROUPS)


@pytest.fixture(scope="module")
def full_results():
    return compute_all(inputs(FRAMES), {"benchmark_gap": {"benchmark": 50}, "clv_predictive": {"lifespan_months": 24}})


def test_registry_is_consistent():
    assert len(IDS) == len(set(IDS))
    families = {f for f, _ in FAMILIES}
    for spec in REGISTRY:
        assert spec.unit in UNITS and spec.family in families, spec.id
        assert set(spec.defaults()) == {p.name for p in spec.params}
        if spec.calculator is not None:
            assert spec.calculator_inputs, spec.id
    assert set(EXPECTED_IDS) <= set(IDS)


@pytest.mark.parametrize("metric_id", IDS)
def test_every_kpi_has_a_value_on_full_data(metric_id, full_results):
    result = full_results[metric_id]
    assert result.value is not None, (metric_id, result.reason)
    assert math.isfinite(result.value)
    assert result.metric_id == metric_id


@pytest.mark.parametrize("metric_id", IDS)
def test_empty_frames_give_no_value_with_a_reason(metric_id):
    empty = {k: f.iloc[:0] for k, f in FRAMES.items()}
    result = compute_metric(inputs(empty), metric_id)
    assert result.value is None and result.reason, metric_id


@pytest.mark.parametrize("metric_id", IDS)
def test_no_data_at_all_names_what_is_needed(metric_id):
    result = compute_metric(MetricInputs({}), metric_id)
    assert result.value is None and result.reason
    spec = get_metric(metric_id)
    for f in spec.required_fields:
        assert f in result.missing_fields


@pytest.mark.parametrize("metric_id", [s.id for s in REGISTRY if s.required_fields or s.id in NEEDS])
def test_a_missing_field_is_named(metric_id):
    spec = get_metric(metric_id)
    drop = list(spec.required_fields) or NEEDS[metric_id]
    frames = {}
    for k, f in FRAMES.items():
        g = f.drop(columns=[c for c in drop if c in f.columns])
        if "criteria" in drop:
            g = g.drop(columns=[c for c in g.columns if pd.api.types.is_numeric_dtype(g[c])])
        frames[k] = g
    if "customers" in frames and "engagement_inputs" in drop:
        frames["customers"] = frames["customers"][["customer_id", "segment"]]
    if spec.id in ("csat", "nps", "overall_satisfaction"):
        frames.pop("survey_buckets")
    result = compute_metric(inputs(frames), metric_id)
    assert result.value is None, metric_id
    assert set(drop) & set(result.missing_fields), (metric_id, result.missing_fields, result.reason)
    assert any(f in result.reason for f in drop), result.reason


@pytest.mark.parametrize("metric_id", IDS)
def test_shuffled_rows_give_the_same_value(metric_id, full_results):
    rng = np.random.default_rng(7)
    shuffled = {}
    for k, f in FRAMES.items():
        g = f.iloc[rng.permutation(len(f))]
        shuffled[k] = g.reset_index(drop=True) if k in ("tickets", "surveys") else g
    params = {"benchmark_gap": {"benchmark": 50}, "clv_predictive": {"lifespan_months": 24}}
    result = compute_metric(inputs(shuffled), metric_id, params)
    assert result.value == pytest.approx(full_results[metric_id].value, rel=1e-9, abs=1e-9), metric_id


RATIO_IDS = [s.id for s in REGISTRY if s.row_terms is not None]


# (KPI, column) pairs whose rows have no such column in FRAMES: their breakdown is empty, and only theirs
NO_SUCH_COLUMN = {("referral_rate", "agent"), ("cash_flow", "agent"), ("self_service_success", "agent"),
                  ("social_sentiment", "agent"), ("referral_rate", "channel"), ("cash_flow", "channel"),
                  ("iqs", "channel"), ("social_sentiment", "channel")}


@pytest.mark.parametrize("by", ["month", "agent", "channel"])
@pytest.mark.parametrize("metric_id", RATIO_IDS)
def test_ratio_breakdowns_add_up_to_the_total(metric_id, by, full_results):
    total = full_results[metric_id]
    points = breakdown(inputs(FRAMES), metric_id, by)
    kinds = [k for k in get_metric(metric_id).kinds if k in FRAMES]
    if (metric_id, by) in NO_SUCH_COLUMN:
        assert points == [] and not any(by in FRAMES[k].columns for k in kinds)
        return
    assert points, f"{metric_id} has no breakdown by {by}"
    terms = get_metric(metric_id).row_terms(inputs(FRAMES), _defaults(metric_id))
    if "den" not in terms.frame.columns:         # a sum KPI: the groups add up to the total
        assert sum(p.value for p in points) == pytest.approx(total.value, rel=1e-9)
        return
    assert sum(p.numerator for p in points) == pytest.approx(total.numerator, rel=1e-9), metric_id
    assert sum(p.denominator for p in points) == pytest.approx(total.denominator, rel=1e-9), metric_id
    for p in points:
        if p.value is not None and p.denominator:
            assert p.value == pytest.approx(terms.scale * p.numerator / p.denominator)


def _defaults(metric_id: str) -> dict:
    from metrics_core.metrics.params import merge_params

    return merge_params(get_metric(metric_id), None)


@pytest.mark.parametrize("metric_id,column", [("request_volume", "channel"), ("resolved_count", "agent"),
                                              ("brand_attributes", "segment"), ("cash_flow", "category")])
@pytest.mark.parametrize("by", ["month", "quarter", "column"])
def test_count_breakdowns_add_up_to_the_total(metric_id, column, by, full_results):
    points = breakdown(inputs(FRAMES), metric_id, column if by == "column" else by)
    assert len(points) >= 2
    assert sum(p.value or 0 for p in points) == pytest.approx(full_results[metric_id].value)


def test_a_column_the_kpi_does_not_read_gives_no_breakdown():
    assert breakdown(inputs(FRAMES), "cash_flow", "agent") == []


PROPORTIONS = [s.id for s in REGISTRY if s.unit == "%" and s.id not in
               ("complaint_growth", "employee_turnover", "satisfaction_trend")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(min_value=0, max_value=40), seed=st.integers(min_value=0, max_value=10_000))
def test_generated_data_keeps_ratios_in_range(n, seed):
    results = compute_all(inputs(make_frames(n, seed)))
    for metric_id in PROPORTIONS:
        value = results[metric_id].value
        assert value is None or -1e-9 <= value <= 100 + 1e-9, (metric_id, value)
    nps = results["nps"].value
    assert nps is None or -100 <= nps <= 100


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10), max_size=60),
       st.lists(st.integers(min_value=1, max_value=5), max_size=60))
def test_generated_scores_keep_nps_and_csat_in_range(nps_scores, csat_scores):
    frame = pd.DataFrame({"nps_score": pd.Series(nps_scores, dtype=float)})
    nps = compute_metric(MetricInputs({"surveys": frame}), "nps")
    if nps_scores:
        promoters = sum(s >= 9 for s in nps_scores)
        detractors = sum(s <= 6 for s in nps_scores)
        assert nps.value == pytest.approx(100 * (promoters - detractors) / len(nps_scores))
        assert -100 <= nps.value <= 100
    else:
        assert nps.value is None
    csat = compute_metric(MetricInputs({"surveys": pd.DataFrame({"csat_score": pd.Series(csat_scores, dtype=float)})}), "csat")
    assert csat.value is None or 0 <= csat.value <= 100
