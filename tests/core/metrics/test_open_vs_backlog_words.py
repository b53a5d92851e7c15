"""'Open tickets 92' and 'Ticket backlog 92' side by side: each card says how it counts (issue 14).

Screenshot 10_dashboard_11_tickets: the same number and the same trend, and nothing told an owner what differs.
Open tickets reads each ticket's status on a day; the backlog counts, from creation and resolution times, the
tickets created but not yet resolved on that day (and at the end of every earlier period, for its chart).

Four tickets worked out by hand: T1 created 1 Mar, resolved 2 Mar (closed); T2 created 5 Mar, open;
T3 created 10 Mar, resolved 20 Mar (solved); T4 created 25 Mar 09:00, pending. The latest time in the file is
25 Mar 09:00: open by status T2, T4 = 2; created and not resolved then: T2, T4 = 2.
"""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat
from metrics_core.i18n import language
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs


def _tickets() -> pd.DataFrame:
    return pd.DataFrame({
        "ticket_id": ["T1", "T2", "T3", "T4"],
        "created_at": pd.to_datetime(["2024-03-01 10:00", "2024-03-05 10:00", "2024-03-10 10:00", "2024-03-25 09:00"]),
        "resolved_at": pd.to_datetime(["2024-03-02 10:00", None, "2024-03-20 10:00", None]),
        "status": ["closed", "open", "solved", "pending"]})


def _caveat(metric_id: str) -> tuple[float, str, str]:
    result = compute_metric(MetricInputs({"tickets": _tickets()}), metric_id)
    line, detail = result_caveat(result)
    return result.value, line.replace("\u00a0", " "), detail.replace("\u00a0", " ")


def test_open_tickets_says_it_reads_the_status_on_a_day() -> None:
    value, line, detail = _caveat("open_tickets")
    assert value == 2
    assert line == "by status, on 25 Mar 2024"
    assert "Ticket backlog" in detail


def test_the_backlog_says_it_counts_from_times() -> None:
    value, line, detail = _caveat("backlog")
    assert value == 2
    assert line == "from created and resolved times, on 25 Mar 2024"
    assert "Open tickets" in detail


def test_the_two_lines_differ_in_every_language() -> None:
    for code in ("sl", "ro", "sv", "sr", "sr-Latn"):
        with language(code):
            open_line, backlog_line = _caveat("open_tickets")[1], _caveat("backlog")[1]
        assert open_line != backlog_line and "25" in open_line and "25" in backlog_line, code


def test_a_file_that_runs_on_does_not_move_the_tickets_day() -> None:
    """s11-shots (22_all_cards): with the demo's survey answers (answered up to 1 Nov) beside its tickets (to
    31 Oct), both cards said "on 1 Nov 2026" while the dates shown end on 31 Oct: the day is the tickets' own."""
    from metrics_core.dataset import DataBundle

    from .builders import dataset

    answers = pd.DataFrame({"response_id": ["R1", "R2"], "csat_score": [4, 5],
                            "submitted_at": pd.to_datetime(["2024-03-20 10:00", "2024-03-24 10:00"]),
                            "responded_at": pd.to_datetime(["2024-03-21 10:00", "2024-04-02 15:25"])})
    bundle = DataBundle([dataset("tickets", _tickets(), "tickets.csv"), dataset("surveys", answers, "answers.csv")])
    for metric_id in ("open_tickets", "backlog"):
        result = compute_metric(bundle, metric_id)
        line = result_caveat(result)[0].replace("\u00a0", " ")
        assert result.value == 2 and line.endswith("on 25 Mar 2024"), (metric_id, line)
    series = compute_metric(bundle, "backlog").details["series"]
    assert series[-1].key <= pd.Timestamp("2024-03-25")        # no point after the tickets end
