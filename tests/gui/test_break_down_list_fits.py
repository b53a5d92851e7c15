"""29_break_down_by_open (1366 x 768): the open "Break down by" list of the demo's columns ran past the window's
bottom (Fusion opens it over the current choice, as long as it is). It stays inside the window and scrolls, the
current choice in view."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.panels.chart_area import ChartArea
from desktop_app.panels.window_combo import WindowComboBox

COLUMNS = [f"Column {i}" for i in range(30)]


@pytest.mark.parametrize("current", [0, 12, 29])
def test_the_open_list_stays_inside_the_window_and_scrolls(qtbot, current) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(20, 20, 600, 420)
    layout = QVBoxLayout(window)
    layout.addStretch(3)                    # (the combo low in the window, as over the charts)
    combo = WindowComboBox()
    combo.addItems(COLUMNS)
    combo.setCurrentIndex(current)
    layout.addWidget(combo)
    layout.addStretch(1)
    window.show()
    qtbot.waitExposed(window)
    combo.showPopup()
    popup = combo.view().window()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    try:
        inside = window.geometry()
        assert inside.contains(popup.geometry()), (popup.geometry(), inside)
        view = combo.view()
        assert view.verticalScrollBar().maximum() > 0 or view.viewport().height() < 30 * view.sizeHintForRow(0)
        row = view.model().index(current, 0)

        def in_view() -> bool:       # (once the list has its height: its scroll arrows are laid out after it opens)
            shown = view.visualRect(row)
            return 0 <= shown.top() and shown.bottom() <= view.viewport().height()
        qtbot.waitUntil(in_view, timeout=3000)
    finally:
        combo.hidePopup()


def test_the_charts_break_down_by_list_is_one(qtbot, state) -> None:
    area = ChartArea(state)
    qtbot.addWidget(area)
    assert isinstance(area.category_combo, WindowComboBox)
