"""The window tells the owner when overlapping exports were merged (issue 10, item 7)."""

from __future__ import annotations

from desktop_app.main_window import MainWindow
from metrics_core.loading import load_dataset

from .conftest import wait_results

JAN = "Ticket ID,Created at,Status\n1,2024-01-05 10:00,Closed\n2,2024-01-20 10:00,Closed\n3,2024-01-30 10:00,Open\n"
FEB = "Ticket ID,Created at,Status\n3,2024-01-30 10:00,Closed\n4,2024-02-03 10:00,Open\n"


def test_sidebar_and_message_bar_name_the_dropped_duplicates(qtbot, settings, tmp_path):
    (tmp_path / "jan.csv").write_text(JAN, encoding="utf-8")
    (tmp_path / "feb.csv").write_text(FEB, encoding="utf-8")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    state = window.state
    try:
        state.add_dataset(load_dataset(tmp_path / "jan.csv"))
        results = wait_results(qtbot, state, lambda: state.add_dataset(load_dataset(tmp_path / "feb.csv")))
        # by hand: ticket 3 is in both files; the later file (feb.csv) keeps it -> 4 tickets, 1 dropped from jan.csv
        assert results.results["request_volume"].value == 4
        items = {window.workspace.sidebar.list.item(i).text(): window.workspace.sidebar.list.item(i)
                 for i in range(window.workspace.sidebar.list.count())}
        assert "1 from jan.csv" in items["jan.csv"].toolTip()
        assert "duplicate" in items["feb.csv"].toolTip()           # both files were merged: both say so
        assert "Tickets: 1 duplicate row dropped" in window.message_bar.text()
    finally:
        state.cancel()
        state.chart_runner.cancel()
        state.compute_runner.wait(10000)
        state.chart_runner.wait(10000)
