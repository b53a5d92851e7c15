"""Overlapping exports are counted once (issue 10, item 7).

Expectations are worked out by hand for the small files, and with plain pandas on the
Kaggle tickets file (8,469 rows; status "Open" or "Pending Customer Response" = not closed).
"""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from metrics_core.cli import main
from metrics_core.dataset import DataBundle
from metrics_core.export.build import build_report
from metrics_core.loading import load_dataset
from metrics_core.metrics.engine import compute_metric


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _bundle(*paths, kind=None):
    bundle = DataBundle()
    for p in paths:
        bundle.add(load_dataset(p, kind=kind))
    return bundle


@pytest.fixture
def pieces(tmp_path):
    """January and February exports overlapping on ticket 3, which was closed in the later export."""
    jan = _write(tmp_path / "jan.csv", "Ticket ID,Created at,Status\n1,2024-01-05 10:00,Closed\n"
                 "2,2024-01-20 10:00,Closed\n3,2024-01-30 10:00,Open\n")
    feb = _write(tmp_path / "feb.csv", "Ticket ID,Created at,Status\n3,2024-01-30 10:00,Closed\n"
                 "4,2024-02-03 10:00,Open\n")
    return jan, feb


def test_a_ticket_in_two_exports_counts_once_and_the_later_file_wins(pieces):
    bundle = _bundle(*pieces)
    # by hand: tickets 1, 2, 3, 4 -> 4; open: only ticket 4 (ticket 3 is closed in the later export)
    assert compute_metric(bundle, "request_volume").value == 4
    assert compute_metric(bundle, "open_tickets").value == 1
    [note] = bundle.merge_notes()
    assert (note.kind, note.total, note.dropped) == ("tickets", 1, {"jan.csv": 1, "feb.csv": 0})
    assert "1 duplicate row dropped" in note.describe() and "1 from jan.csv" in note.describe()


def test_the_most_recently_updated_version_wins_over_file_order(tmp_path):
    new = _write(tmp_path / "a.csv", "Ticket ID,Created at,Status,Updated at\n"
                 "3,2024-01-30 10:00,Closed,2024-02-10 09:00\n")
    old = _write(tmp_path / "b.csv", "Ticket ID,Created at,Status,Updated at\n"
                 "3,2024-01-30 10:00,Open,2024-01-30 10:00\n5,2024-02-01 10:00,Open,2024-02-01 10:00\n")
    bundle = _bundle(new, old)          # b.csv is loaded later but holds the older version of ticket 3
    assert compute_metric(bundle, "request_volume").value == 2
    assert compute_metric(bundle, "open_tickets").value == 1          # ticket 5 only
    [note] = bundle.merge_notes()
    assert note.dropped == {"a.csv": 0, "b.csv": 1} and note.kept_by == "Updated at"
    assert "latest “Updated at”" in note.describe()


def test_rows_without_an_id_are_never_merged(tmp_path):
    # CDNOW-like orders without an order id: the same line in both files counts twice, and we say why
    text = "Customer ID,Order date,Amount\n1,2024-01-02,10.0\n2,2024-01-03,20.0\n"
    a = _write(tmp_path / "orders_a.csv", text)
    b = _write(tmp_path / "orders_b.csv", text)
    bundle = _bundle(a, b, kind="orders")
    assert bundle.datasets[0].kind == "orders"
    assert len(bundle.frame("orders")) == 4
    [note] = bundle.merge_notes()
    assert note.total == 0 and note.without_id == ("orders_a.csv", "orders_b.csv")
    assert "cannot be recognised; every row counts" in note.describe()


def test_tickets_without_an_id_value_are_kept(tmp_path):
    a = _write(tmp_path / "a.csv", "Ticket ID,Created at,Status\n1,2024-01-05 10:00,Open\n,2024-01-06 10:00,Open\n")
    b = _write(tmp_path / "b.csv", "Ticket ID,Created at,Status\n1,2024-01-05 10:00,Open\n,2024-01-06 10:00,Open\n")
    bundle = _bundle(a, b)
    # by hand: ticket 1 once, the two id-less rows both kept -> 3
    assert len(bundle.frame("tickets")) == 3


@pytest.fixture(scope="module")
def kaggle_twice(datasets_dir, tmp_path_factory):
    source = datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv"
    copy = tmp_path_factory.mktemp("copy") / "copy_of_tickets.csv"
    shutil.copyfile(source, copy)
    raw = pd.read_csv(source)
    expected = {"rows": len(raw), "open": int((raw["Ticket Status"] != "Closed").sum()),
                "csat": int(raw["Customer Satisfaction Rating"].notna().sum())}
    return source, copy, expected


def test_kaggle_tickets_and_an_identical_copy_via_the_cli(capsys, kaggle_twice):
    source, copy, expected = kaggle_twice
    assert (expected["rows"], expected["open"]) == (8469, 5700)
    assert main(["compute", str(source), str(copy), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    metrics = {m["id"]: m for m in doc["metrics"]}
    assert metrics["request_volume"]["value"] == expected["rows"]
    assert metrics["open_tickets"]["value"] == expected["open"]
    assert metrics["csat"]["n"] == expected["csat"]          # the CSAT the file also feeds is not doubled
    [merged] = doc["merged"]
    assert merged["kind"] == "tickets" and merged["dropped"] == expected["rows"]
    assert merged["dropped_by_file"] == {source.name: expected["rows"], copy.name: 0}
    assert [f["rows"] for f in doc["files"]] == [expected["rows"], expected["rows"]]   # unchanged field


def test_cli_text_names_the_duplicates_and_the_files(capsys, kaggle_twice):
    source, copy, expected = kaggle_twice
    assert main(["compute", str(source), str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"Tickets: {expected['rows']:,} duplicate rows dropped" in out
    assert f"{expected['rows']:,} from {source.name}" in out


def test_report_data_used_section_says_so(pieces):
    report = build_report(_bundle(*pieces))
    assert any("1 duplicate row dropped" in n and "jan.csv" in n for n in report.notes)


def test_a_removed_file_leaves_no_merged_frame_behind(pieces):
    """The merged frames are remembered per set of files; removing files lets go of the frames made of them at once.
    Kept until the next merge, the last files' frames outlived closing every file (none merges then): the window's
    soak found them still held with every file closed (session 21)."""
    import gc
    import weakref

    bundle = _bundle(*pieces)
    merged = weakref.ref(bundle.frame("tickets"))
    assert bundle.merge_notes()                    # (the two exports share tickets: a merge, remembered)
    assert bundle.frame("tickets") is merged()
    for name in [d.name for d in bundle.datasets]:
        bundle.remove(name)
    gc.collect()
    assert merged() is None
    assert bundle.kinds() == [] and bundle.frames() == {}
