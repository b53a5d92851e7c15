"""The filter bar's "Compare" choice: the period before, the same period last year, or nothing; and an
NPS change written in points (one decimal at most), not in hundredths."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop_app.panels.dashboard import DashboardPanel
from desktop_app.panels.filter_bar import FilterBar
from desktop_app.settings import AppSettings

from .helpers import make_dataset


def _results_for(qtbot, state, action, comparison: str, date_from: str | None):
    """Run ``action``; wait for the results of the view it asks for (earlier computations may land first)."""
    action()

    def landed() -> bool:
        view = getattr(getattr(state.results, "view", None), "view", None)
        return (view is not None and not state.is_busy() and not state._recompute_timer.isActive()
                and view.comparison == comparison
                and (None if view.date_from is None else str(pd.Timestamp(view.date_from).date())) == date_from)

    qtbot.waitUntil(landed, timeout=30000)
    return state.results


def _answers(month: str, promoters: int, passives: int, detractors: int) -> list[tuple[pd.Timestamp, float]]:
    days = pd.date_range(f"{month}-02 10:00", periods=promoters + passives + detractors, freq="D")
    scores = [10.0] * promoters + [8.0] * passives + [3.0] * detractors
    return list(zip(days, scores))


def _surveys() -> pd.DataFrame:
    # worked out by hand: NPS = % promoters − % detractors
    rows = (_answers("2023-12", 2, 4, 4)        # Dec 2023: 20 % − 40 % = −20
            + _answers("2024-11", 4, 2, 1)      # Nov 2024: 4/7 − 1/7 = 42.857…
            + _answers("2024-12", 6, 3, 1))     # Dec 2024: 60 % − 10 % = 50
    return pd.DataFrame({"response_id": [f"R{i}" for i in range(len(rows))],
                         "submitted_at": pd.Series([r[0] for r in rows]).astype("datetime64[us]"),
                         "nps_score": [r[1] for r in rows]})


def test_same_period_last_year_is_a_choice_next_to_the_period_before(qtbot, state) -> None:
    bar = FilterBar(state)
    dash = DashboardPanel(state)
    for widget in (bar, dash):
        qtbot.addWidget(widget)
    _results_for(qtbot, state, lambda: state.add_dataset(make_dataset("surveys", "surveys", _surveys())),
                 "previous", None)
    december = state.filters.with_dates(pd.Timestamp("2024-12-01"), pd.Timestamp("2024-12-31"), "custom")
    results = _results_for(qtbot, state, lambda: state.set_filters(december), "previous", "2024-12-01")
    change = results.changes["nps"]
    assert np.isclose(change.current, 50.0) and np.isclose(change.previous, 300 / 7)
    card = dash.cards["nps"]
    assert "+7.1" in card.change_label.text() and "7.14" not in card.change_label.text()   # 50 − 42.857 points

    assert [bar.compare_combo.itemData(i) for i in range(bar.compare_combo.count())] == ["previous", "last_year",
                                                                                          "none"]
    assert bar.compare_combo.accessibleName()
    index = bar.compare_combo.findData("last_year")

    def choose_last_year() -> None:
        bar.compare_combo.setCurrentIndex(index)
        bar.compare_combo.activated.emit(index)

    results = _results_for(qtbot, state, choose_last_year, "last_year", "2024-12-01")
    assert state.comparison == "last_year"
    change = results.changes["nps"]
    assert pd.Timestamp(change.previous_from) == pd.Timestamp("2023-12-01")
    assert np.isclose(change.previous, -20.0) and np.isclose(change.absolute, 70.0)
    assert "+70" in card.change_label.text() and "70.0" not in card.change_label.text()

    none = bar.compare_combo.findData("none")
    results = _results_for(qtbot, state, lambda: (bar.compare_combo.setCurrentIndex(none),
                                                  bar.compare_combo.activated.emit(none)), "none", "2024-12-01")
    assert "nps" not in results.changes or results.changes["nps"] is None
    assert card.change_label.text() == "" or card.change_label.isHidden()


def test_the_comparison_is_remembered_between_sessions(qtbot, tmp_path) -> None:
    from desktop_app.main_window import MainWindow

    settings = AppSettings(tmp_path / "settings.ini")
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.state.set_comparison("last_year")
    assert settings.comparison == "last_year"
    later = MainWindow(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(later)
    assert later.state.comparison == "last_year"
    assert later.workspace.filter_bar.compare_combo.currentData() == "last_year"
