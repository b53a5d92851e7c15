"""Chart images of a report: one PNG per chart of a :class:`metrics_core.export.model.Report`.

``metrics_core`` never imports Qt, so the command line draws the images by running
this module in a subprocess (``QT_QPA_PLATFORM=offscreen``)::

    python -m desktop_app.report_pngs REPORT.json OUT_DIR [--width 1920 --height 1080] [--transparent]

The export dialog calls :func:`write_chart_pngs` directly.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import re
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QFontMetrics  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from metrics_core.errors import KpiDeskError  # noqa: E402
from metrics_core.export.chart_data import (TARGET_SERIES, axis_ticks, drawn_frame, label_skip, partial_rows,  # noqa: E402
                                            series_colour, series_title, slide_labels, value_axis_range)
from metrics_core.formatting import format_value  # noqa: E402
from metrics_core.i18n import _, set_language  # noqa: E402
from metrics_core.export.model import ChartData, Report  # noqa: E402
from metrics_core.progress import Reporter  # noqa: E402
from metrics_core.report_view.partial import partial_words  # noqa: E402

from . import style  # noqa: E402
from .charts.export import export_png  # noqa: E402
from .charts.partial_periods import draw_partial_bars, draw_partial_line, partial_bar_sample, partial_sample  # noqa: E402
from .charts.time_axis import CategoryAxis, PeriodAxis, period_tick_labels  # noqa: E402
from .charts.value_axis import NumberAxis  # noqa: E402
from metrics_core.metrics.model import WHOLE_UNITS  # noqa: E402
from metrics_core.metrics.periods import PERIODS  # noqa: E402

log = logging.getLogger(__name__)
END_LABEL_ROOM = 0.04       # a trend's value range is widened by this share at each end, for its end labels


def chart_file_name(index: int, chart: ChartData) -> str:
    """'chart-01-csat-by-month.png'."""
    slug = re.sub(r"[^a-z0-9]+", "-", chart.title.lower()).strip("-")[:60] or "chart"
    return f"chart-{index:02d}-{slug}.png"


def plot_chart(chart: ChartData, currency: str = "€") -> pg.PlotWidget:
    """A ``PlotWidget`` drawing ``chart`` the way the deck does (same colours and units)."""
    widget = pg.PlotWidget(axisItems={"bottom": PeriodAxis()} if chart.kind == "line"
                           else {"bottom": PeriodAxis(), "left": NumberAxis(orientation="left")}
                           if chart.kind == "stacked"
                           else {"left": CategoryAxis(orientation="left"), "bottom": NumberAxis(orientation="bottom")}
                           if chart.kind == "bar" else {})
    style.style_plot(widget)
    item = widget.getPlotItem()
    item.setTitle(chart.title, color=style.FOREGROUND, size=f"{style.TITLE_FONT_SIZE + 1}pt", bold=True)
    item.hideButtons()
    frame, axis = drawn_frame(chart, currency)
    unit = _(axis.label) if axis.label not in ("", "count") else ""      # in the report's language, as the deck
    if unit:                                                             # (was "days" in a Swedish image)
        side = "bottom" if chart.kind == "bar" else "left"
        item.setLabel(side, unit, color=style.FOREGROUND)
    if chart.kind == "bar" and chart.note:       # what every bar rests on, under the unit as the window writes it
        item.setLabel("bottom", "<br>".join(html.escape(t) for t in (unit, chart.note) if t), color=style.FOREGROUND)
    if chart.kind == "bar":
        _draw_bars(item, chart, frame, currency)
    else:
        {"line": _draw_line, "stacked": _draw_stacked, "heatmap": _draw_heatmap}[chart.kind](item, chart, frame)
    return widget


def _period_ticks(item, chart: ChartData) -> None:
    """Periods named as people name them (``Mar``, ``week of 4 Jan``, not ``2021-W01``), as many as fit
    the image without one label over another."""
    labels = chart.categories
    starts = chart.period_starts if chart.period_starts and len(chart.period_starts) == len(labels) else None
    if starts is not None and chart.by in PERIODS:
        full, short = period_tick_labels(starts, chart.by)
    else:
        full = short = slide_labels(labels, label_skip(len(labels), 12))
    item.getAxis("bottom").set_periods([float(i) for i in range(len(labels))], full, short,
                                       chart.by if starts is not None and chart.by in PERIODS else None)


def _draw_line(item, chart: ChartData, frame) -> None:
    x = np.arange(len(frame), dtype=float)
    partial = {i for i in chart.partial if 0 <= i < len(x)}
    legend = item.addLegend(offset=(-10, 10), labelTextColor=style.FOREGROUND) \
        if len(frame.columns) > 1 or partial else None
    for i, name in enumerate(frame.columns):
        colour = "#" + series_colour(chart, i, name)
        y = frame[name].to_numpy(dtype=float)
        if name == TARGET_SERIES:
            item.plot(x, y, pen=pg.mkPen(colour, width=1.8, style=Qt.PenStyle.DashLine), name=series_title(name))
            continue
        # a partial first or last period: a hollow point on a dashed step, as in the window
        draw_partial_line(item, x, y, partial if i == 0 else set(), colour, style.BACKGROUND, width=2.5,
                          symbols=len(x) <= 40)
        if legend is not None and len(frame.columns) > 1:
            legend.addItem(pg.PlotDataItem(pen=pg.mkPen(colour, width=2.5)), series_title(name))
    if legend is not None and partial:
        colour = "#" + series_colour(chart, 0, str(frame.columns[0]))
        legend.addItem(partial_sample(colour, style.BACKGROUND), partial_words(chart.by))
    _period_ticks(item, chart)
    bounds = value_axis_range([v for c in frame.columns for v in frame[c].tolist()], chart.unit)
    if bounds:
        margin = END_LABEL_ROOM * (bounds[1] - bounds[0])      # the end labels stay inside the plot
        item.setYRange(bounds[0] - margin, bounds[1] + margin, padding=0)
        _label_both_ends(item.getAxis("left"), *bounds, whole=chart.unit in WHOLE_UNITS)
    item.setXRange(-0.5, max(len(x) - 0.5, 0.5), padding=0)
    if chart.note:               # what the points rest on, under the axis as the window writes it
        item.setLabel("bottom", html.escape(chart.note), color=style.FOREGROUND)


def _label_both_ends(axis, low: float, high: float, whole: bool = False) -> None:
    """Value ticks at round steps from the bottom of the axis to its top, both ends written (the demo's
    abandonment image ran from 12 to 24 % with neither end named: pyqtgraph's own ticks stopped short of
    them, and a label half past the plot's edge is not drawn, hence :data:`END_LABEL_ROOM`)."""
    values = axis_ticks(low, high, whole)
    step = values[1] - values[0] if len(values) > 1 else 1.0
    axis.setTicks([list(zip(values, axis.tickStrings(values, 1.0, step)))])


def _draw_bars(item, chart: ChartData, frame, currency: str) -> None:
    name = chart.series_names[0]
    values = np.nan_to_num(frame[name].to_numpy(dtype=float))
    y = np.arange(len(values), dtype=float)
    item.addItem(pg.BarGraphItem(x0=np.minimum(values, 0), y=y, height=0.65, width=np.abs(values),
                                 brush=pg.mkBrush("#" + series_colour(chart, 0, name)), pen=pg.mkPen(None)))
    item.getViewBox().invertY(True)
    item.showGrid(x=True, y=False, alpha=style.GRID_ALPHA)
    item.getAxis("bottom").set_whole(chart.unit in WHOLE_UNITS)      # (agents needed: 1, not 0.2 … 1.0)
    labels = [label[:28] for label in chart.categories]
    left = item.getAxis("left")
    left.setTicks([list(enumerate(labels))])
    left.setWidth(int(7.5 * max((len(label) for label in labels), default=4)) + 24)   # room for the longest name
    top = float(values.max()) if len(values) else 1.0
    for i, raw in enumerate(chart.values(name)):
        text = pg.TextItem(format_value(raw, chart.unit, currency), color=style.FOREGROUND, anchor=(0, 0.5))
        text.setPos(max(float(values[i]), 0.0), float(i))
        item.addItem(text)
    low = min(0.0, float(values.min()) if len(values) else 0.0)
    item.setXRange(low - 0.01 * (top or 1.0), (top or 1.0) * 1.18, padding=0)     # keeps the "0" label
    item.setYRange(-0.6, max(len(values), 1) - 0.4, padding=0)


def _draw_stacked(item, chart: ChartData, frame) -> None:
    x = np.arange(len(frame), dtype=float)
    bottom = np.zeros(len(frame))
    partial = partial_rows(chart) if len(x) > 1 else set()
    legend = item.addLegend(offset=(-10, 4), labelTextColor=style.FOREGROUND,
                            colCount=len(chart.series_names) + bool(partial))      # one row, "partial week" last
    for i, name in enumerate(chart.series_names):
        heights = np.nan_to_num(frame[name].to_numpy(dtype=float))
        # a partial first or last period: the bar paler, outlined dashed, as in the window
        bar = draw_partial_bars(item, x, bottom, heights, partial, "#" + series_colour(chart, i, name))
        legend.addItem(bar, series_title(name))
        bottom = bottom + heights
    if partial:
        legend.addItem(partial_bar_sample(), partial_words(chart.by))
    _period_ticks(item, chart)
    top = max(100.0, float(bottom.max()) if len(bottom) else 100.0)
    item.setYRange(0, top * 1.12, padding=0)          # headroom for the legend above the bars
    step = 20.0 if top <= 100.0 else 10 ** np.floor(np.log10(top))
    axis = item.getAxis("left")
    axis.setTicks([[(float(v), f"{v:g}") for v in np.arange(0.0, top + step / 2, step)]])
    # the "0" on the axis's lower end, half of it past the end: pyqtgraph hid it (the shares read from 20 up)
    axis.setStyle(hideOverlappingLabels=QFontMetrics(style.chart_font()).height() // 2 + 1)
    item.setXRange(-0.6, max(len(x), 1) - 0.4, padding=0)


def _draw_heatmap(item, chart: ChartData, frame) -> None:
    """Rows of the frame top to bottom, columns left to right; a colour scale at the right."""
    values = np.nan_to_num(frame.to_numpy(dtype=float))
    rows, cols = values.shape
    image = pg.ImageItem(axisOrder="row-major")
    image.setColorMap(style.heat_colour_map())
    levels = (0, max(float(values.max()) if values.size else 0.0, 1.0))
    image.setImage(values, levels=levels)
    image.setRect(0, 0, cols, rows)
    item.addItem(image)
    item.getViewBox().invertY(True)
    item.getAxis("left").setTicks([[(i + 0.5, str(label)) for i, label in enumerate(frame.index)]])
    item.getAxis("bottom").setTicks([[(j + 0.5, str(int(c)) if str(c).isdigit() else str(c))
                                      for j, c in enumerate(frame.columns) if j % 2 == 0]])
    item.setLabel("bottom", _("hour of the day"), color=style.FOREGROUND)
    item.showGrid(x=False, y=False)
    style.heat_colour_scale(levels).setImageItem(image, insert_in=item)
    item.setXRange(0, cols, padding=0)
    item.setYRange(0, rows, padding=0)


def write_chart_pngs(report: Report, out_dir: str | Path, width: int = 1920, height: int = 1080,
                     transparent: bool = False, reporter: Reporter | None = None) -> list[Path]:
    """Draw every chart of ``report`` into ``out_dir`` as PNG; returns the files written."""
    reporter = reporter or Reporter()
    out = Path(out_dir)
    written = []
    for i, chart in enumerate(report.charts, start=1):
        reporter.step((i - 1) / max(1, len(report.charts)), _("Chart image: {title}", title=chart.title))
        widget = plot_chart(chart, report.chart_currency(chart))
        try:
            written.append(export_png(widget, out / chart_file_name(i, chart), width, height, transparent))
        finally:
            widget.close()
            widget.deleteLater()
    reporter.step(1.0, _("Chart images ready"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop_app.report_pngs", description=__doc__.splitlines()[0])
    parser.add_argument("report_json", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument("--transparent", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    set_language(os.environ.get("KPIDESK_LANG"))         # the report's language, passed by `kpidesk report`
    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - keeps Qt alive
    try:
        report = Report.from_json(args.report_json.read_text(encoding="utf-8"))
        for path in write_chart_pngs(report, args.out_dir, args.width, args.height, args.transparent):
            sys.stdout.write(f"{path}\n")
    except (KpiDeskError, OSError, ValueError) as exc:
        sys.stderr.write(f"kpidesk: chart images could not be drawn: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
