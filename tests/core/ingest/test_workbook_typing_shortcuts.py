"""What a workbook's table is typed and assembled with after its cells are read (issue 15, session 18): each shortcut
answers what the way before it answered, and the way before is not taken where the shortcut applies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zipfile

import numpy as np
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import given, settings, strategies as st

from metrics_core.ingest import dates, reader, sheet_columns, table_finder, types, uniform_texts
from metrics_core.ingest.column_dtypes import id_strings
from metrics_core.ingest.reader import read_table

BASE = dt.datetime(2024, 1, 1)


def _read(path) -> dict:
    t = read_table(path)
    return {"frame": t.frame, "raw": t.source, "columns": [dataclasses.asdict(c) for c in t.columns],
            "rows": list(t.row_numbers), "notes": [str(n) for n in t.notes], "header_rows": t.header_rows}


def _same(a: dict, b: dict) -> None:
    assert a["frame"].equals(b["frame"]) and list(a["frame"].dtypes) == list(b["frame"].dtypes)
    assert a["raw"].equals(b["raw"]) and list(a["raw"].dtypes) == list(b["raw"].dtypes)
    assert a["columns"] == b["columns"] and a["rows"] == b["rows"] and a["notes"] == b["notes"]
    assert a["header_rows"] == b["header_rows"]


def _stamp_book(path, rows: int, odd=None, shared: bool = False, blank_rows=(), footer: bool = False):
    """Time stamps written as texts (inline strings, or ``shared``), some empty, beside ids, categories and dates;
    ``odd(r)`` gives a cell to write instead of row ``r``'s 'Solved' text; ``blank_rows`` are left empty and a
    ``footer`` note row is written below the table."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": not shared})
    sheet = book.add_worksheet("S")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, ["Ticket ID", "Created at", "Solved", "Replied", "Status", "Day", "Code"])
    rng = random.Random(18)
    for r in range(1, rows + 1):
        if r in blank_rows:
            continue
        when = BASE + dt.timedelta(seconds=rng.randrange(10**7))
        sheet.write_number(r, 0, 5000 + r)
        sheet.write_datetime(r, 1, when, stamp)
        cell = odd(r) if odd else None
        if cell is not None:
            sheet.write(r, 2, cell)
        elif rng.random() < 0.8:
            sheet.write_string(r, 2, f"{when + dt.timedelta(hours=rng.randrange(1, 90)):%Y-%m-%d %H:%M:%S}")
        if rng.random() < 0.7:
            sheet.write_string(r, 3, f"{when:%d.%m.%Y %H:%M}")
        sheet.write_string(r, 4, ("Open", "Closed")[r % 2])
        sheet.write_string(r, 5, f"{when:%Y-%m-%d}")
        sheet.write_string(r, 6, f"{rng.randrange(10**6):06d}-{r % 97:02d}")
    if footer:
        sheet.write_string(rows + 2, 0, "Source: made up")
    book.close()
    return path


ODD = {
    "none": None,
    "marker": lambda r: "n/a" if r == 4000 else None,
    "padded": lambda r: " 2024-03-01 10:00:00" if r == 4000 else None,
    "trailing space": lambda r: "2024-03-01 10:00:0 " if r == 4000 else None,
    "other shape": lambda r: "2024/03/01 10:00:00" if r == 4000 else None,
    "shorter": lambda r: "2024-03-01 10:00" if r == 4000 else None,
    "longer": lambda r: "2024-03-01 10:00:00.5" if r == 4000 else None,
    "not a date": lambda r: "2024-13-45 10:00:00" if r == 4000 else None,
    "non-ASCII": lambda r: "2024-03-01 10:00:0٣" if r == 4000 else None,
    "a number": lambda r: 45000.5 if r == 4000 else None,
    "first odd": lambda r: "soon" if r == 1 else None,
    "few distinct": lambda r: f"2024-03-0{r % 3 + 1} 10:00:00",
}


