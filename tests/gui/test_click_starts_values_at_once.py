"""A click on a bar (``AppState.filter_by``) starts the filter's values before it returns, not at the next turn
of the event loop: that turn first paints the panels and waits for the GIL a cancelled job may hold (the drop's
trend lines at the first re-filter of 1,048,576 tickets: 10-80 ms before the values job started; issue 15,
session 20). A change that follows another within the pause still waits for the pause."""

from __future__ import annotations

from metrics_core.resources import demo_dir

TIMEOUT = 120_000       # ms: a loaded 2-core machine


def idle(state) -> bool:
    runners = (state.import_runner, state.compute_runner, state.chart_runner, state.sparkline_runner)
    return not any(r.is_busy() for r in runners) and not state._recompute_timer.isActive()


def loaded(qtbot, state) -> tuple[str, list]:
    state.load_files([str(demo_dir() / "tickets.csv")])
    qtbot.waitUntil(lambda: state.results is not None and idle(state), timeout=TIMEOUT)
    return next((c, v) for c, v in state.available_filters().items() if len(v) >= 2)


def started_jobs(state, monkeypatch) -> list[str]:
    started: list[str] = []
    real = state._start
    monkeypatch.setattr(state, "_start", lambda job, *a, **k: (started.append(job), real(job, *a, **k))[1])
    return started


def test_a_click_on_a_bar_starts_its_values_before_it_returns(qtbot, window, monkeypatch) -> None:
    state = window.state
    column, values = loaded(qtbot, state)
    qtbot.wait(200)                             # (longer than the pause: the click is a change alone)
    started = started_jobs(state, monkeypatch)
    state.filter_by(column, values[0])
    assert started == ["values"]                # started (or its remembered values shown) in the click itself
    assert not state._recompute_timer.isActive()
    qtbot.waitUntil(lambda: idle(state) and state.results is not None, timeout=TIMEOUT)
    assert dict(state.results.view.view.categories) == {column: (values[0],)}      # the values of the click


def test_a_click_right_after_another_change_waits_for_the_pause(qtbot, window, monkeypatch) -> None:
    state = window.state
    column, values = loaded(qtbot, state)
    qtbot.wait(200)
    state.filter_by(column, values[0])
    started = started_jobs(state, monkeypatch)
    state.filter_by(column, values[1])          # within the pause of the first: a burst of changes
    assert started == []
    assert state._recompute_timer.isActive()
    qtbot.waitUntil(lambda: idle(state), timeout=TIMEOUT)
    assert started[0] == "values"
    assert dict(state.results.view.view.categories) == {column: (values[1],)}
