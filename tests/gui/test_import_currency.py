"""The import dialog's currency: "from the file" (what its cells or headers name) or the owner's choice for
this file, carried into the results, the cards and a saved project (issue 14: a UK shop's £ shown in €)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.dialogs.import_dialog import ImportDialog
from desktop_app.panels.kpi_card import KpiCard
from desktop_app.project import Project, load_project, save_project
from metrics_core.ingest.model import ReadOptions

from .conftest import wait_results

SHOP = ("Order,Date,Customer,Amount\n1,2024-01-03,C1,40.00\n2,2024-01-09,C2,12.50\n3,2024-02-11,C1,8.00\n"
        "4,2024-03-02,C3,25.00\n5,2024-03-20,C1,17.50\n")


def _dialog(qtbot, path: Path, options: ReadOptions | None = None) -> ImportDialog:
    dialog = ImportDialog(path, options)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=15000)
    return dialog


def test_the_dialog_says_which_currency_the_file_names(qtbot, tmp_path: Path) -> None:
    named = tmp_path / "uk.csv"
    named.write_text(SHOP.replace("Amount", "Amount (GBP)"), encoding="utf-8")
    dialog = _dialog(qtbot, named)
    assert dialog.currency_combo.currentIndex() == 0 and dialog.currency_combo.currentText() == "from the file (£)"
    assert dialog.request().options.currency is None                   # left to the file
    silent = tmp_path / "shop.csv"
    silent.write_text(SHOP, encoding="utf-8")
    other = _dialog(qtbot, silent)
    assert other.currency_combo.currentText() == "from the file"
    assert other.currency_combo.accessibleName() == "Amounts are in"


def test_a_chosen_currency_reaches_the_results_the_cards_and_the_project(qtbot, state, tmp_path: Path) -> None:
    path = tmp_path / "shop.csv"
    path.write_text(SHOP, encoding="utf-8")                              # plain numbers: the file names no currency
    dialog = _dialog(qtbot, path)
    dialog.currency_combo.setCurrentIndex(dialog.currency_combo.findData("£"))
    request = dialog.request()
    assert request.options.currency == "£"
    results = wait_results(qtbot, state, lambda: state.load_requests([request]))
    assert state.currency() == "£" and results.currency == "£"
    clv = results.results["clv_historical"]
    assert clv.value is not None
    card = KpiCard("clv_historical", "CLV", "currency", True)
    qtbot.addWidget(card)
    card.set_result(clv, currency=results.currency)
    assert "£" in card.value_label.text() and "€" not in card.value_label.text()
    # the choice is kept with the file in a project, and shown again when the file is re-imported
    saved = load_project(save_project(tmp_path / "shop", Project(list(state.requests.values()))))
    assert saved.requests[0].options.currency == "£"
    again = _dialog(qtbot, path, saved.requests[0].options)
    assert again.currency_combo.currentData() == "£"
    # the owner's explicit currency in the settings still wins over every file's
    results = wait_results(qtbot, state, lambda: state.set_params({"global": {"currency": "kr"}}))
    assert results.currency == "kr"


def test_a_re_import_starts_from_the_choices_made_before(qtbot, tmp_path: Path) -> None:
    """The first preview read the boxes before they showed the options the dialog was given, so a re-import
    forgot them (the date order, the currency)."""
    path = tmp_path / "shop.csv"
    path.write_text(SHOP, encoding="utf-8")
    dialog = _dialog(qtbot, path, ReadOptions(dayfirst=False, delimiter=",", currency="kr"))
    assert dialog.date_order_combo.currentData() is False and dialog.delimiter_combo.currentData() == ","
    assert dialog.currency_combo.currentData() == "kr"
    options = dialog.request().options
    assert (options.dayfirst, options.delimiter, options.currency) == (False, ",", "kr")
