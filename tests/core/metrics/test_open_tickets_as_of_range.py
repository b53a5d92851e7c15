"""Open tickets and the backlog with all dates shown: counted on the tickets' last date, where open and resolved
tickets add up to all of them, and the card says why that date is after the dates shown (issue 14).

Screenshot 64_issue_date_only_tickets: the creation column (dates of purchase) ends on 30 Dec 2021, so the date
filter's range ends there, while the tickets' responses and resolutions run to 2 Jun 2023. Session 12 counted
open tickets on 2 Jun 2023 without saying why that day; session 13 counted them on 30 Dec 2021, where by their
times none had been resolved yet: "Open tickets 8,469" and "Ticket backlog 8,469" beside "Resolved issues
2,769" and "Resolution rate 32.7 %" (counted by status) — open + resolved > every ticket, read as wrong by
three reviewers. Now both are counted on the tickets' last date and say so.

Worked out by hand on the small file at the end of 2 Jun 2023 (D's response, the latest moment): A (resolved
in January 2023) and C (July 2021) are resolved, B (never) and D (answered, never resolved) open -> 2, by status
(B Open, D Pending) and by times alike; 2 resolved: 2 + 2 = 4 tickets.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.formatting import result_caveat
from metrics_core.report_view import KpiView, compute_view
from metrics_core.report_view.compute import data_span

from .builders import bundle_of
from .test_plausibility import tickets_with_purchase_dates  # noqa: F401 (a fixture)

from ...spacing import read


def _tickets() -> pd.DataFrame:
    return pd.DataFrame({
        "ticket_id": ["A", "B", "C", "D"],
        "created_at": pd.to_datetime(["2021-11-02", "2021-12-30", "2021-06-01", "2021-12-01"]),
        "first_response_at": pd.to_datetime(["2022-01-03", None, "2021-06-02", "2023-06-02 09:30"], format="ISO8601"),
        "resolved_at": pd.to_datetime(["2023-01-05", None, "2021-07-01", None]),
        "status": ["Closed", "Open", "Closed", "Pending"]})


def test_open_tickets_and_backlog_are_counted_on_the_tickets_last_date_and_say_why() -> None:
    bundle = bundle_of({"tickets": _tickets()})
    computed = compute_view(bundle, {}, KpiView(kpis=("open_tickets", "backlog", "resolved_count")))
    assert data_span(bundle)[1] == pd.Timestamp("2021-12-30")          # where the dates shown end
    opened, backlog = computed.results["open_tickets"], computed.results["backlog"]
    assert opened.value == 2 and backlog.value == 2
    assert opened.value + computed.results["resolved_count"].value == 4
    assert read(result_caveat(opened)[0]) == "by status, on 2 Jun 2023, the last date in your tickets"
    assert "after the last day a ticket was created (30 Dec 2021)" in read(result_caveat(opened)[1])
    assert read(result_caveat(backlog)[0]).endswith("on 2 Jun 2023, the last date in your tickets")


def test_a_chosen_period_still_counts_open_tickets_at_its_end() -> None:
    """December 2021 chosen: A, B, D created by then and none resolved by 31 Dec -> 3 open, by their times."""
    view = KpiView(pd.Timestamp("2021-12-01"), pd.Timestamp("2021-12-31"), kpis=("open_tickets",))
    opened = compute_view(bundle_of({"tickets": _tickets()}), {}, view).results["open_tickets"]
    assert opened.value == 3
    assert read(result_caveat(opened)[0]) == "from created and resolved times, on 31 Dec 2021"


@pytest.fixture(scope="module")
def kaggle_by_hand(datasets_dir) -> dict[str, object]:
    """Counted from the CSV text itself: statuses, and the latest resolution time and purchase date."""
    with open(datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv", newline="",
              encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    closed = sum(row["Ticket Status"] == "Closed" for row in rows)
    return {"tickets": len(rows), "closed": closed, "not_closed": len(rows) - closed,
            "last_resolution": max(row["Time to Resolution"] for row in rows if row["Time to Resolution"]),
            "last_purchase": max(row["Date of Purchase"] for row in rows)}


def test_the_date_only_kaggle_tickets_add_up(kaggle_by_hand, tickets_with_purchase_dates) -> None:
    """64_issue_date_only_tickets: 8,469 tickets, 2,769 Closed, 2,819 Open + 2,881 Pending = 5,700 not closed; the
    last resolution 2 Jun 2023 00:55, the last purchase date 30 Dec 2021. Open 5,700 + resolved 2,769 = 8,469."""
    hand = kaggle_by_hand
    assert (hand["tickets"], hand["closed"], hand["not_closed"]) == (8469, 2769, 5700)
    assert hand["last_resolution"].startswith("2023-06-02") and hand["last_purchase"] == "2021-12-30"
    computed = compute_view(DataBundle([tickets_with_purchase_dates]), {},
                            KpiView(kpis=("open_tickets", "backlog", "resolved_count", "resolution_rate")))
    got = {m: computed.results[m].value for m in computed.results}
    assert got["open_tickets"] == hand["not_closed"] and got["backlog"] == hand["not_closed"]
    assert got["resolved_count"] == hand["closed"]
    assert got["resolution_rate"] == pytest.approx(100 * 2769 / 8469)           # 32.7 %
    assert got["open_tickets"] + got["resolved_count"] == hand["tickets"]
    line, detail = (read(t) for t in result_caveat(computed.results["open_tickets"]))
    assert line == "by status, on 2 Jun 2023, the last date in your tickets"
    assert "(30 Dec 2021)" in detail


def test_open_tickets_and_backlog_read_the_tickets_bounds_once_between_them(monkeypatch) -> None:
    """One way of doing each thing: the latest moment and the last creation day are read by one function for both
    cards (open tickets took its own ``created.max()`` beside the backlog's bounds)."""
    from metrics_core.metrics import ticket_volume as tv
    from metrics_core.metrics.model import MetricInputs

    calls = []
    bounds = tv._bounds
    monkeypatch.setattr(tv, "_bounds", lambda tickets: calls.append(len(tickets)) or bounds(tickets))
    inputs = MetricInputs({"tickets": _tickets()})
    assert tv.open_tickets(inputs, {}).value == 2 and calls == [4]
    assert tv.backlog(inputs, {}).value == 2 and calls == [4]          # (the same bounds, not read again)
