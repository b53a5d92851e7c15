"""A comparison that finds nothing to compare with says so (issue 14, "plausible or silent").

Screenshot 25_compare_last_year: choosing "The same period last year" changed nothing visible — no card
showed a change and no note said the files hold no earlier period. Tickets here cover 1 Sep – 31 Oct 2026
only, so October 2025 (a year before the chosen October 2026) has no rows.
"""

from __future__ import annotations

import pandas as pd

from metrics_core.export.build import _comparison_notes
from metrics_core.i18n import language
from metrics_core.report_view import KpiView, compute_view
from metrics_core.report_view.words import comparison_gap

from .builders import bundle_of


def _bundle():
    days = pd.date_range("2026-09-01", "2026-10-31", freq="D")
    tickets = pd.DataFrame({"ticket_id": range(len(days)), "created_at": days,
                            "resolved_at": days + pd.Timedelta(hours=5), "status": ["closed"] * len(days)})
    return bundle_of({"tickets": tickets})


def test_same_period_last_year_without_data_says_the_files_hold_none() -> None:
    computed = compute_view(_bundle(), {}, KpiView(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"), comparison="last_year"))
    assert not computed.changes                                   # nothing to compare with
    gap = comparison_gap(computed)
    assert gap == ("Your files hold no data for October 2025 to compare with, so no KPI shows a change.")
    assert _comparison_notes(computed) == [gap]                   # the report no longer says it compares
    with language("sl"):
        assert "Your files" not in comparison_gap(computed)


def test_previous_period_with_data_has_no_gap_and_all_dates_has_one() -> None:
    computed = compute_view(_bundle(), {}, KpiView(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"), comparison="previous"))
    assert computed.changes and comparison_gap(computed) == ""
    everything = compute_view(_bundle(), {}, KpiView(comparison="last_year"))
    assert comparison_gap(everything).startswith("All dates are shown")
    assert _comparison_notes(everything) == ["The report covers all dates, so there is no earlier period to compare "
                                             "with."]                # (its reader cannot choose a period)
    assert comparison_gap(compute_view(_bundle(), {}, KpiView(comparison="none"))) == ""


def test_a_kpi_whose_files_begin_after_the_comparison_period_shows_no_change() -> None:
    """Calls go back to 2025, tickets begin in September 2026: a year before October 2026 the calls have rows
    (a change is shown) but the tickets have none ('Resolved issues +691' against a year without tickets)."""
    days = pd.date_range("2025-09-01", "2026-10-31", freq="D")
    calls = pd.DataFrame({"call_id": range(len(days)), "started_at": days + pd.Timedelta(hours=10),
                          "answered": [True, False] * (len(days) // 2) + [True] * (len(days) % 2),
                          "wait_s": [15.0] * len(days)})
    bundle = bundle_of({"tickets": _bundle().datasets[0].frame, "calls": calls})
    computed = compute_view(bundle, {}, KpiView(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"),
                                                comparison="last_year"))
    assert "answer_rate" in computed.changes
    assert not {m for m in computed.changes if m in ("resolved_count", "open_tickets", "backlog")}


def test_files_without_dates_are_not_told_to_choose_a_period() -> None:
    """Tickets without a date column: the hint said "All dates are shown … choose a period (a month, say)" under a
    date filter that reads "no dates" and cannot be changed (s12-shots-sl2, 66_issue_no_dates_no_channel)."""
    tickets = pd.DataFrame({"ticket_id": range(6), "status": ["closed", "open"] * 3, "agent": ["Ana", "Bo", "Cy"] * 2})
    computed = compute_view(bundle_of({"tickets": tickets}), {}, KpiView(comparison="previous"))
    assert computed.previous is None and comparison_gap(computed) == "" and _comparison_notes(computed) == []
