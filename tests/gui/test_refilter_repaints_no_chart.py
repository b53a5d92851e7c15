"""A re-filter repaints no chart before its values come (issue 15, s17-relayout): a click on a status shows its
chip in the filter bar, and every layout request that reached a tab widget made Qt lay the tab widget out and
repaint all of it (``QTabWidget::setUpLayout`` ends in ``update()``): the whole work area, both charts included,
painted on the GUI thread while the values job ran, and the request passed on up to the window. A new text of the
cards' summary line (in the tabs' corner) did the same. Now only what changed is painted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTabWidget

from .helpers import loaded_window, watch_work_area


class Paints(QObject):
    """An event filter that writes down the paints (with their height) and the layout requests of the widgets
    it is installed on; a tab widget's own layout request is not written down (it is asked, it goes no further)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int, int]] = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        name = f"{type(obj).__name__} {obj.objectName()}".strip()
        if event.type() == QEvent.Type.Paint:
            self.seen.append((f"Paint {name} {event.rect().width()}x{event.rect().height()}", event.rect().height(),
                              id(obj)))
        elif event.type() == QEvent.Type.LayoutRequest and not isinstance(obj, QTabWidget):
            self.seen.append((f"LayoutRequest {name}", 10 ** 6, id(obj)))
        return False


def _charts(window) -> list[QObject]:
    area = window.workspace.chart_area
    return [area, area.tabs, area.trend, area.bars, *area.trend.findChildren(QObject), *area.bars.findChildren(QObject)]


def _above(window) -> list[QObject]:
    ws = window.workspace
    return [window, window.centralWidget(), window.stack, ws, ws.split, ws.tabs]


def _watched(window, paints: Paints, on: bool) -> None:
    for obj in _charts(window) + _above(window):
        obj.installEventFilter(paints) if on else obj.removeEventFilter(paints)


def _charts_painted(seen: list[tuple[str, int, int]], window) -> list[str]:
    charts = {id(o) for o in _charts(window)}
    return [what for what, _height, obj in seen if obj in charts]


def test_a_status_filter_paints_no_chart_until_its_values_come(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    state, bar = window.state, window.workspace.filter_bar
    watched, before, resizes = watch_work_area(qtbot, window)
    paints = Paints()
    _watched(window, paints, True)
    came: list[list[tuple[str, int, int]]] = []
    state.results_changed.connect(lambda _r: came.append(list(paints.seen)))
    assert state.filters.categories.get("status") is None
    state.filter_by("status", "solved")
    qtbot.waitUntil(lambda: bool(came), timeout=20000)
    _watched(window, paints, False)
    for w in watched:
        w.removeEventFilter(resizes)
    assert state.filters.categories.get("status") == ("solved",)
    assert resizes.seen == [], f"resized by the re-filter: {resizes.seen}"
    seen = came[0]
    assert _charts_painted(seen, window) == [], f"before the values came: {seen}"
    # what is painted above the charts is the filter bar's strip (its chip), not the work area
    assert [what for what, height, _obj in seen if height > bar.height()] == [], f"before the values came: {seen}"


def test_a_new_summary_line_repaints_no_chart(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    watched, before, resizes = watch_work_area(qtbot, window)
    line = window.workspace.dashboard.header
    label = next(w for w in line.findChildren(QObject) if type(w).__name__ == "ElidedLabel")
    paints = Paints()
    _watched(window, paints, True)
    label.setText(label.text() + " 2")
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)
    _watched(window, paints, False)
    for w in watched:
        w.removeEventFilter(resizes)
    assert resizes.seen == [] and [w.geometry() for w in watched] == before
    assert _charts_painted(paints.seen, window) == [], paints.seen
    assert [what for what, height, _obj in paints.seen if height > line.height()] == [], paints.seen
