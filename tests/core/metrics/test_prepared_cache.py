"""One set of engine inputs read under many filters (as the window does while its files stay loaded): the
same numbers as a fresh preparation per filter, and a bounded amount of filtered rows kept."""

from __future__ import annotations

import pandas as pd

from metrics_core.metrics import engine
from metrics_core.metrics.engine_inputs import CACHE_ROWS_FACTOR, Filters, filter_frame, prepared_for
from metrics_core.metrics.model import MetricInputs

from .builders import bundle_of, make_frames


def figures(results: dict) -> dict:
    return {m: (r.value, r.n, r.numerator, r.denominator, repr(r.details)) for m, r in results.items()}


FILTERS = [Filters(categories={"channel": ["email"]}),
           Filters("2024-03-01", "2024-05-31", {"channel": ["chat", "email"], "agent": ["Ana"]}),
           Filters(categories={"channel": ["email"]})]
KINDS = ("tickets", "surveys", "calls", "messages")


def some_frames(n: int, seed: int) -> dict[str, pd.DataFrame]:
    return {k: f for k, f in make_frames(n, seed).items() if k in KINDS}


def test_shared_inputs_give_the_numbers_of_a_fresh_preparation():
    """Every KPI under three filters, twice each: 2-6 s on a loaded 2-core machine."""
    frames = some_frames(300, 4)
    shared = MetricInputs.from_bundle(bundle_of(frames))
    for filters in FILTERS:
        again = engine.compute_all(shared, {}, filters)
        assert figures(again) == figures(engine.compute_all(bundle_of(frames), {}, filters)), filters


def test_filtered_rows_kept_stay_within_twice_the_data():
    frames = some_frames(200, 5)
    shared = MetricInputs.from_bundle(bundle_of(frames))
    prepared = prepared_for(shared, {})
    rows = sum(len(f) for f in shared.frames.values())
    for day in pd.date_range("2024-01-01", periods=40, freq="7D"):      # each filter copies about a quarter
        prepared.inputs(Filters(day, day + pd.Timedelta(days=90)))
    own = {id(f) for f in shared.frames.values()}
    kept = {id(f): len(f) for inputs in prepared._cache.values() for f in inputs.frames.values() if id(f) not in own}
    assert 0 < sum(kept.values()) <= CACHE_ROWS_FACTOR * rows
    assert len(prepared._cache) < 40
    latest = prepared.inputs(Filters(pd.Timestamp("2024-01-01") + pd.Timedelta(days=7 * 39),
                                     pd.Timestamp("2024-01-01") + pd.Timedelta(days=7 * 39 + 90)))
    assert all(len(f) == len(filter_frame(shared.frames[k], k, Filters(latest.period[0], latest.period[1]
                                                                             - pd.Timedelta(microseconds=1))))
               for k, f in latest.frames.items())


def test_kinds_of_one_file_share_its_cut_rows():
    tickets = make_frames(120, 6)["tickets"]
    from .builders import dataset
    from metrics_core.dataset import DataBundle

    shared = MetricInputs.from_bundle(DataBundle([dataset("tickets", tickets, also=["surveys"])]))
    assert shared.frames["tickets"] is shared.frames["surveys"]
    inputs = prepared_for(shared, {}).inputs(Filters(categories={"channel": ["email"]}))
    assert inputs.frames["tickets"] is inputs.frames["surveys"]
    assert (inputs.frames["tickets"]["channel"] == "email").all()
    aware = prepared_for(shared, {}).inputs(Filters(categories={"channel": ["email"]}), aware=True)
    assert aware.frames["tickets"] is inputs.frames["tickets"]       # no dates: the period-aware cut is the same


def test_the_score_scale_is_read_from_every_answer_once(monkeypatch):
    frames = some_frames(200, 7)
    shared = MetricInputs.from_bundle(bundle_of(frames))
    calls = []
    real = engine._detected_scale
    monkeypatch.setattr(engine, "_detected_scale", lambda *a: calls.append(a[0].id) or real(*a))
    first = engine.compute_metric(shared, "csat", {}, Filters(categories={"channel": ["email"]}))
    second = engine.compute_metric(shared, "csat", {}, Filters(categories={"channel": ["chat"]}))
    assert calls == ["csat"]
    assert first.value is not None and second.value is not None
    fresh = engine.compute_metric(bundle_of(frames), "csat", {}, Filters(categories={"channel": ["chat"]}))
    assert (second.value, second.details.get("scale")) == (fresh.value, fresh.details.get("scale"))


