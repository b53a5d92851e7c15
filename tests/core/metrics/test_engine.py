"""The engine: filters, parameters, targets, progress, breakdowns, comparisons; periods and stats."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.errors import OperationCancelled, ParameterError
from metrics_core.metrics import engine
from metrics_core.metrics import periods as P
from metrics_core.metrics.engine import Filters, breakdown, compare, compute_all, compute_metric
from metrics_core.metrics.model import MetricInputs, MetricSpec
from metrics_core.metrics.stats import nps_margin_of_error, quantiles, wilson_interval
from metrics_core.progress import Reporter

from .builders import bundle_of, make_frames


def survey_inputs() -> MetricInputs:
    # January: 10, 10, 0 (NPS 33.3); February: 10, 8 (NPS 50); March: 0 (NPS -100)
    frame = pd.DataFrame({
        "submitted_at": pd.to_datetime(["2024-01-03", "2024-01-20", "2024-01-31 23:00", "2024-02-10", "2024-02-11",
                                        "2024-03-01"], format="ISO8601").astype("datetime64[us]"),
        "nps_score": [10.0, 10.0, 0.0, 10.0, 8.0, 0.0],
        "channel": pd.Series(["email", "chat", "email", "email", "chat", None], dtype="str")})
    return MetricInputs({"surveys": frame})


def test_date_filter_includes_the_whole_last_day():
    result = compute_metric(survey_inputs(), "nps", filters=Filters("2024-01-01", "2024-01-31"))
    assert result.n == 3 and result.value == pytest.approx(100 / 3)


def test_category_filter_on_any_column():
    result = compute_metric(survey_inputs(), "nps", filters=Filters(categories={"channel": ["chat"]}))
    assert result.n == 2 and result.value == pytest.approx(50.0)
    none = compute_metric(survey_inputs(), "nps", filters=Filters(categories={"channel": ["phone"]}))
    assert none.value is None and none.reason


def test_bad_dates_and_reversed_ranges_are_parameter_errors():
    with pytest.raises(ParameterError, match="not a date"):
        compute_metric(survey_inputs(), "nps", filters=Filters("yesterday-ish"))
    with pytest.raises(ParameterError, match="before it starts"):
        compute_metric(survey_inputs(), "nps", filters=Filters("2024-02-01", "2024-01-01"))


def test_unknown_metric_and_parameter_names_are_clear_errors():
    with pytest.raises(ParameterError, match="no KPI called “nope”"):
        compute_metric(survey_inputs(), "nope")
    with pytest.raises(ParameterError, match="csat has no parameter “treshold”; its parameters are: scale, threshold"):
        compute_metric(survey_inputs(), "nps", {"csat": {"treshold": 4}})
    with pytest.raises(ParameterError, match="no KPI called “cast”"):
        compute_all(survey_inputs(), {"cast": {"threshold": 4}})
    with pytest.raises(ParameterError, match="must be one of"):
        compute_metric(survey_inputs(), "ces", {"ces": {"direction": "sideways"}})
    with pytest.raises(ParameterError, match="must be a number"):
        compute_metric(survey_inputs(), "csat", {"csat": {"threshold": "four"}})


def test_targets_and_benchmarks_are_reported():
    params = {"nps": {"target": 50, "benchmark": 30}, "global": {"targets": {"csat": 80}}}
    result = compute_metric(survey_inputs(), "nps", params)
    assert result.details["target"] == 50 and result.details["target_met"] is False
    assert result.details["benchmark_gap"] == pytest.approx(result.value - 30)
    assert result.details["benchmark_ratio"] == pytest.approx(result.value / 30)


def test_compute_all_reports_progress_and_can_be_cancelled():
    seen = []
    results = compute_all(survey_inputs(), reporter=Reporter(lambda f, t: seen.append((f, t))))
    assert results["nps"].value is not None and results["csat"].value is None
    assert seen[0][0] == 0.0 and seen[-1] == (1.0, "KPIs computed") and len(seen) == len(results) + 1
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    calls = []
    with pytest.raises(OperationCancelled):
        compute_all(survey_inputs(), reporter=Reporter(lambda f, t: calls.append(f), lambda: len(calls) > 3))


def test_a_failing_kpi_does_not_stop_the_others():
    def broken(inputs, params):
        raise ZeroDivisionError("boom")

    spec = MetricSpec("broken", "Broken", "social", "%", True, ("surveys",), (), "x", "+", broken)
    result = engine._safe_run(spec, survey_inputs(), {})
    assert result.value is None and "ZeroDivisionError" in result.reason


def test_breakdown_by_period_and_category_recomputes_sums():
    months = breakdown(survey_inputs(), "nps", "month")
    assert [(p.label, p.n) for p in months] == [("2024-01", 3), ("2024-02", 2), ("2024-03", 1)]
    assert [p.value for p in months] == pytest.approx([100 / 3, 50.0, -100.0])
    channels = {p.label: p.value for p in breakdown(survey_inputs(), "nps", "channel")}
    assert channels == pytest.approx({"chat": 50.0, "email": 100 / 3, "(none)": -100.0})
    weeks = breakdown(survey_inputs(), "nps", "week")
    assert weeks[0].label == "2024-W01" and weeks[0].key == pd.Timestamp("2024-01-01")
    with pytest.raises(ParameterError, match="No loaded file has a column “shoe_size”"):
        breakdown(survey_inputs(), "nps", "shoe_size")


def test_breakdown_of_a_period_aware_kpi_uses_each_period():
    customers = pd.DataFrame({"customer_id": pd.Series(list("abcd"), dtype="str"),
                              "joined_at": pd.to_datetime(["2023-06-01"] * 4).astype("datetime64[us]"),
                              "churned_at": pd.to_datetime(["2024-01-15", "2024-02-15", None, None]).astype("datetime64[us]")})
    points = breakdown(MetricInputs({"customers": customers}), "churn_rate", "month",
                       filters=Filters("2024-01-01", "2024-02-29"))
    assert [(p.label, p.value) for p in points] == [("2024-01", 25.0), ("2024-02", pytest.approx(100 / 3))]


def test_compare_with_the_previous_equal_period_and_last_year():
    frame = pd.DataFrame({"submitted_at": pd.to_datetime(["2023-03-05", "2024-02-05", "2024-03-05", "2024-03-06"]).astype("datetime64[us]"),
                          "csat_score": [1.0, 5.0, 5.0, 1.0]})
    inputs = MetricInputs({"surveys": frame})
    march = Filters("2024-03-01", "2024-03-31")
    change = compare(inputs, "csat", filters=march)
    assert (change.current, change.previous) == (50.0, 100.0)
    assert change.absolute == -50.0 and change.relative == -50.0
    assert change.previous_from == pd.Timestamp("2024-02-01") and change.previous_to == pd.Timestamp("2024-02-29")
    yearly = compare(inputs, "csat", filters=march, against="last_year")
    assert yearly.previous == 0.0 and yearly.previous_from == pd.Timestamp("2023-03-01")
    assert yearly.relative is None                                  # from 0: no relative change
    # no range: the last complete month of the data (March 2024 is not complete) against the one before
    auto = compare(inputs, "csat")
    assert auto.period_from == pd.Timestamp("2024-02-01") and auto.current == 100.0
    assert auto.previous_from == pd.Timestamp("2024-01-01") and auto.previous is None
    assert auto.to_dict()["period_to"] == "2024-02-29"


def test_as_of_defaults_to_the_latest_timestamp_and_can_be_set():
    tickets = make_frames(40, 3)["tickets"]
    inputs = engine.Prepared(bundle_of({"tickets": tickets})).inputs(None)
    assert inputs.as_of == tickets[[c for c in tickets.columns if str(tickets[c].dtype).startswith("datetime")]].max().max()
    chosen = engine.Prepared(bundle_of({"tickets": tickets}), {"as_of": "2024-05-01"}).inputs(None)
    # Audit correction (was midnight 2024-05-01 00:00): a chosen date means the whole day, like the inclusive
    # "to" date of a filter and like churn's period end (as_of.normalize() + 1 day); read as midnight, open
    # tickets "as of May 1" left out everything created or solved on May 1.
    assert chosen.as_of == pd.Timestamp("2024-05-01 23:59:59.999999")


def test_periods_labels_and_steps():
    assert P.label(pd.Timestamp("2024-12-30"), "week") == "2025-W01"
    assert P.label(pd.Timestamp("2024-07-01"), "quarter") == "Q3 2024"
    assert P.next_start(pd.Timestamp("2024-01-31"), "month") == pd.Timestamp("2024-02-29")
    assert P.previous_start(pd.Timestamp("2024-01-01"), "quarter") == pd.Timestamp("2023-10-01")
    assert P.same_period_last_year(pd.Timestamp("2024-02-29"), pd.Timestamp("2024-03-01"))[0] == pd.Timestamp("2023-02-28")
    assert P.period_range(pd.Timestamp("2024-01-15"), pd.Timestamp("2024-03-01"), "month") == [
        pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-01")]
    s = pd.Series(pd.to_datetime(["2024-03-10 23:59", None]).astype("datetime64[us]"))
    starts = P.period_start(s, "week")
    assert starts.iloc[0] == pd.Timestamp("2024-03-04") and pd.isna(starts.iloc[1])
    with pytest.raises(ParameterError):
        P.period_start(s, "fortnight")


def test_stats_by_hand():
    lo, hi = wilson_interval(0, 10)
    assert lo == 0.0 and hi == pytest.approx(27.75, abs=0.01)
    assert nps_margin_of_error(0.5, 0.5, 100) == pytest.approx(1.96 * (1.0 / 100) ** 0.5 * 100)
    assert quantiles([]) == (None, None)


def test_compute_all_on_a_bundle_matches_single_kpis():
    frames = make_frames(60, 5)
    bundle = bundle_of(frames)
    results = compute_all(bundle)
    assert results["nps"].value == pytest.approx(compute_metric(bundle, "nps").value)
    # NPS by hand over every score column (surveys, tickets, calls)
    scores = pd.concat([frames[k]["nps_score"] for k in ("surveys", "tickets", "calls")])
    expected = 100 * ((scores >= 9).sum() - (scores <= 6).sum()) / len(scores)
    assert results["nps"].value == pytest.approx(expected) and results["nps"].n == len(scores)


def test_bucket_breakdown_by_region_reweights_by_responses():
    frames = make_frames(20, 1)
    points = {p.label: p for p in breakdown(MetricInputs({"survey_buckets": frames["survey_buckets"]}), "nps", "region")}
    # AK rows: (70-5)·100 and (70-6)·200 → (6500 + 12800) / 300
    assert points["AK"].value == pytest.approx((65 * 100 + 64 * 200) / 300)
    assert points["AK"].denominator == 300


def test_compare_a_period_aware_kpi():
    customers = pd.DataFrame({"customer_id": pd.Series(list("abcdef"), dtype="str"),
                              "joined_at": pd.to_datetime(["2023-01-01"] * 6).astype("datetime64[us]"),
                              "churned_at": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-02-11", None, None, None]
                                                           ).astype("datetime64[us]")})
    change = compare(MetricInputs({"customers": customers}), "churn_rate", filters=Filters("2024-02-01", "2024-02-29"))
    assert change.current == pytest.approx(40.0)       # 2 of the 5 left at 1 February
    assert change.previous == pytest.approx(100 / 6)   # 1 of 6 in January
    assert change.absolute == pytest.approx(40.0 - 100 / 6)


def test_filters_accept_missing_categories():
    assert Filters(categories=None).categories == {}
    assert compute_metric(survey_inputs(), "nps", filters=Filters(None, None, None)).n == 6


def test_compare_whole_months_and_quarters_step_back_by_months():
    frame = pd.DataFrame({"submitted_at": pd.to_datetime(["2024-01-15", "2024-04-15", "2024-06-20"]).astype("datetime64[us]"),
                          "csat_score": [5.0, 1.0, 5.0]})
    q2 = compare(MetricInputs({"surveys": frame}), "csat", filters=Filters("2024-04-01", "2024-06-30"))
    assert (q2.previous_from, q2.previous_to) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-31"))
    assert (q2.current, q2.previous) == (50.0, 100.0)
    days = compare(MetricInputs({"surveys": frame}), "csat", filters=Filters("2024-04-10", "2024-04-19"))
    assert (days.previous_from, days.previous_to) == (pd.Timestamp("2024-03-31"), pd.Timestamp("2024-04-09"))


def test_missing_field_message_names_the_field_when_only_another_kind_is_loaded():
    import pandas as pd

    from metrics_core.metrics.engine import compute_metric
    from metrics_core.metrics.model import MetricInputs

    messages = pd.DataFrame({"ticket_id": ["1", "1"], "sent_at": pd.to_datetime(["2026-05-01 09:00", "2026-05-01 09:30"]),
                             "author_role": ["customer", "agent"]})
    result = compute_metric(MetricInputs({"messages": messages}), "first_response_time")
    assert result.value is None
    assert result.missing_fields == ["created_at"]
    assert result.reason == "needs the field 'created_at' from a file of tickets; none is loaded"


def test_the_same_inputs_computed_from_several_threads_agree_with_one_thread():
    """The engine's caches are shared by worker threads (dashboard, charts, export) and must stay consistent."""
    from concurrent.futures import ThreadPoolExecutor

    from metrics_core.metrics.engine import compute_all
    from metrics_core.metrics.model import MetricInputs

    from .builders import make_frames

    inputs = MetricInputs(make_frames(), as_of=pd.Timestamp("2025-01-01"))
    alone = {k: r.value for k, r in compute_all(MetricInputs(make_frames(), as_of=pd.Timestamp("2025-01-01"))).items()}
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: {k: r.value for k, r in compute_all(inputs).items()}, range(8)))
    for run in runs:
        assert run.keys() == alone.keys()
        for key, value in alone.items():
            assert run[key] == pytest.approx(value, nan_ok=True) if isinstance(value, float) else run[key] == value, key
