"""How the deck and the workbook mark a trend's partial periods, in the report's language: the deck draws them as a
series of their own (dashed, hollow points, "partial week" the only new legend line), the workbook notes them
beside their rows. (Which periods are partial is tests/gui/test_partial_periods_exports.py's matter.)"""

from __future__ import annotations

from dataclasses import replace

import zipfile

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_MARKER_STYLE
from pptx.enum.dml import MSO_FILL_TYPE, MSO_LINE_DASH_STYLE
from lxml import etree
from pptx.oxml.ns import qn

from metrics_core.export.pptx_deck import write_pptx
from metrics_core.export.xlsx_workbook import write_xlsx
from metrics_core.i18n import _, language

from .sample import CSAT_BY_MONTH, make_report


@pytest.mark.parametrize("code, words", [("en", "partial month"), ("sl", "delni mesec"), ("sv", "ofullständig månad")])
def test_a_partial_last_month_is_a_dashed_step_to_a_hollow_point_named_in_the_legend(tmp_path, code, words):
    report = make_report()
    report.charts = [replace(c, partial=[11]) if c.chart_id == "csat-month" else c for c in report.charts]
    with language(code):
        write_pptx(report, tmp_path / "deck.pptx")
        write_xlsx(report, tmp_path / "book.xlsx")
    chart = next(s.chart for slide in Presentation(str(tmp_path / "deck.pptx")).slides for s in slide.shapes
                 if s.has_chart and s.chart.chart_title.text_frame.text == "CSAT by month")
    own, partial, target = chart.plots[0].series
    assert partial.name == words and own.name == "CSAT"
    assert list(own.values) == pytest.approx(CSAT_BY_MONTH[:11] + [None])          # the whole months, solid
    assert list(partial.values) == pytest.approx([None] * 10 + CSAT_BY_MONTH[10:])  # the step from November
    assert partial.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert partial.marker.format.fill.type == MSO_FILL_TYPE.BACKGROUND           # hollow (a:noFill) …
    assert partial.points[10].marker.style == XL_MARKER_STYLE.NONE                 # … on the partial month only
    assert list(target.values) == [85.0] * 12
    legend = chart._chartSpace.find(".//" + qn("c:legend"))
    hidden = [e.find(qn("c:idx")).get("val") for e in legend.findall(qn("c:legendEntry"))
              if e.find(qn("c:delete")).get("val") == "1"]
    assert hidden == ["0"]                  # the legend explains the marks; the title names the KPI

    sheet = openpyxl.load_workbook(tmp_path / "book.xlsx")["CSAT by month"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    with language(code):
        assert rows[0][-1] == _("Note") != "Note" or code == "en"
    assert [r[-1] for r in rows[1:]] == [None] * 11 + [words]


def test_whole_periods_add_no_series_and_no_legend_line():
    from metrics_core.export.pptx_parts import partial_split

    report = make_report()
    chart = next(c for c in report.charts if c.chart_id == "frt-month")
    assert list(partial_split(chart.frame, chart).columns) == list(chart.frame.columns)
    assert list(partial_split(chart.frame, replace(chart, kind="bar", partial=[0])).columns) == list(chart.frame.columns)


#: The children of c:dPt and c:marker in the order the schema (CT_DPt, CT_Marker) allows them.
DPT_ORDER = ["idx", "invertIfNegative", "marker", "bubble3D", "explosion", "spPr", "pictureOptions", "extLst"]
MARKER_ORDER = ["symbol", "size", "spPr", "extLst"]


def _local(element) -> str:
    return etree.QName(element).localname


def _assert_ring(ring) -> None:
    """A c:marker drawn as a ring: a circle, its c:spPr without fill (a:noFill) and with a visible blue a:ln."""
    assert ring.find(qn("c:symbol")).get("val") == "circle" and int(ring.find(qn("c:size")).get("val")) >= 5
    shape = ring.find(qn("c:spPr"))
    assert shape.find(qn("a:noFill")) is not None and shape.find(qn("a:solidFill")) is None     # no fill …
    outline = shape.find(qn("a:ln"))
    assert int(outline.get("w")) >= 12700 and outline.find(qn("a:noFill")) is None               # … a visible line
    assert outline.find(qn("a:solidFill")).find(qn("a:srgbClr")).get("val") == "0072B2"


def test_the_saved_decks_partial_point_is_a_ring_without_fill_and_with_a_line(tmp_path):
    """LibreOffice draws the hollow point filled, and PowerPoint was never checked: the saved chart XML says what
    PowerPoint reads. The partial month's point is a circle whose c:spPr has a:noFill and a coloured a:ln of some
    width (a white fill covered the dashed step's end and is no ring on a tinted slide); the month it steps from has
    no marker; both points repeat the dashed line; every c:dPt and c:marker keeps the schema's order."""
    report = make_report()
    report.charts = [replace(c, partial=[11]) if c.chart_id == "csat-month" else c for c in report.charts]
    write_pptx(report, tmp_path / "deck.pptx")
    with zipfile.ZipFile(tmp_path / "deck.pptx") as deck:
        charts = [etree.fromstring(deck.read(n)) for n in deck.namelist() if n.startswith("ppt/charts/chart")]
    partial = [s for c in charts for s in c.iter(qn("c:ser"))
               if s.find("c:tx//c:v", {"c": s.nsmap["c"]}) is not None
               and s.find("c:tx//c:v", {"c": s.nsmap["c"]}).text == "partial month"]
    assert len(partial) == 1
    series = partial[0]
    points = {int(p.find(qn("c:idx")).get("val")): p for p in series.findall(qn("c:dPt"))}
    assert sorted(points) == [10, 11]
    for point in points.values():
        children = [_local(e) for e in point]
        assert children == sorted(children, key=DPT_ORDER.index), children
        for marker in point.iter(qn("c:marker")):
            inside = [_local(e) for e in marker]
            assert inside == sorted(inside, key=MARKER_ORDER.index), inside
        line = point.find(qn("c:spPr")).find(qn("a:ln"))
        assert line.find(qn("a:prstDash")).get("val") == "dash"
    ring = points[11].find(qn("c:marker"))
    _assert_ring(ring)
    assert points[10].find(qn("c:marker")).find(qn("c:symbol")).get("val") == "none"
    every = series.find(qn("c:marker")).find(qn("c:spPr"))                  # the series' own markers alike
    assert every.find(qn("a:noFill")) is not None and every.find(qn("a:ln")) is not None


def test_the_saved_workbooks_partial_point_is_a_ring_without_fill_and_with_a_line(tmp_path):
    """The workbook drew the partial month's point white-filled (a point's fill in XlsxWriter is the line's, the
    marker stayed the series' filled one): now the point carries its own marker, a circle with a:noFill and a
    coloured a:ln, and its dashed step, in the schema's order; the whole months keep the filled marker."""
    report = make_report()
    report.charts = [replace(c, partial=[11]) if c.chart_id == "csat-month" else c for c in report.charts]
    write_xlsx(report, tmp_path / "book.xlsx")
    with zipfile.ZipFile(tmp_path / "book.xlsx") as book:
        charts = [etree.fromstring(book.read(n)) for n in book.namelist() if n.startswith("xl/charts/chart")]
    with_points = [s for c in charts for s in c.iter(qn("c:ser")) if s.find(qn("c:dPt")) is not None]
    assert len(with_points) == 1
    series = with_points[0]
    points = {int(p.find(qn("c:idx")).get("val")): p for p in series.findall(qn("c:dPt"))}
    assert sorted(points) == [11]
    children = [_local(e) for e in points[11]]
    assert children == sorted(children, key=DPT_ORDER.index) and "marker" in children, children
    ring = points[11].find(qn("c:marker"))
    assert [_local(e) for e in ring] == ["symbol", "size", "spPr"]
    _assert_ring(ring)
    step = points[11].find(qn("c:spPr")).find(qn("a:ln"))
    assert step.find(qn("a:prstDash")).get("val") == "dash"
    every = series.find(qn("c:marker")).find(qn("c:spPr"))                  # the whole months' points filled
    assert every.find(qn("a:solidFill")) is not None
