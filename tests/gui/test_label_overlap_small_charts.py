"""Charts as short as the window makes them on a laptop (150 px, the charts' least height), read by an owner:
the breakdown's names never below 9 pt (it scrolls instead), the heat map says what its bottom axis counts,
and the staffing chart's per-cent axis has at least two numbers — each checked on the drawn texts."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.heatmap_chart import HeatmapChart
from desktop_app import style
from desktop_app.charts import staffing_chart
from desktop_app.charts.staffing_chart import StaffingChart
from desktop_app.i18n import apply_language

from .chart_texts import all_texts, colour_scale_axes, cut_at_edge, overlaps, readability_problems
from .helpers import shown

READABLE_POINTS = 9          # the least size of a name at 100 % (the charts' own size is 10 pt)
AGENTS = ["Maja Novak", "Ana Zupančič", "Tina Kos", "Rok Potočnik", "Luka Kranjc", "Jure Horvat", "Eva Vidmar",
          "Nina Golob", "Matej Kovačič", "Urška Mlakar", "Peter Kralj", "Sara Bizjak"]


def _texts(chart, what: str, **kwargs) -> list[str]:
    return [t.text.strip() for t in all_texts(chart.plot_item, **kwargs) if t.what == what]


@pytest.mark.parametrize("size", [(370, 150), (410, 160), (520, 240)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_breakdown_names_stay_readable_and_the_bars_scroll(qtbot, size) -> None:
    """Twelve agents in the 1280 x 720 window's breakdown (370 x 150) were named in 7 pt."""
    chart = shown(qtbot, BarChart("Rezultat zadovoljstva strank (CSAT, % zadovoljnih) po: agent"), *size)
    chart.set_bars("agent", AGENTS, AGENTS, [90.0 - 2 * i for i in range(12)], "%", [50] * 12)
    qtbot.waitUntil(lambda: bool(_texts(chart, "left tick")), timeout=5000)
    qtbot.wait(50)
    axis = chart.plot_item.getAxis("left")
    points = axis.style["tickFont"].pointSizeF()
    assert points >= READABLE_POINTS, f"the names are drawn in {points} pt"
    names = _texts(chart, "left tick")
    assert names == AGENTS[:chart.bars_shown()]
    assert chart.scroll_bar.isVisible() == (chart.bars_shown() < len(AGENTS))       # the others scroll
    assert readability_problems(chart.plot_widget) == []


