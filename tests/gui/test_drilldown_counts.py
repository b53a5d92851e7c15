"""The rows behind a KPI match the card's "from N rows": rows the KPI does not count are marked."""

from __future__ import annotations

import pytest

from metrics_core.dataset import DataBundle
from metrics_core.i18n import language
from metrics_core.metrics.engine import Filters, compute_metric

from desktop_app.drilldown import rows_behind

from .helpers import make_dataset, tickets_frame


def test_rows_without_a_resolution_are_marked_not_counted() -> None:
    frame = tickets_frame(120)
    unresolved = int(frame["resolved_at"].isna().sum())          # 10 % left open by the helper
    assert 0 < unresolved < 120
    bundle = DataBundle([make_dataset("t", "tickets", frame)])
    with language("en"):
        rows = rows_behind(bundle, "resolution_time", Filters())
        assert compute_metric(bundle, "resolution_time").n == 120 - unresolved
        assert rows.title == f"Average resolution time (Tickets: 120, counted: {120 - unresolved})"
        marks = rows.frame["Counted"].astype(str)
    assert (marks == "Yes").sum() == 120 - unresolved
    assert set(frame.loc[marks.to_numpy() == "No", "ticket_id"]) == set(frame.loc[frame["resolved_at"].isna(), "ticket_id"])


def test_rows_all_counted_are_listed_as_before() -> None:
    bundle = DataBundle([make_dataset("t", "tickets", tickets_frame(50))])
    with language("en"):
        rows = rows_behind(bundle, "first_response_time", Filters())
    assert rows.title == "First response time (Tickets: 50)" and list(rows.frame.columns)[0] == "ticket_id"


def test_rows_behind_a_kpi_with_no_file_names_its_kinds_with_the_languages_or() -> None:
    """"{kpi} reads {kinds}, and no such file is loaded." joined the kinds with ", " in every language; the
    engine's reasons join them with the language's "or" (sl "ali"), in their words for inside a sentence (s18-words:
    not their labels, "Klici ali Intervali klicev (ACD)")."""
    from metrics_core.catalogue import kind_label, kinds_text
    from metrics_core.errors import MissingFieldError

    from tests.core.metrics.builders import bundle_of, make_frames

    bundle = bundle_of({"surveys": make_frames(60)["surveys"]})
    with language("sl"), pytest.raises(MissingFieldError) as raised:
        rows_behind(bundle, "average_handle_time", Filters())
    with language("sl"):
        text = str(raised.value)
        assert f"{kinds_text('calls')} ali {kinds_text('call_intervals')}" in text, text
        assert kind_label("calls") not in text, text
