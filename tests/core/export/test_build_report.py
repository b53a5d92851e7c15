"""build_report on the demo business: the report, the deck and the workbook hold the
engine's numbers for the same filters, and NPS shares match a plain recount."""

from __future__ import annotations

import math

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.cli.report_cmd import demo_files
from metrics_core.export.report import build_report, write_report
from metrics_core.metrics.engine import Filters, breakdown, compare, compute_all
from metrics_core.metrics.registry import REGISTRY

from ...spacing import nb, read

SEPTEMBER = Filters("2026-09-01", "2026-09-30")


@pytest.fixture(scope="module")
def bundle():
    return load_bundle([str(p) for p in demo_files()], None, {})


@pytest.fixture(scope="module")
def september(bundle):
    return build_report(bundle, None, SEPTEMBER, "month", "Lipa Home d.o.o.")


def test_a_trend_within_a_longer_range_keeps_to_it(bundle):
    summer = Filters("2026-06-01", "2026-08-31")
    report = build_report(bundle, None, summer)
    trend = next(c for c in report.charts if c.chart_id == "csat-by-month")
    assert trend.categories == ["2026-06", "2026-07", "2026-08"]
    points = breakdown(bundle, "csat", "month", None, summer)
    assert trend.values(trend.series_names[0]) == pytest.approx([p.value for p in points])


def test_all_dates_trends_cover_the_report_period_even_for_a_register_reaching_back_years(bundle):
    # customers.csv lists customers from January 2023; the activity files (tickets, calls …) run May – Oct 2026,
    # which is the report's period. The customer retention trend must draw those six months like every other.
    report = build_report(bundle, None, None, "month")
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == ("2026-05-01", "2026-10-31")
    assert report.title_lines() == ("Customer service report", "")     # no business named: not the file's name
    months = [f"2026-{m:02d}-01" for m in range(5, 11)]
    trends = {c.metric_id: c for c in report.charts if c.chart_id == f"{c.metric_id}-by-month"}
    assert "retention_rate" in trends and len(trends) >= 5
    assert {m: c.period_starts for m, c in trends.items()} == {m: months for m in trends}
    crr = trends["retention_rate"]
    points = breakdown(bundle, "retention_rate", "month", None, Filters("2026-05-01", "2026-10-31"))
    assert crr.values(crr.series_names[0]) == pytest.approx([p.value for p in points])
    assert "1 May – 31 Oct 2026" in " ".join(report.notes)


def test_headline_values_are_the_engines(bundle, september):
    results = compute_all(bundle, None, SEPTEMBER)
    assert sorted(r.metric_id for r in september.kpis) == sorted(s.id for s in REGISTRY)
    assert [r.metric_id for r in september.kpis[:len(september.shown)]] == september.shown   # the deck's first
    for row in september.kpis:
        expected = results[row.metric_id].value
        assert (row.value is None) == (expected is None), row.metric_id
        if expected is not None:
            assert row.value == pytest.approx(expected), row.metric_id
    assert september.period_label == "September 2026"
    from metrics_core.i18n import language
    with language("sr"):                                   # the month's name in the reader's language
        assert september.period_label == "септембар 2026."
    with language("sl"):
        assert september.period_label == "september 2026"
    assert september.previous_label == "August 2026"


@pytest.mark.parametrize("metric_id", ["csat", "nps", "first_response_time", "answer_rate"])
def test_changes_are_the_engines_comparison(bundle, september, metric_id):
    change = compare(bundle, metric_id, None, SEPTEMBER, "previous")
    row = september.kpi(metric_id)
    assert row.previous == pytest.approx(change.previous)
    assert row.change == pytest.approx(change.absolute)
    assert row.value == pytest.approx(change.current)


@pytest.mark.parametrize("filters", [Filters("2026-08-15", "2026-09-20"), Filters("2026-09-01", None),
                                     Filters(None, "2026-08-31")])
def test_changes_match_the_engine_for_any_range(bundle, filters):
    report = build_report(bundle, None, filters)
    for metric_id in ("csat", "request_volume", "average_wait_time"):
        change = compare(bundle, metric_id, None, filters, "previous")
        row = report.kpi(metric_id)
        assert row.value == pytest.approx(change.current)
        assert row.previous == pytest.approx(change.previous) and row.change == pytest.approx(change.absolute)


