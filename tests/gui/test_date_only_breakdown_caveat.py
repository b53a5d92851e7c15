"""A duration's breakdown from a creation column of dates without times carries its card's caveat, as its trend
does (s16-truth left it: on the Kaggle ticket file with "Date of Purchase" as the creation time, the First
response time card and trend said "“Created at” has no times of day: approximate" while its bars by channel, each
hundreds of days long, were drawn with no word of doubt). The same words now stand under the bars in the window,
in the chart image and on the deck's breakdown slide."""

from __future__ import annotations

from pptx import Presentation

from metrics_core.formatting import result_caveat


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("&quot;", '"').split())


def test_the_date_only_first_response_breakdown_carries_its_cards_caveat(qtbot, tmp_path, purchase_dated) -> None:
    from desktop_app.charts import feed
    from desktop_app.charts.bar_chart import BarChart
    from desktop_app.jobs import chart_job
    from desktop_app.report_pngs import plot_chart
    from metrics_core.export.build import build_report
    from metrics_core.export.pptx_deck import write_pptx
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter
    from metrics_core.report_view import KpiView, compute_view

    view = KpiView(kpis=("first_response_time", "request_volume"),
                   breakdowns={"first_response_time": ("channel",), "request_volume": ("channel",)})
    card = compute_view(purchase_dated, {}, view).results["first_response_time"]
    caveat = _plain(result_caveat(card)[0])
    assert caveat == "“Created at” has no times of day: approximate"
    # the window: the note under the bars, on a line of its own beneath the unit and the order
    data = chart_job(purchase_dated, {}, Filters(), "first_response_time", "month", "channel", card)(Reporter())
    assert data.category == "channel" and len(data.bars) >= 2
    assert all(p.value > 100 * 86400 for p in data.bars if p.value is not None)      # hundreds of days each
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(700, 320)
    feed.show_bars(chart, data, None)
    assert _plain(" ".join(chart.note_shown())) == caveat
    assert caveat in _plain(chart.plot_item.getAxis("bottom").labelText)
    # a KPI whose inputs carry it fully has none (request volume counts tickets, not durations)
    volume = chart_job(purchase_dated, {}, Filters(), "request_volume", "month", "channel")(Reporter())
    other = BarChart()
    qtbot.addWidget(other)
    feed.show_bars(other, volume, None)
    assert other.bars_shown() >= 2 and other.note_shown() == []
    assert "times of day" not in other.plot_item.getAxis("bottom").labelText
    # the report: the bar chart's note, the chart image's axis and the deck's breakdown slide
    report = build_report(purchase_dated, {}, view=view)
    bars = next(c for c in report.charts if c.metric_id == "first_response_time" and c.kind == "bar")
    assert _plain(bars.note) == caveat
    assert not next(c for c in report.charts if c.metric_id == "request_volume" and c.kind == "bar").note
    widget = plot_chart(bars)
    qtbot.addWidget(widget)
    image_axis = _plain(widget.getPlotItem().getAxis("bottom").labelText)
    assert image_axis.endswith(caveat) and image_axis != caveat          # under the unit, not instead of it
    deck = tmp_path / "deck.pptx"
    write_pptx(report, deck)
    titles = [_plain(frame.chart.value_axis.axis_title.text_frame.text)
              for slide in Presentation(str(deck)).slides for frame in slide.shapes
              if getattr(frame, "has_chart", False) and frame.chart.has_title
              and frame.chart.chart_title.text_frame.text == bars.title and frame.chart.value_axis.has_title]
    assert len(titles) == 1 and titles[0].endswith(caveat) and titles[0] != caveat


def test_the_chart_images_unit_is_in_the_reports_language(qtbot, purchase_dated) -> None:
    """Seen beside the note while looking at the Swedish image: its unit read "days" (the deck: "dagar")."""
    from desktop_app.report_pngs import plot_chart
    from metrics_core.export.build import build_report
    from metrics_core.i18n import _, language
    from metrics_core.report_view import KpiView

    with language("sv"):
        view = KpiView(kpis=("first_response_time",), breakdowns={"first_response_time": ("channel",)})
        bars = next(c for c in build_report(purchase_dated, {}, view=view).charts if c.kind == "bar")
        widget = plot_chart(bars)
        qtbot.addWidget(widget)
        lines = _plain(widget.getPlotItem().getAxis("bottom").labelText).split("<br>")
        assert _("days") == "dagar" and lines[0] == "dagar" and "klockslag" in lines[1], lines
