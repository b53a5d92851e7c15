"""Which periods are partial (metrics_core.report_view.partial's rule): a period is partial when the data stops or
starts inside it, the data being where the loaded files start and stop, not the first and last row of one KPI
(issue 14: the demo's Internal Quality Score marked May partial because 1 May, a holiday before a weekend, had no
review, while every file of the demo covers the whole of May)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.cli.report_cmd import demo_files
from metrics_core.metrics import engine
from metrics_core.metrics.engine import Filters
from metrics_core.report_view.partial import SAME_SPAN_DAYS, kpi_data_span, partial_periods


def _marked(bundle, metric_id: str, by: str, filters=None) -> list[str]:
    """The period starts the KPI's trend marks partial."""
    filters = filters or Filters()
    starts = [p.key for p in engine.breakdown(bundle, metric_id, by, {}, filters)]
    return [pd.Timestamp(starts[i]).date().isoformat() for i in partial_periods(bundle, metric_id, filters, by, starts)]


def test_the_demos_reviews_cover_may_and_its_ticket_weeks_end_partial() -> None:
    bundle = load_bundle([str(p) for p in demo_files()], None, {})
    reviews = next(ds for ds in bundle.datasets if "reviews" in ds.kinds())
    first_review = kpi_data_span(type(bundle)([reviews]), "iqs", None)[0]
    assert first_review.date().isoformat() == "2026-05-04"                # a Monday: 1-3 May had no review
    may_to_october = Filters(date_from=pd.Timestamp("2026-05-01"), date_to=pd.Timestamp("2026-11-01"))
    assert _marked(bundle, "iqs", "month", may_to_october) == []         # was ["2026-05-01", "2026-10-01"]
    assert _marked(bundle, "iqs", "month") == []
    assert kpi_data_span(bundle, "iqs", None)[0] == kpi_data_span(bundle, "request_volume", None)[0]
    # the ticket log runs from Friday 1 May to Saturday 31 Oct: its first and last weeks are partial, as before
    assert _marked(bundle, "first_response_time", "week") == ["2026-04-27", "2026-10-26"]
    assert _marked(bundle, "iqs", "week") == ["2026-10-26"]               # its first week, of 4 May, is whole
    # a filter that cuts a month still makes it partial
    from_the_3rd = Filters(date_from=pd.Timestamp("2026-05-03"), date_to=pd.Timestamp("2026-11-01"))
    assert _marked(bundle, "iqs", "month", from_the_3rd) == ["2026-05-01"]


def test_a_real_call_log_that_ends_on_a_wednesday_ends_with_a_partial_week(datasets_dir: Path) -> None:
    """The PwC call centre's log runs from Friday 1 Jan to Wednesday 31 Mar 2021: its end weeks are partial, its
    months whole."""
    bundle = load_bundle([str(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")], None, {})
    weeks = _marked(bundle, "abandonment_rate", "week")
    assert weeks == ["2020-12-28", "2021-03-29"], weeks
    assert _marked(bundle, "abandonment_rate", "month") == []
    march = Filters(date_from=pd.Timestamp("2021-03-01"), date_to=pd.Timestamp("2021-03-25"))
    assert _marked(bundle, "abandonment_rate", "week", march) == ["2021-03-22"]    # the filter stops on a Wednesday


def test_a_file_that_starts_further_from_the_others_keeps_its_own_start(tmp_path: Path) -> None:
    """Files that start a long weekend apart were exported for the same span; reviews that start more than
    SAME_SPAN_DAYS days after the ticket log have a start of their own (their first month is partial), and so do
    reviews loaded alone."""
    demo = {p.name: p for p in demo_files()}
    reviews = pd.read_excel(demo["quality_reviews.xlsx"], engine="openpyxl")

    def reviews_from(first_day: str) -> str:
        path = tmp_path / f"reviews_{first_day}.csv"
        shift = pd.Timestamp(first_day) - reviews["Reviewed at"].min().normalize()
        reviews.assign(**{"Reviewed at": reviews["Reviewed at"] + shift}).to_csv(path, index=False)
        return str(path)

    tickets = str(demo["tickets.csv"])                                          # from Friday 1 May
    near = load_bundle([tickets, reviews_from(f"2026-05-0{1 + SAME_SPAN_DAYS}")], None, {})
    far = load_bundle([tickets, reviews_from(f"2026-05-0{2 + SAME_SPAN_DAYS}")], None, {})
    assert [sorted(ds.kinds()) for ds in far.datasets] == [["surveys", "tickets"], ["reviews"]]
    assert _marked(near, "iqs", "month") == []
    assert _marked(far, "iqs", "month") == ["2026-05-01", "2026-11-01"]     # (two days later: to Sunday 1 Nov)
    alone = load_bundle([reviews_from("2026-05-04")], None, {})
    assert _marked(alone, "iqs", "month") == ["2026-05-01", "2026-10-01"]    # no other file: its own start and end
