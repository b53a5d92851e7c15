"""The engine's caches are read by several worker threads at once (dashboard, charts, sparklines, export):
each value is computed once and the same inputs give the same numbers in every thread."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from metrics_core.metrics.engine import compute_all
from metrics_core.metrics.model import MetricInputs
from metrics_core.column_facts import _FACTS
from metrics_core.metrics.ticket_quality import _status_done

from .builders import GROUPS, make_frames


def test_a_derived_value_is_computed_once_when_threads_ask_at_the_same_time() -> None:
    inputs = MetricInputs({"surveys": pd.DataFrame({"nps_score": [10.0, 0.0]})})
    calls: list[int] = []
    start = threading.Barrier(6)

    def make() -> list[int]:
        calls.append(1)
        time.sleep(0.05)                 # a slow computation: the other threads arrive while it runs
        return [len(calls)]

    def ask(_: int) -> list[int]:
        start.wait()
        return inputs.derived("scores", make)

    with ThreadPoolExecutor(6) as pool:
        values = list(pool.map(ask, range(6)))
    assert len(calls) == 1
    assert all(v is values[0] for v in values)        # one shared value, not six copies


def test_a_derived_value_follows_a_replaced_frame() -> None:
    first = pd.DataFrame({"nps_score": [10.0]})
    inputs = MetricInputs({"surveys": first})
    assert inputs.derived("n", lambda: len(inputs.frames["surveys"])) == 1
    inputs.frames["surveys"] = pd.DataFrame({"nps_score": [10.0, 9.0, 0.0]})
    assert inputs.derived("n", lambda: len(inputs.frames["surveys"])) == 3


def test_the_status_answers_are_shared_by_threads_and_forgotten_with_their_column() -> None:
    status = pd.Series(["Solved", "open", None, "closed"] * 500, dtype="str")
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: _status_done(status), range(8)))
    for known, done in answers:
        assert known.tolist() == [True, True, False, True] * 500
        assert done.tolist() == [True, False, False, True] * 500
    key = id(np.asarray(status.array))
    assert key in _FACTS
    del status, answers
    assert key not in _FACTS


def test_threads_computing_every_kpi_from_the_same_inputs_agree_with_one_thread() -> None:
    inputs = MetricInputs(make_frames(400), groups=GROUPS)
    alone = {mid: r.value for mid, r in compute_all(inputs).items()}
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: {mid: r.value for mid, r in compute_all(inputs).items()}, range(4)))
    assert sum(v is not None for v in alone.values()) > 20
    for values in together:
        assert values.keys() == alone.keys()
        assert all(values[k] == alone[k] or (values[k] != values[k] and alone[k] != alone[k]) for k in alone)


class _SlowTerms:
    """A KPI whose row terms take as long as the test wants (a cancelled trend line's 85-184 ms pandas call)."""

    id = "slow"
    kinds = ("tickets",)            # (as a MetricSpec names the kinds it reads)

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()

    def row_terms(self, inputs: MetricInputs, params: dict) -> None:
        self.entered.set()
        self.release.wait(30)


def test_a_refilter_does_not_wait_for_work_another_thread_is_still_doing() -> None:
    """Session 15: while one thread is inside a long step of shared inputs (row terms, a column's codes), another
    cuts a new filter, reads codes and makes the codes of another column without waiting for it; order of
    events, not a time limit (the joins' timeouts only end a test that hangs)."""
    from metrics_core.column_facts import column_fact, text_codes
    from metrics_core.metrics.engine_inputs import Filters, prepared_for

    frames = make_frames(300, 7)
    shared = MetricInputs(frames, groups=GROUPS)
    prepared = prepared_for(shared, {})
    slow = _SlowTerms()
    other = pd.Series(["a", "b", None] * 50, dtype="str")
    held = pd.Series(["x", "y"] * 50, dtype="str")
    trend_line = threading.Thread(target=lambda: prepared.row_terms(slow, prepared.inputs(None), {}), daemon=True)
    fact_entered = threading.Event()

    def slow_fact() -> bool:
        fact_entered.set()
        return slow.release.wait(30)

    fact = threading.Thread(target=lambda: column_fact(held, "slow", slow_fact), daemon=True)
    order: list[str] = []

    def values() -> None:
        inputs = prepared.inputs(Filters(categories={"channel": ["email"]}))
        prepared.column_codes(inputs.frames["tickets"], "channel")
        text_codes(other)
        order.append("values" if not slow.release.is_set() else "values after the release")

    trend_line.start()
    assert slow.entered.wait(30)
    fact.start()
    assert fact_entered.wait(30)
    refilter = threading.Thread(target=values, daemon=True)
    refilter.start()
    refilter.join(30)
    order.append("release")
    slow.release.set()
    trend_line.join(30)
    fact.join(30)
    assert order == ["values", "release"]
