"""A staff register alone: staff turnover names the twelve months it measures (issue 14).

Screenshot 10_dashboard_09_staff: the date filter said 'no dates' while 'Staff turnover 18.2 %' did not say
over which period. The register's last date (a hire or a leave) is 14 Aug 2026 here, so the default twelve
months are 15 Aug 2025 – 14 Aug 2026; one of the agents (b) left inside them, of 5.5 on average (6 at the
start, 5 at the end) -> 18.2 %.
"""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat
from metrics_core.report_view import KpiView, compute_view

from .builders import bundle_of

from ...spacing import read


def test_staff_turnover_of_a_register_names_its_twelve_months() -> None:
    staff = pd.DataFrame({"agent": list("abcdef"),
                          "hired_at": pd.to_datetime(["2021-03-01"] * 5 + ["2023-01-09"]),
                          "left_at": pd.to_datetime([None, "2026-08-14", None, None, None, None])})
    result = compute_view(bundle_of({"staff": staff}), {}, KpiView()).results["employee_turnover"]
    assert round(result.value, 1) == 18.2
    assert read(result_caveat(result)[0]) == "over 15 Aug 2025 – 14 Aug 2026"
