"""A cancel is noticed inside a KPI's long steps (``progress.checkpoint``: the frames cut, the answers collected, a
KPI's row terms), not only between KPIs and periods (issue 15: a re-filter right after a drop waited for the
cancelled trend-line job). Work cancelled at any of those points leaves nothing wrong behind in the shared
inputs: what is computed afterwards is what a fresh preparation gives."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.errors import OperationCancelled
from metrics_core.metrics import engine
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs
from metrics_core.progress import Reporter, checkpoint

from .builders import bundle_of, make_frames

KINDS = ("tickets", "surveys", "calls", "messages")
SOME = ("csat", "csat_mean", "nps", "first_response_time", "resolution_rate", "open_tickets", "satisfaction_trend",
        "peak_hours")      # (every KPI, cancelled at each of its questions, took minutes on a loaded machine)


def figures(results: dict) -> dict:
    return {m: (r.value, r.n, r.numerator, r.denominator, repr(r.details)) for m, r in results.items()}


def points(series: list) -> list:
    return [(p.key, p.value, p.n, p.numerator, p.denominator) for p in series]


def some_frames() -> dict[str, pd.DataFrame]:
    """Answers on a 1-10 scale, of which those by email stay at 5 or below (read alone: a 1-5 scale)."""
    frames = {k: f.copy() for k, f in make_frames(120, 7).items() if k in KINDS}
    for kind in ("tickets", "surveys"):
        frame = frames[kind]
        frame["csat_score"] = frame["csat_score"].where(frame["channel"].eq("email"), frame["csat_score"] * 2)
    return frames


class CancelAt:
    """A cancel probe that turns true at its ``at``-th question (and stays true)."""

    def __init__(self, at: int) -> None:
        self.at, self.asked = at, 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.at


def cancelled_at_every_point(work) -> int:
    """Run ``work(reporter)`` cancelled at its 1st, 2nd … question until it finishes; how many were cancelled."""
    at = 1
    while True:
        try:
            work(Reporter(cancelled=CancelAt(at)))
        except OperationCancelled:
            at += 1
            continue
        return at - 1


@pytest.mark.parametrize("filters", [Filters(categories={"channel": ["email"]}), Filters("2024-03-01", "2024-06-30")])
def test_values_cancelled_anywhere_leave_the_numbers_of_a_fresh_preparation(filters):
    """The scale of a filtered score KPI is detected inside the first filtered run from every answer: a cancel
    there must not be remembered as "no scale" (the email answers would then be read on a 1-5 scale)."""
    frames = some_frames()
    shared = MetricInputs.from_bundle(bundle_of(frames))
    cancels = cancelled_at_every_point(lambda reporter: engine.compute_all(shared, {}, filters, reporter, SOME))
    assert cancels > 2 * len(SOME)          # (more than one question a KPI: inside the KPIs too)
    assert figures(engine.compute_all(shared, {}, filters, only=SOME)) == figures(
        engine.compute_all(bundle_of(frames), {}, filters, only=SOME))


@pytest.mark.parametrize("metric_id", ["csat", "first_response_time", "request_volume", "open_tickets"])
def test_a_trend_cancelled_anywhere_leaves_the_numbers_of_a_fresh_preparation(metric_id):
    frames = some_frames()
    shared = MetricInputs.from_bundle(bundle_of(frames))
    window = Filters("2024-02-01", "2024-09-30")
    cancelled_at_every_point(lambda reporter: engine.breakdown(shared, metric_id, "month", {}, window, reporter))
    fresh = engine.breakdown(bundle_of(frames), metric_id, "month", {}, window)
    assert fresh and points(engine.breakdown(shared, metric_id, "month", {}, window)) == points(fresh)


def test_a_checkpoint_asks_the_reporter_the_thread_works_for():
    checkpoint()                                         # no work watched: nothing to ask
    outer = Reporter(cancelled=lambda: True)
    with outer.watching():
        with Reporter().watching():                      # (one that is never cancelled leaves the outer in place)
            with pytest.raises(OperationCancelled):
                checkpoint()
        with Reporter(cancelled=lambda: False).watching():
            checkpoint()
        with pytest.raises(OperationCancelled):
            checkpoint()
    checkpoint()
