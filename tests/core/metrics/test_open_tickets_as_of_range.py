"""Open tickets and the backlog are counted on the last day of the date range shown (issue 14).

Screenshot 64_issue_date_only_tickets: the creation column (dates of purchase) ends on 30 Dec 2021, so the date
filter's range ends there, but first responses dated 2 Jun 2023 made both cards say "as of 2 Jun 2023". Worked
out by hand at the end of 30 Dec 2021: A (resolved in 2023) is still open, B (never resolved) open, C (resolved
in July 2021) done, D (answered in 2023, never resolved) open -> 3, by their times. Counted by status on
2 Jun 2023 it read 2 (B and D).
"""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat
from metrics_core.report_view import KpiView, compute_view
from metrics_core.report_view.compute import data_span

from .builders import bundle_of

from ...spacing import read


def _tickets() -> pd.DataFrame:
    return pd.DataFrame({
        "ticket_id": ["A", "B", "C", "D"],
        "created_at": pd.to_datetime(["2021-11-02", "2021-12-30", "2021-06-01", "2021-12-01"]),
        "first_response_at": pd.to_datetime(["2022-01-03", None, "2021-06-02", "2023-06-02 09:30"], format="ISO8601"),
        "resolved_at": pd.to_datetime(["2023-01-05", None, "2021-07-01", None]),
        "status": ["Closed", "Open", "Closed", "Pending"]})


def test_open_tickets_and_backlog_are_counted_where_the_date_range_ends() -> None:
    bundle = bundle_of({"tickets": _tickets()})
    computed = compute_view(bundle, {}, KpiView(kpis=("open_tickets", "backlog")))
    assert data_span(bundle)[1] == pd.Timestamp("2021-12-30")
    opened, backlog = computed.results["open_tickets"], computed.results["backlog"]
    assert opened.value == 3 and backlog.value == 3
    assert read(result_caveat(opened)[0]) == "from created and resolved times, on 30 Dec 2021"   # (not by status)
    assert read(result_caveat(backlog)[0]) == "from created and resolved times, on 30 Dec 2021"
