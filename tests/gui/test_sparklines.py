"""Each card carries a small trend line of its last periods, the incomplete one marked."""

from __future__ import annotations

import pandas as pd

from desktop_app.panels.dashboard import DashboardPanel

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
