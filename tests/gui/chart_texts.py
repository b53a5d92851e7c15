"""Every text a pyqtgraph chart draws, as rectangles in scene coordinates, and the checks on them:
no text over another, none cut at the plot widget's edge, and no label on a data line.

Texts found: tick labels of every axis (as the axis would draw them now, from its draw specs), axis
captions, the title, labels of target / marker lines (in every view box: the staffing chart's ASA target is
in its second one), value labels written beside bars (``pg.TextItem``: the report images'), legend entries,
and the colour scale's axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QImage, QPainter

import pyqtgraph as pg


@dataclass
class Text:
    what: str
    text: str
    rect: QRectF          # scene coordinates
    clip: QRectF | None = None      # a label inside a view box is cut at the box's edge (scene coordinates)


def drawn_tick_texts(axis: pg.AxisItem) -> list[tuple[QRectF, str]]:
    """The tick labels as pyqtgraph would draw them now: (rectangle in axis coordinates, text)."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [(rect, text) for rect, _flags, text in specs[2]]


def _tick_texts(axis: pg.AxisItem, name: str) -> list[Text]:
    if not axis.isVisible() or axis.style.get("showValues") is False:
        return []
    return [Text(f"{name} tick", text, axis.mapRectToScene(rect)) for rect, text in drawn_tick_texts(axis)]


def _caption(axis: pg.AxisItem, name: str) -> list[Text]:
    if not axis.isVisible() or not axis.label.isVisible() or not axis.label.toPlainText().strip():
        return []
    return [Text(f"{name} caption", axis.label.toPlainText(), _ink(axis.label))]


def _ink(item) -> QRectF:
    """The part of a text item's box that holds its glyphs (Qt's text items keep a margin around them)."""
    rect = item.sceneBoundingRect()
    inner = item.document().documentMargin()
    return rect.adjusted(inner, inner, -inner, -inner)


def all_texts(plot_item: pg.PlotItem, extra_axes: dict[str, pg.AxisItem] | None = None) -> list[Text]:
    """Every text ``plot_item`` draws (and ``extra_axes``', e.g. a colour scale's)."""
    texts: list[Text] = []
    axes = {name: plot_item.getAxis(name) for name in ("left", "bottom", "right", "top")
            if name in plot_item.axes and plot_item.getAxis(name).isVisible()}
    axes.update(extra_axes or {})
    for name, axis in axes.items():
        texts += _tick_texts(axis, name) + _caption(axis, name)
    title = plot_item.titleLabel
    if title.isVisible() and title.item.toPlainText().strip():
        texts.append(Text("title", title.item.toPlainText(), _ink(title.item)))
    for item in plot_item.scene().items():
        if not isinstance(item, pg.TextItem) or not item.isVisible() or not item.toPlainText().strip():
            continue
        what = "line label" if isinstance(item, pg.InfLineLabel) else "value label"
        box = item.getViewBox()
        clip = box.sceneBoundingRect() if isinstance(box, pg.ViewBox) else None
        texts.append(Text(what, item.toPlainText(), _ink(item.textItem), clip))
    for legend in plot_item.scene().items():
        if isinstance(legend, pg.LegendItem) and legend.isVisible():
            for _sample, label in legend.items:
                texts.append(Text("legend", label.text, _ink(label.item)))
    return texts


def overlaps(texts: list[Text], slack: float = 0.5) -> list[str]:
    """Pairs of texts drawn over each other (their rectangles overlap by more than ``slack`` pixels)."""
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            common = a.rect.intersected(b.rect)
            if common.width() > slack and common.height() > slack:
                found.append(f"{a.what} {a.text!r} over {b.what} {b.text!r}")
    return found


def cut_at_edge(texts: list[Text], plot_widget: pg.PlotWidget, slack: float = 1.5) -> list[str]:
    """Texts that leave the visible scene (the plot widget's viewport), or the view box that clips them, and are
    therefore cut. (A text's box runs from its font's ascent line; a glyph starts a pixel or two inside it:
    ``slack``.)"""
    view = plot_widget.mapToScene(plot_widget.viewport().rect()).boundingRect().adjusted(-slack, -slack, slack, slack)
    cut = [f"{t.what} {t.text!r} cut at the edge" for t in texts if not view.contains(t.rect)]
    return cut + [f"{t.what} {t.text!r} cut at the plot's edge" for t in texts if view.contains(t.rect)
                  and t.clip is not None and not t.clip.adjusted(-slack, -slack, slack, slack).contains(t.rect)]


def curves_of(plot_item: pg.PlotItem, views: list[pg.ViewBox] | None = None) -> list[list[QPointF]]:
    """The drawn polylines of every data curve (scene coordinates), including other view boxes'."""
    lines = []
    boxes = [plot_item.getViewBox(), *(views or [])]
    for box in boxes:
        for item in box.addedItems:
            if not isinstance(item, pg.PlotDataItem) or not item.isVisible():
                continue
            x, y = item.getData()
            if x is None or len(x) < 2:
                continue
            points = [box.mapViewToScene(QPointF(float(a), float(b))) if np.isfinite(b) else None
                      for a, b in zip(x, y)]
            lines.append(points)
    return lines


def labels_on_lines(texts: list[Text], curves: list[list[QPointF]], kinds=("line label", "legend")) -> list[str]:
    """Labels of marker lines (and legend entries) that a data curve passes through."""
    found = []
    for t in texts:
        if t.what not in kinds:
            continue
        for points in curves:
            for a, b in zip(points, points[1:]):
                if a is None or b is None:
                    continue
                if _segment_hits(QLineF(a, b), t.rect):
                    found.append(f"{t.what} {t.text!r} lies on a data line")
                    break
            else:
                continue
            break
    return found


def _segment_hits(segment: QLineF, rect: QRectF) -> bool:
    if rect.contains(segment.p1()) or rect.contains(segment.p2()):
        return True
    edges = (QLineF(rect.topLeft(), rect.topRight()), QLineF(rect.topRight(), rect.bottomRight()),
             QLineF(rect.bottomRight(), rect.bottomLeft()), QLineF(rect.bottomLeft(), rect.topLeft()))
    return any(segment.intersects(edge)[0] == QLineF.IntersectionType.BoundedIntersection for edge in edges)


def colour_scale_axes(plot_widget: pg.PlotWidget) -> dict[str, pg.AxisItem]:
    """The axis of a heat map's colour scale, when the plot has one."""
    scales = [item for item in plot_widget.scene().items() if isinstance(item, pg.ColorBarItem)]
    return {"colour scale": scales[0].axis} if scales else {}


def readability_problems(plot_widget: pg.PlotWidget, extra_axes=None, views=None) -> list[str]:
    item = plot_widget.getPlotItem()
    texts = all_texts(item, extra_axes)
    return (overlaps(texts) + cut_at_edge(texts, plot_widget)
            + labels_on_lines(texts, curves_of(item, views)))