def test_trends_are_the_engines_breakdowns_over_every_date(bundle, september):
    trend = next(c for c in september.charts if c.chart_id == "first_response_time-by-month")
    # a one-month filter: the trend shows every month up to its end
    points = breakdown(bundle, "first_response_time", "month", None, Filters(None, "2026-09-30"))
    assert len(points) == 5
    assert trend.categories == [p.label for p in points]
    assert trend.values(trend.series_names[0]) == pytest.approx([p.value for p in points])
    assert trend.period_starts == [p.key.date().isoformat() for p in points]


def test_nps_shares_match_a_plain_recount(bundle):
    report = build_report(bundle)
    chart = next(c for c in report.charts if c.kind == "stacked")
    surveys = bundle.frame("surveys")
    scores = surveys.loc[surveys["nps_score"].notna(), ["submitted_at", "nps_score"]]
    months = scores["submitted_at"].dt.strftime("%Y-%m")
    for month, group in scores.groupby(months):
        n = len(group)
        promoters = 100 * (group["nps_score"] >= 9).sum() / n
        detractors = 100 * (group["nps_score"] <= 6).sum() / n
        assert chart.frame.loc[month, "Promoters"] == pytest.approx(promoters)
        assert chart.frame.loc[month, "Detractors"] == pytest.approx(detractors)
        assert chart.frame.loc[month].sum() == pytest.approx(100)


def test_without_dates_the_headline_is_every_date_as_on_the_screen(bundle):
    report = build_report(bundle)
    assert report.period_label == "May – October 2026"      # 1 May – 31 Oct 2026: whole months, named so (deck21)
    assert report.previous_label == "" and report.compared_with == ""
    every_date = compute_all(bundle, None, Filters())
    assert report.kpi("csat").value == pytest.approx(every_date["csat"].value)
    assert all(row.change is None and row.change_state is None for row in report.kpis)
    trend = next(c for c in report.charts if c.chart_id == "csat-by-month")
    assert trend.categories == ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    assert any("no earlier period" in note for note in report.notes)


def test_targets_come_from_the_parameters(bundle):
    report = build_report(bundle, {"global": {"targets": {"csat": 90}}, "nps": {"target": 50}}, SEPTEMBER)
    assert report.kpi("csat").target == 90 and report.kpi("nps").target == 50
    assert report.kpi("csat").on_target is (report.kpi("csat").value >= 90)


def test_deck_and_workbook_hold_the_engines_numbers(bundle, september, tmp_path):
    written = write_report(september, tmp_path)
    deck = Presentation(str(next(p for p in written if p.suffix == ".pptx")))
    charts = {s.chart.chart_title.text_frame.text: s.chart for slide in deck.slides for s in slide.shapes
              if s.has_chart}
    points = breakdown(bundle, "first_response_time", "month", None, Filters(None, "2026-09-30"))
    frt = charts["First response time by month"]
    # durations are drawn in hours or minutes: compare after converting back to seconds
    unit = frt.value_axis.axis_title.text_frame.text
    factor = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}[unit]
    assert [v * factor for v in frt.plots[0].series[0].values] == pytest.approx([p.value for p in points], rel=1e-4)
    book = load_workbook(next(p for p in written if p.suffix == ".xlsx"))
    summary = {row[11]: row for row in book["Summary"].iter_rows(min_row=5, values_only=True)}
    results = compute_all(bundle, None, SEPTEMBER)
    assert summary["csat"][2] == pytest.approx(results["csat"].value)
    assert summary["first_response_time"][2] == pytest.approx(results["first_response_time"].value / 60)
    for metric_id, result in results.items():
        if result.value is None:
            assert summary[metric_id][2] is None
        elif result.unit != "seconds":
            assert summary[metric_id][2] == pytest.approx(result.value), metric_id
    sheet = book["First response time by month"]
    values = [r[1] for r in sheet.iter_rows(min_row=5, values_only=True)]
    header = sheet.cell(4, 2).value
    factor = 60 if "(minutes)" in header else 3600 if "(hours)" in header else 1
    assert [v * factor for v in values] == pytest.approx([p.value for p in points])


