"""Every export carries what the card says of its KPI (s16-truth left it): the workbook's Note column and the CSV's
note had the reason or the caveat only (the CSV not even the caveat), not a rate's "too few to be sure" with its
95 % range nor why a change is marked partial; and the deck's slide read "Based on 7 rows of data" where the card
says "from 7 people". The notes come from the one shared view (report_view.words.note_words, basis_line) that the
card's lines and tooltips are made of; here they are compared with the card itself."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from metrics_core.i18n import language
from metrics_core.report_view.partial import PARTIAL_CHANGE_DETAIL

from ..spacing import read

LANGUAGES = ("en", "sl", "ro", "sv", "sr", "sr-Latn")


def _plain(text: str) -> str:
    return " ".join(read(text or "").replace("\u202f", " ").split())


def _notes(report, tmp_path) -> tuple[dict[str, str], dict[str, str]]:
    """Each KPI's note in the workbook's Summary (its Note column) and in the CSV (its note column)."""
    from metrics_core.export.csv_results import results_csv_text
    from metrics_core.export.xlsx_workbook import SUMMARY_HEADER, write_xlsx

    path = tmp_path / "book.xlsx"
    write_xlsx(report, path)
    sheet = load_workbook(path).worksheets[0]
    column, ids = SUMMARY_HEADER.index("Note") + 1, SUMMARY_HEADER.index("KPI id") + 1
    book = {sheet.cell(r, ids).value: _plain(sheet.cell(r, column).value) for r in range(5, 5 + len(report.kpis))}
    rows = list(csv.reader(io.StringIO(results_csv_text(report))))
    table = {row[1]: _plain(row[-1]) for row in rows[1:] if row[0] == "kpi"}
    return book, table


def _card(qtbot, computed, metric_id: str):
    from desktop_app.panels.kpi_card import KpiCard
    from metrics_core.metrics.registry import get_metric

    spec, outcome = get_metric(metric_id), computed.outcomes[metric_id]
    card = KpiCard(metric_id, spec.translated_label, spec.unit, spec.higher_is_better)
    qtbot.addWidget(card)
    card.resize(300, 100)
    card.set_result(outcome.result, outcome.change, outcome.target, outcome)
    return card


def _deck_texts(report, tmp_path) -> list[str]:
    from metrics_core.export.pptx_deck import write_pptx

    deck = tmp_path / "deck.pptx"
    write_pptx(report, deck)
    return [_plain(shape.text_frame.text) for slide in Presentation(str(deck)).slides for shape in slide.shapes
            if shape.has_text_frame]


@pytest.fixture(scope="module")
def staff():
    from metrics_core.dataset import DataBundle
    from metrics_core.loading import load_dataset
    from metrics_core.resources import demo_dir

    return DataBundle([load_dataset(demo_dir() / "staff.csv")])


def test_a_rate_from_few_units_is_noted_in_the_workbook_and_the_csv(qtbot, tmp_path, staff) -> None:
    from metrics_core.export.build import build_report
    from metrics_core.report_view import KpiView, compute_view

    view = KpiView(kpis=("employee_turnover",))
    computed = compute_view(staff, {}, view)
    card = _card(qtbot, computed, "employee_turnover")
    assert _plain(card.n_label.text()) == "from 7 people, too few to be sure"
    why = _plain(card.n_label.toolTip())                       # the range, in the card's tooltip
    assert why.startswith("A rate from fewer than 30") and "between 3.3 % and 59.2 %" in why
    period = _plain(card.reason_label.text())                   # the card's caveat: the twelve months it covers
    assert period == "over 15 Aug 2025 – 14 Aug 2026"
    book, table = _notes(build_report(staff, {}, view=view, computed=computed), tmp_path)
    assert book["employee_turnover"] == table["employee_turnover"] == f"{period} · {why}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_decks_slide_counts_what_the_card_counts(qtbot, tmp_path, staff, code) -> None:
    from metrics_core.export.build import build_report
    from metrics_core.i18n import _, ngettext
    from metrics_core.report_view import KpiView, compute_view

    with language(code):
        view = KpiView(kpis=("employee_turnover",))
        computed = compute_view(staff, {}, view)
        card = _card(qtbot, computed, "employee_turnover")
        line = _plain(card.n_label.text())
        if line.endswith("…"):                   # shortened on the card: whole in its tooltip's first line
            line = _plain(card.n_label.toolTip().split("\n")[0])
        people = _plain(ngettext("from {count} person", "from {count} people", 7, count="7"))
        assert line.startswith(people) and line != people, line             # "from 7 people, too few to be sure"
        texts = _deck_texts(build_report(staff, {}, view=view, computed=computed), tmp_path)
        assert line[:1].upper() + line[1:] in texts, (code, line)
        rows = _plain(ngettext("Based on {count} row of data", "Based on {count} rows of data", 7, count="7"))
        assert not any(rows in t for t in texts), (code, rows)
        assert _plain(_("Based on {count} rows of data", count="7")) not in " ".join(texts)


def test_the_date_only_caveat_and_a_partial_change_are_noted_in_both(qtbot, tmp_path, purchase_dated) -> None:
    from metrics_core.export.build import build_report
    from metrics_core.formatting import result_caveat
    from metrics_core.report_view import KpiView, compute_view

    view = KpiView("2021-12-01", "2021-12-31", kpis=("first_response_time", "csat"))   # the data ends on 30 Dec
    computed = compute_view(purchase_dated, {}, view)
    frt, csat = _card(qtbot, computed, "first_response_time"), _card(qtbot, computed, "csat")
    caveat = _plain(result_caveat(computed.results["first_response_time"])[0])
    assert caveat == "“Created at” has no times of day: approximate"
    assert caveat in _plain(frt.reason_label.toolTip()) or caveat == _plain(frt.reason_label.text())
    assert _plain(csat.change_label.text()).endswith("(partial month)")
    partial = _plain(PARTIAL_CHANGE_DETAIL)
    assert partial in _plain(csat.change_label.toolTip())
    report = build_report(purchase_dated, {}, view=view, computed=computed)
    book, table = _notes(report, tmp_path)
    for notes in (book, table):
        assert notes["first_response_time"].startswith(caveat) and partial in notes["first_response_time"]
        assert notes["csat"] == partial
    # the charts' rows and sheets too, as the charts carry it under their axis
    from metrics_core.export.csv_results import results_csv_text

    points = [row for row in csv.reader(io.StringIO(results_csv_text(report)))
              if row[0] in ("trend", "breakdown") and row[1] in ("first_response_time", "csat")]
    assert {r[1] for r in points} == {"first_response_time", "csat"}
    assert all((caveat in _plain(r[-1])) == (r[1] == "first_response_time") for r in points)
    sheets = load_workbook(tmp_path / "book.xlsx").worksheets[1:]
    said = {s["A1"].value: _plain(s["A2"].value) for s in sheets}
    charts = [c for c in report.charts if c.metric_id in ("first_response_time", "csat")]
    assert charts and all((caveat in said[c.title]) == (c.metric_id == "first_response_time") for c in charts)


def test_each_clv_line_is_in_the_csv_too(qtbot, tmp_path) -> None:
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.export.build import build_report
    from metrics_core.report_view import KpiView, compute_view
    from metrics_core.resources import demo_dir

    shop = load_bundle([str(demo_dir() / "orders.csv"), str(demo_dir() / "customers.csv")], None, {})
    view = KpiView(kpis=("clv", "clv_historical", "clv_predictive"))
    computed = compute_view(shop, {}, view)
    book, table = _notes(build_report(shop, {}, view=view, computed=computed), tmp_path)
    for metric_id in ("clv", "clv_historical", "clv_predictive"):
        card = _card(qtbot, computed, metric_id)
        line = _plain(card.reason_label.text())
        assert line and not line.endswith("…"), line
        assert book[metric_id] == table[metric_id] == line, metric_id


@pytest.mark.parametrize("code", ("en", "sl"))
def test_a_kpi_without_a_column_is_explained_in_the_cards_words(qtbot, tmp_path, code) -> None:
    """s16-truth2: the workbook and the CSV gave the engine's reason, "needs the field 'average_reply_s', which no
    loaded file provides", where the card names the column as the import dialog does ("Average reply time")."""
    from metrics_core.catalogue import field_label
    from metrics_core.cli.compute_cmd import load_bundle
    from metrics_core.export.build import build_report
    from metrics_core.report_view import KpiView, compute_view
    from metrics_core.resources import demo_dir

    tickets = load_bundle([str(demo_dir() / "tickets.csv")], None, {})
    with language(code):
        view = KpiView(kpis=("average_response_time", "csat"))
        computed = compute_view(tickets, {}, view)
        assert computed.results["average_response_time"].value is None
        card = _card(qtbot, computed, "average_response_time")
        said = _plain(card.reason_label.toolTip().split("\n\n")[0])
        column = _plain(field_label("average_reply_s", "tickets"))
        assert column in said and "average_reply_s" not in said, said
        book, table = _notes(build_report(tickets, {}, view=view, computed=computed), tmp_path)
    assert book["average_response_time"] == table["average_response_time"] == said


