"""A re-filter's KPIs read what a filter's rows have in common once (issue 15, session 17): the answers CSAT,
its mean and the satisfaction trend count are collected once per filter, and a filter's answers are taken from the
unfiltered answers by the filter's rows instead of being collected again from the cut frames, with the very frame
and numbers that collecting them again gives."""

from __future__ import annotations

import pandas as pd

from metrics_core.dataset import DataBundle
from metrics_core.metrics import engine, scores
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs

from .builders import dataset, make_frames


def ticket_file(n: int = 400, seed: int = 3) -> pd.DataFrame:
    """A ticket export with a satisfaction score, which feeds the tickets and the surveys (as the bench's file)."""
    tickets = make_frames(n, seed)["tickets"].drop(columns=["nps_score", "ces_score"])
    tickets.loc[tickets.index % 7 == 0, "csat_score"] = None        # tickets without an answer
    return tickets


def shared_inputs(tickets: pd.DataFrame) -> MetricInputs:
    return MetricInputs.from_bundle(DataBundle([dataset("tickets", tickets, "export.csv", also=["surveys"])]))


def test_a_filter_collects_its_answers_once_for_csat_and_the_satisfaction_trend(monkeypatch) -> None:
    tickets = ticket_file()
    inputs = shared_inputs(tickets)
    collected = []
    real = scores._collect_scores
    monkeypatch.setattr(scores, "_collect_scores", lambda i, field: collected.append(
        (field, len(i.frames["surveys"]))) or real(i, field))
    engine.compute_all(inputs, {}, Filters(categories={"status": ["closed"]}),
                       only=["csat", "csat_mean", "satisfaction_trend"])
    closed = int((tickets["status"] == "closed").sum())
    assert 0 < closed < len(tickets)
    assert collected.count(("csat_score", closed)) <= 1
