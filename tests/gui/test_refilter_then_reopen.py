"""Re-filtering, then clearing the files and opening one again (the same, another), or adding a second file to a
filtered dashboard: the cards, charts and trend lines always arrive and the window ends idle — whether the
click came while the charts and trend lines of the last change were still being worked out or after them.
(s15-hang: the bench's timeline "hang" after a re-drop was its own wait for a filter that was already set.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from metrics_core.resources import demo_dir

TIMEOUT = 120_000       # ms: a loaded 2-core machine; the test asserts on what arrives, not on how fast


def idle(state) -> bool:
    runners = (state.import_runner, state.compute_runner, state.chart_runner, state.sparkline_runner)
    return not any(r.is_busy() for r in runners) and not state._recompute_timer.isActive()


def settled(qtbot, state, action) -> dict:
    """Run ``action`` and wait until the window has shown its outcome: results of the loaded files, the selected
    KPI's charts and the cards' trend lines, every job ended and ``is_busy()`` False. Returns what arrived."""
    seen = {"results": 0, "charts": 0, "sparklines": 0}

    def count(what):
        return lambda _payload: seen.__setitem__(what, seen[what] + 1)

    slots = {"results": count("results"), "charts": count("charts"), "sparklines": count("sparklines")}
    state.results_changed.connect(slots["results"])
    state.charts_changed.connect(slots["charts"])
    state.sparklines_changed.connect(slots["sparklines"])
    try:
        action()
        qtbot.waitUntil(lambda: idle(state) and all(seen.values()),
                        timeout=TIMEOUT)
    finally:
        state.results_changed.disconnect(slots["results"])
        state.charts_changed.disconnect(slots["charts"])
        state.sparklines_changed.disconnect(slots["sparklines"])
    assert not state.is_busy()
    assert state.results is not None and any(r.value is not None for r in state.results.results.values())
    assert state.chart_data is not None and state.sparklines
    return seen


def a_category(state) -> tuple[str, list]:
    return next((c, v) for c, v in state.available_filters().items() if len(v) >= 2)


@pytest.mark.parametrize("wait_between", [False, True], ids=["while-charts-run", "after-they-end"])
def test_filters_then_clear_and_open_again_the_same_and_another_file(qtbot, window, wait_between) -> None:
    state = window.state
    tickets, orders = str(demo_dir() / "tickets.csv"), str(demo_dir() / "orders.csv")
    settled(qtbot, state, lambda: state.load_files([tickets]))
    unfiltered = state.filters
    column, values = a_category(state)

    def click(action) -> None:
        if wait_between:
            settled(qtbot, state, action)
        else:
            action()            # the next change at once: the charts and trend lines of this one still to come

    click(lambda: state.filter_by(column, values[0]))
    click(lambda: state.filter_by(column, values[1]))
    click(lambda: state.set_filters(unfiltered))
    click(lambda: state.filter_by(column, values[0]))
    state.clear()                                           # "remove all files", with a category still chosen
    settled(qtbot, state, lambda: state.load_files([tickets]))                 # the same file again
    assert state.dataset_names() == ["tickets"]
    click(lambda: state.filter_by(column, values[1]))
    state.clear()
    settled(qtbot, state, lambda: state.load_files([orders]))                  # another file
    assert state.dataset_names() == ["orders"]
    column, values = a_category(state)
    click(lambda: state.filter_by(column, values[0]))
    settled(qtbot, state, lambda: state.load_files([tickets]))                 # a second file, not cleared
    assert sorted(state.dataset_names()) == ["orders", "tickets"]


def test_the_bench_refilter_after_a_re_drop_is_a_trip_with_something_to_wait_for(qtbot, window) -> None:
    """A re-drop keeps the filter of the re-filter before (clearing the files keeps the filters): the bench's
    drop starts from no filter, and a trip whose action changes nothing says so at once instead of waiting
    (for ever) for results that nothing will compute."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        import drop_to_dashboard as bench
    finally:
        sys.path.pop(0)
    state = window.state
    tickets = str(demo_dir() / "tickets.csv")
    bench.one_drop(window, [tickets])
    column, values = a_category(state)
    bench.trip(window, lambda: state.filter_by(column, values[0]), lambda: True)
    bench.one_drop(window, [tickets])                   # again, after the re-filter: as the first drop was
    assert not state.filters.categories
    bench.trip(window, lambda: state.filter_by(column, values[0]), lambda: True)
    with pytest.raises(bench.NothingToWaitFor):
        bench.trip(window, lambda: state.filter_by(column, values[0]), lambda: True)
