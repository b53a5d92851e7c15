"""A re-filter's KPIs read what a filter's rows have in common once (issue 15, session 17): the answers CSAT,
its mean and the satisfaction trend count are collected once per filter, and a filter's answers are taken from the
unfiltered answers by the filter's rows instead of being collected again from the cut frames, with the very frame
and numbers that collecting them again gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.metrics import engine, scores
from metrics_core.metrics.engine_inputs import Filters, prepared_for
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
    collected = []                      # (the answers of each inputs, collected or taken from the unfiltered ones)
    real = scores._answers
    monkeypatch.setattr(scores, "_answers", lambda i, field: collected.append(
        (field, len(i.frames["surveys"]))) or real(i, field))
    engine.compute_all(inputs, {}, Filters(categories={"status": ["closed"]}),
                       only=["csat", "csat_mean", "satisfaction_trend"])
    closed = int((tickets["status"] == "closed").sum())
    assert 0 < closed < len(tickets)
    assert collected.count(("csat_score", closed)) == 1
    assert collected.count(("csat_score", len(tickets))) == 1       # (the unfiltered ones, to pin the scale)


def surveys_and_tickets(n: int = 300, seed: int = 5) -> list:
    """A survey file and a ticket file with CSAT of its own (two files: neither leaves the other out)."""
    frames = make_frames(n, seed)
    surveys = frames["surveys"]
    tickets = frames["tickets"].drop(columns=["nps_score", "ces_score"])
    return [dataset("surveys", surveys, "surveys.csv"), dataset("tickets", tickets, "tickets.csv", also=["surveys"])]


def awkward_file(column: str, n: int = 400, seed: int = 8) -> pd.DataFrame:
    """A column whose type in the answers depends on the rows: ``visits``, a float column of whole numbers except
    on open tickets; ``note``, a text column written only on open tickets."""
    tickets = ticket_file(n, seed)
    if column == "visits":
        tickets["visits"] = np.where(tickets["status"] == "open", 1.5, 2.0)
    else:
        tickets["note"] = pd.Series(np.where(tickets["status"] == "open", "call back", None), dtype="string")
    return tickets


def awkward(column: str) -> list:
    return [dataset("tickets", awkward_file(column), "export.csv", also=["surveys"])]


def dated_otherwise() -> list:
    """Survey answers given on tickets (a ticket-like file read as surveys); a ticket export that also feeds the
    surveys, its answers all given on one day before its tickets were created (a date filter keeps its tickets
    but none of its answers, so its tickets' answers are no longer left out as the same file's); and another
    ticket export with answers."""
    answers = ticket_file(300, 6)
    answers["ticket_id"] = "S" + answers["ticket_id"].str[1:]
    answers["submitted_at"] = answers["created_at"]
    export = ticket_file(300, 7)
    export["submitted_at"] = pd.Series(pd.Timestamp("2023-06-01"), index=export.index).astype("datetime64[us]")
    other = ticket_file(200, 9)
    other["ticket_id"] = "U" + other["ticket_id"].str[1:]
    return [dataset("surveys", answers, "answers.csv"), dataset("tickets", export, "export.csv",
                                                                          also=["surveys"]),
            dataset("tickets", other, "other.csv")]


CASES = {"one file, two kinds": lambda: [dataset("tickets", ticket_file(), "export.csv", also=["surveys"])],
         "two files": surveys_and_tickets,
         "a float column": lambda: awkward("visits"), "a text column": lambda: awkward("note"),
         "answers dated otherwise": dated_otherwise}
FILTERS = {"closed": Filters(categories={"status": ["closed"]}),
           "chat by Ana": Filters(categories={"channel": ["chat"], "agent": ["Ana"]}),
           "spring": Filters("2024-03-01", "2024-05-31"),
           "March": Filters("2024-03-01", "2024-03-31"),
           "spring, email": Filters("2024-03-01", "2024-05-31", {"channel": ["email"]}),
           "nothing": Filters(categories={"status": ["no such status"]}),
           "one ticket": Filters(categories={"ticket_id": ["T00010"]}),
           "every status": Filters(categories={"status": ["open", "pending", "solved", "closed"]})}
SCORE_KPIS = ["csat", "csat_mean", "overall_satisfaction", "satisfaction_trend", "nps", "ces"]


def figures(results: dict) -> dict:
    return {m: (r.value, r.n, r.numerator, r.denominator, r.median, r.p90, r.reason, repr(r.details))
            for m, r in results.items()}


@pytest.mark.parametrize("case", CASES)
def test_a_filters_answers_taken_from_the_unfiltered_ones_are_the_answers_collected_from_its_cut(case) -> None:
    inputs = MetricInputs.from_bundle(DataBundle(CASES[case]()))
    prepared = prepared_for(inputs, {})
    for field in ("csat_score", "nps_score"):
        scores.collect_scores(prepared.inputs(None), field)          # (the unfiltered answers, as a window has them)
    taken = 0
    for name, filters in FILTERS.items():
        for aware in (False, True):
            cut = prepared.inputs(filters, aware=aware)
            for field in ("csat_score", "nps_score"):
                fast = scores._taken_answers(cut, field)
                collected = scores._collect_answers(cut, field).frame
                pd.testing.assert_frame_equal(scores.collect_scores(cut, field), collected, check_exact=True)
                if fast is not None:
                    taken += 1
                    pd.testing.assert_frame_equal(fast.frame, collected, check_exact=True)
    assert taken >= 5            # (the answers of most filters are taken, not collected again)


@pytest.mark.parametrize("column", ["visits", "note"])
def test_a_column_the_cut_would_type_otherwise_is_collected_again(column) -> None:
    prepared = prepared_for(MetricInputs.from_bundle(DataBundle(awkward(column))), {})
    whole = scores.collect_scores(prepared.inputs(None), "csat_score")
    closed = prepared.inputs(FILTERS["closed"])
    assert scores._taken_answers(closed, "csat_score") is None
    got = scores.collect_scores(closed, "csat_score")
    if column == "visits":                          # (whole numbers on closed tickets: a column to group by)
        assert "visits" not in whole.columns and "visits" in got.columns
    else:                                           # (no text left: pandas' objects, as collected from the cut)
        assert str(whole["note"].dtype) == "str" and got["note"].dtype == object


def test_a_file_whose_answers_a_date_filter_leaves_out_is_collected_again() -> None:
    """Its tickets' answers are no longer left out as the same file's: not the unfiltered answers' rows."""
    prepared = prepared_for(MetricInputs.from_bundle(DataBundle(dated_otherwise())), {})
    whole = scores.collect_scores(prepared.inputs(None), "csat_score")
    march = prepared.inputs(FILTERS["March"])
    assert scores._taken_answers(march, "csat_score") is None
    got = scores.collect_scores(march, "csat_score")
    assert "export.csv" not in set(whole.loc[whole["_kind"] == "tickets", "_dataset"])
    assert "export.csv" in set(got.loc[got["_kind"] == "tickets", "_dataset"])


