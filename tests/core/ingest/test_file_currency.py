"""The currency a file names: a column of currency codes counts (issue 14: a UK shop's pounds shown in €)."""

from __future__ import annotations

from pathlib import Path

from metrics_core.ingest.currency import file_currency, table_currency
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import read_table


def _table(tmp_path: Path, text: str, options: ReadOptions | None = None):
    path = tmp_path / "orders.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path, options)


def test_a_shopify_export_names_its_currency_in_a_column(tmp_path: Path) -> None:
    rows = "".join(f"#{1000 + i},2024-01-{i + 1:02d},{'GBP' if i else 'EUR'},{10 + i}.00,paid\n" for i in range(20))
    table = _table(tmp_path, "Name,Created at,Currency,Total,Financial Status\n" + rows)
    assert file_currency(table) == "£"                      # 19 rows in pounds, one in euros
    assert table_currency(table) == "£"
    chosen = _table(tmp_path, "Name,Created at,Currency,Total\n#1,2024-01-01,GBP,10.00\n", ReadOptions(currency="€"))
    assert table_currency(chosen) == "€"                    # the owner's choice for the file wins


def test_words_that_are_not_codes_name_no_currency(tmp_path: Path) -> None:
    table = _table(tmp_path, "Order,Status,Total\n1,Open,10.00\n2,Closed,12.00\n3,Open,8.00\n")
    assert file_currency(table) is None


def test_the_demo_shop_is_in_euros() -> None:
    from metrics_core.resources import demo_dir

    assert file_currency(read_table(demo_dir() / "orders.csv")) == "€"


def test_one_scan_of_the_joined_cells_finds_the_cells_a_search_per_cell_finds() -> None:
    from metrics_core.ingest.currency import _MAY_NAME, _naming

    cells = ["100001", "120 kr", "TKR-7", "note\nwith 5 USD inside", "£40.00", "3.400 дин.", "\u212ar", "Luka Kovač",
             "ſek", "", " ", "Zł 5", "gift", "EUR"]
    for sample in (cells, [c for c in cells if c.isascii()], ["100001", "100002"], ["Open", "Closed"], []):
        assert _naming(sample) == [c for c in sample if _MAY_NAME.search(c)]
    assert _naming(["100001", "100002"]) == [] and _naming(["TKR-7", "x"]) == ["TKR-7"]
