"""Each card carries a small trend line of its last periods, the incomplete one marked."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop_app.panels.dashboard import DashboardPanel

from metrics_core.dataset import DataBundle
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.progress import Reporter
from metrics_core.report_view import KpiView, compute_view

from desktop_app.sparkline_job import sparklines_job

from ..core.metrics.test_plausibility import tickets_with_purchase_dates  # noqa: F401 (a fixture)
from .conftest import wait_results
from .helpers import make_dataset, tickets_frame


def test_cards_show_their_last_periods_with_the_incomplete_one_marked(qtbot, state) -> None:
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.resize(1100, 600)
    panel.show()
    frame = tickets_frame(300)
    with qtbot.waitSignal(state.sparklines_changed, timeout=60000) as blocker:
        wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("t", "tickets", frame)))
    sparks = blocker.args[0]
    # worked out by hand from the rows: tickets created per month, oldest first
    per_month = frame["created_at"].dt.to_period("M").value_counts().sort_index()
    assert list(sparks["request_volume"].values) == [float(v) for v in per_month.to_numpy()]
    last = frame["created_at"].max()
    month_end = last.to_period("M").end_time.normalize()
    assert sparks["request_volume"].last_incomplete == (last.normalize() < month_end)
    line = panel.cards["request_volume"].sparkline
    assert line.points() == [float(v) for v in per_month.to_numpy()]
    assert line.last_incomplete() == sparks["request_volume"].last_incomplete
    assert line.is_drawn() and "to" in line.toolTip()
    assert panel.cards["csat"].sparkline.points()                  # a ratio KPI has one too


def test_a_card_shows_its_sparkline_beside_its_target_met_or_missed(qtbot, state) -> None:
    """The other half of a card "at a glance": its target state, both ways, on the card beside its trend line
    (not only in its tooltip), told apart by more than colour (the ✔ / ✘ and the words); no target, no target
    line. CSAT of the rows worked out by hand: the share of scores 4 or 5."""
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.resize(1100, 600)
    panel.show()
    frame = tickets_frame(300)
    results = wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("t", "tickets", frame)))
    card = panel.cards["csat"]
    scores = frame["csat_score"].dropna()
    csat = 100.0 * (scores >= 4).sum() / len(scores)
    assert results.results["csat"].value == pytest.approx(csat)
    assert card.target_label.isHidden()
    shown = {}
    for target, expected in ((csat - 1, "met"), (csat + 1, "missed")):
        wait_results(qtbot, state, lambda t=target: state.set_targets({"csat": t}))
        qtbot.waitUntil(lambda: card.sparkline.is_drawn(), timeout=10000)
        assert card.target_label.isVisibleTo(card) and card.sparkline.isVisibleTo(card), card.target_label.text()
        shown[expected] = (card.target_label.text(), card.target_label.styleSheet())
    assert shown["met"][0] == "\u2714 target met" and shown["missed"][0] == "\u2718 target missed", shown
    assert shown["met"][1] != shown["missed"][1]                     # and in two colours


def test_open_tickets_lines_run_to_the_day_their_figure_is_counted_on(tickets_with_purchase_dates) -> None:
    """64_issue_date_only_tickets (the Kaggle file, 'Date of Purchase' as the creation date, to 30 Dec 2021; the
    resolutions run to 2 Jun 2023): Open tickets and Ticket backlog read 5,700 counted on 2 Jun 2023 while their
    lines ended in Dec 2021 at 8,469; Resolved issues' line was flat 0 beside 2,769 (every resolution is in May or
    June 2023). Now they run to June 2023, their last point the figure; tickets created keep their own months."""
    bundle = DataBundle([tickets_with_purchase_dates])
    ids = ["open_tickets", "backlog", "resolved_count", "request_volume"]
    figures = compute_view(bundle, {}, KpiView(kpis=tuple(ids))).results
    sparks = sparklines_job(bundle, {}, Filters(), "month", ids)(Reporter())
    for metric_id in ("open_tickets", "backlog"):
        assert sparks[metric_id].starts[-1] == pd.Timestamp("2023-06-01")
        assert sparks[metric_id].values[-1] == figures[metric_id].value == 5700
        assert sparks[metric_id].last_incomplete                      # (June 2023 only to its 2nd)
    resolved = sparks["resolved_count"].values
    assert sparks["resolved_count"].starts[-2:] == (pd.Timestamp("2023-05-01"), pd.Timestamp("2023-06-01"))
    assert sum(resolved) == figures["resolved_count"].value == 2769 and resolved[-1] > 0
    assert sparks["request_volume"].starts[-1] == pd.Timestamp("2021-12-01")      # created: the dates shown
