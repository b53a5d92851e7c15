"""The charts under the cards: the selected KPI's trend and breakdown, plus the
charts particular to the loaded data (NPS, scores, backlog, peak hours, staffing)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from metrics_core.catalogue import field_label
from metrics_core.i18n import N_, _
from metrics_core.report_view.catalogue import breaks_down_by

from ..app_state import AppState
from ..charts import feed
from ..charts.backlog_chart import BacklogChart
from ..charts.bar_chart import BarChart
from ..charts.heatmap_chart import HeatmapChart
from ..charts.histogram_chart import HistogramChart
from ..charts.nps_chart import NpsStackedChart
from ..charts.staffing_chart import StaffingChart
from ..charts.trend_chart import TrendChart
from .steady_tabs import SteadyTabWidget
from .window_combo import WindowComboBox


TAB_TITLES = {"nps": N_("NPS"), "scores": N_("Scores"), "backlog": N_("Backlog"), "peak_hours": N_("Peak hours"),
              "staffing": N_("Staffing")}


class ChartArea(QWidget):
    """Tabs of charts fed from :attr:`AppState.chart_data` and :attr:`AppState.results`."""

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.trend = TrendChart()
        self.bars = BarChart()
        self.nps = NpsStackedChart()
        self.histogram = HistogramChart()
        self.backlog = BacklogChart()
        self.heatmap = HeatmapChart()
        self.staffing = StaffingChart()
        self.category_combo = WindowComboBox()
        self.category_combo.setMinimumWidth(140)
        # as wide as its longest choice, once the files' columns are in it ('Сегмент / тржишт…' was cut)
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setMaximumWidth(300)        # (a file's very long column name: the tabs keep their room)
        self.tabs = SteadyTabWidget()
        self.tabs.setAccessibleName(_("Charts"))
        self.category_combo.setAccessibleName(_("Break down by"))
        self._corner = QWidget()
        self.tabs.setCornerWidget(self._corner, Qt.Corner.TopRightCorner)
        self.tabs.addTab(self._selected_tab(), _("Selected KPI"))
        self._extra = {"nps": self.nps, "scores": self.histogram, "backlog": self.backlog,
                       "peak_hours": self.heatmap, "staffing": self.staffing}
        for key, chart in self._extra.items():
            self.tabs.addTab(chart, _(TAB_TITLES[key]))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.category_combo.activated.connect(self._on_category_combo_activated)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.bars.bar_clicked.connect(self._on_bars_bar_clicked)
        state.charts_changed.connect(self._on_state_charts_changed)
        state.results_changed.connect(self._on_state_results_changed)
        for sig in (state.dataset_loaded, state.dataset_removed, state.dataset_replaced):
            sig.connect(self._on_state_datasets_changed)
        # built again with the data in (the window in another language): the same choices, the same one chosen;
        # the box was empty until a file was added (s20-switch)
        self._list_breakdowns(state.available_filters())
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(state.chart_category)))
        if state.chart_data is not None:
            self._show_breakdown(state.chart_data)
        self._update_tabs()

    def _selected_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout(self._corner)          # beside the tabs: the charts keep the height
        row.setContentsMargins(0, 0, 4, 2)
        row.addWidget(QLabel(_("Break down by:")))
        row.addWidget(self.category_combo)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)     # trend | breakdown, remembered
        split.setObjectName("chartSplit")
        split.addWidget(self.trend)
        split.addWidget(self.bars)
        split.setSizes([600, 400])
        v.addWidget(split, 1)
        return page

    def charts(self) -> list[Any]:
        return [self.trend, self.bars, *self._extra.values()]

    # -- feeding --------------------------------------------------------------------------
    def _on_state_charts_changed(self, data: Any) -> None:
        self._show_breakdown(data)
        feed.show_trend(self.trend, data, self.state.targets.get(data.metric_id))
        feed.show_bars(self.bars, data, self.state.targets.get(data.metric_id))
        feed.show_nps(self.nps, data)
        feed.show_distribution(self.histogram, data)
        feed.show_backlog(self.backlog, data)
        self._update_tabs()

    def _on_state_results_changed(self, results: Any) -> None:
        feed.show_peak_hours(self.heatmap, results.results.get("peak_hours"))
        feed.show_staffing(self.staffing, results.results.get("staffing"))
        self._update_tabs()

    def _show_breakdown(self, data: Any) -> None:
        """The breakdown the charts show chosen in the box, and the columns the KPI can be broken down by."""
        with QSignalBlocker(self.category_combo):
            self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(data.category)))
        self._offer_breakdowns(data.metric_id)

    def _list_breakdowns(self, options: dict[str, Any]) -> None:
        with QSignalBlocker(self.category_combo):
            self.category_combo.clear()
            self.category_combo.addItem(_("(none)"), None)
            for column in options:
                self.category_combo.addItem(field_label(column).capitalize(), column)

    def _on_state_datasets_changed(self, _name: str) -> None:
        options = self.state.available_filters()
        self._list_breakdowns(options)
        preferred = next((c for c in ("agent", "channel", "team", "queue") if c in options), None)
        current = self.state.chart_category if self.state.chart_category in options else preferred
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(current)))
        if current != self.state.chart_category:
            self.state.set_chart_category(current)

    def _offer_breakdowns(self, metric_id: str) -> None:
        """Only the columns a breakdown of the selected KPI means something by can be chosen (agents needed by
        queue, not by agent); the others stay in the list, greyed, for the next KPI."""
        model = self.category_combo.model()
        for i in range(1, self.category_combo.count()):
            model.item(i).setEnabled(breaks_down_by(metric_id, self.category_combo.itemData(i)))

    def _update_tabs(self) -> None:
        for i in range(1, self.tabs.count()):
            chart = self.tabs.widget(i)
            self.tabs.setTabVisible(i, not chart.is_empty())

    def _on_tabs_current_changed(self, index: int) -> None:
        self._corner.setVisible(index == 0)         # the breakdown belongs to the selected KPI's charts

    def _on_category_combo_activated(self, _index: int) -> None:
        self.state.set_chart_category(self.category_combo.currentData())

    def _on_bars_bar_clicked(self, column: str, value: Any) -> None:
        self.state.filter_by(column, value)
