"""Fuzzing the reader: bad input gives a table or a typed error, never a traceback.

Every generated file is read with :func:`read_table`.  The only acceptable
outcomes are

* a :class:`LoadedTable` whose invariants hold (as many typed rows as raw rows
  and row numbers, unique column names, row numbers strictly increasing from 1
  or more) — and then :func:`read_preview` and :func:`load_dataset` on the same
  file succeed (with the same invariants) or raise a :class:`KpiDeskError`;
* a :class:`KpiDeskError` whose message names the file.

Any other exception fails the test, and so does a read that takes longer than
``TIME_LIMIT`` seconds (inputs are small, so that would be a hang).  The file's
bytes must be the same afterwards.
"""

from __future__ import annotations

import io
import os
import re
import signal
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from metrics_core.errors import KpiDeskError
from metrics_core.ingest.model import COLUMN_TYPES, LoadedTable, ReadOptions
from metrics_core.ingest.reader import read_preview, read_table
from metrics_core.loading import load_dataset

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
TIME_LIMIT = 20
# The suite runs a fixed, repeatable set of examples; KPIDESK_FUZZ_EXAMPLES=2000 runs a longer,
# random campaign (new examples each run) when hunting for crashes.
LONG_RUN = int(os.environ.get("KPIDESK_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int = 60) -> settings:
    return settings(max_examples=LONG_RUN or examples, deadline=None, derandomize=not LONG_RUN,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _base_texts() -> list[bytes]:
    """The first lines of the real small text exports of the corpus (several encodings)."""
    names = ("sl_tickets_cp1250.csv", "se_tickets_cp1252.csv", "shopify_orders.csv",
             "surveymonkey_two_row_header.csv", "qualtrics_bom_three_rows.csv", "twilio_calls_pipe.txt",
             "asterisk_Master.csv", "jira_duplicate_headers.csv", "missing_markers.csv")
    return [b"\n".join((CORPUS / name).read_bytes().split(b"\n")[:12]) for name in names]


BASE_TEXTS = _base_texts()


def _small_xlsx(cells: dict[tuple[int, int], object] | None = None, sheets: int = 1) -> bytes:
    """A small workbook written with XlsxWriter (an independent writer)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    for s in range(sheets):
        sheet = book.add_worksheet(f"Sheet{s + 1}")
        for (row, col), value in (cells if cells is not None and s == 0 else {}).items():
            sheet.write(row, col, value)
    if cells is None:
        sheet = book.worksheets()[0]
        rows = [("Ticket ID", "Created", "Status", "Minutes"), ("T-1", "2024-03-01 09:00", "Solved", 12.5),
                ("T-2", "2024-03-02 10:30", "Open", 7), ("T-3", "2024-03-03 11:45", "Closed", 30)]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.close()
    return out.getvalue()


BASE_XLSX = _small_xlsx()


class ReadTookTooLong(Exception):
    """Raised by the alarm: the reader hung on a small input."""


@contextmanager
def _time_limit(seconds: int):
    def alarm(_signum, _frame):
        raise ReadTookTooLong(f"reading took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_table(table: LoadedTable) -> None:
    """The invariants every successfully read table keeps."""
    rows = list(table.row_numbers)
    assert len(table.frame) == len(table.raw) == len(rows)
    names = [str(c) for c in table.frame.columns]
    assert len(set(names)) == len(names), names
    assert list(table.raw.columns) == list(table.frame.columns)
    assert [c.name for c in table.columns] == list(table.frame.columns)
    if rows:
        numbers = np.asarray(rows, dtype=np.int64)
        assert numbers[0] >= 1, rows[:5]
        assert (np.diff(numbers) > 0).all(), rows[:20]


def read_outcome(data: bytes, name: str = "export.csv", options: ReadOptions | None = None) -> str:
    """Write ``data`` to a fresh folder as ``name``, read it, check the outcome; returns what happened."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            with _time_limit(TIME_LIMIT):
                table = read_table(path, options)
        except KpiDeskError as exc:
            assert name in str(exc), f"the message does not name the file: {exc}"
            outcome = f"error:{type(exc).__name__}"
        else:
            check_table(table)
            try:
                with _time_limit(TIME_LIMIT):
                    preview = read_preview(path, options, max_rows=3)
            except KpiDeskError as exc:
                assert name in str(exc), f"the preview's message does not name the file: {exc}"
            else:
                check_table(preview)
            try:
                with _time_limit(TIME_LIMIT):
                    load_dataset(path, options=options)
            except KpiDeskError as exc:
                assert str(exc).strip(), "empty error message"
            outcome = "table"
        assert path.read_bytes() == data, "the source file was changed"
        assert sorted(p.name for p in Path(folder).iterdir()) == [name], "files appeared beside the source"
    return outcome


# ----------------------------------------------------------------- text mutations
def _apply(data: bytes, op: str, where: float, amount: int) -> bytes:
    at = int(where * len(data))
    if op == "truncate":
        return data[:at]
    if op == "flip":
        if not data:
            return data
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ (1 + amount % 255)]) + data[at + 1:]
    if op == "nul":
        return data[:at] + b"\x00" * (1 + amount % 3) + data[at:]
    if op == "quote":
        return data[:at] + b'"' * (1 + amount % 3) + data[at:]
    if op == "delimiter":
        return data[:at] + (b";", b",", b"\t", b"|")[amount % 4] + data[at:]
    if op == "line_ends":
        ending = (b"\r\n", b"\r", b"\n")[amount % 3]
        lines = data.replace(b"\r\n", b"\n").split(b"\n")
        cut = int(where * len(lines))
        return b"\n".join(lines[:cut]) + (ending if cut else b"") + ending.join(lines[cut:])
    if op == "bom":
        return data[:at] + (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")[amount % 3] + data[at:]
    if op == "long_line":
        return data[:at] + b"x" * (5000 + 13 * amount) + data[at:]
    if op == "empty_columns":
        return b"\n".join(line + b"," * (1000 + amount % 3000) for line in data.split(b"\n")[:4])
    if op == "single_column":
        return b"\n".join(line.split(b",")[0].split(b";")[0] for line in data.split(b"\n"))
    if op == "single_row":
        return data.split(b"\n")[0]
    if op == "header_only":
        return data.split(b"\n")[0] + b"\n"
    if op == "blank_lines":
        return data[:at] + b"\n" * (1 + amount % 5) + data[at:]
    raise AssertionError(op)


TEXT_OPS = ("truncate", "flip", "nul", "quote", "delimiter", "line_ends", "bom", "long_line",
            "empty_columns", "single_column", "single_row", "header_only", "blank_lines")
mutation = st.tuples(st.sampled_from(TEXT_OPS), st.floats(0, 1), st.integers(0, 10_000))


@fuzz(80)
@given(base=st.sampled_from(range(len(BASE_TEXTS))), ops=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_csv(base: int, ops: list[tuple[str, float, int]]) -> None:
    data = BASE_TEXTS[base]
    for op, where, amount in ops:
        data = _apply(data, op, where, amount)
    read_outcome(data)


@fuzz()
@given(data=st.binary(max_size=600), name=st.sampled_from(["random.csv", "random.txt", "random.xlsx", "random.tsv"]))
def test_random_bytes(data: bytes, name: str) -> None:
    read_outcome(data, name)


@fuzz()
@given(text=st.text(alphabet=st.sampled_from(list('ab1,;\t|"\n\r .-:') + ["é", "č", "\u00a0"]), max_size=300))
def test_random_delimited_text(text: str) -> None:
    read_outcome(text.encode("utf-8"), "typed.csv")


@fuzz()
@given(text=st.text(alphabet=st.sampled_from(list(" \t\r\n\x0b\x0c") + ["\u00a0"]), max_size=200))
def test_whitespace_only(text: str) -> None:
    assert read_outcome(text.encode("utf-8")) != "table"


def test_zero_byte_file() -> None:
    assert read_outcome(b"", "empty.csv") == "error:EmptyFileError"
    assert read_outcome(b"", "empty.xlsx") == "error:EmptyFileError"


# ----------------------------------------------------------------- workbook mutations
XLSX_OPS = ("truncate", "flip", "drop_entry", "corrupt_entry", "empty_entry")


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def _mutate_xlsx(data: bytes, op: str, where: float, amount: int) -> bytes:
    if op not in ("drop_entry", "corrupt_entry", "empty_entry"):
        return _apply(data, op, where, amount)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist() or ["none"]
    victim = names[amount % len(names)]
    if op == "drop_entry":
        return _rezip(data, lambda name, content: None if name == victim else content)
    if op == "corrupt_entry":
        def corrupt(name: str, content: bytes) -> bytes:
            if name != victim or not content:
                return content
            at = int(where * (len(content) - 1))
            return content[:at] + bytes([content[at] ^ 0x5A]) + content[at + 1:]
        return _rezip(data, corrupt)
    if op == "empty_entry":
        return _rezip(data, lambda name, content: b"" if name == victim else content)
    return _apply(data, op, where, amount)


def _mutate_xlsx_safely(data: bytes, op: str, where: float, amount: int) -> bytes:
    """Like :func:`_mutate_xlsx`; a zip-level change to an already broken zip leaves it as it is."""
    try:
        return _mutate_xlsx(data, op, where, amount)
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, NotImplementedError, zlib.error):
        return data


xlsx_mutation = st.tuples(st.sampled_from(XLSX_OPS), st.floats(0, 1), st.integers(0, 1000))


@fuzz()
@given(ops=st.lists(xlsx_mutation, min_size=1, max_size=3), name=st.sampled_from(["book.xlsx", "book.csv"]))
def test_mutated_xlsx(ops: list[tuple[str, float, int]], name: str) -> None:
    data = BASE_XLSX
    for op, where, amount in ops:
        data = _mutate_xlsx_safely(data, op, where, amount)
    read_outcome(data, name)


SEEDS = Path(__file__).resolve().parents[2] / "data" / "fuzz_seeds"
OTHER_WORKBOOKS = {"xls": (SEEDS / "tickets.xls").read_bytes(), "ods": (SEEDS / "tickets.ods").read_bytes()}


def test_other_workbook_seeds_read() -> None:
    for kind, data in OTHER_WORKBOOKS.items():
        assert read_outcome(data, f"tickets.{kind}") == "table", kind


@fuzz()
@given(kind=st.sampled_from(sorted(OTHER_WORKBOOKS)), ops=st.lists(xlsx_mutation, min_size=1, max_size=3),
       flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), max_size=6))
