"""Hand-made hostile and broken files, one builder per case (issue 16).

``CASES`` maps a case name to ``(file name, builder)``; a builder returns the file's bytes.
Bombs are made with :mod:`.zipcraft` in milliseconds, whatever size they declare or expand to.
Nothing here calls the reader.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Callable

import xlsxwriter

from . import zipcraft

GB = 1 << 30
CREATED = datetime.datetime(2024, 3, 1, 9, 0, 0)
BOMB = 3 * GB          # what a bomb expands to


def MB_OF(piece: bytes) -> bytes:  # noqa: N802 - reads as a unit
    """``piece`` repeated to about 1 MB (a chunk that deflates at the format's best ratio)."""
    return piece * max(1, (1 << 20) // len(piece))
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
ODS_NS = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
          b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
          b'<office:body><office:spreadsheet><table:table table:name="Sheet1">')
ODS_END = b"</table:table></office:spreadsheet></office:body></office:document-content>"


def xlsx(rows: list[list[object]] | None = None, formats: dict[int, str] | None = None) -> bytes:
    """A small ticket workbook written by XlsxWriter (``formats``: column -> number format)."""
    rows = rows or [["Ticket ID", "Created", "Status", "Minutes"], ["T-1", "2024-03-01 09:00", "Solved", 12.5],
                    ["T-2", "2024-03-02 10:30", "Open", 7], ["T-3", "2024-03-03 11:45", "Closed", 30]]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "nan_inf_to_errors": True})
    book.set_properties({"created": CREATED})            # the same bytes whenever it is made
    sheet = book.add_worksheet("Sheet1")
    styles = {c: book.add_format({"num_format": f}) for c, f in (formats or {}).items()}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if c in styles and r > 0:
                sheet.write(r, c, value, styles[c])
            else:
                sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def ods(content: bytes | zipcraft.Member) -> bytes:
    """An .ods package around ``content.xml`` (bytes, or a ready member such as a bomb)."""
    member = content if isinstance(content, zipcraft.Member) else zipcraft.deflated(content)
    member.name = "content.xml"
    mimetype = zipcraft.Member("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", 0, 0, 46)
    import zlib
    mimetype.crc = zlib.crc32(mimetype.compressed)
    manifest = zipcraft.deflated(
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        b'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b'</manifest:manifest>')
    manifest.name = "META-INF/manifest.xml"
    return zipcraft.build_zip([mimetype, member, manifest])


def ods_rows(rows: bytes) -> bytes:
    return ods(ODS_NS + rows + ODS_END)


def _cell(text: bytes) -> bytes:
    return b'<table:table-cell office:value-type="string"><text:p>' + text + b"</text:p></table:table-cell>"


HEADER_ROW = b"<table:table-row>" + _cell(b"Ticket ID") + _cell(b"Status") + b"</table:table-row>"


# ----------------------------------------------------------------- xlsx bombs
def sheet_bomb(declared: int | None = None) -> bytes:
    """sheet1.xml expanding to ~4 GB of cells (``declared`` lies about the size when given)."""
    chunk = MB_OF(b'<c t="inlineStr"><is><t>' + b"A" * 4000 + b"</t></is></c>")
    member = zipcraft.bomb_member(SHEET_HEAD + b'<sheetData><row r="1">', chunk, BOMB // len(chunk),
                                  b"</row></sheetData></worksheet>", declared)
    return zipcraft.replace(xlsx(), SHEET, member)


def part_bomb(part: str, prefix: bytes, chunk: bytes, suffix: bytes, size: int | None = None,
              declared: int | None = None) -> Callable[[], bytes]:
    def build() -> bytes:
        piece = MB_OF(chunk)
        member = zipcraft.bomb_member(prefix, piece, (size or BOMB) // len(piece), suffix, declared)
        return zipcraft.replace(xlsx(), part, member)
    return build


def shared_strings_bomb() -> bytes:
    base = xlsx()
    return part_bomb("xl/sharedStrings.xml", b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>', b"B" * 8192,
                     b"</t></si></sst>")() if base else b""


def far_cell(dimension: bytes | None) -> bytes:
    """One value at XFD1048576, with a lying (or no) <dimension>."""
    dim = b"" if dimension is None else b'<dimension ref="' + dimension + b'"/>'
    sheet = (SHEET_HEAD + dim + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ticket ID</t></is></c></row>'
             b'<row r="1048576"><c r="XFD1048576"><v>42</v></c></row></sheetData></worksheet>')
    return zipcraft.with_part(xlsx(), SHEET, sheet)


def far_cell_out_of_order() -> bytes:
    """The far cell comes first, and rows are out of order (a reader must not trust the order)."""
    sheet = (SHEET_HEAD + b'<dimension ref="A1:B3"/><sheetData><row r="1048576"><c r="XFD1048576"><v>42</v></c>'
             b'</row><row r="1"><c r="A1" t="inlineStr"><is><t>Ticket ID</t></is></c></row></sheetData></worksheet>')
    return zipcraft.with_part(xlsx(), SHEET, sheet)


def cells_without_refs_far() -> bytes:
    """Cells without r="" attributes: a reader counts them, 20,000 in one row."""
    row = b"<row>" + b"<c><v>1</v></c>" * 20_000 + b"</row>"
    member = zipcraft.bomb_member(SHEET_HEAD + b"<sheetData>", row, 3000, b"</sheetData></worksheet>")
    return zipcraft.replace(xlsx(), SHEET, member)


def shared_strings_count(count: int = 2**31 - 1) -> bytes:
    """A shared-strings table that declares 2^31-1 entries and holds 4."""
    sst = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="'
           + str(count).encode() + b'" uniqueCount="' + str(count).encode() + b'"><si><t>Ticket ID</t></si>'
           b"<si><t>Created</t></si><si><t>Status</t></si><si><t>Minutes</t></si></sst>")
    base = xlsx()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        if "xl/sharedStrings.xml" not in archive.namelist():
            raise AssertionError("the base workbook has no shared strings")
    return zipcraft.with_part(base, "xl/sharedStrings.xml", sst)


def big_workbook_xml() -> bytes:
    """xl/workbook.xml of 300 MB (defined names) in a ~300 KB file."""
    with zipfile.ZipFile(io.BytesIO(xlsx())) as archive:
        book = archive.read("xl/workbook.xml")
    head, _, tail = book.partition(b"</workbook>")
    chunk = MB_OF(b'<definedName name="n">Sheet1!$A$1</definedName>')
    member = zipcraft.bomb_member(head + b"<definedNames>", chunk, 300_000_000 // len(chunk),
                                  b"</definedNames></workbook>")
    return zipcraft.replace(xlsx(), "xl/workbook.xml", member)


def billion_laughs(part: str) -> Callable[[], bytes]:
    def build() -> bytes:
        entities = b'<!ENTITY a0 "ha">' + b"".join(
            b"<!ENTITY a%d \"" % i + b"&a%d;" % (i - 1) * 10 + b'">' for i in range(1, 10))
        doc = (b'<?xml version="1.0"?><!DOCTYPE worksheet [' + entities + b"]>" + SHEET_HEAD[SHEET_HEAD.index(b"<worksheet"):]
               + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>')
        return zipcraft.with_part(xlsx(), part, doc)
    return build


def external_entity() -> bytes:
    doc = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           + SHEET_HEAD[SHEET_HEAD.index(b"<worksheet"):]
           + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ticket</t></is></c></row>'
           b'<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')
    return zipcraft.with_part(xlsx(), SHEET, doc)


def wide_header_xlsx(columns: int = 16_384) -> bytes:
    """An .xlsx whose header fills all 16,384 columns, with 3 data rows."""
    header = [f"Column {i}" for i in range(columns)]
    return xlsx([header] + [[f"v{r}-{c % 7}" for c in range(columns)] for r in range(3)])


def extreme_durations() -> bytes:
    """Durations ([h]:mm:ss) and dates so large or small that Python cannot hold them."""
    rows = [["Ticket ID", "Created", "Handle time", "Wait"],
            ["T-1", 2958465.99, 1e12, 1e300], ["T-2", -1000000, -1e12, float("-inf")],
            ["T-3", 45000.5, 2147483647.0, 5e9], ["T-4", 1e15, 0.5, 1e-300]]
    return xlsx(rows, {1: "yyyy-mm-dd hh:mm", 2: "[h]:mm:ss", 3: "[h]:mm:ss"})


def raw_extreme_cells() -> bytes:
    """Cell values an XML writer would never produce: inf, nan, 1e308 with a duration style."""
    base = xlsx([["Ticket ID", "Handle time"], ["T-1", 1.0]], {1: "[h]:mm:ss"})
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        sheet = archive.read(SHEET)
    values = (b"-inf", b"inf", b"NaN", b"1e308", b"-1e308", b"2147483647", b"-2147483648")
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>T</t></is></c><c r="B%d" s="1"><v>%s</v></c></row>'
                    % (i + 2, i + 2, i + 2, v) for i, v in enumerate(values))
    sheet = sheet.replace(b'<dimension ref="A1:B2"/>', b"")
    start = sheet.index(b'<row r="2"')
    end = sheet.index(b"</sheetData>")
    return zipcraft.with_part(base, SHEET, sheet[:start] + rows + sheet[end:])


