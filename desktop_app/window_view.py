"""What the user is looking at, kept while the window's widgets are built again in another language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray


@dataclass
class WindowView:
    """The page, tabs, splitter sizes and view choices of a :class:`~desktop_app.main_window.MainWindow`.

    The data, filters and results live in :class:`~desktop_app.app_state.AppState` and are not
    touched; this keeps only what the widgets themselves hold.
    """

    on_workspace: bool = False
    workspace_tab: int = 0
    chart_tab: int = 0
    show_all: bool = False
    search: str = ""
    splitters: dict[str, QByteArray] = field(default_factory=dict)
    said: tuple[tuple[Any, ...], str] = ((), "info")     # the message strip's messages, unrendered, and their level
    busy: tuple[bool, float] = (False, 0.0)               # the busy bar shown, and how far the work is

    @classmethod
    def of(cls, window: Any) -> "WindowView":
        ws = window.workspace
        return cls(on_workspace=window.stack.currentWidget() is ws,
                   workspace_tab=ws.tabs.currentIndex(),
                   chart_tab=ws.chart_area.tabs.currentIndex(),
                   show_all=ws.dashboard.show_all_box.isChecked(),
                   search=ws.data_view.search_edit.text(),
                   splitters=ws.owner_splitter_states(),
                   said=window.message_bar.said(),
                   busy=(window.busy_bar.isVisible(), window.busy_bar.progress()))

    def restore(self, window: Any) -> None:
        ws = window.workspace
        for name, state in self.splitters.items():
            ws.restore_splitter(name, state)
        ws.tabs.setCurrentIndex(self.workspace_tab)
        ws.chart_area.tabs.setCurrentIndex(self.chart_tab)
        ws.dashboard.show_all_box.setChecked(self.show_all)
        ws.data_view.search_edit.setText(self.search)
        window.stack.setCurrentWidget(ws if self.on_workspace else window.start_page)
        window.message_bar.say_again(self.said)
        doing = window.state.busy_text()
        if doing is not None:           # work under way: its bar (and Cancel) again, saying it in the new language
            if self.busy[0]:
                window.busy_bar.set_busy(True, str(doing), self.busy[1])
            else:
                window.busy_bar.follow(True, str(doing))
