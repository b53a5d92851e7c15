"""Dashboard flows on hand-built datasets: the values shown are metrics_core's values."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.formatting import result_text
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt

from desktop_app.filter_state import FilterState
from desktop_app.formatting import format_value
from desktop_app.panels.chart_area import ChartArea
from desktop_app.panels.dashboard import DashboardPanel
from desktop_app.panels.data_view import DataView
from desktop_app.panels.filter_bar import FilterBar
from metrics_core.dataset import DataBundle
from metrics_core.metrics import engine

from .conftest import wait_results
from .helpers import combo_field_and_text, make_dataset, surveys_frame, tickets_frame

from ..spacing import read


@pytest.fixture
def loaded(qtbot, state):
    dash = DashboardPanel(state)
    charts = ChartArea(state)
    bar = FilterBar(state)
    view = DataView(state)
    for w in (dash, charts, bar, view):
        qtbot.addWidget(w)
    tickets = make_dataset("tickets", "tickets", tickets_frame(), ["surveys"])
    surveys = make_dataset("surveys", "surveys", surveys_frame())

    def add():
        state.add_dataset(tickets)
        state.add_dataset(surveys)

    wait_results(qtbot, state, add)
    return state, dash, charts, bar, view, DataBundle([tickets, surveys])


def test_cards_show_the_engine_values(loaded) -> None:
    state, dash, _charts, _bar, _view, bundle = loaded
    expected = engine.compute_all(bundle)
    shown = 0
    for mid, card in dash.cards.items():
        if card.isHidden():
            continue
        # the engine's value, written as the card writes it (signed points for a change in points)
        written = result_text(expected[mid]) or format_value(expected[mid].value, expected[mid].unit)
        assert card.value_label.text() == written, mid
        if expected[mid].value is None:
            assert card.reason_label.text()          # the reason is shown, never a bare dash
        shown += 1
    assert shown >= 10
    nps = expected["nps"]
    margin = f"± {nps.margin_of_error:.1f} points"                  # an NPS card shows its margin of error
    assert dash.cards["nps"].n_label.text() == margin
    assert dash.cards["nps"].n_label.toolTip() == f"from {nps.n:,} answers"     # (counted in the data's word)
    assert dash.cards["call_fcr"].isHidden()          # no call file loaded
    from metrics_core.metrics.docs import describe

    assert dash.cards["nps"].description == describe("nps", ids=False) and dash.cards["nps"].toolTip()
    # the owner's words, no command-line names (s15-shots-a/b: 'From totals: positive, responses.', '(scale)')
    assert "(nps)" not in dash.cards["nps"].description and "From totals" not in dash.cards["nps"].description
    assert "(csat)" not in dash.cards["csat"].description and "(threshold)" not in dash.cards["csat"].description
    # rich text, so Qt wraps it: plain, a line just under the screen's width was one line across the window
    # (s15-shots-a, sv 1366x768 70_tooltip_card: 1,300 px wide over the file list)
    assert GuiQt.mightBeRichText(dash.cards["nps"].toolTip())
    rich = GuiQt.convertFromPlainText(describe("nps", ids=False), GuiQt.WhiteSpaceMode.WhiteSpaceNormal)
    assert dash.cards["nps"].toolTip() == rich
    # on "All dates" there is no earlier period: no change is shown (never last month's next to every date's value)
    assert dash.cards["nps"].change_label.isHidden()


def test_a_month_shows_changes_judged_against_their_noise(qtbot, loaded) -> None:
    state, dash, _charts, _bar, _view, bundle = loaded
    march = state.filters.with_dates(pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-31"), "custom")
    wait_results(qtbot, state, lambda: state.set_filters(march))
    change = engine.compare(bundle, "nps", {"global": {"targets": {}}}, engine.Filters("2024-03-01", "2024-03-31"))
    label = dash.cards["nps"].change_label
    assert label.toolTip().startswith("Mar 2024 vs Feb 2024:")
    assert "95 % interval of the change" in label.toolTip()
    decimals = 1 if abs(change.absolute) >= 10 else 2            # scores: as the deck writes them
    assert f"{abs(change.absolute):.{decimals}f}" in label.text()
    # the NPS change's noise, worked out here: 1.96 * sqrt(var1/n1 + var2/n2) * 100
    parts = []
    for result in (change.current_result, change.previous_result):
        p, d = result.details["promoters_pct"] / 100, result.details["detractors_pct"] / 100
        parts.append((p + d - (p - d) ** 2) / result.n)
    margin = 1.96 * (sum(parts) ** 0.5) * 100
    if abs(change.absolute) < margin:
        assert label.text().startswith("no clear change") and "#6b6b6b" in label.styleSheet().lower()
    else:
        arrow = "\u25b2" if change.absolute > 0 else "\u25bc"
        assert label.text().startswith(arrow)
    wait_results(qtbot, state, lambda: state.set_filters(march.with_dates(None, None, "all")))


def test_category_filter_and_bar_click(qtbot, loaded) -> None:
    state, dash, charts, bar, _view, bundle = loaded
    assert "agent" in bar.category_buttons and "channel" in bar.category_buttons
    results = wait_results(qtbot, state, lambda: state.filter_by("channel", "Email"))
    expected = engine.compute_all(bundle, None, engine.Filters(categories={"channel": ["Email"]}))
    assert results.results["request_volume"].value == expected["request_volume"].value
    assert dash.cards["request_volume"].value_label.text() == format_value(expected["request_volume"].value, "count")
    assert "Email" in bar.category_buttons["channel"].text()
    # a bar click filters the dashboard to that agent
    with qtbot.waitSignal(state.charts_changed, timeout=20000):
        state.select_metric("resolution_time")
    assert charts.trend.data_table()["period"].tolist()
    agents = charts.bars.keys()
    assert set(agents) <= {"Eva", "Bo", "Ana"} and agents
    results = wait_results(qtbot, state, lambda: charts.bars.click_bar(0))
    assert state.filters.categories == {"channel": ("Email",), "agent": (agents[0],)}
    expected = engine.compute_all(bundle, None, engine.Filters(categories={"channel": ["Email"], "agent": [agents[0]]}))
    assert results.results["resolution_time"].value == pytest.approx(expected["resolution_time"].value)


def test_date_preset_and_chart_values(qtbot, loaded) -> None:
    state, dash, charts, bar, _view, bundle = loaded
    idx = bar.preset_combo.findData("last_month")
    bar.preset_combo.setCurrentIndex(idx)
    results = wait_results(qtbot, state, lambda: bar.preset_combo.activated.emit(idx))
    lo, hi = state.filters.date_from, state.filters.date_to
    last = max(tickets_frame()["created_at"].max(), surveys_frame()["submitted_at"].max())
    first_of_month = last.normalize().replace(day=1)
    assert hi == first_of_month - pd.Timedelta(days=1) and lo == hi.replace(day=1)
    expected = engine.compute_all(bundle, None, engine.Filters(lo, hi))
    assert results.results["request_volume"].value == expected["request_volume"].value
    with qtbot.waitSignal(state.charts_changed, timeout=20000):
        state.select_metric("nps")
    assert state.filters.granularity == "week"      # a one-month preset charts weeks, not a single point
    points = engine.breakdown(bundle, "nps", "week", None, engine.Filters(lo, hi))
    assert len(points) >= 4
    x, y = charts.trend.points()
    assert list(y) == [p.value for p in points]
    assert charts.nps.data_table()["promoters"].notna().all()
    assert not charts.heatmap.is_empty()
    assert charts.heatmap.matrix().sum() == expected["peak_hours"].n


def test_granularity_changes_the_trend(qtbot, loaded) -> None:
    state, _dash, charts, bar, _view, bundle = loaded
    with qtbot.waitSignal(state.charts_changed, timeout=20000):
        state.select_metric("request_volume")
    idx = bar.granularity_combo.findData("week")
    bar.granularity_combo.setCurrentIndex(idx)
    with qtbot.waitSignal(state.charts_changed, timeout=20000) as blocker:
        bar.granularity_combo.activated.emit(idx)
    assert blocker.args[0].granularity == "week"
    expected = engine.breakdown(bundle, "request_volume", "week")
    assert charts.trend.data_table()["period"].tolist() == [p.label for p in expected]
    assert list(charts.trend.points()[1]) == [p.value for p in expected]


def test_drilldown_opens_the_rows(qtbot, loaded) -> None:
    state, _dash, _charts, _bar, view, bundle = loaded
    wait_results(qtbot, state, lambda: state.filter_by("agent", "Eva"))
    with qtbot.waitSignal(state.drilldown_requested):
        state.request_drilldown("resolution_time")
    frame = tickets_frame()
    eva = int((frame["agent"] == "Eva").sum())
    assert view.model.total_rows() == eva
    assert "Rows behind" in view.dataset_combo.currentText()
    col = list(view.model.frame().columns).index("agent")
    assert {view.model.data(view.model.index(r, col)) for r in range(view.model.rowCount())} == {"Eva"}
    view.search_edit.setText("T000")
    view._on_search_timer_timeout()
    expected = int(frame[(frame["agent"] == "Eva")]["ticket_id"].str.contains("T000").sum())
    assert view.model.total_rows() == expected
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    ids = [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]
    assert ids == sorted(ids, reverse=True)


def results_value(state, metric_id: str) -> float:
    return float(state.results.results[metric_id].value)


def test_targets_and_params_reach_the_cards(qtbot, loaded) -> None:
    state, dash, charts, _bar, _view, bundle = loaded
    wait_results(qtbot, state, lambda: state.set_targets({"csat": 80.0}))
    met = results_value(state, "csat") >= 80.0
    assert dash.cards["csat"].target_label.text() == ("✔ target met" if met else "✘ target missed")
    assert read(dash.cards["csat"].target_label.toolTip()) == ("✔ Meets the 80.0 % target" if met
                                                               else "✘ Misses the 80.0 % target")
    results = wait_results(qtbot, state, lambda: state.set_params({"csat": {"threshold": 3}}))
    expected = engine.compute_all(bundle, {"csat": {"threshold": 3}})
    assert results.results["csat"].value == pytest.approx(expected["csat"].value)
    assert results.results["csat"].value != engine.compute_all(bundle)["csat"].value
    assert dash.cards["csat"].value_label.text() == format_value(expected["csat"].value, "%")


def test_removing_a_dataset_hides_its_cards(qtbot, loaded) -> None:
    state, dash, *_ = loaded
    wait_results(qtbot, state, lambda: state.remove_dataset("tickets"))
    assert dash.cards["resolution_time"].isHidden()
    assert not dash.cards["nps"].isHidden()
    dash.show_all_box.setChecked(True)
    assert not dash.cards["resolution_time"].isHidden()
    assert state.filters == FilterState() or state.filters.categories == {}


def test_cards_on_screen_get_their_values_first_and_no_other_card_keeps_an_old_number(qtbot, loaded) -> None:
    """A re-filter: the cards on screen show the new values first (those of a fresh computation); every other
    card shown that held a number says it is being worked out until the others arrive, then shows its own new
    value."""
    from desktop_app.panels.kpi_card import DASH
    from metrics_core.i18n import _

    state, dash, _charts, _bar, _view, bundle = loaded
    dash.resize(700, 320)
    dash.show()
    qtbot.waitExposed(dash)
    shown = dash.visible_metric_ids()
    held = {m for m in shown if state.results.results[m].value is not None}
    asked, provider = [], state.on_screen
    state.on_screen = lambda: asked.append(provider()) or asked[-1]     # the cards on screen when asked
    seen = {}
    state.first_results_changed.connect(lambda part: seen.update(
        part=set(part.results), texts={m: dash.cards[m].value_label.text() for m in shown}))
    state.results_changed.connect(lambda results: seen.setdefault("results", results))
    state.set_filters(state.filters.with_category("channel", ["Email"]))
    qtbot.waitUntil(lambda: "results" in seen, timeout=20000)
    results, on_screen = seen["results"], asked[-1]
    off_screen = [m for m in shown if m not in on_screen and m in held]
    assert on_screen and off_screen                             # some cards are scrolled out of view
    fresh = engine.compute_all(bundle, state.engine_params(), state.filters.to_engine())
    assert set(on_screen) <= seen["part"]
    for metric_id in on_screen:
        assert results.results[metric_id].value == fresh[metric_id].value
        assert seen["texts"][metric_id] == dash.cards[metric_id].value_label.text()   # already the new value
    assert all(seen["texts"][m] == _("Working out\u2026") for m in off_screen if m not in seen["part"])
    assert any(dash.cards[m].value_label.text() != DASH for m in off_screen)


@pytest.mark.parametrize("lang", ["en", "sr"])
def test_the_row_count_stays_whole_beside_a_drilldowns_long_title(qtbot, loaded, lang) -> None:
    """s12 (32_data_view_search, Serbian at 1366x768; Slovenian at 1280x720): the drill-down's title filled the top
    row and the count beside the search read "960 од 4.04"."""
    from desktop_app.i18n import apply_language

    apply_language(lang)
    state, _dash, _charts, _bar, view, _bundle = loaded
    with qtbot.waitSignal(state.drilldown_requested):
        state.request_drilldown("first_response_time")
    view.resize(900, 500)                  # the data view's width at 1280x720, less the file list
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(200)
    view.search_edit.setText("T00")
    view._on_search_timer_timeout()         # the count changes to "n of N rows": room for it was kept before
    assert "of" in view.count_label.text() or "од" in view.count_label.text()
    assert view.count_label.width() >= view.count_label.sizeHint().width()
    assert view.count_label.geometry().right() < view.width()
    assert view.search_edit.width() >= 100 and view.dataset_combo.width() >= 200     # both still usable


def test_at_1366_the_rows_of_box_names_a_drilldown_whole_in_serbian(qtbot, loaded) -> None:
    """sr 31_data_view_drilldown at 1366 x 768 read "Редови за Време првог одговора (4.043 × Захтеви, од тога ура…":
    the row's room was shared 2 : 1 with a search box far wider than a name typed into it."""
    from desktop_app.i18n import apply_language

    apply_language("sr")
    state, _dash, _charts, _bar, view, _bundle = loaded
    with qtbot.waitSignal(state.drilldown_requested):
        state.request_drilldown("first_response_time")
    view.resize(1112, 500)                 # the data view's width at 1366x768, less the file list
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(200)
    combo = view.dataset_combo
    assert combo.currentText().startswith("Редови за Време првог одговора (")
    # the demo's name (this file has 120 tickets, none left uncounted)
    combo.setItemText(combo.currentIndex(), "Редови за Време првог одговора (4.043 × Захтеви, од тога урачунато 4.030)")
    qtbot.wait(50)
    room, needed = combo_field_and_text(combo)
    assert room >= needed, (room, needed)
    assert view.search_edit.width() >= 100
    assert view.count_label.geometry().right() < view.width()