def test_mutated_xls_and_ods(kind: str, ops: list[tuple[str, float, int]], flips: list[tuple[float, int]]) -> None:
    data = OTHER_WORKBOOKS[kind]
    if kind == "ods":
        for op, where, amount in ops:
            data = _mutate_xlsx_safely(data, op, where, amount)
    else:
        for op, where, amount in ops:
            data = _apply(data, "flip" if op in ("drop_entry", "corrupt_entry", "empty_entry") else op, where, amount)
    for where, mask in flips:           # OLE2 (.xls) has no zip layer: flip bytes of its sectors directly
        at = int(where * (len(data) - 1)) if data else 0
        data = data[:at] + bytes([data[at] ^ mask]) + data[at + 1:] if data else data
    read_outcome(data, f"tickets.{kind}")


@pytest.mark.parametrize("entry", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml",
                                   "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml"])
def test_xlsx_without_a_part(entry: str) -> None:
    data = _rezip(BASE_XLSX, lambda name, content: None if name == entry else content)
    read_outcome(data, "orders.xlsx")


def test_workbook_without_workbook_xml_is_refused() -> None:
    data = _rezip(BASE_XLSX, lambda name, content: None if name == "xl/workbook.xml" else content)
    assert read_outcome(data, "orders.xlsx").startswith("error:")


