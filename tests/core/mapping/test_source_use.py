"""Columns are let go while the canonical frame is built (``release=True``, what ``kpidesk compute`` and the
window's reading child do): the frame and the validation are the same as when the whole table is kept, also
when one column feeds several fields of different kinds."""

from __future__ import annotations

import copy

import pandas as pd

from metrics_core.ingest.reader import read_table
from metrics_core.mapping.canonical import build_canonical
from metrics_core.mapping.model import FieldMapping, Mapping
from metrics_core.mapping.source_use import columns_read_as_text
from metrics_core.validation import validate


def test_a_column_feeding_a_checked_and_an_unchecked_field(tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text("Ticket ID,Created at,Status,Agent replies\n"
                    "7,2024-05-01 09:00,Solved,1\n8,2024-05-02 10:00,Open,x\n9,2024-05-02 10:30,Closed,3\n",
                    encoding="utf-8")
    mapping = Mapping("tickets", {
        "ticket_id": FieldMapping("ticket_id", ["Ticket ID"]), "created_at": FieldMapping("created_at", ["Created at"]),
        "status": FieldMapping("status", ["Status"]), "agent_replies": FieldMapping("agent_replies", ["Agent replies"]),
        "channel": FieldMapping("channel", ["Agent replies"])})
    kept, lean = read_table(path), read_table(path)
    whole = build_canonical(kept, mapping)
    assert columns_read_as_text(lean, mapping) == {"Ticket ID", "Agent replies"}
    released = build_canonical(lean, copy.deepcopy(mapping), release=True)
    pd.testing.assert_frame_equal(released.frame, whole.frame)
    assert list(lean.frame.columns) == list(lean.raw.columns) == ["Created at", "Agent replies"]   # validated
    assert validate(lean, mapping, released.frame).to_dict() == validate(kept, mapping, whole.frame).to_dict()
    assert [(c.name, c.n_failed, [f.value for f in c.failures]) for c in validate(lean, mapping, released.frame).columns
            if c.n_failed] == [("Agent replies", 1, ["x"])]
