"""Agents needed are broken down only by what staffs a queue, and a count is ticked at whole numbers (shots11
63_issue_pwc: on the real PwC call log the breakdown "by agent" drew 1.0 for every agent on a 0.2-1.0 axis, and
the trend of 2 agents a month was ticked 1.5, 2.0, 2.5)."""

from __future__ import annotations

import pandas as pd

from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.trend_chart import TrendChart
from desktop_app.panels.chart_area import ChartArea
from metrics_core.loading import load_dataset

from .conftest import wait_results


def _ticks(axis, low: float, high: float) -> list[float]:
    return [v for _spacing, values in axis.tickValues(low, high, 300) for v in values]


def test_agents_needed_are_not_broken_down_by_agent_on_the_pwc_call_log(qtbot, state, datasets_dir) -> None:
    pwc = load_dataset(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")
    charts = ChartArea(state)
    qtbot.addWidget(charts)
    wait_results(qtbot, state, lambda: state.add_dataset(pwc))
    state.set_chart_category("agent")
    state.select_metric("staffing")
    qtbot.waitUntil(lambda: state.chart_data is not None and state.chart_data.metric_id == "staffing"
                    and not state.chart_runner.is_busy(), timeout=60000)
    qtbot.wait(50)
    assert state.chart_data.bars == [] and state.chart_data.category is None
    said = charts.bars.empty_label.text()
    assert charts.bars.is_empty() and "queue" in said and "Staffing tab" in said, said
    combo = charts.category_combo
    offered = {combo.itemData(i): combo.model().item(i).isEnabled() for i in range(1, combo.count())}
    assert offered["agent"] is False and offered["topic"] is False, offered
    # another KPI is broken down by agent again, and can be
    state.select_metric("average_handle_time")
    qtbot.waitUntil(lambda: state.chart_data.metric_id == "average_handle_time"
                    and not state.chart_runner.is_busy(), timeout=60000)
    qtbot.wait(50)
    assert state.chart_data.category == "agent" and len(state.chart_data.bars) == 8
    assert combo.model().item(combo.findData("agent")).isEnabled()


def test_a_count_is_ticked_at_whole_numbers_in_the_window(qtbot) -> None:
    trend = TrendChart()
    qtbot.addWidget(trend)
    trend.set_series([pd.Timestamp("2021-01-01"), pd.Timestamp("2021-02-01"), pd.Timestamp("2021-03-01")],
                     ["Jan", "Feb", "Mar"], [2.0, 2.0, 2.0], "count", granularity="month")
    low, high = trend.plot_item.getViewBox().viewRange()[1]
    ticks = _ticks(trend.plot_item.getAxis("left"), low, high)
    assert ticks and all(float(v).is_integer() for v in ticks), ticks
    bars = BarChart()
    qtbot.addWidget(bars)
    bars.set_bars("agent", ["Becky", "Dan"], ["Becky", "Dan"], [1.0, 1.0], "count")
    ticks = _ticks(bars.plot_item.getAxis("bottom"), *bars.plot_item.getViewBox().viewRange()[0])
    assert ticks and all(float(v).is_integer() for v in ticks), ticks
    # a percentage keeps its fractions
    trend.set_series([pd.Timestamp("2021-01-01"), pd.Timestamp("2021-02-01")], ["Jan", "Feb"], [2.0, 2.4], "%",
                     granularity="month")
    low, high = trend.plot_item.getViewBox().viewRange()[1]
    assert not all(float(v).is_integer() for v in _ticks(trend.plot_item.getAxis("left"), low, high))


def test_a_trend_that_dips_below_zero_has_a_tick_under_zero(qtbot) -> None:
    """shots11 10_dashboard_02_cash: a cash flow dipping below 0 had no tick under 0 to read the dip by."""
    trend = TrendChart()
    qtbot.addWidget(trend)
    trend.show()
    months = [pd.Timestamp(f"2026-{m:02d}-01") for m in range(5, 11)]
    missed = []
    for values in ([-3900.0, -3100.0, 9700.0, 9000.0, 12000.0, 14600.0],       # the demo's cash flow per month
                   [5200.0, 9100.0, -480.0, 12800.0, 20500.0, 38286.0], [-30.0, -5.0, 12.0, 40.0, 55.0, 60.0],
                   [1200.0, -90.0, 3100.0, 4000.0, 2500.0, 6100.0]):
        trend.set_series(months, [str(m) for m in months], values, "currency", granularity="month")
        for height in range(160, 420, 20):
            trend.resize(600, height)
            qtbot.wait(5)
            low, high = trend.plot_item.getViewBox().viewRange()[1]
            axis = trend.plot_item.getAxis("left")
            labelled = axis.tickValues(low, high, axis.height())[0][1]        # (the major level: always written)
            if not any(v < 0 for v in labelled):
                missed.append(f"{min(values)} at {height} px: {low:.0f} .. {high:.0f}")
            gaps = [(b - a) / (high - low) * axis.height() for a, b in zip(labelled, labelled[1:])]
            if len(gaps) > 1 and gaps[0] < 0.5 * max(gaps[1:]):      # the label under 0 is not drawn over "0"
                missed.append(f"{min(values)} at {height} px: labels {labelled} {gaps[0]:.0f} px apart")
            assert min(values) - low < 0.25 * (high - low), (values, low, high)    # the room under the dip: not a third
    assert missed == []
