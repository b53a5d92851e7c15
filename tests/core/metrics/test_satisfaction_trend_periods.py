"""Satisfaction improvement says which periods it compares, and why one month shows none (issue 14).

Screenshot 25_compare_last_year (dark): with Latest month and Per: Week, the card said 'needs answers in at
least two periods to show a change' beside a trend of five weeks of answers: the KPI compares months (its own
setting), not the trend's weeks, and nothing said so.
"""

from __future__ import annotations

import pandas as pd

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


def test_one_month_says_the_kpi_compares_months() -> None:
    october = Filters(date_from="2026-10-01", date_to="2026-10-31")
    result = compute_metric(_answers(), "satisfaction_trend", {"satisfaction_trend": {"scale": "1-5"}}, october)
    assert result.value is None
    assert result.reason == "compares months: needs answers in at least two months to show a change"
