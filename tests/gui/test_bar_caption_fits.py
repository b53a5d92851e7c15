"""A bar chart's caption under the bars ('<unit> · <order note>') stays inside the chart: pyqtgraph centres it on the
value axis, and in a narrow half panel beside long names it ran past the plot's right edge (s12-shots-rosr,
ro 10_dashboard_09_staff at 1366 x 768). Checked on the caption's drawn box."""

from __future__ import annotations

import pytest

from desktop_app.charts.bar_chart import BarChart
from desktop_app.i18n import apply_language

from .helpers import shown

NAMES = ["Customer care and returns", "Customer care", "Sales desk (weekend)", "Technical support"]


def _caption_box(chart: BarChart):
    """The caption's box in the plot widget's pixels."""
    label = chart.plot_item.getAxis("bottom").label
    return chart.plot_widget.mapFromScene(label.sceneBoundingRect()).boundingRect()


@pytest.mark.parametrize("language", ["en", "ro", "sl", "sv", "qps"])
@pytest.mark.parametrize("width", [300, 380, 460])
def test_the_caption_stays_inside_a_narrow_chart(qtbot, language, width) -> None:
    apply_language(language)
    chart = shown(qtbot, BarChart("Staff"), width, 260)
    chart.set_bars("team", NAMES, NAMES, [4.0, 3.0, 2.0, 1.0], "seconds", [10] * 4, higher_is_better=True)
    qtbot.wait(50)
    box, view = _caption_box(chart), chart.plot_widget.rect()
    assert box.width() > 20                                     # the caption is drawn
    assert view.left() <= box.left() and box.right() <= view.right(), (box, view)
    axis = chart.plot_item.getAxis("bottom")
    shown_text = axis.labelText.replace("<br>", " ")
    if "\u2026" in shown_text:
        assert axis.toolTip() == chart.caption()                 # shortened: whole in the tooltip
    else:                                                        # every word shown
        assert [w for w in shown_text.split() if w != "\u00b7"] == chart.caption().replace(" \u00b7 ", " ").split()


def test_a_wide_chart_keeps_the_caption_on_one_line(qtbot) -> None:
    apply_language("ro")
    chart = shown(qtbot, BarChart("Staff"), 900, 300)
    chart.set_bars("team", NAMES, NAMES, [4.0, 3.0, 2.0, 1.0], "%", [10] * 4, higher_is_better=True)
    qtbot.wait(50)
    axis = chart.plot_item.getAxis("bottom")
    assert "<br>" not in axis.labelText and axis.labelText == chart.caption() and axis.toolTip() == ""


def test_hovering_a_shortened_caption_shows_it_whole(qtbot) -> None:
    """The tooltip was the axis's only: the caption, moved left over the names to stay inside the chart, lies
    outside the axis, and hovering it showed nothing (tools/render_screens.py's 72_tooltip_bar_caption)."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    apply_language("ro")
    chart = shown(qtbot, BarChart("Staff"), 170, 260)
    chart.set_bars("team", NAMES, NAMES, [4.0, 3.0, 2.0, 1.0], "seconds", [10] * 4, higher_is_better=True)
    qtbot.wait(50)
    assert "\u2026" in chart.plot_item.getAxis("bottom").labelText          # shortened at this width
    box = _caption_box(chart)
    view = chart.plot_widget.viewport()
    for point in (box.center(), QPoint(box.left() + 4, box.center().y())):      # its middle and its start
        QToolTip.hideText()
        QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, point, view.mapToGlobal(point)))
        assert QToolTip.text() == chart.caption(), point
    QToolTip.hideText()
