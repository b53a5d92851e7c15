"""An empty chart's note is never cut at the bottom (shots16-d, finding 1): in Serbian at 1280 x 720 (screen 62, the
daily ACD file) the Erlang C note in the right-hand pane wrapped to eight lines in a pane of seven once it kept 14 px
off both edges (fe8991c), and its last line, the setting to change ("Дужина једног реда интервала (минути)."), was
not drawn. The note is shortened to the lines the pane has, ending in "…", and is whole in its tooltip — as the
chart's title and the cards' reasons are."""

from __future__ import annotations

import pytest

from desktop_app.charts.bar_chart import BarChart
from desktop_app.i18n import apply_language
from metrics_core.i18n import _

PANE = (410, 218)           # the right-hand pane at 1280 x 720 (screen 62, measured on the drawn sr shot)


def _erlang_note() -> str:
    return _("Staffing needs intra-day figures, and these rows have no times of day (the length of one row is "
             "unknown): the calls of each 15- or 30-minute interval with its start time (a call log with call "
             "times, or interval rows with their times). If each row is one interval, enter its length in "
             "the settings: {kpi}, {setting}.", kpi=_("Agents needed (Erlang C)"),
             setting=_("Length of one interval row (minutes)"))


def _empty_chart(qtbot, size: tuple[int, int]) -> BarChart:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    chart.set_title(_("Agents needed (Erlang C)"))
    chart.empty_message = _erlang_note()
    chart.set_bars("agent", [], [], [], "%")
    qtbot.waitExposed(chart)
    qtbot.wait(10)
    assert chart._stack.currentWidget() is chart.empty_label
    return chart


@pytest.mark.parametrize("code", ["sr", "sr-Latn"])
def test_the_erlang_note_fits_the_pane_at_1280(qtbot, code) -> None:
    apply_language(code)
    chart = _empty_chart(qtbot, PANE)
    label = chart.empty_label
    assert label.heightForWidth(label.width()) <= label.height(), (label.heightForWidth(label.width()), label.height())
    if code == "sr":                      # (the Latin letters are narrower: its note may fit whole)
        assert label.text().endswith("\u2026")
    assert label.toolTip() == (_erlang_note() if label.text().endswith("\u2026") else "")


def test_a_note_with_room_is_whole_without_a_tooltip_and_follows_a_resize(qtbot) -> None:
    apply_language("sr")
    chart = _empty_chart(qtbot, (PANE[0], PANE[1] + 160))
    assert chart.empty_label.text().endswith(_erlang_note()) and chart.empty_label.toolTip() == ""
    chart.resize(*PANE)
    qtbot.wait(10)
    label = chart.empty_label
    assert label.heightForWidth(label.width()) <= label.height() and label.toolTip() == _erlang_note()
    chart.resize(PANE[0], PANE[1] + 160)
    qtbot.wait(10)
    assert chart.empty_label.text().endswith(_erlang_note()) and chart.empty_label.toolTip() == ""