@pytest.mark.parametrize("sheets", [1, 3])
def test_empty_workbook(sheets: int) -> None:
    assert read_outcome(_small_xlsx({}, sheets), "empty.xlsx") == "error:EmptyFileError"


@pytest.mark.parametrize("cells", [
    {(1048575, 16383): "far away"},
    {(1048575, 16383): 42},
    {(0, 0): "Header", (1048575, 16383): 42},
    {(0, 16383): "Only header"},
    {(5000, 3): "lonely"},
], ids=["text-XFD1048576", "number-XFD1048576", "A1-and-XFD1048576", "XFD1", "D5001"])
def test_sheet_with_far_away_cells(cells: dict) -> None:
    with _time_limit(60):
        read_outcome(_small_xlsx(cells), "far.xlsx")


# ----------------------------------------------------------------- other files named .csv
def _files_in_disguise() -> dict[str, bytes]:
    return {
        "xlsx": BASE_XLSX,
        "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "html": b"<!DOCTYPE html>\n<html><body><table><tr><td>a</td></tr></table></body></html>\n",
        "html-bom": b"\xef\xbb\xbf  <html><body>x</body></html>",
        "json": b'[{"Ticket ID": "T-1", "Status": "Solved"}, {"Ticket ID": "T-2", "Status": "Open"}]\n',
        "json-lines": b'{"a": 1, "b": 2}\n{"a": 3, "b": 4}\n',
        "xml": b'<?xml version="1.0"?>\n<rows><row a="1"/></rows>\n',
        "zip-of-csv": _zip_of_csv(),
        "gzip": b"\x1f\x8b\x08\x00" + bytes(40),
    }