@pytest.mark.parametrize("odd", list(ODD), ids=list(ODD))
def test_time_stamps_written_as_texts_type_as_their_strings(tmp_path, monkeypatch, odd):
    """A workbook's column of time stamps written as texts is typed from its bytes where every text has one shape,
    and the table read is the one the strings' way gives (frame, source text, profiles), odd cells or none."""
    path = _stamp_book(tmp_path / "b.xlsx", 6000, ODD[odd])
    fast = _read(path)
    with monkeypatch.context() as m:
        m.setattr(reader, "_uniform", lambda table, name, column: None, raising=False)
        _same(fast, _read(path))


def test_uniform_time_stamp_texts_are_not_parsed_as_strings(tmp_path, monkeypatch):
    """The texts of such a column are not cleaned, sampled and parsed as a million strings (0.3 s a column)."""
    path = _stamp_book(tmp_path / "b.xlsx", 6000)
    calls = []
    real = dates.parse_dates
    monkeypatch.setattr(dates, "parse_dates", lambda text, **k: calls.append((text.iloc[0], len(text))) or real(text, **k))
    table = read_table(path)
    assert table.profile("Solved").col_type == "datetime" and table.profile("Solved").date_format == "%Y-%m-%d %H:%M:%S"
    assert table.profile("Replied").col_type == "datetime" and table.profile("Replied").dayfirst is True
    assert [n for _text, n in calls if n > 1000] == [], calls    # (main parsed 'Solved' and 'Replied' as strings;
                                                                   # a few distinct texts are parsed once each)


KEPT = {**ODD,
        "marker in the head rows": lambda r: "n/a" if r == 3 else None,
        "shorter in the head rows": lambda r: "2024-03-01" if r == 5 else None,
        "number in the head rows": lambda r: 45000.5 if r == 6 else None,
        "other shape in the head rows": lambda r: "2024/03/01 10:00:00" if r == 2 else None,
        "same bytes, not ASCII": lambda r: "2024-03-01 10:00:\u0148" if r == 4000 else None,
        "same bytes, not ASCII, in the head rows": lambda r: "2024-03-01 10:00:\u0148" if r == 2 else None,
        "empty texts": lambda r: "" if r % 7 == 0 else None,
        "starting below the head rows": lambda r: "" if r < 200 else None,
        "a 0 byte's escape": lambda r: "2024-03-01 10:00:0\x01" if r == 4000 else None}
_KEPT_BOOKS = [(odd, {}) for odd in KEPT] + [
    ("none", {"shared": True}), ("same bytes, not ASCII", {"shared": True}),
    ("none", {"blank_rows": {3, *range(100, 130), 4000}, "footer": True}),
    ("marker in the head rows", {"blank_rows": {1, 2}, "footer": True})]


@pytest.mark.parametrize("odd, how", _KEPT_BOOKS, ids=[f"{odd}{' ' if how else ''}{','.join(how)}"
                                                        for odd, how in _KEPT_BOOKS])
def test_texts_kept_as_bytes_by_the_plain_read_are_the_strings_bytes(tmp_path, monkeypatch, odd, how):
    """The bytes a plain sheet keeps of a column of texts of one length (session 19) give exactly what
    :func:`.uniform_texts.uniform_bytes` gives of the column's strings (the same bytes and cells, or nothing), and
    the table read is the one read through the strings (session 18's way) and the one typed from the strings
    alone: frame, source text, profiles, rows and notes, odd cells or none, inline or shared strings, empty
    rows and a note row below the table."""
    path = _stamp_book(tmp_path / "b.xlsx", 6000, KEPT[odd], **how)
    real, kept = reader._uniform, []

    def both(table, name, column):
        known = (table.uniform or {}).get(name)
        ours, theirs = real(table, name, column), uniform_texts.uniform_bytes(column)
        kept.extend([name] if known is not None else [])
        assert (ours is None) is (theirs is None), name
        if ours is not None:
            assert ours[0].dtype == theirs[0].dtype and (ours[0] == theirs[0]).all()
            assert (ours[1] == theirs[1]).all()
        return ours
    monkeypatch.setattr(reader, "_uniform", both)
    fast = _read(path)
    plain = not how.get("shared") and odd != "a 0 byte's escape"      # (else streamed: nothing kept)
    assert ("Solved" in kept or odd not in ("none", "few distinct") or not plain) and ("Replied" in kept) is plain
    monkeypatch.setattr(sheet_columns.SheetColumns, "uniform_texts", lambda self, first, positions: {})
    _same(fast, _read(path))                        # (no bytes kept: session 18's way, through the strings)
    monkeypatch.setattr(reader, "_uniform", lambda table, name, column: None)
    _same(fast, _read(path))                        # (typed from the strings alone)