@pytest.mark.parametrize("code", ("en", "sl"))
def test_average_response_times_card_and_slide_count_replies(qtbot, tmp_path, code) -> None:
    """From the demo's messages average response time rests on agent replies: the card said "from 1,397 rows"."""
    from metrics_core.dataset import DataBundle
    from metrics_core.export.build import build_report
    from metrics_core.i18n import ngettext
    from metrics_core.loading import load_dataset
    from metrics_core.report_view import KpiView, compute_view
    from metrics_core.resources import demo_dir

    bundle = DataBundle([load_dataset(demo_dir() / name) for name in ("tickets.csv", "messages.csv")])
    with language(code):
        view = KpiView(kpis=("average_response_time",))
        computed = compute_view(bundle, {}, view)
        n = computed.outcomes["average_response_time"].result.n
        card = _card(qtbot, computed, "average_response_time")
        line = _plain(card.n_label.text())
        if line.endswith("…"):
            line = _plain(card.n_label.toolTip().split("\n")[0])
        count = f"{n:,}".replace(",", "." if code == "sl" else ",")
        replies = _plain(ngettext("from {count} reply", "from {count} replies", n, count=count))
        assert n > 1000 and line.startswith(replies), (line, replies)
        texts = _deck_texts(build_report(bundle, {}, view=view, computed=computed), tmp_path)
        assert any(replies[:1].upper() + replies[1:] in t for t in texts), (code, replies)
