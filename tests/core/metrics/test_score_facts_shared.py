"""The score KPIs of one filter read their answers' scale and distribution once (issue 15, session 19): CSAT,
average CSAT, overall satisfaction and the satisfaction trend each counted the distribution of the same answers
again. The numbers stay those of the answers themselves."""

from __future__ import annotations

import numpy as np

from metrics_core.metrics import engine, surveys
from metrics_core.metrics.engine_inputs import Filters

from .test_refilter_terms_shared import shared_inputs, ticket_file

SCORE_KPIS = ["csat", "csat_mean", "overall_satisfaction", "satisfaction_trend"]


def test_a_filters_score_kpis_work_out_the_scale_and_distribution_of_its_answers_once(monkeypatch) -> None:
    tickets = ticket_file()
    inputs = shared_inputs(tickets)
    engine.compute_all(inputs, {}, Filters(), only=SCORE_KPIS)     # (the unfiltered answers, as the drop's view)
    counted = []
    real = surveys.in_scale
    monkeypatch.setattr(surveys, "in_scale", lambda values, scale: counted.append(len(values)) or real(values, scale))
    results = engine.compute_all(inputs, {}, Filters(categories={"status": ["closed"]}), only=SCORE_KPIS)
    answers = tickets.loc[(tickets["status"] == "closed") & tickets["csat_score"].notna(), "csat_score"]
    assert 0 < len(answers) < len(tickets)
    assert counted == [len(answers)]                   # once for the four KPIs (main: four times)
    scores = answers.to_numpy(dtype=float)             # the numbers, worked out from the rows themselves
    assert results["csat"].value == 100 * np.count_nonzero(scores >= 4) / len(scores)
    assert results["overall_satisfaction"].value == 100 * np.count_nonzero(scores == 5) / len(scores)
    assert results["csat_mean"].value == scores.mean()
    wanted = {f"{k:g}": int(np.count_nonzero(scores == k)) for k in sorted(set(scores.tolist()))}
    for kpi in ("csat", "csat_mean", "overall_satisfaction"):
        assert results[kpi].details["distribution"] == wanted
        assert results[kpi].details["scale"] == "1-5"


def test_the_shared_facts_are_not_changed_by_a_kpi() -> None:
    inputs = shared_inputs(ticket_file())
    first = engine.compute_all(inputs, {}, Filters(categories={"status": ["closed"]}), only=SCORE_KPIS)
    first["csat"].details["distribution"]["5"] = -1          # a reader changing its result's details
    closed = engine.prepared_for(inputs, {}).inputs(Filters(categories={"status": ["closed"]}))
    assert closed.known("score facts:csat_score:1-5") is not None        # (the scale pinned from every answer)
    _values, _scale, valid, distribution = surveys.score_facts(closed, "csat_score", "1-5")
    assert distribution["5"] > 0
    assert not valid.flags.writeable
    again = engine.compute_all(inputs, {}, Filters(categories={"status": ["closed"]}), only=["csat_mean"])
    assert again["csat_mean"].details["distribution"]["5"] == distribution["5"]
