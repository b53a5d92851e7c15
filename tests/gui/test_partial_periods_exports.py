"""The deck, the workbook, the CSV and the chart images mark as partial exactly the periods the window marks, for the
same KPI, filters and grain (issue 14: "the deck shows what the window showed"). The images used to decide from
every file's dates while the window decided per KPI; the deck and the workbook did not mark them at all.

Read back as a user's program would: the deck with python-pptx (the chart's series and their values), the
workbook with openpyxl (the trend sheet's "Note" column and its chart's hollow points), the CSV's trend rows (their
note), the images from the plot items they are drawn with."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from PySide6.QtGui import QColor
from pptx import Presentation

from desktop_app.jobs import chart_job
from desktop_app.report_pngs import plot_chart
from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.cli.report_cmd import demo_files
from metrics_core.export.build import build_report
from metrics_core.export.csv_results import write_csv
from metrics_core.export.pptx_deck import write_pptx
from metrics_core.export.xlsx_workbook import write_xlsx
from metrics_core.progress import Reporter
from metrics_core.report_view import KpiView
from metrics_core.report_view.partial import partial_words

from .test_layout_partial_periods import point_fills


def _demo() -> list[str]:
    return [str(p) for p in demo_files()]


def _pwc_calls(datasets: Path) -> list[str]:
    return [str(datasets / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")]


CASES = {
    # the demo's half year by week: its files run from Friday 1 May to Saturday 31 Oct 2026, so every trend's
    # first and last weeks are partial, but the quality reviews begin on Monday 4 May, and the IQS trend's first
    # week is whole (the images used to decide from every file's dates; by month nothing is partial since the
    # rule of metrics_core.report_view.partial: the reviews' May is whole)
    "demo": (lambda datasets: _demo(), KpiView("2026-05-01", "2026-10-31", grain="week")),
    # a real call log by week over all its dates (Friday 1 Jan to Wednesday 31 Mar 2021): both end weeks partial
    "pwc_calls": (_pwc_calls, KpiView(grain="week")),
}


def window_partial(bundle, view: KpiView, metric_id: str) -> tuple[list[str], set[int]]:
    """The trend's period starts and the positions the window's trend marks partial (its chart job)."""
    data = chart_job(bundle, {}, view.filters(), metric_id, view.grain, None)(Reporter())
    flags = ((0, data.first_incomplete), (len(data.trend) - 1, data.last_incomplete))
    return [pd.Timestamp(p.key).date().isoformat() for p in data.trend], {i for i, flag in flags if flag}


def deck_partial(deck_path: Path, title: str, words: str) -> set[int]:
    """The positions the deck's chart titled ``title`` draws in its "partial week" series and not in the KPI's."""
    for slide in Presentation(str(deck_path)).slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.chart_title.text_frame.text == title:
                series = {s.name: list(s.values) for s in shape.chart.plots[0].series}
                own = next(iter(series.values()))
                if words not in series:
                    return set()
                assert len(series[words]) == len(own)
                return {i for i, v in enumerate(series[words]) if v is not None and own[i] is None}
    raise AssertionError(f"no chart titled {title!r} in the deck")


def workbook_partial(book, title: str, words: str) -> set[int]:
    """The rows of the trend sheet titled ``title`` whose note says "partial week" (0 = the first period), which
    must be the points its chart draws hollow."""
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if rows and rows[0][0] == title:
            header = list(rows[3])
            noted = {i for i, row in enumerate(rows[4:]) if "Note" in header and row[header.index("Note")] == words}
            hollow = {int(p.idx) for p in sheet._charts[0].series[0].dPt
                      if p.marker is not None and p.marker.spPr.noFill}        # a ring: no fill, a line
            assert hollow == noted, (title, hollow, noted)
            return noted
    raise AssertionError(f"no sheet titled {title!r} in the workbook")


def csv_partial(csv_path: Path, title: str, words: str) -> set[int]:
    """The positions of the trend rows titled ``title`` whose note says "partial week"."""
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["record"] == "trend" and r["kpi"] == title]
    assert rows, title
    return {i for i, r in enumerate(rows) if r["note"] == words}


def image_partial(qtbot, chart) -> set[int]:
    """The positions the chart image draws as hollow (white) points."""
    widget = plot_chart(chart)
    qtbot.addWidget(widget)

    class Drawn:
        plot_item = widget.getPlotItem()

    white = QColor("#ffffff")
    return {i for i in range(len(chart.categories)) if (point_fills(Drawn, float(i)) or [None])[-1] == white}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_exports_mark_the_partial_periods_the_window_marks(qtbot, tmp_path, datasets_dir, case) -> None:
    files, view = CASES[case]
    bundle = load_bundle(files(datasets_dir), None, {})
    report = build_report(bundle, {}, view=view)
    trends = [c for c in report.charts if c.kind == "line" and c.by == view.grain]
    assert len(trends) >= (5 if case == "demo" else 2), [c.chart_id for c in report.charts]
    deck, book, table = tmp_path / "deck.pptx", tmp_path / "book.xlsx", tmp_path / "results.csv"
    write_pptx(report, deck)
    write_xlsx(report, book)
    write_csv(report, table)
    words = partial_words(view.grain)
    workbook = openpyxl.load_workbook(book)
    marked = {}
    for chart in trends:
        starts, window = window_partial(bundle, view, chart.metric_id)
        assert starts == chart.period_starts, chart.chart_id            # the same periods, then the same marks
        marked[chart.metric_id] = window
        assert set(chart.partial) == window, chart.chart_id
        assert deck_partial(deck, chart.title, words) == window, chart.chart_id
        assert workbook_partial(workbook, chart.title, words) == window, chart.chart_id
        assert csv_partial(table, chart.title, words) == window, chart.chart_id
        assert image_partial(qtbot, chart) == window, chart.chart_id
    # both ends are marked somewhere (else the test proves nothing), and per KPI: not every trend alike in the demo
    assert any(0 in m for m in marked.values()) and any(i > 0 for m in marked.values() for i in m), marked
    if case == "demo":
        last = len(window_partial(bundle, view, "iqs")[0]) - 1
        assert marked["iqs"] == {last} and all(m == {0, last + 1} for k, m in marked.items() if k != "iqs"), marked


def dashed_bars(plot_item) -> set[int]:
    """The positions of the bars a plot draws outlined dashed (a partial period's stacked bar)."""
    from PySide6.QtCore import Qt

    return {int(round(x)) for item in plot_item.items if type(item).__name__ == "BarGraphItem"
            and item.opts["pen"].style() == Qt.PenStyle.DashLine for x in item.opts["x"]}


def deck_dashed_points(deck_path: Path, title: str, words: str) -> set[int]:
    """The positions of the stacked chart titled ``title`` whose parts are outlined dashed in their c:dPt, each part
    alike, with the legend's "partial week" series."""
    from pptx.oxml.ns import qn

    for slide in Presentation(str(deck_path)).slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.chart_title.text_frame.text == title:
                series = shape.chart.plots[0].series
                names = [s.name for s in series]
                marked = [{int(p.find(qn("c:idx")).get("val")) for p in s._element.findall(qn("c:dPt"))
                           if p.find(".//" + qn("a:prstDash")) is not None} for s in series if s.name != words]
                assert all(m == marked[0] for m in marked), marked
                assert (words in names) == bool(marked[0]), names
                return marked[0]
    raise AssertionError(f"no chart titled {title!r} in the deck")


def workbook_dashed_rows(book, title: str, words: str) -> set[int]:
    """The rows of the stacked chart's sheet noted "partial week", which must be the bars its chart outlines dashed."""
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if rows and rows[0][0] == title:
            header = list(rows[3])
            noted = {i for i, row in enumerate(rows[4:]) if "Note" in header and row[header.index("Note")] == words}
            for series in sheet._charts[0].series:
                dashed = {int(p.idx) for p in series.dPt if p.spPr is not None and p.spPr.ln is not None
                          and p.spPr.ln.prstDash == "dash"}
                assert dashed == noted, (title, dashed, noted)
            return noted
    raise AssertionError(f"no sheet titled {title!r} in the workbook")


def test_the_nps_shares_mark_the_partial_periods_as_every_other_trend(qtbot, tmp_path, datasets_dir) -> None:
    """The NPS chart of promoters, passives and detractors per period had no mark while every trend had them: its
    partial periods are the NPS trend's, drawn paler and outlined dashed, with "partial week" in the legend, in
    the window, the deck, the workbook, the CSV and the images."""
    from desktop_app.charts.feed import show_nps
    from desktop_app.charts.nps_chart import NpsStackedChart

    files, view = CASES["demo"]
    bundle = load_bundle(files(datasets_dir), None, {})
    report = build_report(bundle, {}, view=view)
    parts = next(c for c in report.charts if c.kind == "stacked" and c.metric_id == "nps")
    deck, book, table = tmp_path / "deck.pptx", tmp_path / "book.xlsx", tmp_path / "results.csv"
    shares_only = copy.copy(report)               # the deck draws the shares on the NPS slide when it has no trend
    shares_only.charts = [c for c in report.charts if not (c.metric_id == "nps" and c.kind == "line")]
    write_pptx(shares_only, deck)
    write_xlsx(report, book)
    write_csv(report, table)
    words = partial_words(view.grain)
    _starts, trend = window_partial(bundle, view, "nps")
    assert trend == {0, len(_starts) - 1}, trend               # the demo's first and last weeks are partial

    data = chart_job(bundle, {}, view.filters(), "nps", view.grain, None)(Reporter())
    window = NpsStackedChart()
    qtbot.addWidget(window)
    show_nps(window, data)
    assert [pd.Timestamp(p[1]).date().isoformat() for p in data.nps_periods] == parts.period_starts
    assert data.nps_partial == set(parts.partial) == dashed_bars(window.plot_item) == trend
    assert words in [label.text for _sample, label in window._legend.items]
    assert deck_dashed_points(deck, parts.title, words) == trend
    assert workbook_dashed_rows(openpyxl.load_workbook(book), parts.title, words) == trend
    with table.open(encoding="utf-8-sig", newline="") as f:
        noted = {r["period_or_group"] for r in csv.DictReader(f) if r["record"] == "shares" and r["note"] == words}
    assert noted == {parts.categories[i] for i in trend}
    image = plot_chart(parts)
    qtbot.addWidget(image)
    assert dashed_bars(image.getPlotItem()) == trend
    assert words in [label.text for _sample, label in image.getPlotItem().legend.items]

    whole = NpsStackedChart()                      # no partial period: the three parts' bars only, no legend line
    qtbot.addWidget(whole)
    whole.set_periods(["Jan", "Feb"], [70.0, 50.0], [20.0, 30.0], [10.0, 20.0])
    assert not dashed_bars(whole.plot_item) and len(whole._legend.items) == 3
