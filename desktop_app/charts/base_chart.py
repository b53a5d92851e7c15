"""The common frame of every chart: one PlotWidget, a title, hover text and a context menu
with export actions (provided by :mod:`desktop_app.charts.export` when present)."""

from __future__ import annotations

import functools
import html
import importlib
import logging
from contextlib import nullcontext
from typing import Any, Callable, ContextManager

import numpy as np
import pandas as pd
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QCursor, QFontMetrics
from PySide6.QtWidgets import QLabel, QMenu, QStackedWidget, QToolTip, QVBoxLayout, QWidget

import pyqtgraph as pg

from metrics_core.i18n import _

from .. import style
from .. import file_dialogs
from ..text_fit import elide_to_lines, wrapped_height
from .point_cursor import PointCursor

log = logging.getLogger(__name__)
MIN_PLOT_HEIGHT = 150        # the cards keep three rows on a 1366 x 768 laptop; the splitter gives charts more
EMPTY_NOTE_MARGIN = 14       # px left and right of an empty chart's note (its title and why there is nothing to show)


def redrawn_in_theme(setter: Callable) -> Callable:
    """A chart's setter whose last call is made again when the chart's theme changes (its series take the dark
    theme's lighter blue in the window, the normal palette on an export's white)."""
    @functools.wraps(setter)
    def draw(self: "ChartWidget", *args: Any, **kwargs: Any) -> Any:
        self._last_drawn = (setter, args, kwargs)
        return setter(self, *args, **kwargs)
    return draw


