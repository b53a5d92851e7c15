"""``report`` writes amounts in the currency the files name when --currency is not given, as the window
does (it used to write a UK shop's pounds as euros)."""

from __future__ import annotations

from openpyxl import load_workbook

from metrics_core.cli import main

SHOP = ("Order,Date,Customer,Amount (GBP)\n1,2024-01-03,C1,40.00\n2,2024-01-09,C2,12.50\n3,2024-02-11,C1,8.00\n"
        "4,2024-03-02,C3,25.00\n5,2024-03-20,C1,17.50\n")


def _shown(path) -> list[str]:
    rows = load_workbook(path)["Summary"].iter_rows(min_row=5, values_only=True)
    return [str(row[9]) for row in rows if row[11] in ("clv_historical", "average_order_value") and row[9]]


def test_a_uk_shops_report_is_in_pounds(tmp_path) -> None:
    orders = tmp_path / "uk_orders.csv"
    orders.write_text(SHOP, encoding="utf-8")
    out = tmp_path / "uk.xlsx"
    assert main(["report", str(orders), "--out", str(out)]) == 0
    shown = _shown(out)
    assert shown and all("£" in text and "€" not in text for text in shown)
    assert main(["report", str(orders), "--currency", "kr", "--out", str(tmp_path / "kr.xlsx")]) == 0
    assert all(text.endswith("\u00a0kr") for text in _shown(tmp_path / "kr.xlsx"))   # the owner's choice wins