def _zip_of_csv() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("export.csv", "a,b\n1,2\n")
    return out.getvalue()


DISGUISED = _files_in_disguise()


@pytest.mark.parametrize("kind", sorted(DISGUISED))
def test_other_file_named_csv(kind: str) -> None:
    outcome = read_outcome(DISGUISED[kind], "export.csv")
    if kind in ("pdf", "png", "html", "html-bom", "xml", "zip-of-csv", "gzip"):
        assert outcome.startswith("error:"), outcome


@fuzz()
@given(kind=st.sampled_from(sorted(DISGUISED)), op=st.sampled_from(("truncate", "flip", "nul")),
       where=st.floats(0, 1), amount=st.integers(0, 255))
def test_mutated_other_file(kind: str, op: str, where: float, amount: int) -> None:
    read_outcome(_apply(DISGUISED[kind], op, where, amount), "export.csv")


# ----------------------------------------------------------------- import options (from the dialog or a mapping file)
any_value = st.one_of(st.none(), st.booleans(), st.integers(-3, 60), st.floats(allow_nan=True),
                      st.text(max_size=4), st.sampled_from([",", ";", "\t", "|", "whitespace", "\n", '"', ".",
                                                            "utf-8", "cp1250", "utf-16", "rot13", "hex", "Sheet1"]),
                      st.lists(st.integers(), max_size=2))
column_types = st.one_of(st.dictionaries(st.sampled_from(["Ticket ID", "Minutes", "a", "Column 1"]),
                                         st.one_of(st.sampled_from(COLUMN_TYPES), any_value), max_size=3),
                         any_value)


@fuzz()
@given(values=st.fixed_dictionaries({}, optional={f: any_value for f in (
           "sheet", "encoding", "delimiter", "decimal", "dayfirst", "header_row", "header_rows")}),
       types=column_types, workbook=st.booleans())
def test_random_import_options(values: dict, types: object, workbook: bool) -> None:
    """Options may come from an old or hand-edited mapping file: anything must give a table or a typed error."""
    options = ReadOptions(**values)
    options.column_types = types                       # may be of the wrong type on purpose
    if workbook:
        read_outcome(BASE_XLSX, "book.xlsx", options)
    else:
        read_outcome(BASE_TEXTS[0], "export.csv", options)


def test_regression_options_of_the_wrong_type() -> None:
    """Each of these raised TypeError, AttributeError, KeyError, LookupError or ValueError."""
    bad = [dict(header_row="2"), dict(header_rows=1.5), dict(sheet=3), dict(encoding=5), dict(delimiter="ab"),
           dict(delimiter="\n"), dict(decimal=",,"), dict(column_types=["a"]), dict(column_types={"a": "nonsense"}),
           dict(encoding="rot13"), dict(encoding="hex")]
    for values in bad:
        for data, name in ((BASE_TEXTS[0], "export.csv"), (BASE_XLSX, "book.xlsx")):
            outcome = read_outcome(data, name, ReadOptions(**values))
            if "encoding" not in values:          # a workbook has no text encoding to apply
                assert outcome == "error:FileReadError", (values, name, outcome)


