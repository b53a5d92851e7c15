"""A filter changed alone starts its values at the next turn of the event loop, not after the pause that waits
for more changes; a change that follows another within the pause still waits, so a burst is computed once
(issue 15, session 18: the pause was 30 ms of the first re-filter's wall time, the window idle in most of it).
A click on a bar (``filter_by``) starts its values before it returns (session 20:
test_click_starts_values_at_once.py); the burst below is changed through ``set_filters``, as the filter bar does."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from desktop_app.app_state import PAUSE_MS

from .conftest import wait_results
from .helpers import make_dataset, surveys_frame, tickets_frame


def loaded_and_idle(qtbot, state) -> None:
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_frame())
    wait_results(qtbot, state, lambda: (state.add_dataset(tickets), state.add_dataset(surveys)))
    qtbot.waitUntil(lambda: not state.values_pending() and not state.chart_runner.is_busy(), timeout=60000)
    time.sleep(2 * PAUSE_MS / 1000)              # (the last change long past)


def test_a_filter_changed_alone_starts_its_values_at_the_next_turn_of_the_loop(qtbot, state) -> None:
    loaded_and_idle(qtbot, state)
    starts = []
    state.compute_runner.started.connect(starts.append)
    clicked = time.perf_counter()
    state.filter_by("channel", "Email")
    QCoreApplication.processEvents()             # one turn of the loop: the panels follow, then the values start
    turned = time.perf_counter() - clicked
    if turned * 1000 < PAUSE_MS:                 # (a stalled machine would let the old pause end too)
        assert len(starts) == 1
    results = wait_results(qtbot, state, lambda: None, timeout=60000) if state.values_pending() else state.results
    assert results.view.view.categories == {"channel": ("Email",)}


def test_a_change_within_the_pause_waits_for_it_and_the_burst_is_computed_once(qtbot, state) -> None:
    loaded_and_idle(qtbot, state)
    starts = []
    state.compute_runner.started.connect(starts.append)
    state.set_filters(state.filters.with_category("channel", ["Email"]))
    state.set_filters(state.filters.with_category("channel", ["Chat"]))      # within the pause (the same turn)
    clicked = time.perf_counter()
    QCoreApplication.processEvents()
    if (time.perf_counter() - clicked) * 1000 < PAUSE_MS:
        assert starts == []
    results = wait_results(qtbot, state, lambda: None, timeout=60000)
    assert len(starts) == 1
    assert results.view.view.categories == {"channel": ("Chat",)}