@pytest.mark.parametrize("case", CASES)
def test_the_score_kpis_of_taken_answers_are_those_of_answers_collected_again(case, monkeypatch) -> None:
    """Every score KPI under each filter, answers taken against answers collected from the cut: 2-5 s a case."""
    datasets = CASES[case]()
    shared = MetricInputs.from_bundle(DataBundle(datasets))
    engine.compute_all(shared, {}, None, only=SCORE_KPIS)
    fast = {name: figures(engine.compute_all(shared, {}, filters, only=SCORE_KPIS)) for name, filters in FILTERS.items()}
    monkeypatch.setattr(scores, "_taken_answers", lambda inputs, field: None)
    for name, filters in FILTERS.items():
        again = figures(engine.compute_all(MetricInputs.from_bundle(DataBundle(datasets)), {}, filters,
                                           only=SCORE_KPIS))
        assert fast[name] == again, name
    assert any(value[0] is not None for value in fast["closed"].values())


class MaskReads(np.ndarray):
    """A boolean array that counts the times it is read through another boolean array (a mask picked by a mask)."""

    picked_by_mask = 0

    def __getitem__(self, key):
        if isinstance(key, np.ndarray) and key.dtype == bool:
            MaskReads.picked_by_mask += 1
        return np.asarray(self)[key]


def test_a_filters_answers_read_the_unfiltered_rows_masks_at_positions(monkeypatch) -> None:
    """The checks of a taken filter's answers read the unfiltered frame's masks (a million rows at the bench) at
    the other mask's positions, not picked by it: 4-5 ms each at 1,048,576 tickets (issue 15, session 19)."""
    inputs = shared_inputs(ticket_file())
    prepared = prepared_for(inputs, {})
    scores.collect_scores(prepared.inputs(None), "csat_score")
    cut = prepared.inputs(Filters(categories={"status": ["closed"]}))
    whole = cut.cut_from[0].known("answers:csat_score")
    counted = scores.Answers(whole.frame, tuple((kind, keep.view(MaskReads), columns)
                                                for kind, keep, columns in whole.rows))
    real_known, real_cut = MetricInputs.known, MetricInputs.rows_cut
    monkeypatch.setattr(MetricInputs, "known", lambda self, name: counted if (
        self is cut.cut_from[0] and name == "answers:csat_score") else real_known(self, name))
    monkeypatch.setattr(MetricInputs, "rows_cut", lambda self, kind: (
        rows.view(MaskReads) if isinstance(rows := real_cut(self, kind), np.ndarray) else rows))
    MaskReads.picked_by_mask = 0
    fast = scores._taken_answers(cut, "csat_score")
    assert fast is not None
    assert MaskReads.picked_by_mask == 0                # (main: two, the unfiltered answers' rows and the cut's)
    pd.testing.assert_frame_equal(fast.frame, scores._collect_answers(cut, "csat_score").frame, check_exact=True)