@pytest.mark.parametrize("lang, caption", [("en", "hour of the day"), ("sl", "ura dneva")])
@pytest.mark.parametrize("size", [(980, 150), (1060, 180), (520, 240)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_heat_map_says_what_its_hours_are(qtbot, lang, caption, size) -> None:
    apply_language(lang)
    chart = shown(qtbot, HeatmapChart(), *size)
    chart.set_matrix(np.random.default_rng(4).integers(0, 1300, (7, 24)).astype(float))
    qtbot.wait(50)
    scale = colour_scale_axes(chart.plot_widget)
    assert _texts(chart, "bottom caption") == [caption]              # (there was no caption)
    assert len(_texts(chart, "bottom tick")) >= 6                   # the hours stay named beside it
    assert len(_texts(chart, "left tick")) >= 4                     # every other weekday at least
    assert readability_problems(chart.plot_widget, scale) == []


@pytest.mark.parametrize("height", [150, 165, 180, 240])
def test_the_staffing_chart_numbers_its_per_cent_axis_at_every_height(qtbot, height) -> None:
    """At 150 px the left axis read only "100": an owner could not tell where 0 % is."""
    chart = shown(qtbot, StaffingChart(), 520, height)
    chart.set_curve(list(range(1, 8)), [37.0, 86.0, 97.0, 99.5, 99.9, 100.0, 100.0], 80.0, 2,
                    occupancy=[100.0, 62.0, 41.0, 31.0, 25.0, 21.0, 18.0],
                    asa_s=[None, 16.0, 3.0, 0.5, 0.1, 0.0, 0.0], measured=20.0,
                    measured_at="08:00")
    qtbot.wait(100)
    ticks = _texts(chart, "left tick")
    assert len(ticks) >= 2 and "0" in ticks, f"the % axis reads {ticks} at {height} px"
    assert len(_texts(chart, "right tick")) >= 2
    texts = all_texts(chart.plot_item)       # (a marker's label may lie on a curve in so short a chart: the
    assert overlaps(texts) + cut_at_edge(texts, chart.plot_widget) == []      # curves fill the 60 px left)


@pytest.mark.parametrize("size", [(920, 150), (920, 240), (640, 400)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_nps_chart_names_its_zero(qtbot, size) -> None:
    """s7-shots (1366 x 768): the NPS bars' axis read 25 / 50 / 75 / 100 % with no 0 % (pyqtgraph leaves out the
    label at the bottom edge of a gridded axis, as on the staffing chart)."""
    from desktop_app.charts.nps_chart import NpsStackedChart

    chart = shown(qtbot, NpsStackedChart(), *size)
    chart.set_periods(["May", "Jun", "Jul", "Aug"], [45.0, 47, 49, 53], [38.0, 36, 35, 35], [17.0, 17, 16, 12])
    # read at once, as the first frame draws it: the failures seen under load ("0 %" alone, once with a 304 px
    # view) were that frame — the axis had its default width, too narrow for "100 %", and pyqtgraph widens it only
    # after drawing its labels, dropping meanwhile each label wider than the axis (every one but "0 %")
    view, axis = chart.plot_item.getViewBox(), chart.plot_item.getAxis("left")
    ticks = _texts(chart, "left tick")
    assert "0\u00a0%" in ticks and "100\u00a0%" in ticks, (ticks, view.height(), view.viewRange()[1], axis.geometry())
    assert readability_problems(chart.plot_widget) == []


@pytest.mark.parametrize("size", [(1040, 180), (980, 165), (520, 240)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_staffing_chart_keeps_its_height_for_the_curves_at_1280x720(qtbot, size) -> None:
    """s7-shots at 1280 x 720 (chart 1040 x 180): the legend stood in a band above 100 % and left the curves a
    ~60 px strip; the '2 agents' line ran up through the legend; target (vermillion, dashed) and occupancy
    (orange, dashed) were two dashed oranges (hues 26 and 41 degrees). The legend now stands beside the plot (under
    it in a narrow chart), 0..100 % spans the view."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    chart = shown(qtbot, StaffingChart(), *size)
    chart.set_curve(list(range(1, 8)), [37.0, 86.0, 97.0, 99.5, 99.9, 100.0, 100.0], 80.0, 2,
                    occupancy=[100.0, 62.0, 41.0, 31.0, 25.0, 21.0, 18.0],
                    asa_s=[None, 16.0, 3.0, 0.5, 0.1, 0.0, 0.0], measured=20.0,
                    measured_at="08:00")
    qtbot.waitUntil(lambda: bool(_texts(chart, "line label")), timeout=5000)
    qtbot.wait(100)
    box = chart.plot_item.getViewBox()
    view = box.sceneBoundingRect()
    legend = [t.rect for t in all_texts(chart.plot_item) if t.what == "legend"]
    assert len(legend) == 3 and not any(rect.intersects(view) for rect in legend), (legend, view)
    span = box.mapViewToScene(QPointF(1, 0)).y() - box.mapViewToScene(QPointF(1, 100)).y()
    assert span >= 0.8 * view.height(), f"0..100 % takes {span:.0f} of the plot's {view.height():.0f} px"
    texts = all_texts(chart.plot_item)
    labels = [t.text.replace("\u00a0", " ") for t in texts if t.what == "line label"]
    measured = "measured 20 % at 08:00" if size[0] >= 980 else "measured 20 %"   # half width: the slot in the tooltip
    assert sorted(labels) == ["2 agents", measured, "target 80 %"]
    assert overlaps(texts) + cut_at_edge(texts, chart.plot_widget) == []
    target, occupancy = (QColor(c).hueF() * 360 for c in (style.TARGET, staffing_chart.OCCUPANCY_COLOUR))
    assert min(abs(target - occupancy), 360 - abs(target - occupancy)) >= 45, "two dashed lines of one hue"


def test_the_staffing_chart_names_the_interval_it_measured(qtbot) -> None:
    """s7-shots 21_chart_5_staffing: 'measured 20 %' beside a 'Call service level' card of 55.1 %: the line
    did not say it was the busiest slot's level. The result's interval (its start, 08:00 on the demo) is named,
    as on the Erlang card ('measured 20 % at 08:00')."""
    from metrics_core.metrics.model import MetricResult
    from desktop_app.charts.feed import show_staffing

    curve = [{"agents": k, "service_level_pct": sl, "occupancy_pct": occ, "asa_s": None}
             for k, sl, occ in ((1, 37.0, 100.0), (2, 86.0, 62.0), (3, 97.0, 41.0))]
    result = MetricResult("staffing", 2.0, "count", details={"curve": curve, "target_pct": 80.0, "interval": "08:00",
                                                              "measured_service_level_pct": 20.0})
    chart = shown(qtbot, StaffingChart(), 1040, 240)
    show_staffing(chart, result)
    qtbot.waitUntil(lambda: bool(_texts(chart, "line label")), timeout=5000)
    assert "measured 20 % at 08:00" in _texts(chart, "line label")       # (Qt reads a no-break space as a space)


@pytest.mark.parametrize("width", [180, 200, 230, 260, 340, 520])
def test_a_narrow_breakdown_never_draws_a_value_over_another(qtbot, width) -> None:
    """72_tooltip_bar_caption (sl, the breakdown narrowed to ~180 px by the splitter): the bars' value axis read
    "0204060" — pyqtgraph labels every tick of the first level, however close. At every width no tick label
    touches another, and the axis keeps at least two numbers, its "0" among them."""
    apply_language("sl")
    chart = shown(qtbot, BarChart("Prvi odzivni čas po: kanal"), width, 300)
    names = ["Elektronska pošta", "Klepet v živo", "Telefon"]
    chart.set_bars("channel", names, names,
                   [61.0, 37.5, 12.0], "%", [40, 30, 20])
    qtbot.waitUntil(lambda: bool(_texts(chart, "bottom tick")), timeout=5000)
    qtbot.wait(50)
    ticks = sorted((t for t in all_texts(chart.plot_item) if t.what == "bottom tick"), key=lambda t: t.rect.left())
    gaps = [b.rect.left() - a.rect.right() for a, b in zip(ticks, ticks[1:])]
    assert min(gaps, default=2) >= 2, [(t.text, round(t.rect.left()), round(t.rect.right())) for t in ticks]
    assert len(ticks) >= 2 and ticks[0].text == "0", [t.text for t in ticks]
