"""Workbooks: sheet choice, title rows, stray notes, native cell values, format by content."""

from __future__ import annotations

import datetime as dt
import zipfile

import xlsxwriter

from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import list_sheets, read_table


def _book(path, build):
    book = xlsxwriter.Workbook(path)
    build(book)
    book.close()
    return path


def test_largest_sheet_is_chosen_and_every_sheet_listed(tmp_path):
    def build(book):
        book.add_worksheet("Summary").write_row(0, 0, ["Total", 3])
        data = book.add_worksheet("Calls")
        data.write_row(0, 0, ["Call", "Agent", "Seconds"])
        for r in range(1, 31):
            data.write_row(r, 0, [f"C{r}", "Ana", r * 10])
        book.add_worksheet("Notes").write(0, 0, "see Calls")
    path = _book(tmp_path / "calls.xlsx", build)
    table = read_table(path)
    assert table.sheet == "Calls"
    assert table.sheets == ["Summary", "Calls", "Notes"] == list_sheets(path)
    assert len(table.frame) == 30
    assert table.raw["Seconds"].tolist()[:3] == ["10", "20", "30"]
    assert any("largest of 3 sheets" in note for note in table.notes)
    chosen = read_table(path, ReadOptions(sheet="summary"))
    assert chosen.sheet == "Summary"


def test_title_rows_stray_notes_and_empty_columns_in_a_sheet(tmp_path):
    def build(book):
        sheet = book.add_worksheet("Report")
        sheet.write(0, 0, "Tickets report for March")
        sheet.write_row(2, 0, ["Ticket", "Created", "Status", "CSAT"])
        stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        for r in range(3, 53):
            sheet.write(r, 0, f"T-{r}")
            sheet.write_datetime(r, 1, dt.datetime(2024, 3, 1, 9) + dt.timedelta(hours=r), stamp)
            sheet.write_row(r, 2, ["Open" if r % 2 else "Closed", r % 5 + 1])
        sheet.write(10, 6, "Start Date")          # notes two columns right of the table
        sheet.write(11, 6, "End Date")
        sheet.write(60, 0, "")                    # formatted but empty cell below the table
    path = _book(tmp_path / "report.xlsx", build)
    table = read_table(path)
    assert list(table.frame.columns) == ["Ticket", "Created", "Status", "CSAT"]
    assert table.header_rows == [2]
    assert table.first_data_row == 4
    assert table.row_numbers.tolist() == list(range(4, 54))
    assert table.raw["Created"].iloc[0] == "2024-03-01 12:00:00"
    assert table.profile("Created").col_type == "datetime"
    assert any("G" in note and "Start Date" in note for note in table.notes)
    assert any("above the table" in note for note in table.notes)


def test_workbook_with_csv_extension_is_read_as_workbook(tmp_path):
    def build(book):
        sheet = book.add_worksheet("Data")
        sheet.write_row(0, 0, ["a", "b"])
        sheet.write_row(1, 0, [1, 2])
    path = _book(tmp_path / "really_a_workbook.csv", build)
    table = read_table(path)
    assert table.file_format == "xlsx"
    assert table.raw["a"].tolist() == ["1"]


def test_text_with_xls_extension_is_read_as_text(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("Ticket\tStatus\nT-1\tOpen\nT-2\tClosed\n")
    table = read_table(path)
    assert table.file_format == "csv" and table.delimiter == "\t"
    assert table.raw["Status"].tolist() == ["Open", "Closed"]


def test_surveymonkey_style_workbook_two_header_rows(tmp_path):
    def build(book):
        sheet = book.add_worksheet("Sheet")
        sheet.write_row(0, 0, ["Respondent ID", "Start Date", "How likely are you to recommend us?", "Rate us", ""])
        sheet.write_row(1, 0, ["", "", "Response", "Speed", "Price"])
        sheet.write_row(2, 0, [111, "2024-03-01", 9, 4, 3])
        sheet.write_row(3, 0, [112, "2024-03-02", 6, 5, 2])
    table = read_table(_book(tmp_path / "sm.xlsx", build))
    assert table.header_rows == [0, 1]
    assert list(table.frame.columns) == [
        "Respondent ID", "Start Date", "How likely are you to recommend us?", "Rate us - Speed", "Rate us - Price"]
    assert table.row_numbers.tolist() == [3, 4]


def _ods(path, sheet, rows):
    """A minimal OpenDocument spreadsheet (what LibreOffice writes, without styles)."""
    def cell(value):
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def test_ods_workbook(tmp_path):
    path = _ods(tmp_path / "anketa.ods", "Odzivi", [["Ime", "Ocena"], ["Žiga", 9], ["Ana", 6]])
    table = read_table(path)
    assert table.file_format == "ods"
    assert table.sheet == "Odzivi" and list_sheets(path) == ["Odzivi"]
    assert table.raw["Ime"].tolist() == ["Žiga", "Ana"]
    assert table.raw["Ocena"].tolist() == ["9", "6"]
