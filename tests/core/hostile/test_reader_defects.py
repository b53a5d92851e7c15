"""The reading defects of issue 16, one test each (each failed before its fix)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from metrics_core.errors import LimitExceededError, WorkbookError
from metrics_core.ingest.limits import MAX_FIELD_BYTES, check_field_lengths
from metrics_core.ingest.header_analysis import header_tokens
from metrics_core.ingest.package_guard import check_package
from metrics_core.ingest.reader import read_table
from metrics_core.ingest.sheet_extent import OdsExtent, XlsxExtent
from tests.fuzz import hostile, zipcraft

REPO = Path(__file__).resolve().parents[3]


def _old_header_tokens(header: str) -> list[str]:
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", header)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)
    return [t for t in re.split(r"[^\w#%]+|_", text.lower()) if t]


def test_capitalised_header_is_split_in_linear_time() -> None:
    """([A-Z]+)([A-Z][a-z]) took 6.3 s on a 10 KB capitalised header."""
    cpu = time.process_time()
    assert header_tokens("A" * 10_000 + "b") == ["a" * 9_999, "ab"]
    assert time.process_time() - cpu < 0.5


@pytest.mark.parametrize("header", ["IDNumber", "CustomerID", "AvgTalkDuration (in hrs)", "ABcDEf", "HTTPServerURL",
                                    "a_B", "XMLHttpRequest", "ÄÖÜabc", "SLA%Met", "TicketID#"])
def test_header_split_unchanged(header: str) -> None:
    assert header_tokens(header) == _old_header_tokens(header)


def test_sep_hint_with_a_multibyte_separator(tmp_path: Path) -> None:
    """'sep=€' raised pandas' "separator encoded in utf-8 is > 1 char long" ValueError."""
    path = tmp_path / "hint.csv"
    path.write_bytes("sep=€\nTicket ID,Status\nT-1,Open\nT-2,Solved\n".encode())
    table = read_table(path)
    assert list(table.frame.columns) == ["Ticket ID", "Status"] and len(table.frame) == 2
    assert any("cannot split columns" in note for note in table.notes)


def test_html_named_xls_is_read_as_a_table(tmp_path: Path) -> None:
    """A UTF-16 HTML 'report.xls' was read as text: 'has a header row but no data rows'."""
    path = tmp_path / "report.xls"
    path.write_bytes(hostile.text_cases()["html_xls_utf16"][1]())
    table = read_table(path)
    assert table.file_format == "html"
    assert table.raw["Ticket ID"].tolist() == ["T-1", "T-2"] and table.raw["Status"].tolist() == ["Open", "Solved"]
    assert list(table.row_numbers) == [2, 3]


def test_html_named_csv_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table></body></html>")
    with pytest.raises(Exception, match="web page"):
        read_table(path)


def test_declared_sizes_refuse_a_bomb_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(hostile.sheet_bomb(declared=40 * 2**30))
    with pytest.raises(LimitExceededError, match="would expand to 40 GB") as info:
        check_package(path, "xlsx")
    assert info.value.limit == "expanded_size"


def test_shared_strings_may_not_declare_more_than_they_hold(tmp_path: Path) -> None:
    path = tmp_path / "sst.xlsx"
    path.write_bytes(hostile.shared_strings_count())
    with pytest.raises(LimitExceededError, match="2,147,483,647 entries"):
        check_package(path, "xlsx")


def test_real_exports_pass_the_package_check(datasets_dir: Path) -> None:
    for path in sorted(datasets_dir.rglob("*.xlsx")):
        facts = check_package(path, "xlsx")
        assert facts.sheets, path


def test_xlsx_extent_ignores_dimension_and_order() -> None:
    sheet = (hostile.SHEET_HEAD + b'<dimension ref="A1:B2"/><sheetData><row r="9"><c r="C9"><v>1</v></c></row>'
             b'<row r="2"><c r="AB2" t="s"><v>0</v></c><c r="ZZZ2" s="1"/><c r="XFD2" s="1"></c></row>'
             b"</sheetData></worksheet>")
    for cut in (1, 50, 120, len(sheet) - 3):            # references cut between the pieces fed
        scanner = XlsxExtent()
        scanner.feed(sheet[:cut])
        scanner.feed(sheet[cut:], final=True)
        extent = scanner.extent
        assert (extent.rows, extent.columns) == (9, 28), cut          # AB = 28th column; empty cells skipped


def test_ods_extent_counts_repeats_and_spaces() -> None:
    content = hostile.ODS_NS + (b'<table:table-row table:number-rows-repeated="3"><table:table-cell '
                                b'table:number-columns-repeated="5" office:value-type="float"><text:p>1'
                                b'<text:s text:c="7"/></text:p></table:table-cell></table:table-row>') + hostile.ODS_END
    scanner = OdsExtent()
    scanner.feed(content, final=True)
    extent = scanner.total
    assert (extent.rows, extent.columns, extent.value_cells, extent.written_cells) == (3, 5, 15, 1)
    assert extent.text_chars == 15 * 8 and extent.longest_run == 7


def test_extreme_duration_is_a_message(tmp_path: Path) -> None:
    """OverflowError: days=2147483647 escaped from the workbook reader (then: the whole sheet refused)."""
    path = tmp_path / "durations.xlsx"
    path.write_bytes(hostile.extreme_durations())
    table = read_table(path)
    assert table.raw["Ticket ID"].tolist() == ["T-4"]
    assert any("Rows 2, 3, 4 of sheet “Sheet1” were left out" in note and "out of range" in note for note in table.notes)


