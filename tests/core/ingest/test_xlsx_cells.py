"""A plain .xlsx sheet read with numpy on the guard's way (:mod:`metrics_core.ingest.xlsx_cells`) gives the cells the
stream gives, and every sheet outside the plain form is left to the stream."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zipfile

import numpy as np
import pytest
import xlsxwriter

from metrics_core.ingest import excel_reader, package_guard, sheet_columns, workbook_dates, xlsx_cells, xlsx_numbers
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import read_table

from .test_xlsx_stream import _same_cells, _streamed


def _plain(path, piece: int = 4 << 20):
    """The sheet read as the package guard feeds it (a first piece of 64 KB, then ``piece`` bytes at a time)."""
    extent = excel_reader.sheet_extents(path, excel_reader.checked_package(path))["S"]
    reader = xlsx_cells.PlainSheet()
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as part:
        chunk = part.read(64 * 1024)
        while chunk:
            reader.feed(chunk)
            chunk = part.read(piece)
    reader.feed(b"", final=True)
    return reader.columns(str(path), (extent.rows, extent.columns))


def _book(path, rows: int = 400, extra=None, constant_memory: bool = True):
    """Inline texts (xlsxwriter's constant-memory mode writes them): a title, then numbers of every written form,
    date-times and whole days, repeated, distinct, non-ASCII and padded texts, sparse cells, a late text."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    sheet = book.add_worksheet("S")
    stamp, day = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}), book.add_format({"num_format": "dd.mm.yyyy"})
    rng = random.Random(7)
    sheet.write(0, 1, "Report")
    sheet.write_row(2, 1, ["Amount", "Id", "Created", "Day", "Status", "Name", "Sparse", "Late"])
    for r in range(3, rows):
        sheet.write_number(r, 1, rng.choice([r * 0.5, -r, 1e20, 1.5e-7, 0.1 + r, 45292.001504629629, -0.0, r]))
        sheet.write_number(r, 2, 100000 + r)
        sheet.write_number(r, 3, 45292 + rng.random() * 1000, stamp)
        sheet.write_number(r, 4, float(45000 + r), day)
        sheet.write_string(r, 5, ("Open", "Closed", "Pending")[r % 3])
        sheet.write_string(r, 6, rng.choice(["Luka Kovač", " padded ", "Björn Ek", "日本", f"T-{r}"]))
        if r % 37 == 0:
            sheet.write_number(r, 7, r)
        sheet.write(r, 8, "late" if r == rows - 3 else r)
    if extra:
        extra(book, sheet, rows)          # (below the rows: constant-memory mode writes a row once left)
    book.close()
    return path


@pytest.mark.parametrize("head_rows", [80, 12])
def test_a_plain_sheet_reads_as_streamed(tmp_path, monkeypatch, head_rows):
    monkeypatch.setattr(sheet_columns, "HEAD_ROWS", head_rows)
    path = _book(tmp_path / "book.xlsx")
    plain = _plain(path)
    assert plain is not None
    _same_cells(plain, _streamed(path), 3)
    _same_cells(_plain(path, piece=997), _streamed(path), 3)          # pieces cut anywhere


def test_read_table_takes_the_plain_cells(tmp_path, monkeypatch):
    path = _book(tmp_path / "book.xlsx")
    want = read_table(path)
    monkeypatch.setattr(xlsx_cells.PlainSheet, "columns", lambda self, *args: None)
    streamed = read_table(path)
    assert want.frame.equals(streamed.frame) and want.raw.equals(streamed.raw)
    assert [p.detail for p in want.columns] == [p.detail for p in streamed.columns]


def _formula(book, sheet, row):
    sheet.write_formula(row, 9, "=1+1", None, 2)


def _boolean(book, sheet, row):
    sheet.write_boolean(row, 9, True)


def _time_of_day(book, sheet, row):
    sheet.write_number(row, 9, 0.5, book.add_format({"num_format": "hh:mm"}))


def _duration(book, sheet, row):
    sheet.write_number(row, 9, 1.5, book.add_format({"num_format": "[h]:mm:ss"}))


def _entity(book, sheet, row):
    sheet.write_string(row, 9, "Q&A <1>")


def _empty_text_at_the_edge(book, sheet, row):
    sheet.write_string(row + 100, 9, "")


def _early_date(book, sheet, row):
    sheet.write_number(row, 9, 59, book.add_format({"num_format": "yyyy-mm-dd"}))


@pytest.mark.parametrize("extra", [_formula, _boolean, _time_of_day, _duration, _entity, _empty_text_at_the_edge,
                                   _early_date])
def test_what_is_not_plain_is_left_to_the_stream(tmp_path, extra):
    path = _book(tmp_path / "book.xlsx", extra=extra)
    assert _plain(path) is None
    assert read_table(path).frame.shape[0] > 0


