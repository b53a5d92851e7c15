"""How the deck and the workbook mark a trend's partial periods, in the report's language: the deck draws them as a
series of their own (dashed, hollow points, "partial week" the only new legend line), the workbook notes them
beside their rows. (Which periods are partial is tests/gui/test_partial_periods_exports.py's matter.)"""

from __future__ import annotations

from dataclasses import replace

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
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
    assert partial.marker.format.fill.fore_color.rgb == (0xFF, 0xFF, 0xFF)        # hollow …
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
