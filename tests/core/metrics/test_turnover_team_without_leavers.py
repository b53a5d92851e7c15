"""Staff turnover by team keeps a team nobody left (shots16-c, 10_09): in the demo's staff.csv "Phone desk"
(2 people, no leaving date) got no value — "no one in the staff file has a leaving date" — because the check
was made on the team's rows, and with no bar for a group without a value the owner saw only "Customer care
25 %" under a card of 18.2 %. The FILE records leaving dates, so a team without any has 0 leavers over its
average headcount: 0 % (METRICS.md: agents who left in period / average headcount × 100).

Worked by hand from resources/demo/staff.csv: the last date is Jure Horvat's leaving, 14 Aug 2026, so the
period is 15 Aug 2025 – 14 Aug 2026 (the 12 months to it).
- Customer care: there on 15 Aug 2025 Maja, Luka, Ana, Jure = 4; on 15 Aug 2026 Maja, Luka, Ana, Eva
  (hired 3 Aug 2026) = 4; average 4, 1 left: 25 %.
- Phone desk: there on 15 Aug 2025 Tina (hired 15 Jan 2025) = 1; on 15 Aug 2026 Tina, Rok (hired 3 Nov 2025)
  = 2; average 1.5, 0 left: 0 %.
- Whole file: 5 at the start, 6 at the end, average 5.5, 1 left: 18.18 %.
"""

from __future__ import annotations

import pytest

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.i18n import language
from metrics_core.metrics.engine import Filters, breakdown, compute_metric
from metrics_core.resources import demo_dir


@pytest.fixture(scope="module")
def staff():
    return load_bundle([str(demo_dir() / "staff.csv")], None, {})


def test_a_team_nobody_left_has_zero_turnover(staff) -> None:
    points = {p.label: p for p in breakdown(staff, "employee_turnover", "team")}
    assert sorted(points) == ["Customer care", "Phone desk"]
    assert points["Customer care"].value == pytest.approx(25.0)
    assert points["Phone desk"].value == pytest.approx(0.0)            # was None: "no one … has a leaving date"
    assert compute_metric(staff, "employee_turnover").value == pytest.approx(100 / 5.5)


def test_a_filter_to_that_team_is_zero_too(staff) -> None:
    result = compute_metric(staff, "employee_turnover", filters=Filters(categories={"team": ["Phone desk"]}))
    assert result.value == pytest.approx(0.0)
    assert result.details["average_headcount"] == pytest.approx(1.5)


def test_a_file_without_any_leaving_date_still_says_so() -> None:
    from metrics_core.metrics.model import MetricInputs
    import pandas as pd
    frame = pd.DataFrame({"agent": ["A", "B"], "team": ["x", "y"],
                          "hired_at": pd.to_datetime(["2025-01-01", "2025-02-01"]).astype("datetime64[us]"),
                          "left_at": pd.to_datetime([None, None]).astype("datetime64[us]")})
    points = breakdown(MetricInputs({"staff": frame}), "employee_turnover", "team")
    assert [p.value for p in points] == [None, None]
    one = compute_metric(MetricInputs({"staff": frame}), "employee_turnover", filters=Filters(categories={"team": ["x"]}))
    with language("en"):
        assert "no one in the staff file has a leaving date" in str(one.reason)