def test_shared_texts_are_left_to_the_stream(tmp_path):
    assert _plain(_book(tmp_path / "book.xlsx", constant_memory=False)) is None


def test_numbers_parse_as_python_parses_them():
    rng = np.random.default_rng(3)
    texts = [repr(float(x)) for x in rng.normal(size=3000) * 10.0 ** rng.integers(-8, 16, 3000)]
    texts += [f"{int(i)}.{int(f):0{17 - len(str(int(i)))}d}" for i, f in zip(rng.integers(1, 99999, 3000),
                                                                          rng.integers(0, 10 ** 12, 3000))]
    texts += ["0", "-0", "007", ".5", "5.", "1E+20", "9007199254740993", "99999999.99999999", "123456789012345678"]
    blob = np.frombuffer(b"".join(t.encode() + b"<" for t in texts) + b"\0" * 64, dtype=np.uint8)
    words = np.ndarray(shape=(len(blob) - 8,), dtype=np.uint64, buffer=blob, strides=(1,))
    size = np.array([len(t) for t in texts])
    start = np.cumsum(size + 1) - size - 1
    grid = np.stack([words[start + 8 * k] & xlsx_numbers.MASK[np.clip(size - 8 * k, 0, 8)] for k in range(3)], axis=1)
    got = xlsx_numbers.parse_numbers(words, start, size, grid.view(np.uint8))
    assert got.tolist() == [float(t) for t in texts]


def test_dates_are_the_streams_to_the_millisecond(tmp_path):
    def many(book, sheet, row):
        stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        rng = random.Random(11)
        for r in range(row, row + 2000):
            sheet.write_number(r, 9, rng.uniform(61, 2958465), stamp)
    path = _book(tmp_path / "book.xlsx", extra=many)
    plain = _plain(path)
    assert plain is not None and isinstance(workbook_dates.boxed(plain.frame(3)[9].to_numpy())[407], dt.datetime)
    _same_cells(plain, _streamed(path), 3)


