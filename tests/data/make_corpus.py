"""Write the awkward-file corpus (``tests/data/corpus/``) and its expected parse.

Each builder returns the file name, the file's bytes, and what a correct reader
must make of it (``EXPECTED.json``). The expectations are written by hand next
to the data they describe; nothing here calls the reader. The output is
deterministic: running ``python tests/data/make_corpus.py`` again reproduces
every file byte for byte (a test checks it).

Cell expectations use ``row`` = 0-based data row (``frame.iloc[row]``) and
``column`` = a column name (matched as the file's ``columns_match`` says) or a
0-based column position (header-less files). ``kind`` says how to compare:
``datetime`` (ISO text), ``number`` (float, seconds for durations), ``text``
(exact string) or ``missing``. A file's ``mapping`` entry says what
``load_dataset`` must make of it (kind, canonical rows, fields, canonical cells
located by source row ``_row`` or by a key column).

The text files are built in ``corpus_text_files.py``; workbooks, refused files
and the mapping expectations are here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any, Callable

import xlsxwriter

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from metrics_core.atomic import write_bytes_atomic, write_text_atomic  # noqa: E402

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from corpus_text_files import (Built, asterisk_master, cell, expect_table, jira_duplicates,  # noqa: E402
                               liveagent_codes, missing_markers, qualtrics_three_rows, romanian_utf16_tsv,
                               serbian_cp1251, shopify_orders, slovenian_cp1250, surveymonkey_two_rows,
                               swedish_cp1252, twilio_pipe, zoho_tickets)

DEFAULT_OUT = HERE / "corpus"


# --- Workbooks -----------------------------------------------------------------------------------

def _workbook_bytes(build: Callable[[xlsxwriter.Workbook], None]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": dt.datetime(2026, 4, 1, 9, 0, 0), "author": "KPI Desk corpus"})
    build(wb)
    wb.close()
    return buf.getvalue()


def _title_report(wb: xlsxwriter.Workbook) -> None:
    ws = wb.add_worksheet("March 2026")
    bold, when = wb.add_format({"bold": True}), wb.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    ws.write(0, 0, "Support report – March 2026", bold)
    ws.merge_range(2, 2, 2, 3, "Times", bold)
    ws.merge_range(2, 4, 2, 6, "Activity", bold)
    header = ["Ticket", "Agent", "Created at", "Resolved at", "Replies", "Reopens", "Total interactions",
              "Survey date", "Score"]
    ws.write_row(3, 0, header, bold)
    for i in range(12):
        r = 4 + i
        created = dt.datetime(2026, 3, 2, 8, 15) + dt.timedelta(days=2 * i, hours=i)
        replies, reopens = 2 + i % 3, i % 2
        ws.write(r, 0, f"T-{301 + i}")
        ws.write(r, 1, ["Maja", "Gregor", "Tjaša"][i % 3])
        ws.write_datetime(r, 2, created, when)
        if i != 5:
            ws.write_datetime(r, 3, created + dt.timedelta(hours=6 + i), when)
        ws.write_number(r, 4, replies)
        ws.write_number(r, 5, reopens)
        ws.write_formula(r, 6, f"=E{r + 1}+F{r + 1}", None, replies + reopens)
        ws.write_string(r, 7, (created + dt.timedelta(days=3)).strftime("%d.%m.%Y"))
        ws.write_number(r, 8, 1 + (i * 2) % 5)
    ws.write(17, 0, "Source: helpdesk export, generated 01.04.2026")
    wb.add_worksheet("Notes").write(0, 0, "Scores are 1-5.")


def title_rows_xlsx() -> Built:
    header = ["Ticket", "Agent", "Created at", "Resolved at", "Replies", "Reopens", "Total interactions",
              "Survey date", "Score"]
    exp = expect_table("xlsx", [], None, [[3], [2, 3]], 5, 12, header, match="endswith", sheet="March 2026",
                 sheets=["March 2026", "Notes"],
                 types={"Created at": "datetime", "Survey date": "datetime", "Total interactions": "number"},
                 cells=[cell(0, "Total interactions", "number", 2.0),
                        cell(1, "Total interactions", "number", 4.0),
                        cell(0, "Created at", "datetime", "2026-03-02T08:15:00"),
                        cell(0, "Resolved at", "datetime", "2026-03-02T14:15:00"),
                        cell(5, "Resolved at", "missing"),
                        cell(0, "Survey date", "datetime", "2026-03-05T00:00:00"),
                        cell(11, "Survey date", "datetime", "2026-03-27T00:00:00"),
                        cell(11, "Ticket", "text", "T-312")],
                 notes="Title row + blank row, a group header merged over two/three columns above the real "
                       "header (row 4), a formula column with cached values, text dates, a footer note.")
    return "report_title_rows.xlsx", _workbook_bytes(_title_report), exp


# --- Files that must be refused ------------------------------------------------------------------

def _junk(n: int, seed: bytes) -> bytes:
    out, block = bytearray(), seed
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block + b"\x00\x00"
    return bytes(out[:n])


def bad_files() -> list[Built]:
    good = _workbook_bytes(lambda wb: wb.add_worksheet("Data").write_row(0, 0, ["Ticket", "Created at"]))
    return [
        ("empty.csv", b"", {"error": "EmptyFileError", "notes": "0 bytes."}),
        ("binary_garbage.csv", _junk(3000, b"garbage"),
         {"error": "UnsupportedFormatError", "notes": "binary bytes (with NULs) named .csv"}),
        ("truncated.xlsx", good[: len(good) // 2],
         {"error": "WorkbookError", "notes": "first half of a valid workbook"}),
        ("encrypted.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _junk(4088, b"encrypted"),
         {"error": "WorkbookError",
          "notes": "OLE2 compound-file header (how Excel stores a password-protected workbook) then junk"}),
    ]


def _at(source_row: int, field: str, kind: str, value: Any = None) -> dict[str, Any]:
    return {"source_row": source_row, "field": field, "kind": kind, "value": value}


def _mapped(kind: str, rows: int, fields: dict[str, str], cells: list[dict[str, Any]]) -> dict[str, Any]:
    """What ``load_dataset`` must make of a file: its kind, canonical row count, which column feeds
    a field (a part of the column name) and canonical cells located by source row (``_row``)."""
    return {"kind": kind, "rows": rows, "fields": fields, "cells": cells}


MAPPINGS: dict[str, dict[str, Any]] = {
    "sl_tickets_cp1250.csv": _mapped("tickets", 24, {"created_at": "Ustvarjeno", "first_response_s": "Prvi odziv",
                                                     "status": "Stanje", "agent": "Agent"},
                                     [_at(2, "created_at", "datetime", "2026-11-23T14:05:00"),
                                      _at(3, "first_response_s", "number", 750.0),
                                      _at(2, "ticket_id", "text", "000101"),
                                      _at(2, "status", "text", "solved"), _at(3, "status", "text", "closed"),
                                      _at(4, "status", "text", "pending"), _at(6, "status", "text", "open")]),
    "se_tickets_cp1252.csv": _mapped("tickets", 18, {"created_at": "Skapad", "resolved_at": "Löst"},
                                     [_at(2, "status", "text", "solved"), _at(3, "status", "text", "open"),
                                      _at(5, "status", "text", "pending")]),
    "rs_tickets_cp1251.csv": _mapped("tickets", 16, {"created_at": "Креирано", "status": "Статус", "agent": "Агент"},
                                     [_at(2, "status", "text", "solved"), _at(3, "status", "text", "open"),
                                      _at(2, "created_at", "datetime", "2026-11-23T14:05:00")]),
    "ro_tickets_utf16.tsv": _mapped("tickets", 14, {"created_at": "Data creării", "status": "Stare"},
                                    [_at(2, "status", "text", "solved"), _at(3, "status", "text", "open"),
                                     _at(4, "status", "text", "pending")]),
    "zoho_tickets_ms.csv": _mapped("tickets", 20, {"ticket_id": "Ticket Id", "first_response_s": "First Response Time",
                                                   "resolution_s": "Resolution Time"},
                                   [_at(2, "ticket_id", "text", "412345000001234567"),
                                    _at(2, "first_response_s", "number", 108960.0),
                                    _at(2, "resolution_s", "number", 145440.0)]),
    "liveagent_status_codes.csv": _mapped("tickets", 22, {"status": "Status"},
                                          [_at(6, "status", "text", "solved"), _at(12, "status", "text", "closed"),
                                           _at(10, "status", "text", "open"), _at(3, "status", "text", "open"),
                                           _at(6, "status_original", "text", "R")]),
    "jira_duplicate_headers.csv": _mapped("tickets", 12, {"created_at": "Created", "resolved_at": "Resolved"},
                                          [_at(2, "status", "text", "open"), _at(3, "status", "text", "solved")]),
    "report_title_rows.xlsx": _mapped("tickets", 12, {"created_at": "Created at", "resolved_at": "Resolved at"},
                                      [_at(5, "interactions", "number", 2.0),
                                       _at(5, "created_at", "datetime", "2026-03-02T08:15:00")]),
    "asterisk_Master.csv": _mapped("calls", 20, {},
                                   [_at(1, "started_at", "datetime", "2026-11-23T09:00:01"),
                                    _at(1, "outcome", "text", "answered"), _at(1, "talk_s", "number", 185.0),
                                    _at(4, "outcome", "text", "blocked")]),
    "twilio_calls_pipe.txt": _mapped("calls", 14, {"started_at": "Start Time", "outcome": "Status",
                                                   "caller_id": "From"},
                                     [_at(2, "outcome", "text", "answered"), _at(5, "outcome", "text", "blocked"),
                                      _at(2, "caller_id", "text", "+38640123450")]),
    "surveymonkey_two_row_header.csv": _mapped("surveys", 18, {"nps_score": "How likely is it"},
                                               [_at(3, "nps_score", "number", 9.0), _at(6, "nps_score", "number", 3.0)]),
    "qualtrics_bom_three_rows.csv": _mapped("surveys", 15, {"nps_score": "Q1", "csat_score": "Q2", "ces_score": "Q3",
                                                            "comment": "Q4"},
                                            [_at(4, "nps_score", "number", 10.0), _at(4, "csat_score", "number", 1.0),
                                             _at(5, "ces_score", "number", 2.0)]),
    "shopify_orders.csv": _mapped("orders", 10, {"customer_id": "Email", "amount": "Total", "order_id": "Name"},
                                  [{"key": {"order_id": "#1001"}, "field": "amount", "kind": "number", "value": 33.5},
                                   {"key": {"order_id": "#1001"}, "field": "customer_id", "kind": "text",
                                    "value": "buyer0@example.com"},
                                   {"key": {"order_id": "#1001"}, "field": "order_date", "kind": "datetime",
                                    "value": "2026-03-01T11:13:25"},
                                   {"key": {"order_id": "#1010"}, "field": "order_date", "kind": "datetime",
                                    "value": "2026-03-19T20:13:25"}]),
}


BUILDERS = (slovenian_cp1250, swedish_cp1252, serbian_cp1251, romanian_utf16_tsv, surveymonkey_two_rows,
            qualtrics_three_rows, zoho_tickets, asterisk_master, liveagent_codes, twilio_pipe, jira_duplicates,
            shopify_orders, missing_markers, title_rows_xlsx)


def build_all() -> list[Built]:
    """Every corpus file as (name, bytes, expectation)."""
    return [b() for b in BUILDERS] + bad_files()


def write_corpus(out_dir: Path) -> list[Path]:
    """Write every corpus file and ``EXPECTED.json`` into ``out_dir``; return the paths written."""
    out_dir = Path(out_dir)
    written, expected = [], {}
    for name, data, exp in build_all():
        if name in MAPPINGS:
            exp = {**exp, "mapping": MAPPINGS[name]}
        write_bytes_atomic(out_dir / name, data)
        written.append(out_dir / name)
        expected[name] = exp
    write_text_atomic(out_dir / "EXPECTED.json", json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    return [*written, out_dir / "EXPECTED.json"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: tests/data/corpus)")
    args = parser.parse_args(argv)
    write_corpus(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
