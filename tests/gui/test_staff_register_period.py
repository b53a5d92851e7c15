"""A staff register alone (10_dashboard_09_staff, issue 14): the turnover card read 18.2 % "over 15 Aug 2025 –
14 Aug 2026" beside a monthly trend whose only point read 16.7 % (August 2026), with nothing to say why, and the
date filter said "no dates" for a file of hire and leave dates.

By hand, resources/demo/staff.csv: the twelve months 15 Aug 2025 – 14 Aug 2026 start with 5 agents (Maja, Luka,
Ana, Jure, Tina) and end with 6 (Jure left on 14 Aug; Rok and Eva joined): 1 / 5.5 = 18.2 %. August 2026 starts
with 6 (Rok in, Eva not yet) and ends with 6: 1 / 6 = 16.7 %. Both are right; the chart says the card's period.
"""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def staff():
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.resources import demo_dir

    return load_bundle([str(demo_dir() / "staff.csv")], None, {})


def test_the_trend_under_the_turnover_card_names_the_cards_period(qtbot, staff) -> None:
    from desktop_app.charts import feed
    from desktop_app.charts.trend_chart import TrendChart
    from desktop_app.jobs import chart_job
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter
    from metrics_core.report_view import KpiView, compute_view

    card = compute_view(staff, {}, KpiView(kpis=("employee_turnover",))).results["employee_turnover"]
    assert card.value == pytest.approx(100 / 5.5)
    data = chart_job(staff, {}, Filters(), "employee_turnover", "month", None)(Reporter())
    # the 13 months the card's 12 months touch (s17-cardfit; was August 2026 alone): nobody left before August
    assert [round(p.value, 1) for p in data.trend] == [0.0] * 12 + [round(100 / 6, 1)]
    chart = TrendChart()
    qtbot.addWidget(chart)
    feed.show_trend(chart, data, None)
    note = chart.plot_item.getAxis("bottom").labelText.replace("\u202f", " ").replace("\u00a0", " ")
    assert chart.note == note and "the card: 15 Aug 2025 – 14 Aug 2026, as one period" in note


def test_chosen_dates_need_no_note(staff) -> None:
    from desktop_app.jobs import chart_job
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter

    august = Filters(date_from="2026-08-01", date_to="2026-08-31")
    assert chart_job(staff, {}, august, "employee_turnover", "month", None)(Reporter()).figure_period is None


def test_the_date_filter_reads_the_registers_hire_and_leave_dates(staff) -> None:
    from desktop_app.dataset_facts import date_range

    assert date_range(staff.datasets[0]) == (pd.Timestamp("2021-03-01"), pd.Timestamp("2026-08-14"))


def test_the_chart_reads_the_cards_own_twelve_months_without_computing_them_again(staff, monkeypatch) -> None:
    """Where no file's dates give a span (a register whose date column the span does not read), the note's
    period is the card's own twelve months: read from the card's result, the KPI not computed a second time in
    the chart job (s14-cards14: one way of doing each thing)."""
    from metrics_core.metrics.engine import Filters
    from metrics_core.metrics.model import MetricInputs
    from metrics_core.report_view import compute
    from metrics_core.report_view.compute import DaySpan, figure_period

    card = compute.engine.compute_metric(MetricInputs.from_bundle(staff), "employee_turnover", {}, Filters())
    own = DaySpan(pd.Timestamp(card.details["period_from"]), pd.Timestamp(card.details["period_to"]))
    monkeypatch.setattr(compute, "data_span", lambda bundle: (None, None))
    computed = []
    monkeypatch.setattr(compute.engine, "compute_metric", lambda *args, **kwargs: computed.append(args))
    got = figure_period(staff, MetricInputs.from_bundle(staff), "employee_turnover", {}, Filters(), card)
    assert got == own and computed == []


@pytest.mark.parametrize("width", [520, 660])
def test_a_long_translation_of_the_note_wraps_inside_the_chart(qtbot, staff, monkeypatch, width) -> None:
    """10_dashboard_09_staff: a translation of the note past ~95 characters was cut at the chart's right edge, on
    one line. A long one now breaks at a space into two lines, whole, inside the chart, over no other text."""
    from desktop_app.charts import feed
    from desktop_app.charts.trend_chart import TrendChart
    from desktop_app.jobs import chart_job
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter

    from .chart_texts import all_texts, cut_at_edge, overlaps
    from .helpers import shown

    long = ("fiecare punct al graficului este calculat separat, pentru perioada sa; valoarea de pe card cuprinde "
            "{period} ca o singură perioadă întreagă")
    translate = feed._
    monkeypatch.setattr(feed, "_", lambda text, **values: long.format(**values) if text.startswith("each point")
                        else translate(text, **values))
    data = chart_job(staff, {}, Filters(), "employee_turnover", "month", None)(Reporter())
    chart = shown(qtbot, TrendChart(), width, 300)
    feed.show_trend(chart, data, None)
    qtbot.wait(50)
    lines = chart.note_shown()
    assert len(lines) == 2 and " ".join(lines) == chart.note and len(chart.note) > 130, lines
    texts = all_texts(chart.plot_item)
    assert [t.text for t in texts if t.what == "bottom caption"], "the note is not drawn"
    assert cut_at_edge(texts, chart.plot_widget) == [] and overlaps(texts) == []
