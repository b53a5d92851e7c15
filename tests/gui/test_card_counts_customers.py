"""A card's count line names what its KPI counts: repurchase rate and historical CLV count customers (issue 14).

10_dashboard_05_orders / 22_all_cards (every language): "Repurchase rate 59.8 % from 1,042 orders" and "Historical
CLV … from 1,042 rows", while resources/demo/orders.csv holds 2,535 orders by 1,042 customers; 65_issue_pounds:
"from 3 orders" / "from 3 rows" for 5 orders by 3 customers. Counted here from the CSV text by hand.
"""

from __future__ import annotations

import csv

import pytest

from desktop_app.panels.kpi_card import KpiCard
from metrics_core.dataset import DataBundle
from metrics_core.formatting import format_number
from metrics_core.i18n import language, ngettext
from metrics_core.loading import load_dataset
from metrics_core.metrics import engine
from metrics_core.resources import demo_dir

from ..spacing import read

LANGUAGES = ("en", "sl", "ro", "sv", "sr", "sr-Latn", "qps")


@pytest.fixture(scope="module")
def demo_orders() -> tuple[dict[str, int], dict]:
    path = demo_dir() / "orders.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # a Shopify export: one row per line item, the order's number in "Name", its customer in "Email"
    hand = {"orders": len({r["Name"] for r in rows}), "customers": len({r["Email"] for r in rows if r["Email"]})}
    results = engine.compute_all(DataBundle([load_dataset(path)]), only=["repurchase_rate", "clv_historical"])
    return hand, results


@pytest.mark.parametrize("code", LANGUAGES)
def test_repurchase_rate_and_historical_clv_say_they_count_customers(qtbot, demo_orders, code) -> None:
    hand, results = demo_orders
    assert (hand["orders"], hand["customers"]) == (2535, 1042)
    with language(code):
        count = format_number(hand["customers"])
        customers, orders, rows = (read(ngettext(f"from {{count}} {one}", f"from {{count}} {many}", 1042, count=count))
                                   for one, many in (("customer", "customers"), ("order", "orders"), ("row", "rows")))
        for metric_id in ("repurchase_rate", "clv_historical"):
            result = results[metric_id]
            assert result.n == hand["customers"]
            card = KpiCard(metric_id, metric_id, result.unit, True)
            qtbot.addWidget(card)
            card.set_result(result)
            shown = card.n_label.text()         # (shortened on a narrow card: whole in its tooltip, qps)
            shown = read(card.n_label.toolTip().split("\n")[0] if shown.endswith("\u2026") else shown)
            assert shown == customers and shown not in (orders, rows), (code, metric_id, shown)
