"""A bar chart's title is wrapped to the room its plot has: when the bars scroll, the scroll bar takes its width
from the plot, and a title that just fitted the whole chart lost its last letters under it ("Zadovoljstvo
klijenata (CSAT, % zadovoljnih" without its ")", s16-shots-b, sr-Latn 1280x720 10_dashboard_11_tickets).
Checked on the title's drawn box."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from desktop_app import style
from desktop_app.charts.bar_chart import BarChart

from .helpers import shown

TITLE = "Satisfaction by agent, with every agent named"
NAMES = [f"Agent {i}" for i in range(30)]


def test_the_title_stays_inside_the_plot_beside_the_scroll_bar(qtbot) -> None:
    metrics = QFontMetrics(style.chart_font(style.TITLE_FONT_SIZE, bold=True))
    width = metrics.horizontalAdvance(TITLE) + 24 + 4          # one line in the whole chart, not beside a scroll bar
    chart = shown(qtbot, BarChart(TITLE), width, 240)
    chart.set_bars("agent", NAMES, NAMES, [float(i) for i in range(30)], "percent", [10] * 30,
                   higher_is_better=True)
    qtbot.waitUntil(lambda: chart.scroll_bar.isVisible(), timeout=2000)
    qtbot.wait(50)
    label = chart.plot_item.titleLabel
    box = chart.plot_widget.mapFromScene(label.item.sceneBoundingRect()).boundingRect()
    view = chart.plot_widget.rect()
    assert view.left() <= box.left() and box.right() <= view.right(), (box, view, chart.title_shown())
    assert len(chart.title_shown()) == 2                       # wrapped, not cut
    assert " ".join(chart.title_shown()) == TITLE