def test_reader_panic_report_does_not_reach_stderr(tmp_path: Path) -> None:
    """calamine's Rust panic report ('thread … panicked at …') was printed before our message."""
    path = tmp_path / "extreme.xlsx"
    path.write_bytes(hostile.raw_extreme_cells())
    code = ("import sys; from metrics_core.ingest.reader import read_table\n"
            "print(read_table(sys.argv[1]).notes[-1])\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "RUST_BACKTRACE": "1"}, timeout=120)
    assert done.stdout.startswith("Rows 2, 3, 5, 6, 7, 8 of sheet “Sheet1” were left out"), done.stdout
    assert "panicked" not in done.stderr and "backtrace" not in done.stderr, done.stderr[-800:]


def test_quiet_stderr_passes_other_text_on() -> None:
    code = ("import os\nfrom metrics_core.ingest.quiet import quiet_stderr\n"
            "with quiet_stderr():\n    os.write(2, b\"thread 'x' panicked at src/lib.rs\\n\")\n"
            "with quiet_stderr():\n    os.write(2, b'a warning\\n')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.stderr == "a warning\n"


def test_wide_text_refused_before_parsing(tmp_path: Path) -> None:
    """A million empty columns kept pandas busy for minutes before the width was checked."""
    path = tmp_path / "empty_cols.csv"
    path.write_bytes(b"a,b" + b"," * 1_000_000 + b"\n1,2\n")
    cpu = time.process_time()              # (CPU, not the wall clock: CI runs a second lane beside the tests)
    with pytest.raises(Exception, match="1,000,002 columns"):
        read_table(path)
    assert time.process_time() - cpu < 10


def test_filled_columns_limit_is_typed(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(b",".join(b"c%d" % i for i in range(3000)) + b"\n" + b",".join(b"%d" % i for i in range(3000)))
    with pytest.raises(LimitExceededError, match="3,000 columns with data") as info:
        read_table(path)
    assert info.value.limit == "columns"


def test_long_field_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "field.csv"
    path.write_bytes(b"a,b\n1,2\n3," + b"x" * (9 << 20) + b"\n")
    with pytest.raises(LimitExceededError, match=r"line 3"):
        read_table(path)


@pytest.mark.parametrize("rows_before", [0, 3 << 20, 5 << 20])
def test_field_length_limit_is_exact_wherever_the_field_is(rows_before: int) -> None:
    """The quick check (a separator in every 4 MB piece) never hides a field over the limit, at any offset."""
    head = b"a,b\n" + b"1,2\n" * (rows_before // 4)
    check_field_lengths(head + b"3," + b"x" * MAX_FIELD_BYTES + b"\n4,5\n", Path("at_limit.csv"))
    with pytest.raises(LimitExceededError, match=rf"\(line {rows_before // 4 + 2:,}\)"):
        check_field_lengths(head + b"3," + b"x" * (MAX_FIELD_BYTES + 1) + b"\n4,5\n", Path("over.csv"))


def test_zip_members_larger_than_declared_are_damage(tmp_path: Path) -> None:
    base = hostile.xlsx()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        sheet = archive.read(hostile.SHEET)
    member = zipcraft.deflated(sheet)
    member.size = 100                     # the directory says 100 bytes; the stream holds more
    path = tmp_path / "lying.xlsx"
    path.write_bytes(zipcraft.replace(base, hostile.SHEET, member))
    with pytest.raises(WorkbookError, match="does not match the size"):
        read_table(path)


@pytest.mark.parametrize("case", ["ods_value_across_16384_columns", "xlsx_16384_header_columns"])
def test_a_workbook_too_wide_is_refused_before_its_columns_are_turned_to_text(tmp_path: Path, case: str) -> None:
    """Each of 16,384 columns went through cell_text (pandas, one column at a time) before the width was
    checked: 9.9 s of CPU for one .ods row, at the edge of the 10 s every hostile file has."""
    name, build = hostile.CASES[case]
    path = tmp_path / name
    path.write_bytes(build())
    cpu = time.process_time()
    with pytest.raises(LimitExceededError, match="16,384 columns with data"):
        read_table(path)
    assert time.process_time() - cpu < 3


def test_a_header_longer_than_the_sample_loses_no_column_and_no_warning_reaches_stderr(tmp_path) -> None:
    """A header row longer than the reader's sample (512 KB) left the first data row out of it: the table
    got the header's 2 columns, pandas took the data rows' third cell for an index, warned ("loss of
    data", a ParserWarning on stderr, fuzz files 7816, 7969 …) and dropped it."""
    import warnings

    from metrics_core.ingest.reader import read_table
    from metrics_core.ingest.text_reader import SAMPLE_BYTES

    path = tmp_path / "field.csv"
    path.write_bytes(b"Ticket ID," + b"x" * (SAMPLE_BYTES + 1000) + b"\nT-1,2024-03-01,Open\nT-2,2024-03-02,Closed\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = read_table(path)
    assert table.raw.shape == (2, 3)
    assert table.raw.iloc[:, 2].tolist() == ["Open", "Closed"]
