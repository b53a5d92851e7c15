"""The work area once files are loaded: sidebar, dashboard (filters, cards, charts), data view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from metrics_core.i18n import _

from .app_state import AppState
from .panels.chart_area import ChartArea
from .panels.dashboard import DashboardPanel
from .panels.data_view import DataView
from .panels.dataset_sidebar import DatasetSidebar
from .panels.filter_bar import FilterBar
from .panels.steady_tabs import SteadyTabWidget

DASHBOARD_TAB, DATA_TAB = 0, 1


class Workspace(QWidget):
    """Lays the panels out; the panels talk only to :class:`AppState`."""

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.sidebar = DatasetSidebar(state)
        self.filter_bar = FilterBar(state)
        self.dashboard = DashboardPanel(state)
        self.chart_area = ChartArea(state)
        self.data_view = DataView(state)
        dash_page = QWidget()
        v = QVBoxLayout(dash_page)
        v.setContentsMargins(4, 2, 4, 2)
        v.setSpacing(4)
        v.addWidget(self.filter_bar)
        self.dash_split = QSplitter(Qt.Orientation.Vertical)
        self.dash_split.addWidget(self.dashboard)
        self.dash_split.addWidget(self.chart_area)
        self.dash_split.setObjectName("dashboardSplit")
        self.dash_split.setChildrenCollapsible(False)
        self.dash_split.setStretchFactor(0, 0)      # the charts take a change of height (the message strip's row):
        self.dash_split.setStretchFactor(1, 1)      # the cards keep the height they were fitted (or the owner set) to
        self.dash_split.setSizes([420, 200])        # until the cards shown ask for their height (fit_dashboard_split)
        self.dash_split.installEventFilter(self)    # (its height changed: the cards' share is fitted again)
        v.addWidget(self.dash_split, 1)
        self.tabs = SteadyTabWidget()
        self.tabs.setAccessibleName(_("Dashboard or data"))
        self.tabs.addTab(dash_page, _("Dashboard"))
        self.tabs.addTab(self.data_view, _("Data"))
        self.tabs.setCornerWidget(self.dashboard.header, Qt.Corner.TopRightCorner)     # the cards' summary line
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("workspaceSplit")
        self.split.addWidget(self.sidebar)
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([210, 1100])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.split)
        self.owner_sized: set[str] = set()      # the splitters the owner moved (or whose sizes were restored)
        for name, splitter in self.splitters().items():
            splitter.splitterMoved.connect(lambda _pos, _index, name=name: self.owner_sized.add(name))
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_dashboard_split)
        self.dashboard.wanted_height_changed.connect(self._fit_timer.start)
        state.drilldown_requested.connect(self._on_state_drilldown_requested)

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters whose sizes are kept between sessions."""
        return {"workspace": self.split, "dashboard": self.dash_split, "charts": self.chart_area.split}

    def owner_splitter_states(self) -> dict[str, QByteArray]:
        """The sizes of the splitters the owner moved (the others are fitted to what is shown)."""
        return {name: s.saveState() for name, s in self.splitters().items() if name in self.owner_sized}

    def restore_splitter(self, name: str, saved: QByteArray) -> None:
        """The owner's sizes of splitter ``name``, kept from now on."""
        splitter = self.splitters().get(name)
        if splitter is not None and splitter.restoreState(saved):
            self.owner_sized.add(name)

    def fit_dashboard_split(self) -> None:
        """The cards get the height they ask for (:meth:`DashboardPanel.wanted_height`) and the charts the rest,
        at least their own minimum; not once the owner has moved the splitter."""
        sizes = self.dash_split.sizes()
        room = sum(sizes)
        if "dashboard" in self.owner_sized or room <= 0 or not self.dash_split.isVisible():
            return
        charts = self.chart_area.minimumSizeHint().height()
        cards = max(self.dashboard.minimumSizeHint().height(), min(self.dashboard.wanted_height(room), room - charts))
        if abs(cards - sizes[0]) > 1:
            self.dash_split.setSizes([cards, room - cards])

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802
        if watched is self.dash_split and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def show_dashboard(self) -> None:
        self.tabs.setCurrentIndex(DASHBOARD_TAB)

    def show_data(self) -> None:
        self.tabs.setCurrentIndex(DATA_TAB)

    def _on_tabs_current_changed(self, index: int) -> None:
        self.dashboard.header.setVisible(index == DASHBOARD_TAB)        # (what it says is about the cards)

    def _on_state_drilldown_requested(self, _rows: Any) -> None:
        self.show_data()
