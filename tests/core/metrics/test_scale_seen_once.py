"""The score scale a filtered KPI is read on is detected from every answer; after a computation over every row
(the window's first view) it is taken from that run instead of being detected again (issue 15: 0.1-0.3 s of the
first re-filter at a million tickets). The numbers stay those of inputs that detect it afresh."""

from __future__ import annotations

import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics import engine
from metrics_core.metrics.engine_inputs import Filters, prepared_for
from metrics_core.metrics.model import MetricInputs
from metrics_core.resources import demo_dir


def figures(results: dict) -> dict:
    return {m: (r.value, r.n, r.numerator, r.denominator, repr(r.details)) for m, r in results.items()}


def scales_known(inputs: MetricInputs) -> dict:
    return {key[1]: value for key, value in prepared_for(inputs, {})._remembered.items() if key[0] == "scale"}


@pytest.mark.parametrize("paths, filters", [
    (["tickets_kaggle_support/customer_support_tickets.csv"], Filters(categories={"channel": ["Email"]})),
    (["demo:survey_responses.csv", "demo:tickets.csv"], Filters("2026-09-01", "2026-09-30")),
])
def test_a_filter_after_a_run_over_every_row_gives_the_numbers_of_a_fresh_detection(datasets_dir, paths,
                                                                                   filters) -> None:
    """Each KPI three times over a small file: 1-3 s on a loaded 2-core machine."""
    datasets = [load_dataset(demo_dir() / p[5:] if p.startswith("demo:") else datasets_dir / p) for p in paths]
    shared = MetricInputs.from_bundle(DataBundle(datasets))
    engine.compute_all(shared, {})                               # every row: the scales are noted on the way
    seen = scales_known(shared)
    assert seen.get("csat") == "1-5", seen
    fresh = MetricInputs.from_bundle(DataBundle(list(datasets)))
    assert figures(engine.compute_all(shared, {}, filters)) == figures(engine.compute_all(fresh, {}, filters))
    detected = scales_known(fresh)                               # detected afresh there: the same scales
    assert {m: detected[m] for m in seen} == seen
