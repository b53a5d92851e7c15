"""Cut frames of a long file, one at a time (issue 15, session 21). At 10,000,000 calls each cut frame is 0.65-0.9
GiB: the drop's trend lines, cancelled by a click, finished their 6,700,000-row cut while the click's values cut
another, and the window held both (4.46 GiB). Here every cut counts as big (``BIG_CUT_ROWS`` 1) and two cuts do
not fit in the rows kept."""

from __future__ import annotations

import threading
import time
import weakref

import pandas as pd
import pytest

from metrics_core import column_facts
from metrics_core.errors import OperationCancelled
from metrics_core.metrics import engine_inputs
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs
from metrics_core.progress import Reporter, checkpoint

from .builders import bundle_of, make_frames

WINDOW = Filters("2024-03-01", "2024-12-31")                  # (the trend lines' last months)
INBOUND = Filters(categories={"direction": ["inbound"]})      # (the click's filter)


@pytest.fixture
def calls(monkeypatch):
    frames = {"calls": make_frames(400, 21)["calls"]}
    shared = MetricInputs.from_bundle(bundle_of(frames))
    monkeypatch.setattr(engine_inputs, "BIG_CUT_ROWS", 1)
    monkeypatch.setattr(engine_inputs, "CACHE_ROWS_CAP", len(frames["calls"]))     # (room for one cut, not two)
    prepared = engine_inputs.Prepared(shared, {})
    made: list[weakref.ref] = []        # every cut frame made, and what was alive or being made as each began
    seen: list[tuple[int, int]] = []
    cutting = [0]
    real = engine_inputs.cut_rows

    def watched_cut(frame: pd.DataFrame, mask) -> pd.DataFrame:
        seen.append((cutting[0], sum(ref() is not None for ref in made)))
        cutting[0] += 1
        try:
            if threading.current_thread().name == "trend-lines":
                first_cut_begun.set()
                assert click_started.wait(5)
                time.sleep(0.2)             # (a long cut: the click's job asks for its own meanwhile)
            cut = real(frame, mask)
        finally:
            cutting[0] -= 1
        made.append(weakref.ref(cut))
        return cut

    first_cut_begun, click_started = threading.Event(), threading.Event()
    monkeypatch.setattr(engine_inputs, "cut_rows", watched_cut)
    return shared, prepared, seen, first_cut_begun, click_started


def _job(name: str, cancelled: threading.Event, work, out: dict) -> threading.Thread:
    def run() -> None:
        with Reporter(cancelled=cancelled.is_set).watching():
            try:
                out[name] = work()
            except OperationCancelled:
                out[name] = "cancelled"
    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def test_a_cancelled_jobs_cut_is_let_go_before_the_next_big_cut_is_made(calls):
    """The trend lines are cancelled while they cut; the click's values wait for that cut to be let go."""
    shared, prepared, seen, first_cut_begun, click_started = calls
    trend_cancel, click_cancel, out = threading.Event(), threading.Event(), {}
    trend = _job("trend-lines", trend_cancel, lambda: prepared.inputs(WINDOW), out)
    assert first_cut_begun.wait(5)
    trend_cancel.set()
    click = _job("click", click_cancel, lambda: len(prepared.inputs(INBOUND).frames["calls"]), out)
    click_started.set()
    trend.join(10), click.join(10)
    assert out == {"trend-lines": "cancelled", "click": int((shared.frames["calls"]["direction"] == "inbound").sum())}
    assert seen == [(0, 0), (0, 0)], seen        # (cuts being made, cuts alive) as each cut began


def test_a_cancelled_jobs_kept_cut_is_let_go_before_the_next_big_cut_is_made(calls):
    """The trend lines made their cut and work on it (a KPI's row terms) when the click cancels them: the click's
    cut waits until they let go of theirs at their next cancel check, and the filters kept let it go too."""
    shared, prepared, seen, _first, click_started = calls
    click_started.set()
    trend_cancel, click_cancel, out, holding = threading.Event(), threading.Event(), {}, threading.Event()

    def trend_lines() -> None:
        inputs = prepared.inputs(WINDOW)
        holding.set()
        while inputs is not None:           # (a KPI's terms, its cancel checks between steps)
            checkpoint()
            time.sleep(0.01)

    trend = _job("trend-lines", trend_cancel, trend_lines, out)
    assert holding.wait(5)
    trend_cancel.set()
    click = _job("click", click_cancel, lambda: len(prepared.inputs(INBOUND).frames["calls"]), out)
    trend.join(10), click.join(10)
    assert out["trend-lines"] == "cancelled" and out["click"] > 0
    assert seen == [(0, 0), (0, 0)], seen
    assert len(prepared._cache) >= 1 and prepared._copied() == out["click"]


def test_a_job_waiting_for_its_turn_to_cut_can_be_cancelled(calls):
    shared, prepared, seen, first_cut_begun, click_started = calls
    trend_cancel, click_cancel, out = threading.Event(), threading.Event(), {}
    trend = _job("trend-lines", trend_cancel, lambda: len(prepared.inputs(WINDOW).frames["calls"]), out)
    assert first_cut_begun.wait(5)
    click = _job("click", click_cancel, lambda: prepared.inputs(INBOUND), out)
    time.sleep(0.05)
    click_cancel.set()
    click.join(5)
    assert out == {"click": "cancelled"}, out       # (while the other job still cuts)
    click_started.set()
    trend.join(10)
    assert out["trend-lines"] > 0 and len(seen) == 1