def test_breakdown_charts_are_the_engines_groups_highest_first(bundle):
    from metrics_core.report_view import KpiView

    view = KpiView("2026-09-01", "2026-09-30", kpis=("first_response_time", "csat"),
                   breakdowns={"first_response_time": ("channel", "priority"), "csat": ("channel",)})
    report = build_report(bundle, view=view)
    bars = [c for c in report.charts if c.kind == "bar"]
    assert [c.chart_id for c in bars] == ["first_response_time-by-channel", "first_response_time-by-priority",
                                          "csat-by-channel"]
    tickets = bars[0]
    assert tickets.by == "channel" and len(tickets.categories) >= 2
    by_channel = {p.label: p.value for p in breakdown(bundle, "first_response_time", "channel", None, SEPTEMBER)}
    assert tickets.values(tickets.series_names[0]) == pytest.approx([by_channel[c] for c in tickets.categories])
    assert all(not math.isnan(v) for v in tickets.frame.iloc[:, 0])
    for chart in bars:                                  # highest first, as the window draws them
        values = chart.frame.iloc[:, 0].tolist()
        assert values == sorted(values, reverse=True), chart.title


def test_a_breakdown_chart_keeps_the_tickets_without_a_channel_and_draws_no_group_without_a_value(tmp_path):
    """The demo's tickets with every tenth one's channel blanked and another tenth moved to a channel "Fax" without
    a first reply: the blank ones are a bar of their own, "(no channel)", at their mean first response; "Fax" has
    rows but no first response time, so no bar. The means are worked out here from the file's minutes."""
    import pandas as pd

    from metrics_core.report_view import KpiView
    from metrics_core.resources import demo_dir

    raw = pd.read_csv(demo_dir() / "tickets.csv")
    raw.loc[raw["Id"] % 10 == 0, "Via"] = None
    fax = raw["Id"] % 10 == 1
    raw.loc[fax, "Via"], raw.loc[fax, "First reply time in minutes"] = "Fax", None
    raw.to_csv(tmp_path / "tickets.csv", index=False)
    created = pd.to_datetime(raw["Created at"])
    september = raw[(created >= "2026-09-01") & (created < "2026-10-01")]
    seconds = (september["First reply time in minutes"] * 60).groupby(september["Via"], dropna=False).mean()
    expected = {"(no channel)" if pd.isna(via) else via: s for via, s in seconds.items() if not pd.isna(s)}
    assert "Fax" in set(september["Via"]) and "Fax" not in expected and len(expected) == 6       # 5 channels + blank
    assert september["Via"].isna().sum() > 50

    bundle = load_bundle([str(tmp_path / "tickets.csv")], None, {})
    view = KpiView("2026-09-01", "2026-09-30", kpis=("first_response_time",),
                   breakdowns={"first_response_time": ("channel",)})
    chart = next(c for c in build_report(bundle, view=view).charts if c.chart_id == "first_response_time-by-channel")
    drawn = dict(zip(chart.categories, chart.values(chart.series_names[0])))
    assert drawn == pytest.approx(expected)
    assert chart.categories == sorted(expected, key=expected.get, reverse=True)       # highest first
    engine_groups = {p.label: p.value for p in breakdown(bundle, "first_response_time", "channel", None, SEPTEMBER)}
    assert engine_groups["Fax"] is None and "(none)" in engine_groups        # (the engine lists both groups)


def test_sources_and_how_computed(september):
    names = [s.name for s in september.sources]
    assert "tickets.csv" in names and "survey_responses.csv" in names
    tickets = next(s for s in september.sources if s.name == "tickets.csv")
    assert tickets.kind == "tickets" and tickets.rows > 1000 and "ticket_id" in tickets.mapping["fields"]
    from metrics_core.metrics.docs import describe

    assert september.how_computed["csat"] == describe("csat")
    assert set(september.how_computed) == {r.metric_id for r in september.kpis if r.value is not None}


def test_cancel_while_building(bundle):
    from metrics_core.errors import OperationCancelled
    from metrics_core.progress import Reporter

    seen = []
    with pytest.raises(OperationCancelled):
        build_report(bundle, reporter=Reporter(lambda f, t: seen.append(f), lambda: len(seen) > 5))


def test_an_empty_bundle_gives_an_empty_report(tmp_path):
    from metrics_core.dataset import DataBundle

    report = build_report(DataBundle())
    assert report.period_label == "all dates" and report.charts == []
    assert all(row.value is None and row.reason for row in report.kpis)
    assert len(write_report(report, tmp_path)) == 3


def test_for_one_month_trends_show_the_twelve_months_up_to_it(bundle):
    # Demo customers joined from 2023 on, but a monthly report shows a year: Nov 2025 - Oct 2026.
    report = build_report(bundle, None, Filters("2026-10-01", "2026-10-31"))
    retention = next(c for c in report.charts if c.chart_id == "retention_rate-by-month")
    assert retention.categories[0] == "2025-11" and retention.categories[-1] == "2026-10"
    assert len(retention.categories) == 12
    # short, as the deck's days (s20); counting what the trends draw: retention 12 months, the rest from May (s21)
    assert any("Trends by month show 6 to 12 months up to 31 Oct 2026:" in note for note in report.notes)