@pytest.mark.parametrize("text", [b"\0" * 19, b"2024-03-01 10:00:0\0", b"\x002024-03-01 10:00:"])
def test_a_text_with_a_0_byte_is_not_kept_as_bytes(tmp_path, monkeypatch, text):
    """A text holding a 0 byte (which no XML should, but the plain read decodes) keeps its column from the bytes'
    way: ``S<length>`` would read a text ending in one shorter, or empty."""
    source = _stamp_book(tmp_path / "b.xlsx", 3000)
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    at = sheet.index(b'<c r="C', sheet.index(b'<row r="2000"'))        # ('Solved' at or below row 2000)
    row, start = int(sheet[at + 7:sheet.index(b'"', at + 7)]), sheet.index(b"<t>", at) + 3
    path = tmp_path / "zero.xlsx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            data = archive.read(info)
            target.writestr(info, data if info.filename != "xl/worksheets/sheet1.xml" else
                            sheet[:start] + text + sheet[start + 19:])
    real, kept = reader._uniform, []
    monkeypatch.setattr(reader, "_uniform", lambda table, name, column: kept.extend(table.uniform or ()) or
                        real(table, name, column))
    fast = _read(path)
    assert fast["raw"]["Solved"][row - 2] == text.decode()
    assert "Solved" not in kept and "Replied" in kept, kept
    monkeypatch.setattr(sheet_columns.SheetColumns, "uniform_texts", lambda self, first, positions: {})
    _same(fast, _read(path))


def test_the_plain_read_hands_texts_of_one_length_over_as_bytes(tmp_path, monkeypatch):
    """A plain sheet's time stamps written as texts are neither joined from their strings for typing nor walked for
    their text (``notna``, ``infer_dtype``): the plain read kept their bytes while the strings were fresh."""
    from metrics_core.ingest import excel_reader
    path = _stamp_book(tmp_path / "b.xlsx", 6000)
    joined, walked = [], []
    real_uniform, real_text = reader.uniform_bytes, excel_reader.cell_text
    monkeypatch.setattr(reader, "uniform_bytes", lambda column: joined.append(column.name) or real_uniform(column))
    monkeypatch.setattr(excel_reader, "cell_text", lambda column, *a: walked.append(column.name) or
                        real_text(column, *a))
    table = read_table(path)
    assert table.profile("Solved").col_type == "datetime" and table.profile("Replied").col_type == "datetime"
    assert joined == ["Status"], joined               # ('Day' and 'Code' are texts of one length too)
    assert walked == [0, 1], walked                   # (by position: the ids and the dates; 'Status' holds only
                                                      # texts: see the next test)


@pytest.mark.parametrize("shared, blank_rows, footer",
                         [(False, (), False), (False, (7, 3000), True), (True, (), False)])
def test_a_plain_sheets_columns_of_texts_only_are_their_own_text(tmp_path, monkeypatch, shared, blank_rows, footer):
    """A column the plain read found only texts in (every cell a ``str`` or empty) is its own text: it is not
    walked (``infer_dtype``, the present cells spread again), and the table is the one read when every column is
    walked; a column with a number among its texts still is (shared strings: streamed, every column walked)."""
    from metrics_core.ingest import excel_reader

    def book(path):
        _stamp_book(path, 6000, odd=lambda r: 7 if r == 5000 else None, shared=shared, blank_rows=blank_rows,
                    footer=footer)
        return path
    path = book(tmp_path / "b.xlsx")
    walked = []
    real_text, real_texts = excel_reader.cell_text, excel_reader.cell_texts
    with monkeypatch.context() as m:
        m.setattr(excel_reader, "cell_texts", lambda values, uniform=None, text_only=frozenset():
                  real_texts(values, uniform))
        every = _read(path)
    monkeypatch.setattr(excel_reader, "cell_text", lambda column, *a: walked.append(column.name) or
                        real_text(column, *a))
    new = _read(path)
    _same(new, every)
    assert new["raw"]["Status"].dtype == object and new["raw"]["Status"].tolist()[:2] == ["Closed", "Open"]
    assert walked == ([0, 1, 2, 3, 4, 5, 6] if shared else [0, 1, 2]), walked    # ('Solved' holds a number)


