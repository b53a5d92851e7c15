"""The breakdown by agent shows the agents who need attention: at 1280 x 720 (en) and 1366 x 768 (ro) it showed 6
of 7 agents and at 1280 x 720 (sl) 4 of 7, largest first, so the lowest CSAT (Jure Horvat) was behind the scroll
bar (s7-shots 98, 102, 104; s9-layout v1/1280x720-en/10_dashboard_11_tickets). The worst come first now: the
lowest of a KPI where higher is better, the highest where lower is better."""

from __future__ import annotations

import pytest

from desktop_app.charts import feed
from desktop_app.charts.bar_chart import BarChart

AGENTS = ["Ana Zupančič", "Maja Novak", "Tina Kos", "Eva Vidmar", "Luka Kranjc", "Rok Potočnik", "Jure Horvat"]
CSAT = [86.0, 85.0, 84.0, 78.0, 72.0, 71.0, 64.0]          # Jure: the lowest


def _in_view(chart: BarChart) -> list[str]:
    low, high = chart.plot_item.getViewBox().viewRange()[1]
    return [name for i, name in enumerate(chart.data_table()["category"]) if low < i < high]


@pytest.mark.parametrize(("higher_is_better", "worst"), [(True, "Jure Horvat"), (False, "Ana Zupančič")])
def test_the_worst_agent_is_in_view_when_the_breakdown_scrolls(qtbot, higher_is_better, worst) -> None:
    chart = BarChart("CSAT (% satisfied) by agent")
    qtbot.addWidget(chart)
    chart.resize(400, 150)            # (150: the charts' least height; 4 to 6 of 7 bars fit)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_bars("agent", AGENTS, AGENTS, CSAT, "%", [100] * 7, higher_is_better=higher_is_better)
    qtbot.waitUntil(lambda: chart.scroll_bar.isVisible(), timeout=1000)     # the chart does scroll
    shown = _in_view(chart)
    assert shown[0] == worst, shown
    assert len(shown) < len(AGENTS)


def test_without_a_direction_the_largest_come_first(qtbot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars("agent", AGENTS, AGENTS, CSAT, "%", [100] * 7)
    assert chart.data_table()["category"].tolist() == AGENTS


def test_the_dashboard_feeds_the_kpi_direction(qtbot) -> None:
    """CSAT: higher is better, so the lowest agent is the first bar; the wait: lower is better, the longest first."""
    from types import SimpleNamespace

    chart = BarChart()
    qtbot.addWidget(chart)
    for metric_id, first in (("csat", "Jure Horvat"), ("average_wait_time", "Ana Zupančič")):
        points = [SimpleNamespace(key=a, label=a, value=v, n=100) for a, v in zip(AGENTS, CSAT)]
        data = SimpleNamespace(metric_id=metric_id, bars=points, category="agent", currency="EUR", no_value=None,
                               caveat="")
        feed.show_bars(chart, data, None)
        assert chart.data_table()["category"].iloc[0] == first, metric_id


@pytest.mark.parametrize(("higher_is_better", "said"), [(True, "worst first (lowest)"), (False, "worst first (highest)"),
                                                        (None, "largest first")])
def test_the_breakdown_says_how_its_bars_are_ordered(qtbot, higher_is_better, said) -> None:
    """Worst first, but nothing on the chart said so (s9-layout v2/1280x720-en/10_dashboard_11_tickets)."""
    from desktop_app.i18n import apply_language

    apply_language("en")
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars("agent", AGENTS, AGENTS, CSAT, "%", [100] * 7, higher_is_better=higher_is_better)
    assert chart.plot_item.getAxis("bottom").labelText == f"% \u00b7 {said}"
    chart.set_bars("agent", AGENTS, AGENTS, CSAT, "count", [100] * 7, higher_is_better=higher_is_better)
    assert said in chart.plot_item.getAxis("bottom").labelText