def test_brand_attributes_read_as_their_top_phrase_in_every_table(bundle, september, tmp_path):
    from metrics_core.metrics.engine import compute_metric

    result = compute_metric(bundle, "brand_attributes", None, SEPTEMBER)
    top = result.details["phrases"][0]
    row = september.kpi("brand_attributes")
    assert read(row.value_text()) == f"“{top['term']}” in {top['share']:.0f} % of {int(result.value)} comments"
    september.shown = [*september.shown, "brand_attributes"]
    write_report(september, tmp_path / "r.pptx")
    cells = [shape.table.cell(r, 1).text for slide in Presentation(str(tmp_path / "r.pptx")).slides
             for shape in slide.shapes if shape.has_table for r in range(len(shape.table.rows))]
    assert row.value_text() in cells


@pytest.mark.parametrize("metric_id", ["brand_attributes", "complaint_growth", "satisfaction_trend"])
def test_kpis_that_are_texts_or_changes_have_no_change_of_their_own(september, metric_id):
    # a top phrase's comment count or a growth rate's difference from last month's growth rate means nothing
    row = september.kpi(metric_id)
    assert row.previous is None and row.change is None and row.direction == ""


def test_pwc_all_dates_deck_says_what_the_screen_says(datasets_dir, tmp_path):
    # The dashboard on "All dates" shows CSAT 49.9 % and the busiest hour "112 at Sat 11:00" for the PwC
    # call-centre workbook; the deck made from the same view says the same (not the latest month's).
    path = datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx"
    bundle = load_bundle([str(path)], None, {})
    frame = bundle.frame("calls")
    scores = frame["csat_score"].dropna()
    satisfied = 100 * (scores >= 4).sum() / len(scores)             # a plain recount: 4 or 5 of 5
    report = build_report(bundle)
    assert f"{satisfied:.1f} %" == "49.9 %"
    written = write_report(report, tmp_path / "pwc.pptx")
    deck = Presentation(str(written[0]))
    cells = {shape.table.cell(r, 0).text: shape.table.cell(r, 1).text for slide in deck.slides
             for shape in slide.shapes if shape.has_table for r in range(1, len(shape.table.rows))}
    assert cells["CSAT (% satisfied)"] == nb("49.9 %")
    assert cells["Peak hours"] == "112 at Sat 11:00"
    assert len(deck.slides) <= 10


def test_a_sentence_ending_in_an_abbreviated_unit_has_one_full_stop(bundle):
    from metrics_core.i18n import language

    with language("ro"):                          # Romanian writes durations "9 h 03 min."
        report = build_report(bundle, None, SEPTEMBER)
    frt = report.kpi("first_response_time")
    assert read(frt.sentence).endswith(" min.") and not frt.sentence.endswith(".."), frt.sentence


def test_the_appendix_says_how_each_kpi_is_computed_in_the_reports_language(bundle, tmp_path):
    """Not only the one-line description outside English: the formula and what it reads (the import dialog's field
    names), without the KPI's id, its unit, its settings' ids, the calculator's inputs or the sources."""
    from metrics_core.export.pptx_deck import write_pptx
    from metrics_core.i18n import language
    from metrics_core.metrics.docs import describe

    with language("sl"):
        report = build_report(bundle, None, SEPTEMBER, "month", "Lipa Home d.o.o.", appendix=True)
        write_pptx(report, tmp_path / "sl.pptx")
        assert report.how_computed["csat"] == describe("csat")
    slides = [[s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]
              for slide in Presentation(str(tmp_path / "sl.pptx")).slides]
    how = read("\n".join(t for texts in slides if texts and texts[0] == "Kako so bili izračunani ti KPI-ji" for t in texts))
    assert ("Zadovoljni odgovori (ocena na pragu ali nad njim) deljeno z vsemi odgovori, krat 100. "
            "Bere: odgovori na ankete, zahtevki, klici ali skupine odgovorov ankete (polja: Ocena CSAT).") in how
    assert "Bere: zahtevki ali sporočila (polja: Čas nastanka)." in how
    for detail in ("(csat)", "(threshold)", "Enota:", "Iz seštevkov:", "Vir:", "positive, responses", "created_at"):
        assert detail not in how