@settings(max_examples=300, deadline=None)
@given(first=st.sampled_from(["2024-03-01 10:00:00", "01.03.2024 10:00", "20240301", "12:30:45", "1.5.24"]),
       cells=st.lists(st.one_of(st.none(), st.text(alphabet="0123456789-:. /\x7f\x01T", min_size=1, max_size=20)),
                      max_size=30), where=st.integers(0, 30))
def test_uniform_of_bytes_is_uniform_bytes(first, cells, where):
    """:func:`.uniform_texts.uniform_of_bytes` of texts of one length (ASCII, no 0 byte: what the plain read keeps),
    as bytes, is :func:`uniform_bytes` of them as strings (the first text's checks and the shape of every other)."""
    cells = [c if c is None else (c * 20)[:len(first)] for c in cells]
    cells.insert(min(where, len(cells)), first)
    column = pd.Series(np.array(cells + [0], dtype=object)[:-1], dtype=object)
    texts = np.array([b"" if c is None else c.encode() for c in cells], dtype=f"S{len(first)}")
    ours, theirs = uniform_texts.uniform_of_bytes(texts), uniform_texts.uniform_bytes(column)
    assert (ours is None) is (theirs is None)
    if ours is not None:
        assert ours[0].dtype == theirs[0].dtype and ours[0].tolist() == theirs[0].tolist()
        assert ours[1].tolist() == theirs[1].tolist()


_SHAPE = st.sampled_from(["2024-03-01 10:00:00", "01.03.2024 10:00", "20240301", "2024-03-01", "12:30:45"])
_CELL = st.one_of(st.none(), st.just(float("nan")), _SHAPE, st.text(alphabet="0123456789-:. /\0\u00a0٣T", max_size=22),
                  st.integers(0, 99), st.floats(allow_nan=False))


@settings(max_examples=300, deadline=None)
@given(first=_SHAPE, cells=st.lists(_CELL, max_size=30), where=st.integers(0, 30))
def test_uniform_bytes_are_the_texts_or_nothing(first, cells, where):
    """The bytes stand for the texts exactly (``b""`` where empty), or the column is left alone: another length,
    another character where the first text has none of its digits, a 0 byte, a non-ASCII digit, a non-text."""
    cells = list(cells)
    cells.insert(min(where, len(cells)), first)
    column = pd.Series(np.array(cells + [None], dtype=object)[:-1], dtype=object)
    got = uniform_texts.uniform_bytes(column)
    texts = [c for c in cells if isinstance(c, str) or not pd.isna(c)]
    first_text = next(c for c in cells if c is not None and not (isinstance(c, float) and c != c))
    shaped = all(isinstance(c, str) and len(c) == len(first_text) and c.isascii() and "\0" not in c and all(
        (a.isdigit() and b.isdigit()) or a == b for a, b in zip(c, first_text)) for c in texts)
    if got is None:
        assert not shaped or first_text is not first
        return
    data, filled = got
    assert shaped and first_text is first
    assert filled.tolist() == [not pd.isna(c) for c in cells]
    assert [b.decode() if f else None for b, f in zip(data.tolist(), filled)] == \
        [c if f else None for c, f in zip(cells, filled)]


