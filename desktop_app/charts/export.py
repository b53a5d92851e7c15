"""Chart export: PNG at an exact size, SVG, and the clipboard (image, or data as TSV for Excel).

Works with any widget that owns a pyqtgraph ``PlotWidget`` (our ``ChartWidget``s expose
``plot_widget``) or with a ``PlotWidget`` itself. A chart that was never shown has no
size, so PNG export first sizes the widget to the target aspect, shows it (offscreen is
fine) and lets Qt lay it out (PITFALLS.md). Files are written through
``metrics_core.atomic``.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter

from metrics_core.atomic import write_bytes_atomic
from metrics_core.errors import ExportError
from metrics_core.i18n import N_, _

from .. import style

log = logging.getLogger(__name__)

SIZE_PRESETS: dict[str, tuple[int, int]] = {
    N_("HD 1280 × 720"): (1280, 720),
    N_("Full HD 1920 × 1080"): (1920, 1080),
    N_("4K 3840 × 2160"): (3840, 2160),
}
# The on-screen size the chart is laid out at before it is scaled to the export size:
# fonts and lines then grow with the image instead of shrinking to hairlines at 4K.
LAYOUT_WIDTH = 960
MAX_SIDE = 10000


def plot_widget_of(widget: Any) -> pg.PlotWidget:
    """The ``PlotWidget`` of a chart widget (or the widget itself)."""
    if isinstance(widget, pg.PlotWidget):
        return widget
    found = getattr(widget, "plot_widget", None)
    if isinstance(found, pg.PlotWidget):
        return found
    if isinstance(widget, QWidget):
        child = widget.findChild(pg.PlotWidget)
        if child is not None:
            return child
    raise ExportError(_("This chart cannot be exported: it has no plot."))


def _prepare(widget: QWidget, width: int, height: int) -> None:
    """Lay a chart that is not on screen out at the target aspect ratio and show it
    offscreen (a chart never shown has no size). A chart on screen is left as it is:
    its image is letterboxed instead of stretched."""
    if not widget.isVisible():
        widget.resize(LAYOUT_WIDTH, max(1, round(LAYOUT_WIDTH * height / width)))
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        widget.show()
    QApplication.processEvents()


def render_image(widget: Any, width: int = 1920, height: int = 1080, transparent: bool = False) -> QImage:
    """The chart drawn into a ``width`` × ``height`` image (white or transparent background)."""
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ExportError(_("An image of {width} × {height} pixels cannot be made; "
                            "choose a size between 1 and {largest} pixels per side.", width=width, height=height,
                            largest=MAX_SIDE))
    plot = plot_widget_of(widget)
    outer = widget if isinstance(widget, QWidget) else plot
    themed = getattr(widget, "theme", None)
    if themed is not None and themed.dark:        # exports are drawn on white whatever the window's theme
        widget.apply_theme(style.LIGHT)
        try:
            return render_image(widget, width, height, transparent)
        finally:
            widget.apply_theme(themed)
    _prepare(outer, width, height)
    exporter = ImageExporter(plot.getPlotItem())
    source = exporter.getSourceRect()
    draw_w, draw_h = _fit(width, height, source.width() / max(1.0, source.height()))
    exporter.params.param("width").setValue(draw_w, blockSignal=exporter.widthChanged)
    exporter.params.param("height").setValue(draw_h, blockSignal=exporter.heightChanged)
    background = QColor(0, 0, 0, 0) if transparent else QColor("#ffffff")
    exporter.params.param("background").setValue(background)
    with widget.whole_view() if hasattr(widget, "whole_view") else nullcontext():   # a scrolled chart: every bar
        image = exporter.export(toBytes=True)
    if image is None or image.isNull():
        raise ExportError(_("The chart could not be drawn into an image."))
    if (image.width(), image.height()) == (width, height):
        return image
    canvas = QImage(width, height, QImage.Format.Format_ARGB32)
    canvas.fill(background)
    painter = QPainter(canvas)
    painter.drawImage((width - image.width()) // 2, (height - image.height()) // 2, image)
    painter.end()
    return canvas


def _fit(width: int, height: int, aspect: float) -> tuple[int, int]:
    """The largest size of ``aspect`` within ``width`` × ``height``; the whole box when the
    aspect is within 1 % (a chart laid out for the export: no letterbox for rounding)."""
    if abs(aspect - width / height) <= 0.01 * (width / height):
        return width, height
    if aspect > width / height:
        return width, max(1, round(width / aspect))
    return max(1, round(height * aspect)), height


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(_("The chart image could not be encoded as PNG."))
    buffer.close()
    return bytes(data)


def export_png(widget: Any, path: str | Path, width: int = 1920, height: int = 1080,
               transparent: bool = False) -> Path:
    """Save the chart as a PNG of exactly ``width`` × ``height`` pixels; returns the path."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_suffix(target.suffix + ".png") if target.suffix else target.with_suffix(".png")
    data = png_bytes(render_image(widget, width, height, transparent))
    _write(target, data)
    return target


def svg_bytes(widget: Any) -> bytes:
    """The chart as SVG (a vector drawing that stays sharp when scaled on a slide)."""
    plot = plot_widget_of(widget)
    outer = widget if isinstance(widget, QWidget) else plot
    if outer.width() < 50 or not outer.isVisible():
        _prepare(outer, 16, 9)
    with widget.whole_view() if hasattr(widget, "whole_view") else nullcontext():
        data = SVGExporter(plot.getPlotItem()).export(toBytes=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data:
        raise ExportError(_("The chart could not be drawn as SVG."))
    return bytes(data)


def export_svg(widget: Any, path: str | Path) -> Path:
    """Save the chart as SVG; returns the path."""
    target = Path(path)
    if target.suffix.lower() != ".svg":
        target = target.with_suffix(".svg")
    _write(target, svg_bytes(widget))
    return target


def _write(target: Path, data: bytes) -> None:
    try:
        write_bytes_atomic(target, data)
    except PermissionError as exc:
        raise ExportError(_("Could not save “{path}”: it is open in another program or the folder is read-only.",
                            path=target), path=target) from exc
    except OSError as exc:
        raise ExportError(_("Could not save “{path}”: {reason}.", path=target, reason=exc.strerror or exc),
                          path=target) from exc


def copy_image(widget: Any, width: int = 1600, height: int = 900) -> QImage:
    """Put the chart on the clipboard as an image (white background); returns it."""
    image = render_image(widget, width, height, transparent=False)
    QGuiApplication.clipboard().setImage(image)
    return image


def table_tsv(table: pd.DataFrame) -> str:
    """Tab-separated text of ``table`` (header first), as Excel pastes it."""
    def cell(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
            return ""
        text = str(value)
        return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")

    lines = ["\t".join(cell(c) for c in table.columns)]
    for row in table.itertuples(index=False, name=None):
        lines.append("\t".join(cell(v) for v in row))
    return "\n".join(lines) + "\n"


def copy_data_tsv(widget: Any) -> str:
    """Put what the chart plots on the clipboard as tab-separated text; returns the text."""
    table = widget.data_table() if hasattr(widget, "data_table") else None
    if table is None:
        raise ExportError(_("This chart has no data table to copy."))
    text = table_tsv(table)
    QGuiApplication.clipboard().setText(text)
    return text