def encrypted_ole() -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return head + "EncryptedPackage".encode("utf-16-le") + bytes(2048)


def fake_workbook_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipcraft.stamped("[Content_Types].xml", zipfile.ZIP_STORED), "<Types/>")
        archive.writestr(zipcraft.stamped("xl/workbook.xml", zipfile.ZIP_STORED), "not xml at all <<<")
        archive.writestr(zipcraft.stamped("xl/_rels/workbook.xml.rels", zipfile.ZIP_STORED), "<Relationships/>")
    return out.getvalue()


# ----------------------------------------------------------------- ods
def ods_content_bomb() -> bytes:
    chunk = MB_OF(_cell(b"C" * 4000))
    member = zipcraft.bomb_member(ODS_NS + HEADER_ROW + b"<table:table-row>", chunk, BOMB // len(chunk),
                                  b"</table:table-row>" + ODS_END)
    return ods(member)


def ods_spaces(count: int = 4_000_000_000) -> bytes:
    return ods_rows(HEADER_ROW + b"<table:table-row>" + _cell(b'x<text:s text:c="%d"/>y' % count)
                    + _cell(b"Open") + b"</table:table-row>")


def ods_many_spaces_elements() -> bytes:
    return ods_rows(HEADER_ROW + b"<table:table-row>" + _cell(b'<text:s text:c="60000"/>' * 40_000)
                    + b"</table:table-row>")