# ----------------------------------------------------------------- regressions (inputs found by the fuzzer)
def test_regression_field_longer_than_the_csv_module_limit() -> None:
    """A line over 128 KiB made the delimiter sniffer raise ``_csv.Error: field larger than field limit``."""
    data = _apply(BASE_TEXTS[0], "long_line", 0.0, 10_000)
    assert len(data.split(b"\n")[0]) > 131072
    assert read_outcome(data) == "table"
    unclosed = b'id,comment\n1,"' + b"x" * 200_000 + b"\n2,ok\n"      # one unclosed quote, then a huge field
    assert read_outcome(unclosed) == "error:FileReadError"


def test_regression_only_a_non_breaking_space() -> None:
    """b'\\r\\xc2\\xa0' (CR + NBSP) was read as a table with one empty-looking row."""
    assert read_outcome(b"\r\xc2\xa0") == "error:EmptyFileError"


def test_regression_utf16_bom_alone() -> None:
    """b'\\xfe\\xff' (a UTF-16 BOM and nothing else) raised UnicodeDecodeError."""
    assert read_outcome(b"\xfe\xff") == "error:EmptyFileError"
    assert read_outcome(b"\xff\xfe") == "error:EmptyFileError"


def test_regression_far_away_cell_aborted_the_process() -> None:
    """A1 plus XFD1048576 made calamine allocate 17 billion cells (Fatal Python error: Aborted);
    XFD1048576 alone raised a calamine PanicException (a BaseException)."""
    assert read_outcome(_small_xlsx({(0, 0): "Header", (1048575, 16383): 42}), "far.xlsx") == "error:WorkbookError"
    assert read_outcome(_small_xlsx({(1048575, 16383): 42}), "far.xlsx") == "error:WorkbookError"


def test_far_away_cell_in_an_ods_file() -> None:
    """Calamine's own 'Cell limit exceeded' error was shown as "damaged"; it now says the sheet is too large."""
    text = _message((SEEDS / "far_cell.ods").read_bytes(), "far.ods")
    assert "too large" in text and "damaged" not in text, text


def test_far_away_cell_on_another_sheet_is_skipped() -> None:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    data = book.add_worksheet("Data")
    for r, row in enumerate([("Ticket ID", "Minutes"), ("T-1", 5), ("T-2", 7)]):
        data.write_row(r, 0, row)
    book.add_worksheet("Stray").write(1048575, 16383, "x")
    book.close()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "two.xlsx"
        path.write_bytes(out.getvalue())
        table = read_table(path)
        assert table.sheet == "Data" and len(table.frame) == 2
        assert any("“Stray”" in note for note in table.notes)


def test_regression_bad_xml_encoding_declaration() -> None:
    """A corrupted ``<?xml ... encoding="UTFw8"?>`` in the relationships raised LookupError."""
    def corrupt(name: str, content: bytes) -> bytes:
        return content.replace(b'encoding="UTF-8"', b'encoding="UTFw8"') if name.endswith(".rels") else content
    assert read_outcome(_rezip(BASE_XLSX, corrupt), "book.xlsx") in ("table", "error:WorkbookError")


def test_regression_unknown_zip_version() -> None:
    """A flipped byte in the central directory ("zip file version 8.4") raised NotImplementedError."""
    data = bytearray(BASE_XLSX)
    central = data.rfind(b"PK\x01\x02")
    data[central + 6] = 84          # "version needed to extract" of the last entry
    assert read_outcome(bytes(data), "export.csv").startswith("error:")


# ----------------------------------------------------------------- what the user reads
def _message(data: bytes, name: str, options: ReadOptions | None = None) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with pytest.raises(KpiDeskError) as info:
            read_table(path, options)
    text = str(info.value)
    assert text.startswith(("“", "Sheet “")) and text.endswith("."), f"not a plain sentence: {text}"
    assert "Error" not in text and "Traceback" not in text, text
    return text


