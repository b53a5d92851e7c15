"""Satisfaction improvement says which periods it compares, and why one month shows none (issue 14).

Screenshot 25_compare_last_year (dark): with Latest month and Per: Week, the card said 'needs answers in at
least two periods to show a change' beside a trend of five weeks of answers: the KPI compares months (its own
setting), not the trend's weeks, and nothing said so.
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.formatting import result_caveat
from metrics_core.metrics.engine import Filters, compute_metric
from metrics_core.metrics.model import MetricInputs


def _answers() -> MetricInputs:
    # September: 1 of 2 satisfied (50 %); October: 3 of 4 (75 %) -> +25 points
    return MetricInputs({"surveys": pd.DataFrame({
        "csat_score": [5.0, 1.0, 5.0, 4.0, 5.0, 2.0],
        "submitted_at": pd.to_datetime(["2026-09-03", "2026-09-20", "2026-10-01", "2026-10-08", "2026-10-15",
                                        "2026-10-22"])})})


def test_the_change_names_the_two_months() -> None:
    result = compute_metric(_answers(), "satisfaction_trend", {"satisfaction_trend": {"scale": "1-5"}})
    assert result.value == 25.0
    assert result_caveat(result)[0] == "Oct 2026 against Sep 2026"


def test_one_month_is_compared_with_the_month_before_as_the_csat_card_does() -> None:
    """Latest month (October): the card said "needs answers in at least two months" beside the CSAT card's change
    against September (1366x768/sl/25_latest_month); now October 75 % against September 50 %, by hand."""
    october = Filters(date_from="2026-10-01", date_to="2026-10-31")
    result = compute_metric(_answers(), "satisfaction_trend", {"satisfaction_trend": {"scale": "1-5"}}, october)
    assert result.value == 25.0 and (result.numerator, result.denominator) == (75.0, 50.0)
    assert result_caveat(result)[0] == "Oct 2026 against Sep 2026"


def test_a_range_is_compared_with_the_equally_long_range_before() -> None:
    # 15 Sep - 14 Oct: 20 Sep (unsatisfied), 1 and 8 Oct (satisfied) -> 2 of 3; before it, 16 Aug - 14 Sep: 3 Sep -> 1 of 1
    weeks = Filters(date_from="2026-09-15", date_to="2026-10-14")
    result = compute_metric(_answers(), "satisfaction_trend", {"satisfaction_trend": {"scale": "1-5"}}, weeks)
    assert result.value == pytest.approx(200 / 3 - 100)


def test_no_answers_before_the_chosen_month_says_which_period_is_missing() -> None:
    september = Filters(date_from="2026-09-01", date_to="2026-09-30")
    result = compute_metric(_answers(), "satisfaction_trend", {"satisfaction_trend": {"scale": "1-5"}}, september)
    assert result.value is None
    assert result.reason == "needs answers in Sep 2026 and in Aug 2026 to show a change"


def test_the_latest_month_card_and_csat_card_agree_on_the_change() -> None:
    """Both cards of 25_latest_month against the month before: the CSAT card's change (75 % - 50 %) is the
    improvement card's value."""
    from metrics_core.report_view import KpiView, compute_view

    from .builders import bundle_of

    surveys = _answers().frames["surveys"]
    view = KpiView(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"), kpis=("csat", "satisfaction_trend"))
    computed = compute_view(bundle_of({"surveys": surveys}), {"csat": {"scale": "1-5"},
                                                             "satisfaction_trend": {"scale": "1-5"}}, view)
    assert computed.outcomes["csat"].change.absolute == pytest.approx(25.0)
    assert computed.results["satisfaction_trend"].value == pytest.approx(25.0)


def test_compare_with_the_same_period_last_year_is_followed() -> None:
    """25_compare_last_year: the hint said the files hold nothing a year earlier, so no KPI shows a change, while
    Satisfaction improvement read "+3.2 pp Oct vs Sep". By hand: October 2026 3 of 4 satisfied (75 %); October
    2025 (added here) 1 of 4 (25 %) -> +50 points against last year (September 2026, 50 %, would give +25)."""
    from metrics_core.report_view import KpiView, compute_view

    from .builders import bundle_of

    params = {"csat": {"scale": "1-5"}, "satisfaction_trend": {"scale": "1-5"}}
    october = (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"))
    surveys = _answers().frames["surveys"]
    alone = compute_view(bundle_of({"surveys": surveys}), params,
                         KpiView(*october, comparison="last_year", kpis=("csat", "satisfaction_trend")))
    assert alone.no_comparison_reason == "no_data"              # the hint: nothing a year earlier
    assert alone.results["satisfaction_trend"].value is None
    assert alone.results["satisfaction_trend"].reason == "needs answers in Oct 2026 and in Oct 2025 to show a change"
    year_before = pd.DataFrame({"csat_score": [5.0, 1.0, 2.0, 3.0],
                                "submitted_at": pd.to_datetime(["2025-10-02", "2025-10-09", "2025-10-16",
                                                                "2025-10-23"])})
    both = compute_view(bundle_of({"surveys": pd.concat([year_before, surveys], ignore_index=True)}), params,
                        KpiView(*october, comparison="last_year", kpis=("csat", "satisfaction_trend")))
    improvement = both.results["satisfaction_trend"]
    assert improvement.value == pytest.approx(50.0) and (improvement.numerator, improvement.denominator) == (75.0, 25.0)
    # (the answers begin on 2 Oct 2025 and end on 22 Oct 2026: both months are partial by the trends' rule, and the
    # change says so: report_view.partial.compared_in_part)
    assert result_caveat(improvement)[0] == "Oct 2026 (partial month) against Oct 2025 (partial month)"
    assert both.outcomes["csat"].change.absolute == pytest.approx(improvement.value)    # the CSAT card's change
    previous = compute_view(bundle_of({"surveys": surveys}), params,
                            KpiView(*october, comparison="previous", kpis=("satisfaction_trend",)))
    assert previous.results["satisfaction_trend"].value == pytest.approx(25.0)        # against September