def test_the_trends_of_a_filter_group_its_rows_by_period_once(monkeypatch):
    """Each KPI computed per period on its rows grouped them by period again (40-60 ms a KPI at 700,000 tickets)."""
    from metrics_core.metrics import engine_inputs

    frames = some_frames(200, 8)
    shared = MetricInputs.from_bundle(bundle_of(frames))
    grouped = []
    real = engine_inputs._period_rows
    monkeypatch.setattr(engine_inputs, "_period_rows", lambda frame, kind, by: grouped.append((kind, by)) or
                        real(frame, kind, by))
    window = Filters("2024-02-01", "2024-09-30", {"channel": ["email", "chat"]})
    kpis = ("request_volume", "peak_hours", "agent_productivity")      # (computed per period on their rows)
    trends = {metric_id: engine.breakdown(shared, metric_id, "month", {}, window) for metric_id in kpis}
    assert grouped.count(("tickets", "month")) == 1
    for metric_id, trend in trends.items():
        fresh = engine.breakdown(bundle_of(frames), metric_id, "month", {}, window)
        assert len(trend) > 3 and [(p.key, p.value, p.n) for p in trend] == [(p.key, p.value, p.n) for p in fresh]


def test_a_kpi_asked_day_by_day_keeps_a_bounded_number_of_filters():
    """The window's NPS chart at day granularity asks the NPS of each day once (``desktop_app.jobs.nps_periods``).
    Bounded by rows alone, the cache kept every day of the demo survey file (a few rows each): 181 sets of inputs,
    111,684 Python memory blocks that stayed while the file was open (32 sets: 24,467), 476,000 for six demo files
    in the window; freed at the close, they left the pymalloc arenas they had taken pinned (session 18)."""
    import gc
    import sys

    from metrics_core.dataset import DataBundle
    from metrics_core.loading import load_dataset
    from metrics_core.metrics.engine_inputs import CACHE_KEPT
    from metrics_core.metrics.periods import next_start
    from metrics_core.resources import demo_dir

    shared = MetricInputs.from_bundle(DataBundle([load_dataset(demo_dir() / "survey_responses.csv")]))
    prepared = prepared_for(shared, {})
    engine.compute_metric(shared, "nps", {}, Filters())
    points = [p.key for p in engine.breakdown(shared, "nps", "day", {}, Filters()) if p.value is not None]
    assert len(points) > 3 * CACHE_KEPT
    gc.collect()
    before = sys.getallocatedblocks()
    def day(d):
        return Filters(pd.Timestamp(d), next_start(pd.Timestamp(d), "day"))

    values = [engine.compute_metric(shared, "nps", {}, day(d)).value for d in points]
    gc.collect()
    kept = sys.getallocatedblocks() - before
    assert len(prepared._cache) <= CACHE_KEPT + 1
    assert kept < 40_000, f"{kept:,} blocks kept by {len(prepared._cache)} filters"
    again = engine.compute_metric(shared, "nps", {}, day(points[0]))
    assert again.value == values[0] and all(v is not None for v in values)


def test_kept_row_terms_stay_within_their_rows(monkeypatch):
    """The cards' trend lines of a 10,000,000-row call file kept each KPI's per-row terms of its last eight
    months (at 2,000,000 rows eight KPIs' terms held 421 MiB): the terms kept are bounded by rows, the newest
    kept, and the trends are the same numbers."""
    from metrics_core.metrics import engine_inputs

    frames = some_frames(200, 9)
    shared = MetricInputs.from_bundle(bundle_of(frames))
    prepared = prepared_for(shared, {})
    calls = len(frames["calls"])
    monkeypatch.setattr(engine_inputs, "TERMS_ROWS_KEPT", calls, raising=False)
    window = Filters("2024-01-01", "2024-12-31")
    kpis = ("answer_rate", "abandonment_rate", "service_level", "average_handle_time")
    trends = {metric_id: engine.breakdown(shared, metric_id, "month", {}, window) for metric_id in kpis}
    terms = [t for _owner, t in prepared._terms.values() if getattr(t, "frame", None) is not None]
    assert len(terms) >= 1
    assert len(terms) == 1 or sum(len(t.frame) for t in terms) <= calls
    for metric_id, trend in trends.items():
        fresh = engine.breakdown(bundle_of(frames), metric_id, "month", {}, window)
        assert len(trend) > 3 and [(p.key, p.value, p.n) for p in trend] == [(p.key, p.value, p.n) for p in fresh]


def test_filtered_rows_kept_stay_within_a_cap_on_a_long_file(monkeypatch):
    """Twice the rows of a 10,000,000-row file is 20,000,000 rows of cut frames a window could keep (the
    trend lines' 6,700,000-row cut and one KPI's terms: 0.9 GiB there): the cut rows kept are capped as well;
    the latest filter stays."""
    from metrics_core.metrics import engine_inputs

    frames = some_frames(200, 5)
    shared = MetricInputs.from_bundle(bundle_of(frames))
    rows = sum(len(f) for f in shared.frames.values())
    monkeypatch.setattr(engine_inputs, "CACHE_ROWS_CAP", rows // 4, raising=False)
    prepared = engine_inputs.Prepared(shared, {})
    for day in pd.date_range("2024-01-01", periods=12, freq="7D"):
        latest = prepared.inputs(Filters(day, day + pd.Timedelta(days=90)))
    own = {id(f) for f in shared.frames.values()}
    kept = {id(f): len(f) for inputs in prepared._cache.values() for f in inputs.frames.values() if id(f) not in own}
    assert any(inputs is latest for inputs in prepared._cache.values())
    assert len(prepared._cache) == 1 or sum(kept.values()) <= rows // 4, kept
