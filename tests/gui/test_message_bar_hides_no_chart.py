"""A message that stays until it is closed (a damaged file's error) hides nothing an owner needs, on any page, at
1366 x 768 and 1280 x 720. Laid over the work area's bottom right it covered the breakdown's whole value axis and the
trend's latest month (s17-review, shots17.md 54_error_unreadable_file); with the charts ending above it (s17) it still
covered the foot of their axes where they had no room to give (1280 x 720 under Xvfb: the charts at their least
height), the Data tab's last rows and scroll bars and the start page's bottom right (shots17.md, Left). Since s18-gui
the strip takes a row of its own under the work area while it shows: whatever is on the page ends above it, and has
its room back once the strip is closed."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget

from .helpers import described, loaded_window
from .test_message_bar_row import DAMAGED, _rect_in, _settle

SIZES = ((1366, 768), (1280, 720))


def _under_the_strip(window, widgets: list[QWidget]) -> list[str]:
    """The shown ``widgets`` the message strip lies over (none while it is closed)."""
    bar, central = window.message_bar, window.centralWidget()
    if not bar.isVisible():
        return []
    strip = _rect_in(bar, central)
    return [f"{described(w)} {_rect_in(w, central)} under the strip {strip}" for w in widgets
            if w.isVisible() and strip.intersects(_rect_in(w, central))]


def _rects(window, widgets: list[QWidget]) -> list:
    return [_rect_in(w, window.centralWidget()) for w in widgets]


def _show_error(qtbot, window) -> None:
    window.message_bar.show_message(DAMAGED, "error")
    _settle(qtbot)
    assert window.message_bar.isVisible()


def _close_error(qtbot, window) -> None:
    window.message_bar.close_button.click()
    _settle(qtbot)
    assert window.message_bar.isHidden()


def test_an_error_strip_covers_no_chart(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    ws, area = window.workspace, window.workspace.chart_area
    charts = [area.trend, area.bars]
    for least in (False, True):     # as the window fits them; at their least height, the handle dragged down (as the
        for size in SIZES:          # fit left them at 1280 x 720 under Xvfb: no room of theirs to give)
            window.resize(*size)
            _settle(qtbot)
            if least:
                total, lowest = sum(ws.dash_split.sizes()), area.minimumSizeHint().height()
                ws.dash_split.moveSplitter(total - lowest, 1)       # (as the owner drags it)
                _settle(qtbot)
                assert ws.dash_split.sizes()[1] == lowest
            before = _rects(window, charts)
            _show_error(qtbot, window)
            assert _under_the_strip(window, charts) == [], (size, least)
            for chart in charts:
                assert chart.height() >= chart.minimumSizeHint().height() and chart.height() > 120, \
                    (size, least, chart.height())
            _close_error(qtbot, window)
            assert _rects(window, charts) == before, (size, least, "their room back")


def test_an_error_strip_covers_no_row_or_scroll_bar_of_the_data(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    table = window.workspace.data_view.table
    window.workspace.show_data()
    parts = [table.viewport(), table.verticalScrollBar(), table.horizontalScrollBar()]
    for size in SIZES:
        window.resize(*size)
        _settle(qtbot)
        table.scrollToBottom()
        _settle(qtbot)
        assert table.verticalScrollBar().isVisible(), "the table is longer than the page"
        before = _rects(window, parts)
        _show_error(qtbot, window)
        table.scrollToBottom()
        _settle(qtbot)
        assert _under_the_strip(window, parts) == [], size
        last = table.model().rowCount() - 1
        assert 0 <= table.rowViewportPosition(last) and \
            table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height(), "the last row whole"
        _close_error(qtbot, window)
        assert _rects(window, parts) == before, (size, "their room back")


def test_an_error_strip_covers_nothing_of_the_start_page(qtbot, settings) -> None:
    for n in range(8):                                      # the recent lists as full as an owner's
        settings.add_recent_file(f"/tmp/export {n}.csv")
        settings.add_recent_project(f"/tmp/work {n}.kpidesk")
    window = loaded_window(qtbot, settings)
    window.actions["start"].trigger()
    page = window.start_page
    content = [w for w in page.findChildren(QWidget) if isinstance(w, (QLabel, QAbstractButton, QAbstractItemView))]
    for size in (*SIZES, (1280, 520)):      # (at 1366 and 1280 the page's foot is empty; a window not maximised)
        window.resize(*size)
        _settle(qtbot)
        before = _rects(window, content)
        _show_error(qtbot, window)
        assert _under_the_strip(window, content) == [], size
        _close_error(qtbot, window)
        assert _rects(window, content) == before, (size, "the page as it was")