def test_a_long_cut_notices_a_cancel_between_its_columns(monkeypatch):
    """Past ``KEPT_CODES_ROWS`` a cut was ``frame[rows]`` whole: a cancelled job's cut of 6,700,000 rows ran to
    its end. It is taken a column at a time, the same frame."""
    frame = make_frames(300, 22)["calls"]
    mask = (frame["direction"] == "inbound").to_numpy()
    monkeypatch.setattr(column_facts, "KEPT_CODES_ROWS", 10)
    cut = column_facts.cut_rows(frame, mask)
    pd.testing.assert_frame_equal(cut, frame[mask])
    checks = [0]

    def cancelled() -> bool:
        checks[0] += 1
        return checks[0] > 3
    with Reporter(cancelled=cancelled).watching(), pytest.raises(OperationCancelled):
        column_facts.cut_rows(frame, mask)
    assert checks[0] == 4


def test_each_kpis_row_terms_are_made_once_the_last_ones_are_let_go(monkeypatch):
    """The trend lines' row terms of a long file: the last KPI's kept terms go before the next KPI's are made."""
    from metrics_core.metrics import engine
    from metrics_core.metrics.registry import get_metric

    frames = {"calls": make_frames(400, 23)["calls"]}
    shared = MetricInputs.from_bundle(bundle_of(frames))
    monkeypatch.setattr(engine_inputs, "BIG_CUT_ROWS", 1)
    monkeypatch.setattr(engine_inputs, "TERMS_ROWS_KEPT", len(frames["calls"]))
    prepared = engine_inputs.prepared_for(shared, {})
    inputs = prepared.inputs(WINDOW)
    kept_while_made = []

    class Watched:
        def __init__(self, spec):
            self._spec = spec

        def __getattr__(self, name):
            return getattr(self._spec, name)

        def row_terms(self, inputs, params):
            kept_while_made.append(len(prepared._terms))
            return self._spec.row_terms(inputs, params)

    kpis = ("answer_rate", "abandonment_rate", "service_level")
    for metric_id in kpis:
        spec = get_metric(metric_id)
        assert prepared.row_terms(Watched(spec), inputs, engine.merge_params(spec, {})) is not None
    assert kept_while_made == [0, 0, 0] and len(prepared._terms) == 1
    trends = {m: engine.breakdown(shared, m, "month", {}, WINDOW) for m in kpis}
    for metric_id, trend in trends.items():
        fresh = engine.breakdown(bundle_of(frames), metric_id, "month", {}, WINDOW)
        assert len(trend) > 3 and [(p.key, p.value, p.n) for p in trend] == [(p.key, p.value, p.n) for p in fresh]


def test_kinds_of_one_file_count_its_rows_once_for_the_terms_kept(monkeypatch):
    """A ticket file that also feeds surveys is one frame: its KPIs' terms stay kept as before until the file
    itself is of the size where they make room first (the 1,048,576-row ticket file counted twice passed it)."""
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics import engine
    from metrics_core.metrics.registry import get_metric

    from .builders import dataset

    tickets = make_frames(200, 24)["tickets"]
    shared = MetricInputs.from_bundle(DataBundle([dataset("tickets", tickets, also=["surveys"])]))
    monkeypatch.setattr(engine_inputs, "BIG_CUT_ROWS", len(tickets) + 1)
    monkeypatch.setattr(engine_inputs, "TERMS_ROWS_KEPT", 2 * len(tickets))
    prepared = engine_inputs.prepared_for(shared, {})
    inputs = prepared.inputs(None)
    first, spec = get_metric("resolution_rate"), get_metric("csat")
    assert inputs.frames["tickets"] is inputs.frames["surveys"] and {"tickets", "surveys"} <= set(spec.kinds)
    assert prepared.row_terms(first, inputs, engine.merge_params(first, {})) is not None
    assert prepared.row_terms(spec, inputs, engine.merge_params(spec, {})) is not None
    assert len(prepared._terms) == 2


def test_a_big_cut_hands_the_heaps_free_memory_back_first(monkeypatch):
    """The window keeps freed memory for reuse, but a big cut's columns are mapped afresh (each over glibc's 32 MiB
    heap blocks): the kept memory is handed back before a big cut is made, and not before a small one."""
    frames = {"calls": make_frames(400, 21)["calls"]}
    shared = MetricInputs.from_bundle(bundle_of(frames))
    order: list[str] = []
    real = engine_inputs.cut_rows
    monkeypatch.setattr(engine_inputs, "give_back", lambda: order.append("give back"))
    monkeypatch.setattr(engine_inputs, "cut_rows", lambda frame, mask: order.append("cut") or real(frame, mask))
    monkeypatch.setattr(engine_inputs, "BIG_CUT_ROWS", 10_000)
    engine_inputs.Prepared(shared, {}).inputs(WINDOW)
    assert order == ["cut"]
    monkeypatch.setattr(engine_inputs, "BIG_CUT_ROWS", 1)
    order.clear()
    engine_inputs.Prepared(shared, {}).inputs(INBOUND)
    assert order == ["give back", "cut"]
