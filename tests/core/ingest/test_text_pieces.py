"""A long text is handed to the parser in pieces, each let go once read (issue 15, the peak memory of a
10,000,000-row file): the table is the same as when the whole text is held, also when the parse needs the
text again (a value longer than the sample's, read again as all text; quotes the line scan cannot follow).

The pieces are made a few bytes long here, so that small files go that way and a piece ends inside records,
inside quoted fields and inside multi-byte characters.
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.ingest import text_reader
from metrics_core.ingest.reader import read_table


def read_whole_and_in_pieces(path, monkeypatch):
    """(the table read from the whole text, the table read from pieces of 7 bytes, how many parses the pieces
    needed and how often the file was read again)."""
    whole = read_table(path)
    again = []
    parse = text_reader._parse
    with monkeypatch.context() as patch:
        patch.setattr(text_reader, "PIECES_FROM", 0)
        patch.setattr(text_reader, "PIECE_BYTES", 7)
        patch.setattr(text_reader, "_parse", lambda text, *a: again.append(text._whole is None) or parse(text, *a))
        pieces = read_table(path)
    return whole, pieces, again


def assert_same(a, b):
    pd.testing.assert_frame_equal(a.frame, b.frame)
    pd.testing.assert_frame_equal(a.raw, b.raw)
    assert [c.to_dict() for c in a.columns] == [c.to_dict() for c in b.columns]
    assert a.notes == b.notes and list(a.row_numbers) == list(b.row_numbers)
    assert (a.encoding, a.delimiter, a.decimal) == (b.encoding, b.delimiter, b.decimal)


def tickets(n=400, last_id="T-10399"):
    lines = ["Ticket ID;Created at;Status;Note;Handling (h)"]
    for i in range(n):
        ticket = last_id if i == n - 1 else f"T-{10000 + i}"
        lines.append(f"{ticket};{1 + i % 28:02d}.03.2025 10:{i % 60:02d};{'Rešeno' if i % 3 else 'Odprto'};"
                     f"\"čaj, {i}\";{i % 9},5")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_pieces_give_the_same_table(tmp_path, monkeypatch, encoding):
    path = tmp_path / "tickets.csv"
    path.write_bytes(tickets().encode(encoding))
    whole, pieces, parses = read_whole_and_in_pieces(path, monkeypatch)
    assert_same(whole, pieces)
    assert parses == [True] and pieces.frame["Ticket ID"].iloc[-1] == "T-10399"


def test_a_value_longer_than_the_sample_reads_the_file_again(tmp_path, monkeypatch):
    """The last id is longer than the bytes column chosen from the sample holds: the pieces are gone, so the
    file is read again, whole (its typed parse loses the value again), and read as all text, as without pieces."""
    path = tmp_path / "tickets.csv"
    path.write_bytes(tickets(last_id="T-" + "9" * 60).encode("utf-8"))
    whole, pieces, parses = read_whole_and_in_pieces(path, monkeypatch)
    assert_same(whole, pieces)
    assert parses == [True, True, False, False] and pieces.frame["Ticket ID"].iloc[-1] == "T-" + "9" * 60


def test_quotes_the_line_scan_cannot_follow_read_the_file_again(tmp_path, monkeypatch):
    """A quote inside an unquoted field: the line scan and the parser disagree, the row numbers come from the
    csv module, which needs the whole text."""
    path = tmp_path / "notes.csv"
    path.write_text("Id,Note\n1,he said \"hi\nthere\n2,\"a\nb\"\n3,x\n", encoding="utf-8")
    whole, pieces, parses = read_whole_and_in_pieces(path, monkeypatch)
    assert_same(whole, pieces)
    assert parses[0] is True and parses[-1] is False
