"""A required field left unmapped never makes a KPI fail: it names the field instead.

The import dialog lets the owner import without a required field (it asks
first), so every KPI must cope with a frame of its kind that lacks one. The
window's soak found it: after a remap dropped "Offered" from an interval file,
the answer-rate sparkline raised ``KeyError: 'offered'`` inside its job.
"""

from __future__ import annotations

import dataclasses

import pytest

from metrics_core.catalogue import KINDS
from metrics_core.metrics import engine
from metrics_core.metrics.registry import REGISTRY

from .builders import bundle_of, make_frames

FRAMES = make_frames(n=60)
CASES = [(k.name, f) for k in KINDS for f in k.required_fields() if f in FRAMES[k.name].columns]


@pytest.mark.parametrize(("kind", "field"), CASES, ids=[f"{k}-{f}" for k, f in CASES])
def test_no_kpi_fails_without_a_required_field(kind, field):
    bundle = bundle_of({kind: FRAMES[kind].drop(columns=[field])})
    failed = {m: str(r.reason) for m, r in engine.compute_all(bundle).items() if (r.details or {}).get("failed")}
    assert failed == {}


@pytest.mark.parametrize(("kind", "metric_id"), [("call_intervals", "answer_rate"), ("call_intervals", "service_level"),
                                                 ("call_intervals", "abandonment_rate"), ("call_intervals", "staffing"),
                                                 ("calls", "agent_productivity")])
def test_the_missing_required_field_is_named(kind, metric_id):
    field = {"call_intervals": "offered", "calls": "started_at"}[kind]
    result = engine.compute_metric(bundle_of({kind: FRAMES[kind].drop(columns=[field])}), metric_id)
    assert result.value is None and field in result.missing_fields


def test_a_kpi_failing_in_one_period_gives_an_empty_point_not_a_failed_breakdown(monkeypatch):
    spec = next(s for s in REGISTRY if s.id == "staffing")     # computed per period slice, no row terms

    def broken(inputs, params):
        raise KeyError("offered")
    monkeypatch.setattr(engine, "get_metric", lambda metric_id: dataclasses.replace(spec, compute=broken))
    points = engine.breakdown(bundle_of({"call_intervals": FRAMES["call_intervals"]}), "staffing", "month")
    assert points and all(p.value is None for p in points)
