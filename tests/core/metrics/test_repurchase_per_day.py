"""Repurchase rate without an order id: one purchase per customer per day (issue 10, item 3)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from metrics_core.cli import main
from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs


def _orders(rows, order_ids=None):
    frame = pd.DataFrame({"customer_id": [r[0] for r in rows],
                          "order_date": pd.to_datetime([r[1] for r in rows]), "amount": [r[2] for r in rows]})
    if order_ids is not None:
        frame["order_id"] = order_ids
    return MetricInputs({"orders": frame})


ROWS = [("a", "2024-01-02 09:00", 10.0), ("a", "2024-01-02 15:00", 5.0),     # a: two lines on one day
        ("b", "2024-01-02 10:00", 7.0), ("b", "2024-01-09 10:00", 7.0),      # b: two days
        ("c", "2024-01-03 10:00", 3.0)]


def test_two_rows_on_one_day_are_one_purchase():
    # by hand: purchases a: 1 (one day), b: 2, c: 1 -> 1 repeat customer of 3 = 33.3 %
    result = compute_metric(_orders(ROWS), "repurchase_rate")
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.details["purchases_counted_as"] == "customer_days"
    assert "one purchase per customer per day" in str(result.details["note"])


def test_with_an_order_id_orders_are_counted():
    # a's two lines are two orders -> a and b repeat: 2 of 3
    result = compute_metric(_orders(ROWS, ["o1", "o2", "o3", "o4", "o5"]), "repurchase_rate")
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.details["purchases_counted_as"] == "orders"


def test_cdnow_repeat_customers(datasets_dir):
    path = datasets_dir / "orders_cdnow" / "CDNOW_master.txt"
    # independent: plain pandas, distinct purchase days per customer (as the BTYD / lifetimes literature does)
    raw = pd.read_csv(path, sep=r"\s+", dtype={"customer_id": str, "date": str})
    days = raw.groupby("customer_id")["date"].nunique()
    assert (int((days >= 2).sum()), len(days)) == (11516, 23570)
    result = compute_metric(DataBundle([load_dataset(path)]), "repurchase_rate")
    assert (result.numerator, result.denominator) == (11516, 23570)
    assert result.value == pytest.approx(100 * 11516 / 23570)


def test_the_cli_shows_the_note(capsys, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("Customer ID,Order date,Amount\na,2024-01-02,10\na,2024-01-02,5\nb,2024-01-03,7\n", encoding="utf-8")
    assert main(["compute", str(path), "--json"]) == 0
    row = {m["id"]: m for m in json.loads(capsys.readouterr().out)["metrics"]}["repurchase_rate"]
    assert row["value"] == 0 and "one purchase per customer per day" in row["note"]      # a: one day, b: one day
    assert main(["compute", str(path)]) == 0
    assert "(no order ID: one purchase per customer per day" in capsys.readouterr().out
