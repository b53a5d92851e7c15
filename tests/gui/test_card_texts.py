"""What cards write: amounts with the currency of the settings, and a change only where one means something."""

from __future__ import annotations

from desktop_app.dialogs.settings_dialog import SettingsDialog
from desktop_app.panels.kpi_card import KpiCard
from metrics_core.metrics.model import MetricResult

from ..spacing import nb, read

UK_ORDERS = ("Order,Date,Customer,Description,Amount (GBP)\n1,2024-01-03,C1,Gift voucher £40.00,40.00\n"
             "2,2024-01-09,C2,Mug,12.50\n3,2024-02-11,C1,Card,8.00\n")


def test_settings_dialog_leaves_the_currency_to_the_files_until_the_owner_chooses_one(qtbot) -> None:
    dialog = SettingsDialog({}, {})
    qtbot.addWidget(dialog)
    assert dialog.currency_edit.currentIndex() == 0 and "global" not in dialog.params()    # "From the files"
    dialog.currency_edit.setCurrentText("lei")
    assert dialog.params()["global"] == {"currency": "lei"}
    dialog.currency_edit.setCurrentText("€")
    assert dialog.params()["global"] == {"currency": "€"}        # the euro chosen is a choice, not the default
    again = SettingsDialog({"global": {"currency": "€"}}, {})
    qtbot.addWidget(again)
    assert again.currency_edit.currentText() == "€" and again.params()["global"] == {"currency": "€"}
    again._on_reset_clicked()
    assert "global" not in again.params()


def test_the_owners_explicit_currency_wins_over_a_files_pounds(qtbot, state, tmp_path) -> None:
    from metrics_core.loading import load_dataset

    path = tmp_path / "uk_orders.csv"
    path.write_text(UK_ORDERS, encoding="utf-8")
    state.add_dataset(load_dataset(path))
    assert state.currency() == "£"                                          # the file's own pounds
    state.set_params({"global": {"currency": "€"}})                         # the owner: "these are euros"
    assert state.currency() == "€"
    assert state.engine_params()["global"]["currency"] == "€"
    state.set_params({"global": {"currency": "kr"}})
    assert state.currency() == "kr" and state.engine_params()["global"]["currency"] == "kr"
    state.set_params({})                                                    # "From the files" again
    assert state.currency() == "£" and state.engine_params()["global"]["currency"] == "£"


def test_the_results_carry_the_currency_they_were_computed_with(qtbot, state, tmp_path) -> None:
    """No module global: the cards write money in the currency the ResultSet was computed with."""
    from metrics_core.loading import load_dataset
    from .conftest import wait_results

    path = tmp_path / "uk_orders.csv"
    path.write_text(UK_ORDERS, encoding="utf-8")
    results = wait_results(qtbot, state, lambda: state.add_dataset(load_dataset(path)))
    assert results.currency == "£"
    results = wait_results(qtbot, state, lambda: state.set_params({"global": {"currency": "kr"}}))
    assert results.currency == "kr"


def test_cards_write_amounts_with_the_chosen_symbol(qtbot, state) -> None:
    card = KpiCard("clv", "Customer lifetime value", "currency", True)
    qtbot.addWidget(card)
    state.set_params({"global": {"currency": "kr"}})
    card.set_result(MetricResult("clv", 4201.42, "currency", n=10), currency=state.currency())
    assert card.value_label.text() == nb("4,201 kr")
    state.set_params({})
    card.set_result(MetricResult("clv", 950.5, "currency", n=10), currency=state.currency())
    assert card.value_label.text() == "€950.50"


def test_a_kpi_that_is_a_change_shows_no_change_of_its_own(qtbot) -> None:
    class Change:
        delta, current, previous = -227.1, -69.4, 157.7
        period_from, period_to = "2026-10-01", "2026-10-31"
        previous_from, previous_to = "2026-09-01", "2026-09-30"

    card = KpiCard("complaint_growth", "Complaint increase rate", "%", False)
    qtbot.addWidget(card)
    card.set_result(MetricResult("complaint_growth", -69.4, "%", n=40), Change())
    assert card.change_label.isHidden() and card.change_label.text() == ""
    csat = KpiCard("csat", "CSAT", "%", True)
    qtbot.addWidget(csat)
    csat.set_result(MetricResult("csat", 84.7, "%", n=40), Change())
    assert read(csat.change_label.text()).startswith("\u25bc \u2212227.1 pp")


def test_the_results_own_direction_colours_the_change(qtbot) -> None:
    from desktop_app import style

    class Change:
        delta, current, previous = -0.14, 2.33, 2.47
        period_from, period_to = "2026-10-01", "2026-10-31"
        previous_from, previous_to = "2026-09-01", "2026-09-30"

    card = KpiCard("ces", "Customer Effort Score", "score", None)      # the direction is a CES parameter
    qtbot.addWidget(card)
    effort = MetricResult("ces", 2.33, "score", n=40, higher_is_better=False)   # an "effort" question
    card.set_result(effort, Change())
    good = style.readable(style.GOOD, card.palette())          # (green darkened to 4.5 : 1 on the card)
    assert good.lower() in card.change_label.styleSheet().lower()            # less effort: good news


def test_a_long_value_gets_a_smaller_font_not_cut(qtbot) -> None:
    from desktop_app.panels.kpi_card import CARD_WIDTH

    card = KpiCard("peak_hours", "Peak hours", "count", None)
    qtbot.addWidget(card)
    card.set_result(MetricResult("peak_hours", 295.0, "count", n=3501,
                                 details={"busiest": {"weekday": "Mon", "hour": 8, "count": 295}}))
    text = card.value_label.text()
    assert text == "295 at Mon 08:00"
    assert card.value_label.fontMetrics().horizontalAdvance(text) <= CARD_WIDTH - 26
    assert card.change_label.isHidden()              # the busiest hour may not be last month's busiest hour


def test_a_cards_change_and_target_words_use_the_results_currency(qtbot) -> None:
    """The change under a money card used to be written in euros whatever the currency (the words of
    the report view defaulted to "€"); now the results' currency goes with them."""
    from metrics_core.metrics.engine import Change
    from metrics_core.report_view.compute import KpiOutcome

    card = KpiCard("clv", "Customer lifetime value", "currency", True)
    qtbot.addWidget(card)
    result = MetricResult("clv", 1200.0, "currency", n=10)
    outcome = KpiOutcome("clv", result, Change(1200.0, 1000.0, 200.0, 20.0, None, None), None, 1500.0)
    card.set_result(result, outcome.change, 1500.0, outcome, currency="kr")
    assert nb("+200.00 kr") in card.change_label.text() and "€" not in card.change_label.text()
    assert "1,000 kr before" in read(card.change_label.toolTip())
    assert "kr" in card.target_label.toolTip() and "€" not in card.target_label.toolTip()
