"""Charts of a report in another language: legends (the target line, the NPS parts), axis numbers and
date labels are written in the report's language, in the deck and in the workbook."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from metrics_core.cli.report_cmd import demo_files
from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.export.build import build_report
from metrics_core.export.chart_data import office_date_format, series_title
from metrics_core.export.pptx_deck import write_pptx
from metrics_core.export.xlsx_workbook import write_xlsx
from metrics_core.i18n import language
from metrics_core.report_view import KpiView

from .drawn_text import INSETS_PT, drawn_width, needs_font


@pytest.fixture(scope="module")
def bundle():
    return load_bundle([str(p) for p in demo_files()], None, {})


def _report(bundle, code):
    with language(code):
        return build_report(bundle, view=KpiView(kpis=("csat", "nps", "staffing")))


def _charts(path):
    return [shape.chart for slide in Presentation(str(path)).slides for shape in slide.shapes if shape.has_chart]


@pytest.mark.parametrize("code, target, promoters", [("sl", "Cilj", "Promotorji"), ("sr", "Циљ", "Промотери")])
def test_legends_and_number_formats_of_a_deck_in_the_language(bundle, tmp_path, code, target, promoters):
    report = _report(bundle, code)
    path = tmp_path / "deck.pptx"
    with language(code):
        write_pptx(report, path)
    charts = _charts(path)
    names = {series.name for chart in charts for series in chart.plots[0].series}
    assert target in names and "Target" not in names
    staffing = next(c for c in charts if len(c.plots[0].series) > 1)
    tick_format = staffing.value_axis.tick_labels.number_format
    assert tick_format.startswith({"sl": "[$-424]", "sr": "[$-281A]"}[code])
    if code == "sl":
        assert '"\u00a0%"' in tick_format        # 80 %, as Slovenian writes a percentage
    book = tmp_path / "book.xlsx"
    with language(code):
        write_xlsx(report, book)
    headers = {str(cell.value) for sheet in load_workbook(book).worksheets for cell in sheet[4] if cell.value}
    assert any(h.startswith(promoters) for h in headers) and not any(h.startswith("Promoters") for h in headers)


@pytest.mark.parametrize("code, month, day", [
    ("en", "mmm yyyy", "d mmm"),
    ("sl", '[$-424]mmm" "yyyy', '[$-424]d". "mmm'),
    ("sr", '[$-281A]mmm" "yyyy"."', '[$-281A]d". "mmm'),
    ("sv", '[$-41D]mmm" "yyyy', '[$-41D]d" "mmm'),
])
def test_date_axes_are_written_as_cldr_writes_the_language(code, month, day):
    with language(code):
        assert office_date_format("mmm yyyy") == month and office_date_format("d mmm") == day


def test_series_from_the_data_keep_their_names():
    with language("sl"):
        assert series_title("Email") == "Email" and series_title("Detractors") == "Detraktorji"


@pytest.mark.parametrize("code, based_on", [("sr", "Из "), ("sv", "Från "), ("ro", "Din ")])
def test_kpi_panels_say_what_a_value_rests_on_in_the_language(bundle, tmp_path, code, based_on):
    """In the card's words ("From 2,588 answers": report_view.words.basis_line), in the report's language."""
    report = _report(bundle, code)
    path = tmp_path / "deck.pptx"
    with language(code):
        write_pptx(report, path)
    texts = [shape.text_frame.text for slide in Presentation(str(path)).slides for shape in slide.shapes
             if shape.has_text_frame]
    assert any(t.startswith(based_on) for t in texts) and not any(t.startswith("Iz ") for t in texts)


@needs_font
def test_a_long_value_gets_a_smaller_font_instead_of_a_second_line():
    from metrics_core.export.pptx_parts import one_line_size
    assert one_line_size("80,1 %", 3.6, 36) == 36
    size = one_line_size("9 сати 03 мин", 3.6, 36)
    assert size < 36
    assert drawn_width("9 сати 03 мин", size) <= 3.6 * 72 - INSETS_PT < drawn_width("9 сати 03 мин", size + 1)


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr"])
def test_a_charts_percent_is_spaced_as_the_slides_values(tmp_path, code):
    """The en deck's CSAT slide read "84.7 %" beside "85%" on its axis and "87.4%" on its bars (CLDR's English
    pattern), where the workbook writes "84.7 %" as the deck's texts do (s18-deck)."""
    from metrics_core.formatting import format_percent
    from pptx.oxml.ns import qn

    from .sample import make_report

    path = tmp_path / "deck.pptx"
    with language(code):
        write_pptx(make_report(), path)
        sign = format_percent(80.0).removeprefix(format_percent(80.0).rstrip("%").rstrip("\xa0 ")).strip('"')
    chart = next(s.chart for slide in Presentation(str(path)).slides for s in slide.shapes
                 if s.has_chart and s.chart.chart_title.text_frame.text == "CSAT by month")
    axis = chart._chartSpace.find(".//" + qn("c:valAx")).find(qn("c:numFmt")).get("formatCode")
    assert axis.endswith(f'"{sign}"'), (axis, sign)