def ods_repeated_cells(columns: int = 16_000, rows: int = 3_000) -> bytes:
    """48 million cells from a few repeat attributes."""
    row = (b'<table:table-row table:number-rows-repeated="%d"><table:table-cell table:number-columns-repeated="%d" '
           b'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
           % (rows, columns))
    return ods_rows(HEADER_ROW + row)


def ods_value_across_columns() -> bytes:
    row = (b'<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
           b"<text:p>Same</text:p></table:table-cell></table:table-row>")
    return ods_rows(row * 4)


def ods_empty_repeats() -> bytes:
    """What LibreOffice writes for formatted empty areas: huge repeats of empty cells (legitimate)."""
    empty = (b'<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
             b'table:number-columns-repeated="16384"/></table:table-row>')
    data = b"<table:table-row>" + _cell(b"T-1") + _cell(b"Open") + b"</table:table-row>"
    return ods_rows(HEADER_ROW + data + empty)


# ----------------------------------------------------------------- text
TICKETS = b"Ticket ID,Created,Status,Minutes\nT-1,2024-03-01 09:00,Solved,12\nT-2,2024-03-02 10:30,Open,7\n"


def text_cases() -> dict[str, tuple[str, Callable[[], bytes]]]:
    mb50 = 50 * (1 << 20)
    return {
        "sep_hint_multibyte": ("sep.csv", lambda: "sep=€\n".encode() + TICKETS),
        "sep_hint_multibyte_cp1252": ("sep.csv", lambda: b"sep=\x80\n" + TICKETS),
        "header_line_200kb": ("wide.csv", lambda: b",".join(b"Header %d" % i for i in range(20_000))[:200_000]
                              + b"\n" + TICKETS),
        "field_50mb_quoted": ("field.csv", lambda: TICKETS + b'T-3,"' + b"x" * mb50 + b'",Open,1\n'),
        "field_50mb_unquoted": ("field.csv", lambda: TICKETS + b"T-3," + b"x" * mb50 + b",Open,1\n"),
        "field_50mb_header": ("field.csv", lambda: b"Ticket ID," + b"H" * mb50 + b"\n" + TICKETS),
        "field_50mb_cp1250": ("field.csv", lambda: TICKETS + b"T-3," + b"\x9a\xe8" * (mb50 // 2) + b",Open,1\n"),
        "columns_16384": ("wide.csv", lambda: b"\n".join(b",".join(b"c%d_%d" % (r, c) for c in range(16_384))
                                                          for r in range(4)) + b"\n"),
        "million_empty_columns": ("empty_cols.csv", lambda: b"\n".join(line + b"," * 1_000_000
                                                                      for line in TICKETS.split(b"\n")[:3])),
        "capitalised_header_10kb": ("caps.csv", lambda: b"ABC" * 3400 + b"Def,Status\n1,Open\n2,Solved\n"),
        "html_xls_utf16": ("report.xls", lambda: ("\ufeff<html><body><table><tr><th>Ticket ID</th><th>Status</th></tr>"
                                                  "<tr><td>T-1</td><td>Open</td></tr><tr><td>T-2</td><td>Solved</td>"
                                                  "</tr></table></body></html>").encode("utf-16-le")),
        "html_xls_bare_table": ("report.xls", lambda: b"<table><tr><td>Ticket ID</td><td>Status</td></tr>"
                                b"<tr><td>T-1</td><td>Open</td></tr><tr><td>T-2</td><td>Solved</td></tr></table>"),
        "html_xls_comment": ("report.xls", lambda: b"<!-- exported by HelpDesk -->\n<table border=1><tr><td>Ticket ID"
                             b"</td><td>Status</td></tr><tr><td>T-1</td><td>Open</td></tr></table>"),
        "html_xls_meta": ("report.xls", lambda: b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                          b"<table><tr><td>Ticket ID</td><td>Status</td></tr><tr><td>T-1</td><td>Open</td></tr>"
                          b"<tr><td>T-2</td><td>\xc4\x8cakanje</td></tr></table>"),
    }


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "xlsx_sheet_bomb": ("bomb.xlsx", sheet_bomb),
    "xlsx_sheet_bomb_lying_size": ("bomb.xlsx", lambda: sheet_bomb(declared=40_000)),
    "xlsx_sheet_bomb_40gb_declared": ("bomb.xlsx", lambda: sheet_bomb(declared=40 * GB)),
    "xlsx_shared_strings_bomb": ("bomb.xlsx", shared_strings_bomb),
    "xlsx_comments_bomb": ("bomb.xlsx", part_bomb("xl/comments1.xml", b"<comments><commentList><comment><text><t>",
                                                  b"D" * 8192, b"</t></text></comment></commentList></comments>")),
    "xlsx_rels_bomb": ("bomb.xlsx", part_bomb("xl/_rels/workbook.xml.rels", b"<Relationships>",
                                              b"<!--" + b"E" * 8000 + b"-->", b"</Relationships>")),
    "xlsx_workbook_xml_bomb": ("bomb.xlsx", part_bomb("xl/workbook.xml", b"<workbook><sheets>",
                                                      b" " * 8192, b"</sheets></workbook>")),
    "xlsx_styles_bomb_lying": ("bomb.xlsx", part_bomb("xl/styles.xml", b"<styleSheet>", b" " * 8192,
                                                      b"</styleSheet>", declared=2000)),
    "xlsx_workbook_xml_300mb": ("big.xlsx", big_workbook_xml),
    "xlsx_far_cell_lying_dimension": ("far.xlsx", lambda: far_cell(b"A1:B3")),
    "xlsx_far_cell_no_dimension": ("far.xlsx", lambda: far_cell(None)),
    "xlsx_far_cell_out_of_order": ("far.xlsx", far_cell_out_of_order),
    "xlsx_cells_without_refs": ("norefs.xlsx", cells_without_refs_far),
    "xlsx_shared_strings_2e31": ("sst.xlsx", shared_strings_count),
    "xlsx_billion_laughs_sheet": ("laughs.xlsx", billion_laughs(SHEET)),
    "xlsx_billion_laughs_workbook": ("laughs.xlsx", billion_laughs("xl/workbook.xml")),
    "xlsx_external_entity": ("xxe.xlsx", external_entity),
    "xlsx_16384_header_columns": ("wide.xlsx", wide_header_xlsx),
    "xlsx_extreme_durations": ("durations.xlsx", extreme_durations),
    "xlsx_raw_extreme_cells": ("extreme.xlsx", raw_extreme_cells),
    "encrypted_ole_named_xlsx": ("secret.xlsx", encrypted_ole),
    "encrypted_ole_named_xls": ("secret.xls", encrypted_ole),
    "fake_workbook_zip": ("fake.xlsx", fake_workbook_zip),
    "ods_content_bomb": ("bomb.ods", ods_content_bomb),
    "ods_text_s_billions": ("spaces.ods", ods_spaces),
    "ods_text_s_many": ("spaces.ods", ods_many_spaces_elements),
    "ods_48m_repeated_cells": ("repeat.ods", ods_repeated_cells),
    "ods_value_across_16384_columns": ("across.ods", ods_value_across_columns),
    "ods_empty_repeats": ("formatted.ods", ods_empty_repeats),
    **text_cases(),
}