class ChartWidget(QWidget):
    """Base class: owns ``self.plot_widget``; subclasses implement ``data_table`` and ``_hover_text``."""

    def __init__(self, title: str = "", parent: QWidget | None = None, axis_items: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self._table = pd.DataFrame()      # what the chart plots; subclasses replace it in their setters
        from .value_axis import NumberAxis

        axes = {side: NumberAxis(orientation=side) for side in ("left", "bottom", "right")}
        axes.update(axis_items or {})           # period and category axes where a chart names them
        self.plot_widget = pg.PlotWidget(axisItems=axes)
        self.plot_widget.getPlotItem().hideAxis("right")     # (shown by the charts that use it: staffing's ASA)
        self.theme = style.chart_theme()
        style.style_plot(self.plot_widget, self.theme)
        self.plot_widget.setMinimumHeight(MIN_PLOT_HEIGHT)
        self.plot_item.hideButtons()                    # no pyqtgraph "A" (auto-range) button in the corner
        _centre_title_over_whole_chart(self.plot_item)
        # Tab reaches the chart (the context-menu key then opens its export menu): a dashed frame shows it,
        # as a focused card has
        self.plot_widget.setStyleSheet(f"QGraphicsView {{ border: 2px solid transparent; }}"
                                       f" QGraphicsView:focus {{ border: 2px dashed {style.PRIMARY}; }}")
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        # off the chart's edges: in the narrow by-category pane a long reason ran from edge to edge (dark en 66)
        self.empty_label.setContentsMargins(EMPTY_NOTE_MARGIN, 4, EMPTY_NOTE_MARGIN, 4)
        self._style_empty_label()
        self._stack = QStackedWidget()
        self._stack.addWidget(self.plot_widget)
        self._stack.addWidget(self.empty_label)
        self.empty_message = _("No data to show.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._title = ""
        self.set_title(title)
        # the axis widens when its labels are drawn: the title is shortened again to fit
        self.plot_item.getAxis("left").geometryChanged.connect(self._show_title)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_context_menu)
        self.plot_widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot_widget.customContextMenuRequested.connect(self._on_self_context_menu)
        self.show_loading()         # no placeholder axes ("0.250 / 0.500") before the first data
        self._proxy = pg.SignalProxy(self.plot_widget.scene().sigMouseMoved, rateLimit=30, slot=self._on_scene_mouse_moved)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        self.point_cursor = PointCursor(self)      # the arrow keys read the chart point by point

    # -- public ------------------------------------------------------------------
    @property
    def plot_item(self) -> pg.PlotItem:
        return self.plot_widget.getPlotItem()

    def title(self) -> str:
        return self._title

    def set_title(self, title: str) -> None:
        self._title = title
        for widget in (self, self.plot_widget, self.plot_widget.viewport()):   # the viewport is what takes focus
            widget.setAccessibleName(title)
        self._show_title()

    def _show_title(self) -> None:
        """The title on one line, or on two when the chart is narrow; shortened only beyond that."""
        metrics = QFontMetrics(style.chart_font(style.TITLE_FONT_SIZE, bold=True))
        lines = [self._title] if self.width() <= 0 else title_lines(self._title, metrics, self._title_room())
        self.plot_item.setTitle("<br>".join(html.escape(line) for line in lines), color=self.theme.foreground,
                                size=f"{style.TITLE_FONT_SIZE}pt", bold=True)
        self.plot_item.titleLabel.setMinimumWidth(0)    # a long title never widens the plot past the widget
        height = 8 + metrics.lineSpacing() * len(lines)
        self.plot_item.titleLabel.setMaximumHeight(height)
        self.plot_item.layout.setRowFixedHeight(0, height)
        self.plot_item.titleLabel.setToolTip(self._title if lines[-1].endswith("\u2026") else "")

    def title_shown(self) -> list[str]:
        """The title's lines as drawn (for tests: never cut while the chart is wide enough)."""
        metrics = QFontMetrics(style.chart_font(style.TITLE_FONT_SIZE, bold=True))
        return title_lines(self._title, metrics, self._title_room())

    def _title_room(self) -> int:
        """The width a title line may take: the title is centred over the whole chart."""
        return max(80, self.width() - 24)

    def apply_theme(self, theme: style.ChartTheme) -> None:
        """Draw the chart in ``theme`` (the window's light or dark look; white for export): its frame, and its
        data again in the theme's series colour."""
        if theme == self.theme:
            return
        self.theme = theme
        style.style_plot(self.plot_widget, theme)
        self._style_empty_label()
        self._show_title()
        self._themed(theme)
        drawn = getattr(self, "_last_drawn", None)
        if drawn is not None:
            setter, args, kwargs = drawn
            setter(self, *args, **kwargs)

    def _style_empty_label(self) -> None:
        """The loading or empty state's words in grey, readable on the chart's background (light or dark)."""
        grey = style.readable_on(style.NEUTRAL, self.theme.background, self.theme.foreground)
        self.empty_label.setStyleSheet(f"background:{self.theme.background}; color:{grey}; font-size:11pt;")

    def _themed(self, theme: style.ChartTheme) -> None:  # noqa: ARG002 - overridden
        """What a chart draws in theme colours itself (legends, labels)."""
        return None

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme(style.chart_theme(self.palette()))

    def show_loading(self) -> None:
        """A clear "working" state instead of empty axes while the data is computed."""
        self.empty_label.setText(f"<b>{html.escape(self._title)}</b><br><br>{html.escape(loading_text())}")
        self._stack.setCurrentWidget(self.empty_label)

    def is_loading(self) -> bool:
        return self._stack.currentWidget() is self.empty_label and loading_text() in self.empty_label.text()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show_title()
        if self._stack.currentWidget() is self.empty_label and not self.is_loading():
            self._fit_empty_note()

    def data_table(self) -> pd.DataFrame:
        """What the chart plots, as a table (for copy / export)."""
        return self._table.copy()

    def _nearest_row(self, column: str, x: float, within: float | None = None) -> pd.Series | None:
        """The plotted row whose ``column`` is closest to ``x`` (None when further than ``within``)."""
        if self._table.empty:
            return None
        values = self._table[column].to_numpy(dtype=float)
        i = int(np.argmin(np.abs(values - x)))
        if within is not None and abs(values[i] - x) > within:
            return None
        return self._table.iloc[i]

    def is_empty(self) -> bool:
        return self.data_table().empty

    def update_empty_state(self, message: str | None = None) -> None:
        """Show the plot, or a short explanation when there is nothing to plot."""
        if message is not None:
            self.empty_message = message
        empty = self.is_empty()
        self._show_title()                  # (the axis may have grown with the new labels)
        self._fit_empty_note()
        self._stack.setCurrentWidget(self.empty_label if empty else self.plot_widget)

    def _fit_empty_note(self) -> None:
        """The title and the reason in the lines the pane has: a longer reason ends in "…" and is whole in the
        tooltip (sr 1280 x 720, 62: the Erlang C note's last line, the setting to change, was cut at the bottom)."""
        label, message = self.empty_label, self.empty_message
        label.ensurePolished()            # (its style sheet's font)
        head = f"<b>{self._title}</b><br><br>"
        label.setText(head + message)
        room = self.height()              # (the stack fills the chart; a label's height lags behind a resize)
        if label.heightForWidth(self.width()) <= room:
            label.setToolTip("")
            return
        metrics = label.fontMetrics()
        margins = label.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        for lines in range(round(wrapped_height(message, metrics, width) / metrics.lineSpacing()), 0, -1):
            label.setText(head + elide_to_lines(message, metrics, width, lines))
            if label.heightForWidth(self.width()) <= room:
                break
        label.setToolTip(message)

    def clear(self) -> None:
        self.plot_item.clear()
        self.point_cursor.forget()

    # -- the data points, for the keyboard (point_cursor) -------------------------------------
    def data_points(self) -> list[tuple[float, float]]:
        """Where each data point (bar, period, cell) is drawn, in view coordinates, in reading order."""
        return []

    def point_text(self, index: int) -> str | None:
        """What is said of data point ``index``: what hovering it shows."""
        return self._hover_text(*self.data_points()[index])

    def activate_point(self, index: int) -> None:
        """Enter on a data point: what a click on it does."""
        self._clicked_at(*self.data_points()[index])

    def reveal_point(self, index: int) -> None:  # noqa: ARG002 - overridden
        """Bring data point ``index`` into view (a chart that scrolls)."""
        return None

    def whole_view(self) -> ContextManager[None]:
        """Every data point in view while an image of the chart is made (a chart that scrolls overrides it)."""
        return nullcontext()

    def keyboard_row_length(self) -> int:
        """How many points the Up and Down keys move by (a grid's row; 1 for a row of bars or periods)."""
        return 1

    def export_actions(self) -> list[tuple[str, Callable[[], None]]]:
        """(label, callback) pairs for the export functions that exist."""
        module = _export_module()
        if module is None:
            return []
        actions: list[tuple[str, Callable[[], None]]] = []
        if hasattr(module, "copy_image"):
            actions.append((_("Copy image"), lambda: module.copy_image(self)))
        if hasattr(module, "copy_data_tsv"):
            actions.append((_("Copy data"), lambda: module.copy_data_tsv(self)))
        if hasattr(module, "export_png"):
            actions.append((_("Save as PNG\u2026"), lambda: self._save_as(module, "png")))
        if hasattr(module, "export_svg"):
            actions.append((_("Save as SVG\u2026"), lambda: self._save_as(module, "svg")))
        return actions

    # -- hover and click ---------------------------------------------------------------
    def _hover_text(self, x: float, y: float) -> str | None:  # noqa: ARG002 - overridden
        return None

    def _clicked_at(self, x: float, y: float) -> None:  # noqa: ARG002 - overridden
        return None

    def _on_scene_mouse_moved(self, event: tuple[QPointF]) -> None:
        pos = event[0]
        vb = self.plot_item.getViewBox()
        if not self.plot_item.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        text = self._hover_text(p.x(), p.y())
        if text:
            QToolTip.showText(QCursor.pos(), text, self.plot_widget)
        else:
            QToolTip.hideText()

    def _on_scene_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        p = self.plot_item.getViewBox().mapSceneToView(event.scenePos())
        self._clicked_at(p.x(), p.y())

    # -- context menu -------------------------------------------------------------------
    def export_menu(self) -> QMenu:
        """The chart's right-click menu: its export actions (or a disabled line saying there are none)."""
        menu = QMenu(self)
        for label, callback in self.export_actions():
            action = QAction(label, menu)
            action.triggered.connect(callback)
            menu.addAction(action)
        if not menu.actions():
            menu.addAction(_("Export is not available")).setEnabled(False)
        return menu

    def _on_self_context_menu(self, pos: Any) -> None:
        menu = self.export_menu()
        menu.exec(QCursor.pos())
        menu.deleteLater()

    def _save_as(self, module: Any, ext: str) -> None:
        name = (self._title or _("chart")).replace("/", "-")
        path = file_dialogs.save_file_name(self, _("Save chart"), f"{name}.{ext}", f"{ext.upper()} (*.{ext})")
        if not path:
            return
        if ext == "png":
            module.export_png(self, path, 1600, 900, False)
        else:
            module.export_svg(self, path)


def loading_text() -> str:
    from metrics_core.i18n import _

    return _("Working out the chart\u2026")


def title_lines(title: str, metrics: QFontMetrics, room: int) -> list[str]:
    """``title`` in one line, or broken at a space into two; the second ends in "…" only when even
    two lines are too short."""
    if metrics.horizontalAdvance(title) <= room:
        return [title]
    words = title.split(" ")
    first = ""
    for i, word in enumerate(words):
        trial = f"{first} {word}".strip()
        if metrics.horizontalAdvance(trial) > room and first:
            rest = " ".join(words[i:])
            return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, room)]
        first = trial
    return [metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)]


def _centre_title_over_whole_chart(plot_item: pg.PlotItem) -> None:
    """pyqtgraph puts the title over the data area only: beside a wide axis of names (a bar chart's agents) a
    title that was fitted to the chart's width ran past its right edge. It spans the axes' columns too, and the
    column of a legend beside the plot (:mod:`.legend`)."""
    layout, title = plot_item.layout, plot_item.titleLabel
    layout.removeItem(title)
    layout.addItem(title, 0, 0, 1, 4)


def _export_module() -> Any:
    try:
        return importlib.import_module("desktop_app.charts.export")
    except ImportError:
        return None
