"""A message that stays until it is closed (a damaged file's error) hides nothing of the charts (s17-review): laid over
the work area's bottom right it covered the breakdown's whole value axis ("0 20 40 60 80", "% · worst first") and the
trend's latest month ("Oct 2026"), at 1366 x 768 and 1280 x 720 (shots17.md, 54_error_unreadable_file). The charts
end above it while it shows and take their room back when it is closed; the cards, the filters and the tabs do not
move (test_message_bar_moves_nothing), also where the charts have little room: they never get less than their
least height (at 1280 x 720 under Xvfb the splitter took that from the cards, and the breakdown scrolled)."""

from __future__ import annotations

from .helpers import loaded_window
from .test_message_bar_moves_nothing import DAMAGED, _rect_in, _settle


def test_an_error_strip_covers_no_chart(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    area, bar, central = window.workspace.chart_area, window.message_bar, window.centralWidget()
    _settle(qtbot)
    charts_before = [_rect_in(chart, central) for chart in (area.trend, area.bars)]
    for size in ((1366, 768), (1280, 720)):
        window.resize(*size)
        bar.show_message(DAMAGED, "error")
        _settle(qtbot)
        shown = _rect_in(bar, central)
        assert bar.isVisible()
        for chart in (area.trend, area.bars):
            assert chart.isVisible() and chart.height() > 120, (size, chart.height())
            assert not shown.intersects(_rect_in(chart, central)), \
                f"{size}: the strip {shown} lies over {type(chart).__name__} {_rect_in(chart, central)}"
        bar.clear()
        _settle(qtbot)
    window.resize(1366, 768)
    _settle(qtbot)
    assert [_rect_in(chart, central) for chart in (area.trend, area.bars)] == charts_before   # their room back


def test_charts_at_their_least_height_take_no_room_from_the_cards(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    ws, area, bar = window.workspace, window.workspace.chart_area, window.message_bar
    window.resize(1280, 720)
    _settle(qtbot)
    total = sum(ws.dash_split.sizes())
    least = area.minimumSizeHint().height()
    ws.dash_split.setSizes([total - least - 20, least + 20])       # the charts 20 px above their least height
    _settle(qtbot)
    cards, charts = ws.dashboard.height(), area.height()
    bar.show_message(DAMAGED, "error")
    _settle(qtbot)
    assert (ws.dashboard.height(), area.height()) == (cards, charts), "the splitter moved while the strip showed"
    assert area.trend.height() >= area.trend.minimumSizeHint().height()
    assert area.bars.height() >= area.bars.minimumSizeHint().height()