@pytest.mark.parametrize("numbers", [
    np.arange(100_000, 106_000, dtype=np.float64),                                  # ids in order
    np.random.default_rng(1).permutation(np.arange(6000.0)),                        # ids shuffled
    np.array([3.0, -0.0, 0.0, 1e20, float("inf"), -float("inf"), 0.1, 3.0, 2.5e-7, 1e15, -7.0] * 600),
    np.round(np.random.default_rng(2).random(6000) * 40),                           # counts that repeat
])
@pytest.mark.parametrize("header", ["Ticket ID", "Reference", "Amount"])
def test_number_texts_are_counted_on_their_numbers(monkeypatch, numbers, header):
    """A workbook column of numbers read as text (ids) counts its distinct texts on its float64 values: the same
    codes, distinct texts, typed column and profile as the texts' own ``pd.factorize``, which is not called."""
    column = pd.Series(numbers)
    rows = np.arange(2, len(numbers) + 2)
    forced = "text" if header == "Amount" else None      # (a column of amounts is read as text when chosen so)
    with monkeypatch.context() as m:
        m.setattr(types, "_text_codes", lambda text, present, kind: pd.factorize(text), raising=False)
        old_typed, old_profile = types.infer_column(column, header, rows, forced_type=forced)
    real = pd.factorize

    def on_numbers_only(values, *a, **k):
        assert np.asarray(values).dtype != object, "pd.factorize over the texts"
        return real(values, *a, **k)
    monkeypatch.setattr(types.pd, "factorize", on_numbers_only)
    typed, profile = types.infer_column(column, header, rows, forced_type=forced)
    assert typed.equals(old_typed) and typed.dtype == old_typed.dtype
    assert dataclasses.asdict(profile) == dataclasses.asdict(old_profile)


