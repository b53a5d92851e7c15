"""Peak hours of a file whose date column is mapped but blank in every row names that column (issue 14, defect
11): it said "No data of the kind 'dated tickets, calls or social' is loaded for the chosen period and
filters", a reason that fits no file and names no column."""

from __future__ import annotations

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.i18n import language
from metrics_core.metrics.engine import compute_metric


def test_a_blank_date_column_is_named_as_the_reason(tmp_path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("Ticket ID,Created at,Status,Channel\n1,,Open,Email\n2,,Solved,Phone\n3,,Closed,Email\n",
                    encoding="utf-8")
    result = compute_metric(load_bundle([str(path)], None, {}), "peak_hours")
    assert result.value is None
    assert str(result.reason) == "every row's “Created at” is empty, so there are no times to show peak hours for"
    with language("sl"):
        assert "„Čas nastanka“" in str(result.reason) and "every row" not in str(result.reason)
