"""The file the sidebar highlights is the file the data view shows: after loading, adding and removing files, and
after a click in either (s11 screenshots: call_intervals.csv highlighted while the data view showed tickets).
While the data view shows the rows behind a KPI, no file is highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.workspace import Workspace

from .conftest import wait_results
from .helpers import make_dataset, shown, surveys_frame, tickets_frame


def _highlighted(ws: Workspace) -> str | None:
    items = ws.sidebar.list.selectedItems()
    return items[0].data(Qt.ItemDataRole.UserRole) if items else None


def _agree(ws: Workspace) -> tuple[str | None, str | None, bool]:
    """(file highlighted, file the data view names, whether its table holds that file's rows)."""
    key = ws.data_view.dataset_combo.currentData()
    ds = ws.state.dataset(key) if isinstance(key, str) else None
    return _highlighted(ws), (key if ds is not None else None), ds is not None and ws.data_view.model.frame() is ds.frame


def _click_file(qtbot, ws: Workspace, name: str) -> None:
    lst = ws.sidebar.list
    row = next(r for r in range(lst.count()) if lst.item(r).data(Qt.ItemDataRole.UserRole) == name)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(lst.item(row)).center())


def _choose_in_data_view(ws: Workspace, key: str) -> None:
    combo = ws.data_view.dataset_combo
    combo.setCurrentIndex(combo.findData(key))
    combo.activated.emit(combo.currentIndex())          # as when the owner picks it


def test_the_highlighted_file_is_the_file_the_data_view_shows(qtbot, state) -> None:
    ws = shown(qtbot, Workspace(state), 1100, 600)
    ws.show_data()
    wait_results(qtbot, state, lambda: [state.add_dataset(make_dataset(n, "tickets", tickets_frame(30 + i)))
                                        for i, n in enumerate(("call_intervals", "calls", "tickets"))])
    assert _agree(ws) == ("call_intervals", "call_intervals", True)      # loaded: the first file, both sides

    _click_file(qtbot, ws, "tickets")
    assert _agree(ws) == ("tickets", "tickets", True)                    # a click in the sidebar

    _choose_in_data_view(ws, "calls")
    assert _agree(ws) == ("calls", "calls", True)                        # a choice in the data view

    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("surveys", "surveys", surveys_frame())))
    assert _agree(ws) == ("calls", "calls", True)                        # a file added: the shown one stays

    wait_results(qtbot, state, lambda: state.remove_dataset("calls"))
    assert _agree(ws) == ("call_intervals", "call_intervals", True)      # the shown one removed: the first

    _click_file(qtbot, ws, "surveys")
    state.request_drilldown("first_response_time")                      # the rows behind a KPI: no file
    assert ws.data_view.dataset_combo.currentIndex() == 0 and _highlighted(ws) is None
    assert not ws.sidebar.remove_button.isEnabled()

    _click_file(qtbot, ws, "tickets")                                    # back to a file from the sidebar
    assert _agree(ws) == ("tickets", "tickets", True)
