"""The complaint increase rate names the two periods it compares (issue 14, "plausible or silent").

Screenshot 25_latest_month: 'Complaint increase rate −69.4 % from 361 rows' was the same under All dates
and under Latest month (both compare October with September, rightly), but nothing said so, and the 361
rows were every complaint in the file. Here: January 2 complaints, February 4 (worked out by hand below).
"""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs


def _tickets() -> pd.DataFrame:
    days = ["2023-12-28", "2024-01-05", "2024-01-20", "2024-02-01", "2024-02-02", "2024-02-03", "2024-02-10",
            "2024-02-29 18:00"]
    return pd.DataFrame({"ticket_id": [str(i) for i in range(len(days))], "created_at": pd.to_datetime(days, format="ISO8601"),
                         "is_complaint": pd.array([True] * 7 + [False], dtype="boolean")})


def test_the_card_says_which_months_it_compares_and_counts_only_their_complaints() -> None:
    result = compute_metric(MetricInputs({"tickets": _tickets()}), "complaint_growth")
    assert result.value == 100.0                                 # February 4 against January 2
    assert result.n == 6                                         # not the 7 complaints of the file
    assert result_caveat(result) == ("Feb 2024 against Jan 2024", "Complaints filed in Feb 2024: 4; in Jan 2024: 2.")


def test_a_chosen_range_names_itself_and_the_range_before() -> None:
    inputs = MetricInputs({"tickets": _tickets()}, period=(pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-01")))
    result = compute_metric(inputs, "complaint_growth")
    assert result.value == 100.0 and result.n == 6
    assert result_caveat(result)[0] == "Feb 2024 against Jan 2024"
