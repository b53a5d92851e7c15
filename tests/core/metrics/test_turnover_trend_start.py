"""Staff turnover's trend starts at the first period the staff register can value (s11 screenshots,
10_dashboard_09_staff: 64 months of 0 % from the first hire in March 2021, then a jump to 16.7 % in August 2026
when the register's only leaving date falls). A register's data for turnover are the leaving dates it records:
long before the first, "0 %" is no measurement. Those periods give no value and say why, and the engine's one rule
for trends (they start at their first period with a value, as CLV's) does the rest. The register is taken to record
leaving over one KPI period (12 months) before its first leaving date, as the card's figure takes it (18.2 % over
the 12 months to 14 Aug 2026): its quarterly trend showed the one quarter of that date beside the card's 12 months
(s16 shots, 10_09); it shows the quarters of those 12 months (s17-cardfit)."""

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


def test_the_monthly_trend_starts_twelve_months_before_the_first_leaving_date() -> None:
    points = breakdown(MetricInputs({"staff": DEMO}), "employee_turnover", "month")
    # was 2021-03 .. 2026-08 (s11), then 2026-08 alone (s16): the 13 months the card's 12 months to 14 Aug touch
    assert [p.key.strftime("%Y-%m") for p in points] == [f"{y}-{m:02d}" for y, m in
                                                         [(2025, m) for m in range(8, 13)] + [(2026, m) for m in range(1, 9)]]
    assert [p.value for p in points[:-1]] == [0.0] * 12           # (nobody left before 14 Aug 2026)
    # 1 left in August; 6 there on 1 August, 6 on 1 September (one hired on 3 August): 1 / 6 = 16.7 %
    assert points[-1].value == pytest.approx(100 / 6)


def test_the_quarterly_trend_shows_the_quarters_of_the_cards_twelve_months() -> None:
    """The five-year file on the dashboard (quarters): Q3 2025 (from 15 Aug) to Q3 2026, not Q3 2026 alone."""
    points = breakdown(MetricInputs({"staff": DEMO}), "employee_turnover", "quarter")
    assert [p.key.strftime("%Y-%m") for p in points] == ["2025-07", "2025-10", "2026-01", "2026-04", "2026-07"]
    # Q3 2026: 1 left; 6 there on 1 July (hired up to Nov 2025), 6 on 1 October (one left, one hired): 16.7 %; the
    # quarters before, nobody left: 0 %
    assert [round(p.value, 1) for p in points] == [0.0, 0.0, 0.0, 0.0, 16.7]


def test_within_chosen_dates_the_trend_starts_there_and_later_months_without_leavers_are_zero() -> None:
    points = breakdown(MetricInputs({"staff": DEMO}), "employee_turnover", "month",
                       filters=Filters("2026-05-01", "2026-10-31"))
    assert [(p.key.strftime("%Y-%m"), round(p.value, 1)) for p in points] == [
        ("2026-05", 0.0), ("2026-06", 0.0), ("2026-07", 0.0), ("2026-08", 16.7), ("2026-09", 0.0),
        ("2026-10", 0.0)]                 # (within the 12 months before the first leave, and after it: measured)


def test_a_period_long_before_the_first_leaving_date_has_no_value_and_says_why() -> None:
    result = compute_metric(MetricInputs({"staff": DEMO}), "employee_turnover",
                            filters=Filters("2025-01-01", "2025-06-30"))     # (ends over 12 months before 14 Aug 2026)
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
