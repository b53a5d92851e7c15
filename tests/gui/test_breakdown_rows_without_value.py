"""A group of a category breakdown without a value gets no row (shots16-a, 1280 en 10_01: ASA by agent listed
"(no agent)" with neither bar nor value). The calls without an agent here were never answered, so they have no
wait time: ASA has no value for them. The window's bars (and so their data table, which the chart's export
writes) and the report's chart take their groups from one place (``report_view.catalogue.bars_of``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.panels.chart_area import ChartArea
from metrics_core.export.report_charts import breakdown_chart
from metrics_core.loading import load_dataset

from .conftest import wait_results

# Ann: 20 s and 40 s answered (ASA 30 s); Bob: 60 s answered, one abandon (ASA 60 s); two unanswered calls
# without an agent (no wait, no ASA)
CALLS = ("Call ID,Date,Agent,Answered,Waiting time\n"
         "1,2024-03-04 09:00,Ann,Y,20\n2,2024-03-04 09:10,Ann,Y,40\n3,2024-03-04 09:20,Bob,Y,60\n"
         "4,2024-03-05 10:00,Bob,N,\n5,2024-03-05 10:05,,N,\n6,2024-03-05 10:30,,N,\n")


def _bars(qtbot, state, dataset, category: str, metric_id: str):
    """The window's bars of ``metric_id`` by ``category`` over ``dataset``, as their data table."""
    wait_results(qtbot, state, lambda: state.add_dataset(dataset))
    charts = ChartArea(state)
    qtbot.addWidget(charts)
    state.set_chart_category(category)
    state.select_metric(metric_id)
    qtbot.waitUntil(lambda: state.chart_data is not None and state.chart_data.metric_id == metric_id
                    and not state.chart_runner.is_busy(), timeout=60000)
    qtbot.wait(50)
    assert state.chart_data.category == category
    return charts.bars.data_table()


def test_asa_by_agent_lists_no_group_without_a_value(qtbot, state, tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_text(CALLS, encoding="utf-8")
    calls = load_dataset(tmp_path / "calls.csv")
    assert calls.kind == "calls" and calls.frame["agent"].isna().sum() == 2
    table = _bars(qtbot, state, calls, "agent", "average_wait_time")
    assert dict(zip(table["category"], table["value"])) == {"Ann": pytest.approx(30.0), "Bob": pytest.approx(60.0)}
    assert [p.label for p in state.chart_data.bars] == ["Ann", "Bob"]           # (the bars a click filters by)
    # the report's chart: the same two groups (it dropped them before, by a rule of its own)
    chart = breakdown_chart(state.snapshot().inputs(), "average_wait_time", "agent", state.engine_params(), None)
    assert sorted(chart.frame.index) == ["Ann", "Bob"]


def test_turnover_by_team_keeps_the_team_nobody_left(qtbot, state) -> None:
    """shots16-c 10_09: the demo's staff file by team drew "Customer care 25 %" only; "Phone desk" (2 people,
    nobody left, average 1.5 over 15 Aug 2025 – 14 Aug 2026) is 0 %, as the file records leaving dates
    (by hand: tests/core/metrics/test_turnover_team_without_leavers.py)."""
    from metrics_core.resources import demo_dir

    staff = load_dataset(demo_dir() / "staff.csv")
    table = _bars(qtbot, state, staff, "team", "employee_turnover")
    assert dict(zip(table["category"], table["value"])) == {"Customer care": pytest.approx(25.0),
                                                            "Phone desk": pytest.approx(0.0)}


def test_a_group_without_an_agent_but_with_a_value_is_in_the_window_and_the_report(qtbot, state, tmp_path) -> None:
    """s16-misc: abandonment rate by agent drew "(no agent)" in the window (the two calls nobody answered: 2 of 2
    abandoned, 100 %) while the report's chart dropped the group, leaving Ann 0 % and Bob 50 % beside a card of
    50 % (3 of 6). Both keep it: the bars then account for every call the card counts, and the group says where
    the abandoned calls are."""
    from metrics_core.i18n import language
    from metrics_core.report_view.catalogue import no_group_words

    (tmp_path / "calls.csv").write_text(CALLS, encoding="utf-8")
    calls = load_dataset(tmp_path / "calls.csv")
    table = _bars(qtbot, state, calls, "agent", "abandonment_rate")
    expected = {"Ann": pytest.approx(0.0), "Bob": pytest.approx(50.0), "(no agent)": pytest.approx(100.0)}
    assert dict(zip(table["category"], table["value"])) == expected
    for code in ("en", "sl"):
        with language(code):
            chart = breakdown_chart(state.snapshot().inputs(), "abandonment_rate", "agent", state.engine_params(), None)
            values = dict(zip(chart.frame.index, chart.values(chart.series_names[0])))
            assert values == {"Ann": pytest.approx(0.0), "Bob": pytest.approx(50.0),
                              no_group_words("agent"): pytest.approx(100.0)}, (code, values)
            assert code == "en" or no_group_words("agent") != "(no agent)"
