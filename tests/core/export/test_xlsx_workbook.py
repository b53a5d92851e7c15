"""The workbook, re-opened with openpyxl: sheets, number formats, native charts, sources."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from metrics_core.export.chart_data import GOOD
from metrics_core.export.xlsx_workbook import unique_sheet_name, write_xlsx

from .sample import CSAT_BY_MONTH, FRT_BY_CHANNEL, NPS_PARTS, PEAK_CELLS, WEEKDAYS, make_report

from ...spacing import nb


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("book") / "report.xlsx"
    write_xlsx(make_report(days=365), path)
    return load_workbook(path)


def _rows(sheet, first_row):
    return [list(r) for r in sheet.iter_rows(min_row=first_row, values_only=True)]


def test_sheets_are_named_validly_and_uniquely(book):
    names = book.sheetnames
    assert names[0] == "Summary" and names[-2:] == ["How computed", "Sources"]
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert "NPS promoters, passives" in names          # ':' removed, cut between words to 31


def test_unique_sheet_name_handles_clashes_and_bad_characters():
    taken: set[str] = set()
    assert unique_sheet_name("A/B: [c]?", taken) == "A B c"
    assert unique_sheet_name("a b C", taken) == "a b C (2)"
    assert unique_sheet_name("x" * 40, taken) == "x" * 31
    assert unique_sheet_name("x" * 40, taken) == "x" * 27 + " (2)"
    assert unique_sheet_name("x" * 40, taken) == "x" * 27 + " (3)"


def test_summary_holds_numbers_with_formats(book):
    sheet = book["Summary"]
    header = _rows(sheet, 4)[0]
    assert header[:9] == ["KPI", "Family", "Value", "Unit", "n", "Target", "Previous", "Change", "Change %"]
    rows = {r[0]: r for r in _rows(sheet, 5)}
    csat = rows["CSAT, % satisfied"]
    assert csat[2:9] == [87.25, "%", 1200, 85, 84, 3.25, pytest.approx(3.25 / 84)]
    # text a spreadsheet could take for a formula: as written, with the quote prefix (no "'+3.2 pp" in the cell)
    assert csat[9:11] == [nb("87.2 %"), nb("+3.2 pp")]
    change_cell = next(row[10] for row in sheet.iter_rows(min_row=5) if row[0].value == "CSAT, % satisfied")
    assert change_cell.quotePrefix and change_cell.data_type == "s"
    frt = rows["First response time"]
    assert frt[2] == pytest.approx(5650 / 60) and frt[3] == "minutes" and frt[7] == pytest.approx(-470 / 60)
    assert frt[9] == nb("1 h 34 min")                                # one piece in a narrow column
    assert rows["Call abandonment rate"][2] is None and rows["Call abandonment rate"][12] == "No call file was loaded."
    r = [row[0] for row in _rows(sheet, 1)].index("CSAT, % satisfied") + 1
    assert sheet.cell(r, 3).number_format == nb('0.0" %"')
    assert sheet.cell(r, 8).number_format.startswith('+0.0" pp"')
    assert sheet.cell(r + 2, 3).number_format == nb('#,##0.0" min"')     # first response time
    assert sheet.cell(r, 8).font.color.rgb == "FF" + GOOD               # CSAT up: good
    assert sheet.cell(r + 2, 8).font.color.rgb == "FF" + GOOD           # response time down: good


def test_the_summarys_units_are_written_in_the_reports_language(tmp_path):
    """The Summary's values and changes were written " pp", " min", " days" in every language."""
    from metrics_core.i18n import language

    report = make_report()
    with language("sl"):
        write_xlsx(report, tmp_path / "sl.xlsx")
    sheet = load_workbook(tmp_path / "sl.xlsx").worksheets[0]
    labels = [row[0] for row in _rows(sheet, 1)]
    csat = labels.index("CSAT, % satisfied") + 1
    assert sheet.cell(csat, 3).number_format == nb('[$-424]0.0" %"')
    assert sheet.cell(csat, 8).number_format == nb('[$-424]+0.0" o. t.";[$-424]-0.0" o. t.";[$-424]0.0" o. t."')
    assert sheet.cell(labels.index("First response time") + 1, 8).number_format.startswith(nb('[$-424]+#,##0.0" min"'))
    assert sheet.cell(csat, 5).number_format == "[$-424]#,##0"                  # 1.200 answers, not 1,200
    assert sheet.row_dimensions[4].height >= 44          # "Sprememba, prikazana kot" wraps: its lines were cut at one
    month = load_workbook(tmp_path / "sl.xlsx")["CSAT by month"]
    assert month.cell(5, 5).number_format == '[$-424]d". "mmm" "yyyy'    # a period's start "1. jan 2024", was 2024-01-01
    assert sheet.cell(csat, 9).number_format.startswith(nb('[$-424]+0.0" "%'))   # +3,9 %
    with language("sr"):
        write_xlsx(report, tmp_path / "sr.xlsx")
    sheet = load_workbook(tmp_path / "sr.xlsx").worksheets[0]
    assert nb('" п. п."') in sheet.cell(csat, 8).number_format and "pp" not in sheet.cell(csat, 8).number_format
    assert sheet.cell(labels.index("First response time") + 1, 3).number_format == nb('[$-281A]#,##0.0" мин"')


