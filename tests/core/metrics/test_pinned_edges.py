"""Rules that single-line changes of the code slipped past (issue 10, "Tests that pin the edges").

Every expectation is worked out by hand in the comment next to it, or taken from a published table
(named next to the values).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.reader import read_table
from metrics_core.ingest.sniff import sniff_delimiter
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.stats import wilson_interval


def _tickets(**columns) -> MetricInputs:
    n = len(next(iter(columns.values())))
    frame = pd.DataFrame({"ticket_id": [f"T{i}" for i in range(n)],
                          "created_at": pd.to_datetime(["2024-03-04 09:00"] * n)})
    for name, values in columns.items():
        frame[name] = values
    return MetricInputs({"tickets": frame})


# ---------------------------------------------------------------- FCR: zero agent replies
def test_fcr_a_resolved_ticket_with_zero_agent_replies_is_not_first_contact_resolved():
    # four solved tickets with 1, 0, 2, 1 agent replies: first-contact resolved are the two with exactly one
    # reply -> 2 / 4 = 50 % (counting "at most one" would give 75 %)
    inputs = _tickets(status=["solved"] * 4, agent_replies=[1.0, 0.0, 2.0, 1.0])
    result = compute_metric(inputs, "fcr")
    assert (result.numerator, result.denominator) == (2, 4)
    assert result.value == pytest.approx(50.0)


def test_fcr_zero_interactions_is_not_one_contact_either():
    inputs = _tickets(status=["solved"] * 3, interactions=[0.0, 1.0, 3.0])
    assert compute_metric(inputs, "fcr").value == pytest.approx(100 / 3)


# ---------------------------------------------------------------- SLA exactly at the target
def test_ticket_sla_met_when_the_first_response_is_exactly_at_the_target():
    # targets 1 h: responses after exactly 3,600 s (met), 3,601 s (missed), 3,599 s (met) -> 2 / 3
    first = pd.to_datetime(["2024-03-04 10:00:00", "2024-03-04 10:00:01", "2024-03-04 09:59:59"])
    inputs = _tickets(first_response_at=first)
    result = compute_metric(inputs, "sla_compliance", {"sla_compliance": {"targets": {"default": 3600}}})
    assert (result.numerator, result.denominator) == (2, 3)


def test_ticket_sla_on_resolution_exactly_at_the_target():
    resolved = pd.to_datetime(["2024-03-05 09:00", "2024-03-05 09:01"])      # 24 h (met) and 24 h 1 min (missed)
    inputs = _tickets(resolved_at=resolved)
    params = {"sla_compliance": {"measure": "resolution", "targets": {"default": 86400}}}
    assert compute_metric(inputs, "sla_compliance", params).value == pytest.approx(50.0)


def test_sla_exactly_at_the_target_with_the_files_own_target_column():
    first = pd.to_datetime(["2024-03-04 09:30", "2024-03-04 09:31"])
    inputs = _tickets(first_response_at=first, sla_first_response_s=[1800.0, 1800.0])
    assert compute_metric(inputs, "sla_compliance").value == pytest.approx(50.0)


def test_call_service_level_counts_an_answer_exactly_at_the_threshold():
    # 20 s threshold: waits 20 (within), 21 (not), 0 (within); one abandon after 20 s -> 2 of 4 offered
    calls = pd.DataFrame({"call_id": ["1", "2", "3", "4"],
                          "started_at": pd.to_datetime(["2024-01-01 09:00"] * 4),
                          "outcome": ["answered", "answered", "answered", "abandoned"],
                          "wait_s": [20.0, 21.0, 0.0, 20.0]})
    result = compute_metric(MetricInputs({"calls": calls}), "service_level", {"service_level": {"threshold_s": 20}})
    assert (result.numerator, result.denominator) == (2, 4)
    # answered + abandoned *after* the threshold: the abandon at exactly 20 s is not late -> 2 of 3
    late = compute_metric(MetricInputs({"calls": calls}), "service_level",
                          {"service_level": {"threshold_s": 20, "denominator": "answered_and_late_abandoned"}})
    assert (late.numerator, late.denominator) == (2, 3)


# ---------------------------------------------------------------- delimiter sniffer
SEMICOLON_WITH_COMMAS = ("Id;Comment;Score\n"
                         "1;slow, rude, late;4,5\n"
                         "2;late, again, sorry;3,5\n"
                         "3;bad, worse, worst;1,0\n")


def test_sniffer_prefers_consistent_fields_over_more_fields():
    # ";" gives 3 fields on every line; "," gives 4 on the data lines but 1 on the header -> ";"
    assert sniff_delimiter(SEMICOLON_WITH_COMMAS) == ";"


def test_semicolon_file_with_commas_in_text_reads_as_three_columns(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_text(SEMICOLON_WITH_COMMAS, encoding="utf-8")
    table = read_table(path)
    assert list(table.frame.columns) == ["Id", "Comment", "Score"]
    assert table.frame["Comment"].tolist() == ["slow, rude, late", "late, again, sorry", "bad, worse, worst"]
    assert table.frame["Score"].tolist() == [4.5, 3.5, 1.0]


# ---------------------------------------------------------------- abandonment denominator rules
def _calls(outcomes, waits=None, direction=None):
    n = len(outcomes)
    frame = pd.DataFrame({"call_id": [str(i) for i in range(n)],
                          "started_at": pd.to_datetime(["2024-01-01 09:00"] * n), "outcome": outcomes})
    if waits is not None:
        frame["wait_s"] = waits
    if direction is not None:
        frame["direction"] = direction
    return MetricInputs({"calls": frame})


def test_abandonment_denominator_is_offered_inbound_calls_with_a_known_outcome():
    # inbound: answered, abandoned, voicemail, blocked, no outcome; outbound: abandoned
    # offered = inbound with a known outcome = 4; abandoned among them = 1 -> 25 %
    inputs = _calls(["answered", "abandoned", "voicemail", "blocked", None, "abandoned"],
                    direction=["inbound"] * 5 + ["outbound"])
    result = compute_metric(inputs, "abandonment_rate")
    assert (result.numerator, result.denominator) == (1, 4)
    excluded = [(count, str(reason)) for count, reason in result.excluded]
    assert (1, "outbound or internal calls") in excluded and (1, "calls without an outcome") in excluded


def test_short_abandons_leave_both_numerator_and_denominator():
    # cut-off 10 s: abandons after 3 s (short: out of both), 10 s (not short: exactly at the cut-off),
    # 30 s and unknown wait (not known to be short); answered after 2 s stays offered -> 3 / 4
    inputs = _calls(["abandoned", "abandoned", "abandoned", "abandoned", "answered"], [3.0, 10.0, 30.0, np.nan, 2.0])
    result = compute_metric(inputs, "abandonment_rate", {"abandonment_rate": {"short_abandon_s": 10}})
    assert (result.numerator, result.denominator) == (3, 4)
    assert (1, "short abandons (under 10 s)") in [(count, str(reason)) for count, reason in result.excluded]
    plain = compute_metric(inputs, "abandonment_rate")
    assert (plain.numerator, plain.denominator) == (4, 5)


def test_abandonment_from_interval_rows_is_reweighted_not_averaged():
    # two intervals: 10 of 100 and 1 of 2 abandoned -> 11 / 102 (not the mean of 10 % and 50 %)
    rows = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-02"]), "offered": [100.0, 2.0],
                         "answered": [90.0, 1.0], "abandoned": [10.0, 1.0]})
    result = compute_metric(MetricInputs({"call_intervals": rows}), "abandonment_rate")
    assert result.value == pytest.approx(100 * 11 / 102)


# ---------------------------------------------------------------- Wilson interval, published values
# Newcombe R. G. (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
# methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score, no continuity correction).
NEWCOMBE_1998 = [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611),
                 (1, 29, 0.0061, 0.1718), (29, 29, 0.8830, 1.0000)]


@pytest.mark.parametrize("successes,n,low,high", NEWCOMBE_1998)
def test_wilson_interval_matches_newcombe_1998(successes, n, low, high):
    lo, hi = wilson_interval(successes, n)
    assert round(lo / 100, 4) == low and round(hi / 100, 4) == high


def test_wilson_interval_of_a_kpi_result():
    # 81 answered of 263 offered: the answer rate carries Newcombe's 25.53 % - 36.62 %
    inputs = _calls(["answered"] * 81 + ["abandoned"] * 182)
    result = compute_metric(inputs, "answer_rate")
    assert result.value == pytest.approx(100 * 81 / 263)
    assert (round(result.ci_low, 2), round(result.ci_high, 2)) == (25.53, 36.62)


def test_wilson_interval_without_answers():
    assert wilson_interval(0, 0) == (None, None)
