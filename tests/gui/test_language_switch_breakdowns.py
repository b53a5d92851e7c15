"""After the language is switched with data in, the chart area's "Break down by" box lists the same columns (in the
new language) with the same one chosen, and the filter row offers the same filters, on the row or in "More filters"
(s20-switch: in Serbian at 1366 x 768 the box was empty: it was filled only when a file was added, and the window
built again in another language had none added)."""

from __future__ import annotations

import pytest

from desktop_app.main_window import MainWindow
from desktop_app.panels.filter_bar import FilterBar
from metrics_core.catalogue import field_label

from .helpers import loaded_window


@pytest.fixture
def window(qtbot, settings):
    w = loaded_window(qtbot, settings)
    _idle(qtbot, w)
    yield w
    w.state.cancel()
    w.state.chart_runner.cancel()
    w.state.import_runner.wait(10000)
    w.state.chart_runner.wait(10000)


def _idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(lambda: not w.state.is_busy() and not w.state.chart_runner.is_busy(), timeout=30000)
    qtbot.wait(100)


def _breakdowns(w: MainWindow) -> tuple[list[tuple[object, str]], object]:
    combo = w.workspace.chart_area.category_combo
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())], combo.currentData()


def _filters_offered(bar: FilterBar) -> tuple[set[str], set[str]]:
    """The columns with a button shown on the row, and those in "More filters" (when that button is shown)."""
    on_row = {c for c, b in bar.category_buttons.items() if b.isVisible()}
    more = bar.more_button
    in_more = set()
    if more is not None and more.isVisible():
        menus = {a.menu() for a in more.menu().actions()}
        in_more = {c for c, m in bar.category_menus.items() if m in menus}
    return on_row, in_more


@pytest.mark.parametrize("chosen", ["channel", None])
def test_switching_the_language_keeps_the_breakdowns_and_filters(qtbot, window: MainWindow, chosen) -> None:
    w, state = window, window.state
    with qtbot.waitSignal(state.charts_changed, timeout=30000):
        state.set_chart_category(chosen)
    _idle(qtbot, w)
    items, current = _breakdowns(w)
    assert current == state.chart_data.category and len(items) > 2, items        # (none): the usual first
    on_row, in_more = _filters_offered(w.workspace.filter_bar)
    offered = on_row | in_more
    assert {"agent", "channel"} <= offered and not on_row & in_more, (on_row, in_more)
    for code in ("sr", "en", "sl", "ro", "sv", "sr-Latn", "en"):
        with qtbot.waitSignal(state.charts_changed, timeout=30000):
            w.set_language(code)
        _idle(qtbot, w)
        now, now_current = _breakdowns(w)
        assert [c for c, _t in now] == [c for c, _t in items], (code, now)
        assert now_current == current and state.chart_category == chosen, code
        assert [t for c, t in now if c is not None] == [field_label(c).capitalize() for c, _t in now if c is not None]
        row, more = _filters_offered(w.workspace.filter_bar)
        assert row | more == offered and not row & more, (code, row, more)
    assert _breakdowns(w) == (items, current)         # English again: the very same texts


def test_a_filtered_column_folded_for_width_is_named_on_more_filters_in_serbian(qtbot, window: MainWindow) -> None:
    """Where the row has no room for it, the agent filter that is on is in "More filters", which says so."""
    w, state = window, window.state
    with qtbot.waitSignal(state.charts_changed, timeout=30000):
        state.filter_by("agent", "Eva")
    _idle(qtbot, w)
    with qtbot.waitSignal(state.charts_changed, timeout=30000):
        w.set_language("sr")
    _idle(qtbot, w)
    bar = w.workspace.filter_bar
    row, more = _filters_offered(bar)
    assert "agent" in row | more
    if "agent" in row:
        assert bar.category_buttons["agent"].text() == "Агент: Eva \u25be"
    else:
        assert bar.more_button.text() == "Још филтера (укључени: 1) \u25be"
        assert bar.more_button.toolTip() == "Агент: Eva"
