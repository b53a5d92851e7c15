"""Filters follow the data: presets, range and grain are recomputed when files are added or removed;
"Clear filters" resets the grain; a file without dates compares no months."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from desktop_app.filter_state import FilterState, preset_range
from desktop_app.panels.filter_bar import FilterBar

from .conftest import wait_results
from .helpers import make_dataset, tickets_frame


def _shifted(days: int, n: int = 80, seed: int = 3) -> pd.DataFrame:
    frame = tickets_frame(n, seed)
    for column in ("created_at", "first_response_at", "resolved_at"):
        frame[column] = frame[column] + pd.Timedelta(days=days)
    return frame


def test_latest_month_follows_the_files_added_and_removed(qtbot, state) -> None:
    bar = FilterBar(state)
    qtbot.addWidget(bar)
    first = make_dataset("first", "tickets", tickets_frame(80))
    state.add_dataset(first)
    last_first = first.frame["created_at"].max()
    bar.preset_combo.setCurrentIndex(bar.preset_combo.findData("this_month"))
    bar._on_preset_activated(bar.preset_combo.currentIndex())
    assert (state.filters.date_from, state.filters.date_to) == preset_range("this_month", last_first)

    later = make_dataset("later", "tickets", _shifted(200))
    state.add_dataset(later)
    last_later = later.frame["created_at"].max()
    assert last_later.month != last_first.month
    assert (state.filters.date_from, state.filters.date_to) == preset_range("this_month", last_later)
    assert last_later.strftime("%b") in bar.preset_combo.currentText()         # "Latest month (Oct 2024)"
    assert bar.to_edit.date().toPython() == last_later.date()

    state.remove_dataset("later")
    assert (state.filters.date_from, state.filters.date_to) == preset_range("this_month", last_first)
    assert bar.to_edit.date().toPython() == last_first.date()


def test_a_long_file_is_not_drawn_per_week_and_clear_resets_the_grain(qtbot, state) -> None:
    bar = FilterBar(state)
    qtbot.addWidget(bar)
    state.set_filters(replace(state.filters, granularity="week"))       # remembered from the last session
    two_years = tickets_frame(400)
    two_years["created_at"] = pd.Timestamp("2021-01-01") + pd.to_timedelta(
        (pd.Series(range(400)) * (730 / 400)).round().astype(int), unit="D")
    state.add_dataset(make_dataset("two_years", "tickets", two_years))
    assert state.filters.granularity == "month"                          # not 104 weekly points
    assert bar.granularity_combo.currentData() == "month"
    state.set_filters(replace(state.filters, granularity="day", categories={"agent": ("Eva",)}))
    bar.clear_button.click()
    assert state.filters.granularity == "month" and not state.filters.categories
    assert state.filters == FilterState(granularity="month")


def test_a_file_without_dates_says_no_dates_and_compares_no_months(qtbot, state) -> None:
    bar = FilterBar(state)
    qtbot.addWidget(bar)
    frame = tickets_frame(60)
    frame["created_at"] = pd.NaT
    frame = frame.drop(columns=["first_response_at", "resolved_at"])
    results = wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("undated", "tickets", frame)))
    assert bar.from_edit.text() == "no dates" and not bar.preset_combo.isEnabled()
    assert results.results["request_volume"].value == 60
    assert results.changes == {}                          # no "Oct vs Sep" on any card


def test_the_grain_made_coarser_for_a_long_file_comes_back_when_shorter_files_follow(qtbot, state) -> None:
    """s13-shots-slsv: the staff register alone spans over five years (quarters); with a half-year ticket file added the
    dates are the tickets' six months, but the trends stayed per quarter (three points, two partial)."""
    six_years = tickets_frame(300)
    six_years["created_at"] = pd.Timestamp("2021-01-01") + pd.to_timedelta(
        (pd.Series(range(300)) * (2190 / 300)).round().astype(int), unit="D")
    state.add_dataset(make_dataset("six_years", "tickets", six_years))
    assert state.filters.granularity == "quarter"                     # 72 months would be too many points
    state.remove_dataset("six_years")
    state.add_dataset(make_dataset("half_year", "tickets", tickets_frame(80)))
    assert state.filters.granularity == "month"                       # the grain asked for (the default)
    state.set_filters(replace(state.filters, granularity="week"))     # the owner's own choice is kept
    state.add_dataset(make_dataset("more", "tickets", _shifted(30)))
    assert state.filters.granularity == "week"


def test_a_category_filter_goes_with_the_last_file_that_offers_its_column(qtbot, state) -> None:
    """s15-hang: tickets filtered to one status, then removed: the filter stayed, with no button in the bar to undo
    it, and filtered the tickets opened next. A filter on a column another file still offers stays."""
    from .helpers import surveys_frame

    state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80)))
    state.add_dataset(make_dataset("surveys", "surveys", surveys_frame(60)))
    assert {"status", "channel"} <= set(state.available_filters())
    state.set_filters(state.filters.with_category("status", ["solved"]).with_category("channel", ["Email"]))
    state.remove_dataset("tickets")
    assert "status" not in state.filters.categories
    assert state.filters.categories == {"channel": ("Email",)}           # the surveys still have channels
    state.remove_dataset("surveys")
    assert state.filters.categories == {}
    state.add_dataset(make_dataset("again", "tickets", tickets_frame(80)))
    assert state.filters.categories == {}