def _mixed_book(path, rows: int = 300):
    """Numbers, dates, texts, booleans, blank texts alone on a row, empty rows and a note row below the table."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, ["Id", "When", "Text", "Flag", "Mixed"])
    rng = random.Random(5)
    for r in range(1, rows):
        if r % 50 == 0:
            continue                                    # an empty row
        if r % 41 == 0:
            sheet.write_string(r, 2, "   ")              # a row whose only cell is blank text
            continue
        sheet.write_number(r, 0, r)
        if rng.random() < 0.8:
            sheet.write_datetime(r, 1, BASE + dt.timedelta(hours=r), stamp)
        if rng.random() < 0.6:
            sheet.write_string(r, 2, rng.choice(["a", " b ", "n/a", "Ž"]))
        sheet.write_boolean(r, 3, r % 3 == 0)
        sheet.write(r, 4, rng.choice([1.5, "x", BASE.date().isoformat(), None]) or "")
    sheet.write_string(rows + 1, 0, "Source: made up")
    book.close()
    return path


def test_the_table_is_found_from_the_masks_the_texts_were_made_with(tmp_path, monkeypatch):
    """:func:`~.table_finder.assemble` takes the filled cells from the cells' text (no ``notna`` over the source
    frame again) and keeps the rows and columns it kept when it looked them up itself."""
    path = _mixed_book(tmp_path / "m.xlsx")
    new = _read(path)
    real = table_finder.assemble
    with monkeypatch.context() as m:
        m.setattr("metrics_core.ingest.excel_reader.assemble",
                  lambda values, raw, layout, row_numbers, **k: real(values, raw, layout, row_numbers,
                                                                      width=k.get("width")))
        old = _read(path)
    _same(new, old)
    assert any("empty row" in n for n in new["notes"]) and any("note row" in n for n in new["notes"])

    def refused(self):
        raise AssertionError("notna over the source frame")
    monkeypatch.setattr(pd.DataFrame, "notna", refused)
    _same(_read(path), new)


def _id_book(path, ids: list):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    sheet.write_row(0, 0, ["Ticket ID", "Created at", "Status"])
    for r, ticket in enumerate(ids, start=1):
        if ticket is not None:
            sheet.write(r, 0, ticket)
        sheet.write_string(r, 1, f"2024-03-{r % 28 + 1:02d} 10:{r % 60:02d}:00")
        sheet.write_string(r, 2, ("Open", "Closed")[r % 2])
    book.close()
    return path


@pytest.mark.parametrize("ids, collapsed", [
    (list(range(100_000, 100_400)), False),                              # in order
    (random.Random(3).sample(range(10**6), 400), False),                 # shuffled, every one different
    ([7, None, 12] + list(range(20, 417)), False),                       # an empty cell
    (list(range(200)) + list(range(100, 300)), True),                    # repeated: an event log
    (["T-1", "T-2"] * 200, True),                                        # not numbers
])
def test_ids_known_to_be_distinct_are_not_looked_for_again(tmp_path, monkeypatch, ids, collapsed):
    """A workbook's ticket ids that are whole numbers written plainly, every one different, are not hashed again to
    look for repeats before the rows are collapsed (a million: 0.19 s); the canonical frame is the one it was."""
    from metrics_core.loading import load_dataset
    from metrics_core.mapping import canonical

    path = _id_book(tmp_path / "ids.xlsx", ids)
    real = canonical._distinct_as_written
    with monkeypatch.context() as m:              # (the way before: typing's counts for text files only)
        m.setattr(canonical, "distinct_id_strings", lambda source: (id_strings(source), False), raising=False)
        old = load_dataset(path, kind="tickets")
    looked = []
    real_duplicated = pd.Series.duplicated
    monkeypatch.setattr(pd.Series, "duplicated", lambda self, *a, **k: looked.append(len(self)) or
                        real_duplicated(self, *a, **k))
    new = load_dataset(path, kind="tickets")
    assert new.frame.equals(old.frame) and list(new.frame.dtypes) == list(old.frame.dtypes)
    assert str(new.facts.collapsed) == str(old.facts.collapsed) and bool(str(new.facts.collapsed)) is collapsed
    assert (looked == []) is (not collapsed), looked       # (main looked every time)
    assert real is canonical._distinct_as_written


@pytest.mark.parametrize("ids, fast", [
    (list(range(100_000, 100_400)), True),                              # in order
    (random.Random(3).sample(range(10**6), 400), True),                 # shuffled, every one different
    ([0, 7, 10**15 - 1] + list(range(20, 417)), True),                  # 0 and the largest of 15 digits
    ([7, None, 12] + list(range(20, 417)), True),                       # an empty cell (held as numbers: s21-ids)
    (list(range(200)) + list(range(100, 300)), True),                   # repeated: an event log
    ([10**15, 10**15 + 1] + list(range(20, 418)), False),               # 16 digits
    ([2**53 + 1] + list(range(20, 419)), False),                        # not exact as a float
    ([-7] + list(range(20, 419)), False),                               # a sign
    ([7.5] + list(range(20, 419)), False),                              # a fraction
    ([7, "T-2"] + list(range(20, 418)), None),                          # a text among the numbers (not floats)
])
def test_number_ids_are_made_strings_once(tmp_path, monkeypatch, ids, fast):
    """A workbook's ids that are whole numbers written plainly (at most 15 digits) are typed as the strings of their
    bytes, and the canonical frame takes those strings rather than make them again from the bytes; the table, its
    canonical frame and the collapse are what they were. (``fast``: neither ``float_text`` nor the canonical
    frame's strings of the bytes was made; ``None``: not a column of numbers.)"""
    from metrics_core.loading import load_dataset
    from metrics_core.mapping import canonical

    path = _id_book(tmp_path / "ids.xlsx", ids)
    with monkeypatch.context() as m:              # (the way before: float_text, then the bytes again)
        m.setattr(types, "number_id_strings", lambda numbers, source: None, raising=False)
        old_table, old = _read(path), load_dataset(path, kind="tickets")
    made = []
    real_float_text, real_distinct = types.float_text, canonical.distinct_id_strings
    monkeypatch.setattr(types, "float_text", lambda n: made.append(("float_text", len(n))) or real_float_text(n))
    monkeypatch.setattr(canonical, "distinct_id_strings",
                        lambda source: made.append(("again", len(source))) or real_distinct(source))
    _same(_read(path), old_table)
    made.clear()
    new = load_dataset(path, kind="tickets")
    assert new.frame.equals(old.frame) and list(new.frame.dtypes) == list(old.frame.dtypes)
    assert str(new.facts.collapsed) == str(old.facts.collapsed)
    assert fast is None or (made == []) is fast, made       # (main made them twice every time)