def test_each_chart_sheet_has_its_table_and_a_native_chart(book):
    csat = book["CSAT by month"]
    rows = _rows(csat, 4)
    assert rows[0] == ["Month", "CSAT (%)", "Target (%)", "n", "Period start"]
    assert [r[0] for r in rows[1:]] == [f"{m} 2024" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                                             "Sep", "Oct", "Nov", "Dec")]      # periods by their names
    assert [r[1] for r in rows[1:]] == pytest.approx(CSAT_BY_MONTH)
    assert [r[2] for r in rows[1:]] == [85] * 12
    assert [r[4] for r in rows[1:]] == [datetime(2024, m, 1) for m in range(1, 13)]
    chart = csat._charts[0]
    assert chart.tagname == "lineChart" and len(chart.series) == 2
    assert chart.series[0].val.numRef.f == "'CSAT by month'!$B$5:$B$16"
    assert chart.series[1].val.numRef.f == "'CSAT by month'!$C$5:$C$16"
    assert chart.series[1].spPr.ln.prstDash == "dash"
    # periods on a date axis, a label every few months (LibreOffice ignores skips on text axes)
    assert chart.series[0].cat.numRef.f == "'CSAT by month'!$E$5:$E$16"
    assert chart.x_axis.tagname == "dateAx" and chart.x_axis.majorTimeUnit == "months"
    assert chart.x_axis.number_format.formatCode == "mmm yyyy"
    assert chart.y_axis.scaling.min > 0                   # framed, not from 0

    daily = book["Request volume by day"]._charts[0]
    assert daily.x_axis.majorTimeUnit == "months" and daily.x_axis.majorUnit >= 1
    text_axis = book["Request volume by day (2)"]._charts[0]     # "(no dates)" dropped to fit: a second one
    assert text_axis.x_axis.tagname == "catAx" and 365 / text_axis.x_axis.tickLblSkip <= 14

    bars = book["First response time by channel"]
    rows = _rows(bars, 4)
    assert rows[0] == ["Channel", "First response time (minutes)", "n"]
    assert [r[0] for r in rows[1:]] == list(FRT_BY_CHANNEL)       # '=HYPERLINK' as written, a quote-prefixed text
    assert [r[1] for r in rows[1:]] == pytest.approx([v / 60 for v in FRT_BY_CHANNEL.values()])
    assert bars._charts[0].tagname == "barChart" and bars._charts[0].barDir == "bar"
    # the categories read top-down and the value axis starts at 0
    assert bars._charts[0].x_axis.scaling.orientation == "maxMin"
    assert bars._charts[0].y_axis.scaling.orientation == "minMax" and bars._charts[0].y_axis.scaling.min == 0

    nps = book["NPS promoters, passives"]
    chart = nps._charts[0]
    assert chart.tagname == "barChart" and chart.barDir == "col" and chart.grouping == "stacked"
    assert len(chart.series) == 3
    rows = _rows(nps, 4)
    assert rows[0] == ["Quarter", "Promoters (%)", "Passives (%)", "Detractors (%)"]
    assert [r[1] for r in rows[1:]] == NPS_PARTS["Promoters"]


def test_formula_like_labels_are_neutralised_text(book):
    """A text cell with the quote prefix: never run, still text once edited, shown without an apostrophe."""
    cell = book["First response time by channel"]["A8"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s" and cell.quotePrefix


def test_a_parameters_text_value_is_shown_without_json_quotes(tmp_path):
    """Sources › Parameters showed the currency as "€" (the value in JSON's quotes); numbers stay as JSON writes them."""
    report = make_report(days=30)
    report.parameters = {"global": {"currency": "€"}, "csat": {"threshold": 4}}
    write_xlsx(report, tmp_path / "report.xlsx")
    values = [v for row in _rows(load_workbook(tmp_path / "report.xlsx")["Sources"], 1) for v in row if v is not None]
    assert "€" in values and '"€"' not in values and "4" in values


def test_sources_sheet_records_files_mappings_and_parameters(book):
    values = [v for row in _rows(book["Sources"], 1) for v in row if v is not None]
    assert "tickets.csv" in values and "/data/tickets.csv" in values and 12345 in values
    assert "Zendesk" in values and "Tickets" in values               # the preset and data kind by their names
    assert "Ticket ID" in values and "Id" in values                  # mapping: the field as the window names it
    assert "threshold" in values and "4" in values                    # parameters (JSON values)
    assert "2024" in values                                           # the period: a calendar year (deck21)


def test_peak_hours_sheet_holds_the_counts_under_a_colour_scale(book):
    sheet = book["When customers contact us"]
    assert [sheet.cell(4, c).value for c in (1, 2, 25)] == ["Weekday", "00", "23"]
    assert [sheet.cell(5 + i, 1).value for i in range(7)] == WEEKDAYS
    grid = {(sheet.cell(5 + i, 1).value, h): sheet.cell(5 + i, 2 + h).value for i in range(7) for h in range(24)}
    assert {k: v for k, v in grid.items() if v} == PEAK_CELLS
    assert sum(1 for v in grid.values() if v == 0) == 7 * 24 - len(PEAK_CELLS)
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    assert [r.type for r in rules] == ["colorScale"]
    colours = [c.rgb[-6:] for c in rules[0].colorScale.color]
    assert len(colours) == 3 and (colours[0], colours[2]) == ("FFFFFF", "08306B")     # none: white, most: dark blue
    assert str(next(iter(sheet.conditional_formatting)).sqref) == "B5:Y11"
