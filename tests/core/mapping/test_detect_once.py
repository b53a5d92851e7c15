"""Detection reads a table once: ``kpidesk inspect`` ranks the kinds and maps from the same
:class:`Detection`, and the header test that skips fields no synonym can reach changes no score."""

from __future__ import annotations

from pathlib import Path

import pytest

from metrics_core.catalogue import KINDS
from metrics_core.cli import inspect_cmd
from metrics_core.mapping import detect, values
from metrics_core.mapping.synonyms import DATETIME_TWINS, header_match, may_match


def test_inspect_reads_the_columns_shapes_and_header_candidates_once(tmp_path, monkeypatch):
    path = tmp_path / "calls.csv"
    path.write_text("Call ID,Start time,Answered,Wait time (seconds),Value 1\n"
                    "c1,2024-01-02 10:00,Yes,12,3\nc2,2024-01-02 11:00,No,40,4\n", encoding="utf-8")
    shapes, candidates = [], []
    monkeypatch.setattr(detect, "column_shapes", lambda table: shapes.append(1) or values.column_shapes(table))
    real = detect._header_candidates
    monkeypatch.setattr(detect, "_header_candidates", lambda kind, s: candidates.append(kind.name) or real(kind, s))
    dataset, guesses = inspect_cmd.inspect_file(Path(path))
    assert dataset.mapping.kind == guesses[0].kind == "calls"
    assert len(shapes) == 1
    assert sorted(candidates) == sorted(kind.name for kind in KINDS)      # once per kind, the chosen one too


HEADERS = ("Ticket created at", "Value 17", "H3", "Wait time (seconds)", "First response time", "Resolved",
           "Resolution time (hrs)", "Datum ustvarjanja", "Време чекања", "Status", "NPS", "Order total",
           "Kundnummer", "Amount", "Channel", "Agent name", "Satisfaction", "Quantity", "Start", "ID")


@pytest.mark.parametrize("header", HEADERS)
def test_a_field_skipped_by_may_match_scores_zero(header):
    """Every field of every kind: where may_match says no, header_match (and the date-time twin's) is 0."""
    skipped = 0
    for kind in KINDS:
        for spec in kind.fields:
            if not may_match(kind.name, spec.name, header):
                skipped += 1
                assert header_match(kind.name, spec.name, header)[0] == 0.0, (kind.name, spec.name)
            twin = DATETIME_TWINS.get(spec.name)
            if twin and not may_match(kind.name, twin, header):
                assert header_match(kind.name, twin, header)[0] == 0.0
    assert skipped
