"""A duration trend from a creation column of dates without times carries its card's caveat (s15 screen review,
en/sl/sv 64_issue_date_only_tickets): on the real Kaggle ticket file with "Date of Purchase" as the creation time,
the First response time card said "“Created at” has no times of day: approximate" while its trend, a straight fall
from 1,230 to 560 days, was drawn with no word of doubt — in the window, the deck and the chart images alike.
The same caveat, word for word, now stands under the trend's axis in all three."""

from __future__ import annotations

from pptx import Presentation

from metrics_core.formatting import result_caveat


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_date_only_first_response_trend_carries_its_cards_caveat(qtbot, tmp_path, purchase_dated) -> None:
    from desktop_app.charts import feed
    from desktop_app.charts.trend_chart import TrendChart
    from desktop_app.jobs import chart_job
    from desktop_app.report_pngs import plot_chart
    from metrics_core.export.build import build_report
    from metrics_core.export.pptx_deck import write_pptx
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter
    from metrics_core.report_view import KpiView, compute_view

    view = KpiView(kpis=("first_response_time", "request_volume"))
    card = compute_view(purchase_dated, {}, view).results["first_response_time"]
    caveat = _plain(result_caveat(card)[0])
    assert caveat == "“Created at” has no times of day: approximate"
    # the window: the note under the trend's axis
    data = chart_job(purchase_dated, {}, Filters(), "first_response_time", "month", None, card)(Reporter())
    values = [p.value for p in data.trend if p.value is not None]
    assert len(values) > 12 and values[0] > 1000 * 86400 and values[-1] < 600 * 86400     # the 1,230 -> 560 d fall
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(700, 320)
    feed.show_trend(chart, data, None)
    assert caveat in _plain(chart.note)
    # a KPI whose inputs carry it fully has no such note (request volume counts days, not durations)
    volume = chart_job(purchase_dated, {}, Filters(), "request_volume", "month", None)(Reporter())
    other = TrendChart()
    qtbot.addWidget(other)
    feed.show_trend(other, volume, None)
    assert "times of day" not in other.note
    # the report: the chart's note, the chart image's axis and the deck's chart
    report = build_report(purchase_dated, {}, view=view)
    trend = next(c for c in report.charts if c.metric_id == "first_response_time" and c.kind == "line")
    assert _plain(trend.note) == caveat
    assert not next(c for c in report.charts if c.metric_id == "request_volume" and c.kind == "line").note
    widget = plot_chart(trend)
    qtbot.addWidget(widget)
    assert caveat in _plain(widget.getPlotItem().getAxis("bottom").labelText.replace("&quot;", '"'))
    deck = tmp_path / "deck.pptx"
    write_pptx(report, deck)
    titles = [_plain(frame.chart.category_axis.axis_title.text_frame.text)
              for slide in Presentation(str(deck)).slides for frame in slide.shapes
              if getattr(frame, "has_chart", False) and frame.chart.has_title
              and frame.chart.chart_title.text_frame.text == trend.title
              and frame.chart.category_axis.has_title]
    assert titles == [caveat]
