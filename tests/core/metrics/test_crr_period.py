"""The CRR headline covers the period the dashboard and the report state (issue 14, "plausible or silent"):
on the demo, with all dates shown, the report's period is 1 May – 31 Oct 2026 (the dates of the shop's
activity), and the headline was 88.8 %, the retention over the twelve months before the latest date, beside
a monthly trend of 96-99 %. The expected value is worked out here from customers.csv with pandas, by
METRICS.md's CRR: customers at the start of the period who are still customers at its end (E − N), over
the customers at its start (S).

Slow (about 8 s to load the demo once for the module, 2-5 s a test): the report's period comes from the
dates of every demo file, so the whole demo is loaded.
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.cli.report_cmd import demo_files
from metrics_core.report_view import KpiView, compute_view
from metrics_core.resources import demo_dir

from ...spacing import nb, read

pytestmark = pytest.mark.slow


def _retention(start: str, end: str) -> tuple[float, int]:
    customers = pd.read_csv(demo_dir() / "customers.csv")
    joined, churned = pd.to_datetime(customers["Joined at"]), pd.to_datetime(customers["Churned at"])
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    at_start = (joined.isna() | (joined < s)) & (churned.isna() | (churned >= s))
    still_there = at_start & (churned.isna() | (churned >= e))
    return 100.0 * still_there.sum() / at_start.sum(), int(at_start.sum())


@pytest.fixture(scope="module")
def demo():
    return load_bundle([str(p) for p in demo_files()], None, {})


def test_crr_over_all_dates_covers_the_reports_period(demo) -> None:
    computed = compute_view(demo, {}, KpiView())
    expected, customers = _retention("2026-05-01", "2026-11-01")
    assert (expected, customers) == (pytest.approx(88.994, abs=1e-3), 1054)     # 938 of 1,054 kept
    crr = computed.results["retention_rate"]
    assert crr.value == pytest.approx(expected) and crr.n == customers
    assert (crr.details["period_from"], crr.details["period_to"]) == ("2026-05-01", "2026-10-31")
    churn = computed.results["churn_rate"]
    assert churn.value == pytest.approx(100.0 - expected)                         # the same customers, lost


def test_a_chosen_month_is_that_month(demo) -> None:
    expected, _ = _retention("2026-10-01", "2026-11-01")
    computed = compute_view(demo, {}, KpiView(date_from="2026-10-01", date_to="2026-10-31"))
    assert computed.results["retention_rate"].value == pytest.approx(expected)     # 96.1 %, the trend's October


def test_the_card_and_the_deck_say_which_period_the_headline_covers(demo) -> None:
    from metrics_core.export.build import build_report
    from metrics_core.formatting import result_caveat
    from metrics_core.i18n import language

    computed = compute_view(demo, {}, KpiView(kpis=("retention_rate",)))
    line, why = result_caveat(computed.results["retention_rate"])          # the card's line under the value
    assert read(line) == "over 1 May – 31 Oct 2026" and "each of its periods on its own" in why
    with language("sl"):
        assert read(result_caveat(computed.results["retention_rate"])[0]).startswith("za 1. maj")
    report = build_report(demo, {}, None, "month", view=KpiView(kpis=("retention_rate",)))
    row = next(r for r in report.kpis if r.metric_id == "retention_rate")
    assert row.value_text() == nb("89.0 %") and read(row.caveat) == "over 1 May – 31 Oct 2026"
