"""Money KPIs over files in different currencies are never added up silently (issue 14, "plausible or
silent": a UK shop's pounds were shown in euros; two shops' pounds and euros were summed as one amount).
Expected values are worked out by hand from the rows below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from metrics_core.cli import main
from metrics_core.dataset import DataBundle
from metrics_core.i18n import language
from metrics_core.loading import load_dataset
from metrics_core.metrics.currencies import bundle_currencies, with_file_currencies
from metrics_core.metrics.engine import breakdown, compute_metric

UK = ("Order,Date,Customer,Amount (GBP)\n1,2024-01-03,C1,40.00\n2,2024-01-09,C2,12.50\n3,2024-02-11,C1,8.00\n"
      "4,2024-03-02,C3,25.00\n5,2024-03-20,C1,17.50\n")
DE = "Order,Date,Customer,Amount (EUR)\n10,2024-01-05,D1,100.00\n11,2024-02-05,D2,50.00\n12,2024-02-07,D1,30.00\n"
# historical CLV = mean over customers of their purchases (margin 100 %):
UK_CLV = (40 + 8 + 17.5 + 12.5 + 25) / 3         # C1 65.50, C2 12.50, C3 25.00 -> 34.33
DE_CLV = (100 + 30 + 50) / 2                     # D1 130, D2 50 -> 90.00


@pytest.fixture()
def shops(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "uk_orders.csv").write_text(UK, encoding="utf-8")
    (tmp_path / "de_orders.csv").write_text(DE, encoding="utf-8")
    return tmp_path / "uk_orders.csv", tmp_path / "de_orders.csv"


def _bundle(*paths: Path) -> DataBundle:
    return DataBundle([load_dataset(p) for p in paths])


def test_pounds_and_euros_are_not_added_up(shops) -> None:
    bundle = _bundle(*shops)
    assert bundle_currencies(bundle.datasets) == {"uk_orders.csv": "£", "de_orders.csv": "€"}
    params = with_file_currencies({}, bundle.datasets)
    result = compute_metric(bundle, "clv_historical", params)
    assert result.value is None                                # no total of pounds and euros
    parts = {p["currency"]: p for p in result.details["currencies"]}
    assert parts["£"]["value"] == pytest.approx(UK_CLV) and parts["£"]["files"] == ["uk_orders.csv"]
    assert parts["€"]["value"] == pytest.approx(DE_CLV) and parts["€"]["files"] == ["de_orders.csv"]
    reason = result.reason.english()
    assert "different currencies" in reason and "£34.33 in uk_orders.csv" in reason and "€90.00 in de_orders.csv" in reason
    with language("sl"):
        assert "34,33" in str(result.reason) and "different currencies" not in str(result.reason)
    assert breakdown(bundle, "clv_historical", "month", params) == []     # no trend that mixes them either
    # without the files' currencies (one shop, or the same currency) nothing changes
    alone = compute_metric(_bundle(shops[0]), "clv_historical", with_file_currencies({}, _bundle(shops[0]).datasets))
    assert alone.value == pytest.approx(UK_CLV) and "currencies" not in alone.details


def test_a_kpi_whose_rows_are_in_one_currency_names_it(shops, tmp_path: Path) -> None:
    """Filtered to the UK shop's customers, the KPI has one currency, and says which (not the default €)."""
    from metrics_core.metrics.engine import Filters

    bundle = _bundle(*shops)
    params = with_file_currencies({}, bundle.datasets)
    uk = compute_metric(bundle, "clv_historical", params, Filters(categories={"customer_id": ["C1", "C2", "C3"]}))
    assert uk.value == pytest.approx(UK_CLV) and uk.details["currency"] == "£"


def test_compute_json_lists_each_currency(shops, capsys) -> None:
    assert main(["compute", str(shops[0]), str(shops[1]), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [f.get("currency") for f in doc["files"]] == ["£", "€"]
    row = next(m for m in doc["metrics"] if m["id"] == "clv_historical")
    assert row["value"] is None and "different currencies" in row["reason"]
    assert [(c["currency"], round(c["value"], 2), c["files"]) for c in row["currencies"]] == [
        ("£", round(UK_CLV, 2), ["uk_orders.csv"]), ("€", round(DE_CLV, 2), ["de_orders.csv"])]


def test_the_workbook_says_why_there_is_no_total(shops, tmp_path: Path) -> None:
    out = tmp_path / "both.xlsx"
    assert main(["report", str(shops[0]), str(shops[1]), "--out", str(out)]) == 0
    rows = load_workbook(out)["Summary"].iter_rows(min_row=5, values_only=True)
    row = next(r for r in rows if "clv_historical" in r)
    text = " ".join(str(c) for c in row if c is not None)
    assert "£34.33 in uk_orders.csv" in text and "€90.00 in de_orders.csv" in text and "€124" not in text


def test_the_deck_gives_each_currencys_amount_at_a_glance(shops, tmp_path: Path) -> None:
    """The deck showed KPIs with a value only, so the two shops' CLV simply vanished from it."""
    from pptx import Presentation

    out = tmp_path / "both.pptx"
    assert main(["report", str(shops[0]), str(shops[1]), "--out", str(out)]) == 0
    rows = [[cell.text for cell in row.cells] for slide in Presentation(str(out)).slides for shape in slide.shapes
            if shape.has_table for row in shape.table.rows]
    clv = next(r for r in rows if r[0] == "Historical CLV")
    assert clv[1] == "£34.33 in uk_orders.csv and €90.00 in de_orders.csv"


def test_a_chart_of_one_shop_is_drawn_in_its_currency(shops) -> None:
    """Filtered to the UK shop's customers while the files name two currencies, the CLV's trend is in pounds,
    not in the report's euros."""
    from metrics_core.export.build import build_report
    from metrics_core.report_view import KpiView

    bundle = _bundle(*shops)
    report = build_report(bundle, with_file_currencies({}, bundle.datasets), None, "month",
                          view=KpiView(categories={"customer_id": ("C1", "C2", "C3")}, kpis=("clv_historical",)))
    chart = next(c for c in report.charts if c.metric_id == "clv_historical")
    assert report.currency == "€" and report.chart_currency(chart) == "£"
    assert report.kpi("clv_historical").value_text(report.currency) == "£34.33"
