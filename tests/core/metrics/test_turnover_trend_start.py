"""Staff turnover's trend starts at the first period the staff register can value (s11 screenshots,
10_dashboard_09_staff: 64 months of 0 % from the first hire in March 2021, then a jump to 16.7 % in August 2026
when the register's only leaving date falls). A register's data for turnover are the leaving dates it records:
before the first, "0 %" is no measurement. Those periods give no value and say why, and the engine's one rule
for trends (they start at their first period with a value, as CLV's) does the rest."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.i18n import language
from metrics_core.metrics.engine import Filters, breakdown, compute_metric
from metrics_core.metrics.model import MetricInputs


def _register(left: list[str | None]) -> pd.DataFrame:
    hired = ["2021-03-01", "2022-09-12", "2023-02-01", "2024-06-03", "2025-01-15", "2025-11-03", "2026-08-03"]
    return pd.DataFrame({"agent": pd.Series([f"agent {i}" for i in range(7)], dtype="str"),
                         "hired_at": pd.to_datetime(hired).astype("datetime64[us]"),
                         "left_at": pd.to_datetime(left).astype("datetime64[us]")})


DEMO = _register([None, None, None, "2026-08-14", None, None, None])        # resources/demo/staff.csv's dates


def test_the_monthly_trend_starts_at_the_month_of_the_first_leaving_date() -> None:
    points = breakdown(MetricInputs({"staff": DEMO}), "employee_turnover", "month")
    assert [p.key.strftime("%Y-%m") for p in points] == ["2026-08"]          # was 2021-03 .. 2026-08, 0 % until then
    # 1 left in August; 6 there on 1 August, 6 on 1 September (one hired on 3 August): 1 / 6 = 16.7 %
    assert points[0].value == pytest.approx(100 / 6)


def test_within_chosen_dates_the_trend_starts_there_and_later_months_without_leavers_are_zero() -> None:
    points = breakdown(MetricInputs({"staff": DEMO}), "employee_turnover", "month",
                       filters=Filters("2026-05-01", "2026-10-31"))
    assert [(p.key.strftime("%Y-%m"), round(p.value, 1)) for p in points] == [
        ("2026-08", 16.7), ("2026-09", 0.0), ("2026-10", 0.0)]               # (after the first leave: measured)


def test_a_period_before_the_first_leaving_date_has_no_value_and_says_why() -> None:
    result = compute_metric(MetricInputs({"staff": DEMO}), "employee_turnover",
                            filters=Filters("2026-01-01", "2026-06-30"))
    assert result.value is None
    with language("en"):
        assert str(result.reason) == "the staff file records people leaving from 14 Aug 2026"
    year = compute_metric(MetricInputs({"staff": DEMO}), "employee_turnover")       # the 12 months to the last date
    assert round(year.value, 1) == 18.2


def test_a_register_without_leaving_dates_gives_no_turnover() -> None:
    result = compute_metric(MetricInputs({"staff": _register([None] * 7)}), "employee_turnover",
                            filters=Filters("2026-01-01", "2026-06-30"))
    assert result.value is None and not result.missing_fields
    with language("en"):
        assert "no one in the staff file has a leaving date" in str(result.reason)
