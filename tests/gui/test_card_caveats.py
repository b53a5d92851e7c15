"""What a card says when its number cannot be taken at face value (issue 14, "plausible or silent"), in the
window: durations from a creation column of dates without times (the real Kaggle ticket file of the issue,
"first response 884 d 17 h" shown without a word of doubt), and two shops' amounts in pounds and euros (shown
as one amount in € before). Expected values are worked out by hand from the rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.formatting import DASH
from desktop_app.panels.dashboard import DashboardPanel
from metrics_core.loading import load_dataset
from metrics_core.mapping.model import FieldMapping

from .conftest import wait_results

UK = ("Order,Date,Customer,Amount (GBP)\n1,2024-01-03,C1,40.00\n2,2024-01-09,C2,12.50\n3,2024-02-11,C1,8.00\n"
      "4,2024-03-02,C3,25.00\n5,2024-03-20,C1,17.50\n")
DE = "Order,Date,Customer,Amount (EUR)\n10,2024-01-05,D1,100.00\n11,2024-02-05,D2,50.00\n12,2024-02-07,D1,30.00\n"


def _dashboard(qtbot, state, *datasets) -> DashboardPanel:
    dash = DashboardPanel(state)
    qtbot.addWidget(dash)
    for ds in datasets:
        wait_results(qtbot, state, lambda ds=ds: state.add_dataset(ds))
    dash.show_all_box.setChecked(True)
    return dash


def test_a_duration_from_dates_without_times_says_so_on_its_card(qtbot, state, datasets_dir) -> None:
    path = datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv"
    detected = load_dataset(path)
    fields = dict(detected.mapping.fields)
    fields["created_at"] = FieldMapping("created_at", ["Date of Purchase"], 1.0, "user", "chosen by the owner")
    dash = _dashboard(qtbot, state, load_dataset(path, mapping=replace(detected.mapping, fields=fields)))
    card = dash.cards["first_response_time"]
    assert card.value_label.text() != DASH
    assert not card.reason_label.isHidden() and "no times of day" in card.reason_label.text()
    assert "midnight" in card.reason_label.toolTip()
    peak = dash.cards["peak_hours"]
    assert peak.value_label.text() == DASH and "no times of day" in peak.reason_label.toolTip()


def test_pounds_and_euros_are_not_one_amount_on_a_card(qtbot, state, tmp_path: Path) -> None:
    (tmp_path / "uk.csv").write_text(UK, encoding="utf-8")
    (tmp_path / "de.csv").write_text(DE, encoding="utf-8")
    dash = _dashboard(qtbot, state, load_dataset(tmp_path / "uk.csv"), load_dataset(tmp_path / "de.csv"))
    assert state.currencies == {"uk.csv": "£", "de.csv": "€"}
    card = dash.cards["clv_historical"]
    assert card.value_label.text() == DASH                              # (65.50 + 12.50 + 25) / 3 and (130 + 50) / 2
    said = card.reason_label.toolTip()
    assert "different currencies" in said and "£34.33 in uk.csv" in said and "€90.00 in de.csv" in said
    # one shop only: its own currency, its own value
    wait_results(qtbot, state, lambda: state.remove_dataset("de.csv"))
    assert dash.cards["clv_historical"].value_label.text() == "£34.33"


def test_a_share_by_channel_needs_a_channel_on_the_real_pwc_call_log(qtbot, state, datasets_dir) -> None:
    """Issue 14: "Contact volume per channel 100 %" appeared when no channel column was mapped. The PwC call log
    has none (Topic and Agent only): the card has no value and says what it needs; its charts say the same."""
    from desktop_app.panels.chart_area import ChartArea

    pwc = load_dataset(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")
    assert "channel" not in pwc.frame.columns
    dash = _dashboard(qtbot, state, pwc)
    charts = ChartArea(state)
    qtbot.addWidget(charts)
    card = dash.cards["volume_by_channel"]
    assert card.value_label.text() == DASH
    assert "Channel" in card.reason_label.toolTip() and "%" not in card.value_label.text()
    state.set_chart_category("agent")
    state.select_metric("volume_by_channel")
    qtbot.waitUntil(lambda: state.chart_data is not None and state.chart_data.metric_id == "volume_by_channel"
                    and not state.chart_runner.is_busy(), timeout=60000)
    qtbot.wait(50)
    said = charts.bars.empty_label.text()
    assert charts.bars.is_empty() and "Channel" in said and "for these filters" not in said, said


def test_blocking_on_the_real_pwc_call_log_says_what_it_needs(qtbot, state, datasets_dir) -> None:
    """shots16-a: "Blocking 0.0 % from 5,000 rows" on the PwC log, whose only outcome is Answered (Y/N): a busy
    signal cannot be told from an abandon there. The card has no value and names the column it needs."""
    pwc = load_dataset(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")
    dash = _dashboard(qtbot, state, pwc)
    card = dash.cards["blocking_rate"]
    assert card.value_label.text() == DASH and "%" not in card.value_label.text()
    said = card.reason_label.toolTip() or card.reason_label.text()
    assert "Outcome" in said and "busy or blocked" in said, said
    assert dash.cards["abandonment_rate"].value_label.text() != DASH        # (the abandons are measured)
