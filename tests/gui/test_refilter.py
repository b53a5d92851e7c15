"""Re-filtering the dashboard: every number equals a fresh computation of the same view, whatever the
window remembered (the engine inputs it shares between jobs and filters, the last filters' results)."""

from __future__ import annotations

import threading

import pandas as pd

from desktop_app.filter_state import FilterState
from metrics_core.dataset import DataBundle
from metrics_core.metrics import engine
from metrics_core.report_view import compute_view

from .conftest import wait_results
from .helpers import make_dataset, surveys_frame, tickets_frame


def numbers(results) -> dict:
    """Every figure a card shows (``results``: the window's ResultSet or a ViewResults): value, rows, sums,
    details, and the change with its interval."""
    outcomes = results.view.outcomes if hasattr(results, "outcome") else results.outcomes
    out = {}
    for metric_id, result in results.results.items():
        outcome = outcomes.get(metric_id)
        change = None if outcome is None or outcome.change is None else outcome.change.to_dict()
        interval = None if outcome is None else repr(outcome.interval)
        out[metric_id] = (result.value, result.n, result.numerator, result.denominator, repr(result.details),
                          change, interval)
    return out


def fresh(datasets, state) -> dict:
    """The same view computed from a new bundle: nothing shared, nothing remembered."""
    view = compute_view(DataBundle(list(datasets)), state.engine_params(), state.view())
    return numbers(view)


def test_every_refilter_equals_a_fresh_computation(qtbot, state) -> None:
    """Six views, each computed twice (the window, then afresh): 10-25 s on a loaded 2-core machine."""
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_frame())
    datasets = [tickets, surveys]
    wait_results(qtbot, state, lambda: (state.add_dataset(tickets), state.add_dataset(surveys)))
    march = pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-31")
    base = state.filters
    steps = [base.with_category("channel", ["Email"]),
             base.with_category("channel", ["Email", "Chat"]).with_dates(*march),
             base,
             base.with_category("channel", ["Email"])]
    seen = {}
    for filters in steps:
        results = wait_results(qtbot, state, lambda f=filters: state.set_filters(f))
        assert numbers(results) == fresh(datasets, state), filters
        if repr(filters) in seen:           # a filter shown before: its results, not a new computation
            assert results is seen[repr(filters)]
        seen[repr(filters)] = results
    results = wait_results(qtbot, state, lambda: state.set_comparison("last_year"))
    assert numbers(results) == fresh(datasets, state)


def test_a_filtered_dashboard_equals_the_kpis_of_the_filtered_rows(qtbot, state) -> None:
    """KPIs of the rows alone (no score scale or period read from all the data) are those of the files cut
    to those rows beforehand."""
    tickets_all, surveys_all = tickets_frame(), surveys_frame()
    tickets = make_dataset("tickets", "tickets", tickets_all, ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_all)
    wait_results(qtbot, state, lambda: (state.add_dataset(tickets), state.add_dataset(surveys)))
    results = wait_results(qtbot, state, lambda: state.filter_by("channel", "Email"))
    cut = DataBundle([make_dataset("tickets", "tickets", tickets_all[tickets_all["channel"] == "Email"], ["surveys"]),
                      make_dataset("surveys", "surveys", surveys_all[surveys_all["channel"] == "Email"])])
    expected = engine.compute_all(cut)
    for metric_id in ("request_volume", "first_response_time", "resolution_time", "nps"):
        assert expected[metric_id].value is not None, metric_id
        assert results.results[metric_id].value == expected[metric_id].value, metric_id
        assert results.results[metric_id].n == expected[metric_id].n, metric_id


def test_charts_wait_for_the_values_and_trend_lines_for_the_charts(qtbot, state) -> None:
    """The three jobs run one after the other (they share the GIL): values, then charts, then trend lines."""
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    wait_results(qtbot, state, lambda: state.add_dataset(tickets))
    state.select_metric("request_volume")
    qtbot.waitUntil(lambda: not state.chart_runner.is_busy() and not state.sparkline_runner.is_busy(), timeout=20000)
    order = []
    state.results_changed.connect(lambda _r: order.append("values"))
    state.chart_runner.started.connect(lambda _t: order.append("charts started"))
    state.charts_changed.connect(lambda _d: order.append("charts"))
    state.sparkline_runner.started.connect(lambda _t: order.append("trend lines started"))
    with qtbot.waitSignal(state.sparklines_changed, timeout=20000):
        state.set_filters(FilterState().with_category("channel", ["Email"]))
        state.select_metric("first_response_time")          # asked while the values are still to come
        assert not state.chart_runner.is_busy()
    assert order == ["values", "charts started", "charts", "trend lines started"]
    assert state.chart_data.metric_id == "first_response_time"


def test_work_on_files_since_changed_is_neither_remembered_nor_waited_for(qtbot, state) -> None:
    """A job still running when the files change: its result is not kept for the new files, and the same
    request on the new files starts its own work instead of waiting for the old."""
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame())))
    gate, got = threading.Event(), []

    def job(answer: str, wait: bool):
        return lambda _snapshot: (lambda _reporter: (gate.wait(20) if wait else True) and answer)

    state._start("charts", state.chart_runner, ("same",), job("old files", True), "", got.append)
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("surveys", "surveys", surveys_frame())))
    gate.set()
    qtbot.waitUntil(lambda: got == ["old files"], timeout=20000)
    state._start("charts", state.chart_runner, ("same",), job("new files", False), "", got.append)
    qtbot.waitUntil(lambda: got == ["old files", "new files"], timeout=20000)

    gate.clear()
    state._start("charts", state.chart_runner, ("other",), job("older files", True), "", got.append)
    wait_results(qtbot, state, lambda: state.remove_dataset("surveys"))
    state._start("charts", state.chart_runner, ("other",), job("newer files", False), "", got.append)
    qtbot.waitUntil(lambda: got[2:] == ["newer files"], timeout=20000)
    gate.set()
    state.chart_runner.wait(20000)
    assert got == ["old files", "new files", "newer files"]


