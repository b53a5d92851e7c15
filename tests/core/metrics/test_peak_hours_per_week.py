"""'Peak hours 407 at Mon 08:00' had no unit and no period: 407 what, per week or in all? (issue 14, shot 22).

The card's line says over how many weeks the busiest hour was counted, and about how many a week that is.
Worked out by hand: tickets on Monday 1 Jan 2024 at 08:10 and 08:20, Monday 8 Jan at 08:05, Monday 15 Jan at
08:30, 08:40 and 08:50, and Wednesday 17 Jan at 10:00. The busiest hour is Monday 08:00 with 6; the files run
from 1 to 17 Jan, which hold three Mondays: 6 over 3 weeks, 2 a week.
"""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat, result_text
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs

from ...spacing import read


def test_the_busiest_hour_says_over_how_many_weeks_and_how_many_a_week() -> None:
    created = pd.to_datetime(["2024-01-01 08:10", "2024-01-01 08:20", "2024-01-08 08:05", "2024-01-15 08:30",
                              "2024-01-15 08:40", "2024-01-15 08:50", "2024-01-17 10:00"])
    tickets = pd.DataFrame({"ticket_id": [f"T{i}" for i in range(len(created))], "created_at": created})
    result = compute_metric(MetricInputs({"tickets": tickets}), "peak_hours")
    assert result_text(result) == "6 at Mon 08:00"
    line, detail = result_caveat(result)
    assert read(line) == "over 3 weeks: about 2 a week"
    assert "6" in detail and "3" in detail