def _patched(path, old: bytes, new: bytes):
    """The workbook with the first ``old`` of its sheet's XML replaced by ``new``."""
    out = path.with_name("patched.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new, 1)
            target.writestr(info, data)
    return out


@pytest.mark.parametrize("old, new, plain", [
    (b"", b"", True),
    (b'<row r="40"', b'<row r="040"', False),                                    # read longer by the scan
    (b"<t>Open</t>", b'<t>see r="ZZ99" x</t>', False),                            # a reference in a text
    (b"<sheetData>", b'<sheetPr2 r="C5000"/><sheetData>', False),                 # … before the rows
    (b"</sheetData>", b'</sheetData><extLst><x r="Q99999"/></extLst>', False),    # … after them
    (b"</sheetData>", b'</sheetData><rowBreaks count="1"><brk id="5"/></rowBreaks>', True),
    (b"</row></sheetData>", b'<c r="Z3000" s="0"/></row></sheetData>', True),      # an empty cell far right
    (b'<c r="C2990"><v>', b'<c r="C2990"><f>1+1</f><v>', False),                    # a late formula: scanned again
    (b'<row r="40">', b'<row r="40" q r="Q40">', False),                          # a reference in a row's tag
    (b'<row r="40">', b'<row r="40" qr="Q40">', False),                           # … not one to the scan
    (b"</c>", b'</c> r="Q9" ', False),                                            # … after a closing tag
    (b"<is><t>Open", b'<is> r="Q9"<t>Open', False),                               # … inside a text's cell
    (b"</row></sheetData>", b'</row>\n r="Q9"</sheetData>', False),               # … after the last row
    (b"</c>", b"</c>\n  ", True),                                                # room between tags: still plain
    (b"</row></sheetData>", b"</row></sheetData><x></row>", False),              # the rows' end is after the last
])                                                                                # row's: a tag among the rows
def test_the_extent_from_the_plain_read_is_the_scan(tmp_path, old, new, plain):
    path = _book(tmp_path / "book.xlsx", rows=3000)          # (about 250 KB of XML: several pieces)
    if old:
        path = _patched(path, old, new)
    for piece in (4 << 20, 997):
        monkey = pytest.MonkeyPatch()
        monkey.setattr(package_guard, "PIECE", piece)
        try:
            folded, scanned = excel_reader.checked_package(path, plain=True), excel_reader.checked_package(path)
        finally:
            monkey.undo()
        assert folded.sheets == scanned.sheets
        assert (not folded.plain["xl/worksheets/sheet1.xml"].failed) is plain


def _dated_book(path, rows: int = 600):
    """Columns of dates: date-times with midnights and milliseconds and missing cells, whole days, a date-time that
    rounds to a midnight, 1900 dates under a length-of-time header, dates with a text below, dates in the head rows
    only."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("S")
    stamp, day = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}), book.add_format({"num_format": "dd.mm.yyyy"})
    rng = random.Random(17)
    sheet.write_row(0, 0, ["Opened", "Day", "Rounded", "Handle time", "With text", "Head only", "Id", "Head number"])
    for r in range(1, rows):
        serial = 45292 + rng.randrange(0, 400) + rng.choice([0.0, 0.5, 0.25 + 1 / 86_400_000, 0.999])
        if r % 9:
            sheet.write_number(r, 0, serial, stamp)
        sheet.write_number(r, 1, float(45000 + r % 50), day)
        sheet.write_number(r, 2, 45300 + (1e-10 if r == 300 else 0.5), stamp)
        sheet.write_number(r, 3, 61 + rng.random() * 100, stamp)
        sheet.write_string(r, 4, "n/a") if r == 500 else sheet.write_number(r, 4, serial, stamp)
        if r < 20:
            sheet.write_number(r, 5, serial, stamp)
        sheet.write_number(r, 6, r)
        sheet.write_number(r, 7, 2.5) if r == 3 else sheet.write_number(r, 7, serial, stamp)
    book.close()
    return path


def test_a_column_of_dates_is_handed_over_as_datetime64(tmp_path):
    path = _dated_book(tmp_path / "book.xlsx")
    plain = _plain(path)
    assert plain is not None
    frame = plain.frame(1)
    assert [str(frame[p].dtype) for p in range(8)] == \
        ["datetime64[ms]", "datetime64[ms]", "object", "datetime64[ms]", "object", "object", "float64", "object"]
    assert frame[7][2] == 2.5                      # (a number in the head rows of a date column: a cell)
    _same_cells(plain, _streamed(path), 1)        # date at midnight, datetime elsewhere; the rounded one as cells
    _same_cells(_plain(path, piece=997), _streamed(path), 1)
    _same_cells(plain, _streamed(path), 0)        # (the header in the column: its cells as they are)


@pytest.mark.parametrize("forced", [None, "text", "datetime", "duration", "number"])
def test_dates_as_datetime64_read_as_their_cells(tmp_path, monkeypatch, forced):
    """Text, types and profiles of a plain sheet's date columns are those of the cells they stand for."""
    path = _dated_book(tmp_path / "book.xlsx")
    options = ReadOptions(column_types={} if forced is None else {name: forced for name in ("Opened", "Day", "Handle time")})
    want = read_table(path, options)
    monkeypatch.setattr(xlsx_cells.PlainSheet, "columns", lambda self, *args: None)
    streamed = read_table(path, options)
    assert want.frame.equals(streamed.frame) and list(want.frame.dtypes) == list(streamed.frame.dtypes)
    assert want.raw.equals(streamed.raw) and list(want.raw.dtypes) == list(streamed.raw.dtypes)
    assert [dataclasses.asdict(p) for p in want.columns] == [dataclasses.asdict(p) for p in streamed.columns]
    assert [want.text(c).tolist() for c in want.frame.columns] == [streamed.text(c).tolist() for c in want.frame.columns]


def _counted(monkeypatch, name):
    """Calls of ``xlsx_cells.<name>``, counted."""
    calls = []
    real = getattr(xlsx_cells, name)
    monkeypatch.setattr(xlsx_cells, name, lambda *args: calls.append(1) or real(*args))
    return calls


@pytest.mark.parametrize("old, new, searched", [
    (b"", b"", 0),                                                     # the tags tile every piece: nothing to search
    (b'<row r="40">', b'<row r="40" spans="1:9">', 1),                 # a row's attributes: that piece searched
    (b"</c>", b"</c>\n  ", 1),                                        # room between tags: the same
])
def test_only_a_piece_the_tags_do_not_tile_is_searched_for_a_reference(tmp_path, monkeypatch, old, new, searched):
    path = _book(tmp_path / "book.xlsx", rows=3000)
    if old:
        path = _patched(path, old, new)
    calls = _counted(monkeypatch, "_no_other_reference")
    assert _plain(path) is not None
    assert len(calls) == searched


def _wide_book(path, rows: int = 700):
    """Sixty columns (to BH), each with its own mix: texts, numbers, dates, empty texts, gaps, repeats."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("S")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    rng = random.Random(23)
    sheet.write_row(0, 0, [f"Field {c}" for c in range(60)])
    for r in range(1, rows):
        for c in range(60):
            kind = (c * 7 + r // 50) % 6 if c % 5 else c % 3
            if rng.random() < 0.15:
                continue
            if kind == 0:
                sheet.write_number(r, c, rng.choice([r, r / 7, -0.0, 1e17]))
            elif kind == 1:
                sheet.write_string(r, c, rng.choice(["Open", "Closed", "Luka Kovač", "", f"v{r}-{c}"]))
            elif kind == 2:
                sheet.write_number(r, c, 45292 + rng.random() * 500, stamp)
            else:
                sheet.write_string(r, c, f"{c}:{r}") if r % 2 else sheet.write_number(r, c, c * r)
    book.close()
    return path


def test_each_piece_is_put_in_column_order_once(tmp_path, monkeypatch):
    """The numbers and the texts of a piece are sorted by column once each, whatever the number of columns (a
    mask and a gather per column cost more than the sort); the columns are those the stream gives."""
    path = _wide_book(tmp_path / "book.xlsx")
    calls, pieces = _counted(monkeypatch, "_column_order"), []
    real = xlsx_cells.PlainSheet._piece
    monkeypatch.setattr(xlsx_cells.PlainSheet, "_piece", lambda self, rows: pieces.append(1) or real(self, rows))
    plain = _plain(path)
    assert plain is not None and len(calls) == 2 * len(pieces) and len(pieces) >= 2
    _same_cells(plain, _streamed(path), 1)
    _same_cells(_plain(path, piece=997), _streamed(path), 1)
    _same_cells(_plain(path, piece=997), _streamed(path), 0)


@pytest.mark.parametrize("old, new, utf8, plain", [
    (b"", b"", True, True),
    (b"<sheetData>", b'<sheetPr codeName="\xa9"/><sheetData>', False, False),        # before the rows
    (b"<sheetData>", 'Tabelle č"/><sheetData>'.encode().join([b'<sheetPr codeName="', b""]), True, True),
    (b"<t>Open</t>", b"<t>Op\xa9en</t>", False, False),                              # in a text
    (b"<t>Open</t>", b"<t>Op\xc4</t>", False, False),                                # … a character cut short
    (b'<row r="40">', b'<row r="40" x="\xa9">', False, False),                       # in a row's tag
    (b'<row r="40">', '<row r="40" x="č">'.encode(), True, False),                   # (not checked: not plain)
    (b"</c>", b"</c>\xa9", False, False),                                            # between tags
    (b"</sheetData>", b"</sheetData><x>\xa9</x>", False, False),                     # after the rows
    (b"</sheetData>", "</sheetData><x>Đurđa</x>".encode(), True, True),
    (b"</worksheet>", b"</worksheet>\xc4", False, False),                            # the part ends inside one
])
def test_the_plain_read_checks_the_encoding_the_guard_leaves_to_it(tmp_path, monkeypatch, old, new, utf8, plain):
    """While the sheet reads plain, the guard's UTF-8 check of its part is the plain read's (which decodes the
    texts and checks the other bytes anyway); the part's verdict is the one of the check on every byte."""
    path = _book(tmp_path / "book.xlsx", rows=1200)
    if old:
        path = _patched(path, old, new)
    checked = []
    real = package_guard._is_utf8
    monkeypatch.setattr(package_guard, "_is_utf8", lambda decoder, chunk, final=False:
                        checked.append(len(chunk)) or real(decoder, chunk, final))
    for piece in (4 << 20, 997):
        monkeypatch.setattr(package_guard, "PIECE", piece)
        folded, scanned = excel_reader.checked_package(path, plain=True), excel_reader.checked_package(path)
        assert folded.not_utf8 == scanned.not_utf8 == (set() if utf8 else {"xl/worksheets/sheet1.xml"})
        assert folded.sheets == scanned.sheets
        assert (not folded.plain["xl/worksheets/sheet1.xml"].failed) is plain
    checked.clear()
    excel_reader.checked_package(path, plain=True)
    with zipfile.ZipFile(path) as archive:
        others = sum(info.file_size for info in archive.infolist() if info.filename.endswith((".xml", ".rels"))
                     and info.filename != "xl/worksheets/sheet1.xml")
        sheet = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    if utf8:                                       # (else the check stops at the first failure)
        assert sum(checked) == (others if plain else others + sheet)  # the sheet's bytes checked once, or not here


def test_the_dots_of_numbers_are_counted_and_found_as_numpy_does():
    """xlsx_numbers._dots reads a row's 24 bytes as three words: the count and the first place must be
    ``sum(axis=1)`` and ``argmax(axis=1)`` for any row (none, one, several set bytes, in every word)."""
    rng = np.random.default_rng(5)
    dot = rng.random((20000, 24)) < rng.choice([0.0, 0.02, 0.1, 0.5], size=(20000, 1))
    dot[:24] = np.eye(24, dtype=bool)
    counts, places = xlsx_numbers._dots(dot)
    one = counts == 1
    assert counts.tolist() == dot.sum(axis=1).tolist()
    assert one.sum() > 2000 and places[one].tolist() == np.argmax(dot, axis=1)[one].tolist()