def test_the_cards_on_screen_come_first_with_the_numbers_of_a_fresh_computation(qtbot, state) -> None:
    """The selected KPI and the cards on screen are computed first and shown before the others: their numbers
    are those of a fresh computation of the whole view, and the rest follows with the same numbers."""
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_frame())
    datasets = [tickets, surveys]
    wait_results(qtbot, state, lambda: (state.add_dataset(tickets), state.add_dataset(surveys)))
    state.select_metric("request_volume")
    state.on_screen = lambda: ["first_response_time", "nps", "request_volume"]
    seen = []
    state.first_results_changed.connect(lambda part: seen.append(("first", part)))
    state.results_changed.connect(lambda results: seen.append(("all", results)))
    march = pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-31")
    for filters in (state.filters.with_category("channel", ["Email"]).with_dates(*march),
                    state.filters.with_category("channel", ["Chat"])):
        seen.clear()
        wait_results(qtbot, state, lambda f=filters: state.set_filters(f))
        assert [what for what, _results in seen] == ["first", "all"], filters
        first, whole = seen[0][1], seen[1][1]
        expected = fresh(datasets, state)
        assert set(first.results) == {"request_volume", "first_response_time", "nps"}
        assert numbers(first) == {m: expected[m] for m in first.results}
        assert numbers(whole) == expected
        assert all(whole.results[m] is first.results[m] for m in first.results)     # computed once


def test_the_data_charts_are_kept_per_filter_and_equal_a_fresh_job(qtbot, state) -> None:
    """The NPS parts, answers per score and backlog do not depend on the selected KPI: another card's charts
    take them from the first (the same objects) and they equal those of a job on a fresh snapshot."""
    from desktop_app.jobs import chart_job
    from desktop_app.snapshot import Snapshot
    from metrics_core.progress import Reporter

    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_frame())
    wait_results(qtbot, state, lambda: (state.add_dataset(tickets), state.add_dataset(surveys)))
    params, filters = state.engine_params(), state.filters.with_category("channel", ["Email"]).to_engine()
    snapshot = state.snapshot()
    first = chart_job(snapshot, params, filters, "request_volume", "month", "agent")(Reporter())
    second = chart_job(snapshot, params, filters, "first_response_time", "month", "agent")(Reporter())
    fresh_charts = chart_job(Snapshot(DataBundle([tickets, surveys])), params, filters, "first_response_time",
                             "month", "agent")(Reporter())
    assert second.backlog is first.backlog and second.nps_periods is first.nps_periods
    assert first.backlog and first.nps_periods and first.distribution
    for name in ("trend", "bars", "backlog", "nps_periods", "distribution"):
        assert getattr(second, name) == getattr(fresh_charts, name), name
    other = chart_job(snapshot, params, state.filters.to_engine(), "first_response_time", "month", "agent")(Reporter())
    assert other.backlog is not first.backlog and sum(p.n for p in other.backlog) > sum(p.n for p in first.backlog)


def settled(qtbot, state) -> None:
    """Wait until the window has nothing left to do (values, charts, trend lines, work ahead of a click)."""
    qtbot.waitUntil(lambda: not (state.is_busy() or state.chart_runner.is_busy() or state.sparkline_runner.is_busy()
                                 or state.ahead_runner.is_busy()), timeout=30000)


def test_a_click_on_a_bar_once_the_window_is_idle_shows_values_worked_out_before(qtbot, state) -> None:
    """The filters the chart's bars lead to are computed while the window is idle: a click on a bar then
    computes nothing and shows the numbers of a fresh computation of the filtered view."""
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_frame())
    datasets = [tickets, surveys]
    wait_results(qtbot, state, lambda: (state.add_dataset(tickets), state.add_dataset(surveys)))
    state.set_chart_category("channel")
    state.select_metric("first_response_time")
    settled(qtbot, state)
    column, bars = state.chart_data.category, state.chart_data.bars
    assert column == "channel" and len(bars) >= 2
    started = []
    state.compute_runner.started.connect(started.append)
    for point in bars[:2]:
        results = wait_results(qtbot, state, lambda p=point: state.filter_by(column, p.key))
        assert started == [], point.key
        assert numbers(results) == fresh(datasets, state), point.key
        settled(qtbot, state)


def test_work_ahead_of_a_click_gives_way_to_any_other_work(qtbot, state) -> None:
    """Work ahead of a click stops when anything else is asked for, and what it had not finished is not kept."""
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    wait_results(qtbot, state, lambda: state.add_dataset(tickets))
    state.set_chart_category("channel")
    state.select_metric("first_response_time")
    settled(qtbot, state)
    state._remembered["values"].clear()
    cancelled = []
    state.ahead_runner.cancelled.connect(lambda: cancelled.append(True))
    state.work_ahead()
    assert state.ahead_runner.is_busy()
    state.recompute()
    assert cancelled == [True] and not state.ahead_runner.is_busy()
    settled(qtbot, state)
    state._remembered["values"].clear()
    state.work_ahead()
    assert state.ahead_runner.is_busy()
    state.remove_dataset("tickets")             # at once, not when the recompute it schedules starts
    assert cancelled == [True, True] and not state.ahead_runner.is_busy()