@pytest.mark.parametrize("data, name, options, phrases", [
    (b'id,comment\n1,ok\n2,"never closed\n3,x\n', "notes.csv", None, ["“notes.csv”", "never closed", "line 3"]),
    (b"a,b,c\n" + b"1,2,3\n" * 130 + b"".join(b",".join([b"x"] * w) + b"\n" for w in (5, 8, 12, 17, 23)),
     "calls.csv", None, ["“calls.csv”", "numbers of columns", "line 135", "delimiter"]),
    ((CORPUS / "encrypted.xlsx").read_bytes(), "orders.xlsx", None, ["“orders.xlsx”", "protected with a password",
                                                                     "remove the password"]),
    (BASE_XLSX[:1500], "orders.xlsx", None, ["“orders.xlsx”", "damaged", "again"]),
    (_small_xlsx({(0, 0): "H", (1048575, 16383): 1}), "orders.xlsx", None, ["Sheet “Sheet1”", "“orders.xlsx”",
                                                                            "XFD1048576", "Ctrl+End"]),
    (BASE_XLSX, "orders.xlsx", ReadOptions(sheet="March"), ["“orders.xlsx”", "no sheet named “March”", "“Sheet1”"]),
    (b"a,b\n1,2\n", "orders.csv", ReadOptions(header_row="2"), ["“orders.csv”", "header row", "“2”"]),
    (b"a,b\n1,2\n", "orders.csv", ReadOptions(encoding="rot13"), ["“orders.csv”", "“rot13”", "not a text encoding"]),
    ("a;b\nč;2\n".encode("cp1250"), "orders.csv", ReadOptions(encoding="utf-8"), ["“orders.csv”", "line 2", "utf-8"]),
    (DISGUISED["json"], "orders.csv", None, ["“orders.csv”", "JSON"]),
    (DISGUISED["png"], "orders.csv", None, ["“orders.csv”", "PNG image"]),
    (b" \r\n\xc2\xa0\n", "orders.csv", None, ["“orders.csv”", "empty"]),
], ids=["unclosed-quote", "ragged-rows", "password", "truncated", "far-cell", "missing-sheet", "bad-option",
        "non-text-encoding", "wrong-encoding", "json", "png", "blank"])
def test_message_names_the_file_and_the_place(data, name, options, phrases) -> None:
    text = _message(data, name, options)
    for phrase in phrases:
        assert phrase in text, f"{phrase!r} not in: {text}"


def test_regression_first_line_longer_than_the_scanned_head() -> None:
    """A header line over 1 MB without quotes raised IndexError (record offsets covered only the first MB)."""
    data = b"a,b," + b"x" * 1_100_000 + b"\n1,2,3\n"
    assert read_outcome(data, "wide.csv") == "table"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wide.csv"
        path.write_bytes(data)
        table = read_table(path)
        assert table.frame.shape == (1, 3) and list(table.row_numbers) == [2]


def test_more_columns_than_a_spreadsheet_holds() -> None:
    """200,000 columns took 211 s to type; more than Excel's 16,384 columns are refused with a hint."""
    n = 17_000
    data = b",".join(b"c%d" % i for i in range(n)) + b"\n" + b"1," * (n - 1) + b"1\n"
    text = _message(data, "wide.csv")
    assert "17,000 columns" in text and "delimiter" in text, text


def test_far_cell_found_without_a_dimension_element() -> None:
    """Some writers leave out <dimension>; the cells themselves are then scanned."""
    far = _small_xlsx({(0, 0): "Header", (1, 0): 5, (1048575, 16383): 42})
    data = _rezip(far, lambda name, content: re.sub(rb"<dimension[^>]*/>", b"", content)
                  if name.startswith("xl/worksheets/") else content)
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert "XFD1048576" in _message(data, "nodim.xlsx")


def test_formatted_but_empty_far_cell_is_not_refused() -> None:
    """Excel counts formatted empty cells in <dimension> (A1:XFD1048576); only cells with values matter."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ticket ID", "Minutes"])
    sheet.append(["T-1", 5])
    sheet["XFD1048576"].font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    assert b'ref="A1:XFD1048576"' in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    assert read_outcome(out.getvalue(), "formatted.xlsx") == "table"


@pytest.mark.parametrize("data", [b'sep="\na"b\n1"2\n', b"sep= \na b\n1 2\n", b"sep=a\nxay\n1a2\n", b"sep=;\n",
                                  b"sep=\\\na\\b\n1\\2\n", b"sep=;\r\n\r\n", b"SEP=|\na|b\n1|2\n"],
                         ids=["quote", "space", "letter", "hint-only", "backslash", "hint-and-blank", "upper"])
def test_odd_excel_separator_hints(data: bytes) -> None:
    read_outcome(data, "hint.csv")
