"""The currency setting: chosen in the settings dialog, used by the cards and the reports."""

from __future__ import annotations


from desktop_app import formatting
from desktop_app.dialogs.settings_dialog import SettingsDialog
from desktop_app.panels.kpi_card import KpiCard
from metrics_core.metrics.model import MetricResult


def test_settings_dialog_keeps_the_currency_only_when_it_is_not_the_euro(qtbot) -> None:
    dialog = SettingsDialog({}, {})
    qtbot.addWidget(dialog)
    assert dialog.currency_edit.currentText() == "€" and "global" not in dialog.params()
    dialog.currency_edit.setCurrentText("lei")
    assert dialog.params()["global"] == {"currency": "lei"}
    again = SettingsDialog({"global": {"currency": "lei"}}, {})
    qtbot.addWidget(again)
    assert again.currency_edit.currentText() == "lei"
    again._on_reset_clicked()
    assert "global" not in again.params()


def test_cards_write_amounts_with_the_chosen_symbol(qtbot, state) -> None:
    card = KpiCard("clv", "Customer lifetime value", "currency", True)
    qtbot.addWidget(card)
    try:
        state.set_params({"global": {"currency": "kr"}})
        card.set_result(MetricResult("clv", 4201.42, "currency", n=10))
        assert card.value_label.text() == "4,201 kr"
        state.set_params({})
        card.set_result(MetricResult("clv", 950.5, "currency", n=10))
        assert card.value_label.text() == "€950.50"
    finally:
        formatting.set_currency("€")
