"""What a shop owner meets first: sensible filters, the data's own date span, readable cards."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop_app.filter_state import preset_label
from metrics_core.report_view.words import readable_reason
from desktop_app.dataset_facts import filter_values
from desktop_app.panels.dataset_sidebar import DETAIL_ROLE, DatasetSidebar
from desktop_app.panels.filter_bar import FilterBar
from desktop_app.panels.kpi_card import CARD_HEIGHT, KpiCard
from metrics_core.metrics.model import MetricResult

from .conftest import wait_results
from .helpers import make_dataset, tickets_frame

from ..spacing import nb


def _with_free_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Unmapped export columns: personal data and comments with few distinct values, and a real category."""
    rng = np.random.default_rng(5)
    n = len(frame)
    return frame.assign(**{
        "Comment": rng.choice(["Great", "Slow reply", "ok"], n),
        "First name": rng.choice(["Ana", "Bo", "Eva", "Jure"], n),
        "Last name": rng.choice(["Novak", "Kos"], n),
        "Billing City": rng.choice(["Ljubljana", "Maribor"], n),
        "Lineitem sku": rng.choice(["SKU-1", "SKU-2"], n),
        "Lineitem name": rng.choice(["Lamp", "Chair"], n),
        "Financial Status": rng.choice(["paid", "refunded"], n),
    })


def test_filters_offer_categories_not_personal_or_free_text_columns() -> None:
    ds = make_dataset("tickets", "tickets", _with_free_text(tickets_frame()))
    offered = set(filter_values(ds))
    for column in ("Comment", "First name", "Last name", "Billing City", "Lineitem sku", "Lineitem name"):
        assert column not in offered
    assert {"agent", "channel", "status", "Financial Status"} <= offered


def test_filter_bar_puts_main_categories_first_and_hides_free_text(qtbot, state) -> None:
    frame = _with_free_text(tickets_frame()).assign(team="Support", priority=lambda f: np.where(
        f.index % 2 == 0, "High", "Low"))
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", frame)))
    bar = FilterBar(state)
    qtbot.addWidget(bar)
    assert list(bar.category_buttons) == ["channel", "agent", "priority", "status"]   # team has one value only
    more = [a.text() for a in bar.more_button.menu().actions()]
    assert more == ["Financial status"]
    assert "Comment" not in bar.category_menus and "First name" not in bar.category_menus


def test_default_dates_are_the_activity_span_not_customer_join_dates(qtbot, state) -> None:
    tickets = tickets_frame()
    customers = pd.DataFrame({
        "customer_id": [f"C{i}" for i in range(40)],
        "joined_at": pd.Series(pd.date_range("2021-03-01", periods=40, freq="MS")).astype("datetime64[us]"),
    })

    def add():
        state.add_dataset(make_dataset("tickets", "tickets", tickets))
        state.add_dataset(make_dataset("customers", "customers", customers))

    wait_results(qtbot, state, add)
    bar = FilterBar(state)
    qtbot.addWidget(bar)
    first, last = tickets["created_at"].min(), tickets["created_at"].max()
    assert state.data_range() == (first, last)
    assert bar.from_edit.date().toPython() == first.date()
    assert bar.to_edit.date().toPython() == last.date()
    assert bar.preset_combo.itemText(bar.preset_combo.findData("this_month")) == f"Latest month ({last:%b %Y})"


def test_preset_labels_name_the_dates_they_stand_for() -> None:
    last = pd.Timestamp("2026-10-31")
    assert preset_label("this_month", last) == "Latest month (Oct 2026)"
    assert preset_label("last_month", last) == "Month before latest (Sep 2026)"
    assert preset_label("this_quarter", last) == "Latest quarter (Q4 2026)"
    assert preset_label("last_7", last) == "Last 7 days of data (25\u201331 Oct 2026)"
    assert preset_label("last_30", last) == "Last 30 days of data (2\u201331 Oct 2026)"
    assert preset_label("last_30", pd.Timestamp("2026-10-15")) == "Last 30 days of data (16 Sep \u2013 15 Oct 2026)"
    assert preset_label("all", last) == "All dates"


class _Change:
    delta = 3725.0
    current, previous = 7325.0, 3600.0
    period_from, period_to = pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31")
    previous_from, previous_to = pd.Timestamp("2026-09-01"), pd.Timestamp("2026-09-30")


def test_a_long_change_line_is_not_cut(qtbot) -> None:
    card = KpiCard("full_resolution_time", "Full resolution time", "seconds", False)
    qtbot.addWidget(card)
    card.set_result(MetricResult("full_resolution_time", 7325.0, "seconds", n=1234), _Change())
    card.show()
    text = card.change_label.text()
    assert text == "\u25b2 " + nb("+1 h 02 min") + " Oct vs " + nb("Sep 2026")  # names the month compared: the card may show more
    inner = card.contentsRect().width() - 20
    needed = card.change_label.heightForWidth(inner) if card.change_label.hasHeightForWidth() else \
        card.change_label.sizeHint().height()
    lines = sum(w.sizeHint().height() for w in (card.title_label, card.value_label, card.n_label)) + needed
    margins = card.layout().contentsMargins()          # (the top one gives the title its room: ink_room)
    assert lines <= CARD_HEIGHT - 6 - margins.top() - margins.bottom()
    assert card.change_label.fontMetrics().horizontalAdvance(text) <= inner or card.change_label.wordWrap()


def test_brand_attributes_headline_is_the_top_phrase_and_its_share(qtbot) -> None:
    card = KpiCard("brand_attributes", "Brand attributes", "count", None)
    qtbot.addWidget(card)
    details = {"phrases": [{"term": "fast delivery", "answers": 150, "share": 24.9}],
               "words": [{"term": "delivery", "answers": 200, "share": 33.2}]}
    card.set_result(MetricResult("brand_attributes", 603.0, "count", n=603, details=details))
    assert card.value_label.text() == "\u201cfast delivery\u201d"
    assert card.change_label.text() == "in 25 % of 603 comments"
    card.set_result(MetricResult("brand_attributes", 10.0, "count", n=10, details={"phrases": [], "words": [
        {"term": "slow", "answers": 4, "share": 40.0}]}))
    assert card.value_label.text() == "\u201cslow\u201d"


def test_missing_field_reasons_use_the_names_users_see() -> None:
    result = MetricResult("csat", None, "%", reason="needs the field 'csat_score', which no loaded file provides",
                          missing_fields=["csat_score"])
    text = readable_reason(result)
    assert "csat_score" not in text
    assert "CSAT" in text


def test_sidebar_shows_one_entry_per_file_with_its_details(qtbot, state) -> None:
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame())))
    bar = DatasetSidebar(state)
    qtbot.addWidget(bar)
    assert bar.list.count() == 1
    item = bar.list.item(0)
    assert item.text() == "tickets.csv"
    assert item.data(DETAIL_ROLE) == ("Tickets", 120, [])
    assert item.toolTip().splitlines()[1] == "Tickets\u00a0\u00b7 120\u00a0rows"      # (kept on one line)
    assert item.data(Qt.ItemDataRole.UserRole) == "tickets"
    hint = bar.list.itemDelegate().sizeHint(bar.list.viewOptions() if hasattr(bar.list, "viewOptions") else
                                            _option(bar.list), bar.list.model().index(0, 0))
    assert hint.height() >= 2 * bar.list.fontMetrics().height()


def _option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    return option


def test_nps_periods_are_named_like_the_trend_axis(qtbot, state) -> None:
    from desktop_app.jobs import nps_periods
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters

    from .helpers import surveys_frame

    bundle = DataBundle([make_dataset("surveys", "surveys", surveys_frame())])
    periods = nps_periods(bundle, {}, Filters(), "month")
    assert [p[0] for p in periods] == ["Jan 2024", "Feb 2024", "Mar 2024"]     # surveys_frame spans 90 days of 2024
    assert nps_periods(bundle, {}, Filters(), "quarter")[0][0] == "Q1 2024"


def test_a_card_can_be_chosen_from_the_keyboard(qtbot) -> None:
    card = KpiCard("csat", "CSAT", "%", True)
    qtbot.addWidget(card)
    assert card.focusPolicy() == Qt.FocusPolicy.TabFocus
    with qtbot.waitSignal(card.selected, timeout=1000) as blocker:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert blocker.args == ["csat"]


def test_a_breakdown_by_a_column_the_kpi_lacks_is_not_an_empty_chart() -> None:
    from desktop_app.charts.bar_chart import BarChart
    from desktop_app.charts import feed
    from desktop_app.jobs import chart_job
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter

    from .helpers import surveys_frame

    with_channel = DataBundle([make_dataset("surveys", "surveys", surveys_frame())])
    data = chart_job(with_channel, {}, Filters(), "nps", "month", "queue")(Reporter())
    assert data.category == "channel" and {p.label for p in data.bars} == {"Email", "Chat"}   # falls back
    bare = DataBundle([make_dataset("surveys", "surveys", surveys_frame().drop(columns=["channel"]))])
    data = chart_job(bare, {}, Filters(), "nps", "month", "queue")(Reporter())
    assert data.category is None and data.bars == []
    chart = BarChart()
    feed.show_bars(chart, data, None)
    assert chart.is_empty() and "queue" not in chart.empty_label.text()
    assert "no agent, channel, team" in chart.empty_label.text()


def test_windows_fit_a_1366_by_768_laptop() -> None:
    from desktop_app.window_size import fit_size

    width, height = fit_size(1100, 720, 1366, 728)        # 768 minus a 40 px taskbar
    assert width == 1100 and height + 32 <= 728            # room left for the title bar
    assert fit_size(860, 560, 1920, 1040) == (860, 560)    # big screens keep the preferred size


def test_a_single_period_trend_names_the_period_not_the_hours(qtbot) -> None:
    from desktop_app.charts.trend_chart import TrendChart

    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_series([pd.Timestamp("2026-10-01")], ["2026-10"], [79.3], "%", [208], None, "month")
    ticks = chart.plot_item.getAxis("bottom")._tickLevels
    assert ticks is not None and [label for _x, label in ticks[0]] == ["Oct 2026"]
    chart.set_series([pd.Timestamp("2026-09-01"), pd.Timestamp("2026-10-01")], ["a", "b"], [1.0, 2.0], "%",
                     None, None, "month")
    ticks = chart.plot_item.getAxis("bottom")._tickLevels                   # one label per period, named
    assert [label for _x, label in ticks[0]] in (["Sep 2026", "Oct 2026"], ["Oct 2026"])


def test_satisfaction_trend_card_reads_in_signed_points(qtbot):
    from metrics_core.metrics.model import MetricResult
    from desktop_app.panels.kpi_card import KpiCard

    card = KpiCard("satisfaction_trend", "Satisfaction improvement", "%", True)
    qtbot.addWidget(card)
    card.set_result(MetricResult("satisfaction_trend", 3.24, "%", n=10, details={"unit_note": "percentage points"}))
    assert card.value_label.text() == nb("+3.2 pp")


def test_turnover_is_not_broken_down_person_by_person() -> None:
    """Staff rows are people: "turnover by agent" would be 200 % for whoever left and nothing for the rest."""
    from desktop_app.jobs import chart_job
    from metrics_core.dataset import DataBundle
    from metrics_core.loading import load_dataset
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter
    from metrics_core.resources import demo_dir

    staff = load_dataset(demo_dir() / "staff.csv")
    data = chart_job(DataBundle([staff]), {}, Filters(), "employee_turnover", "month", "agent")(Reporter())
    assert data.category == "team"                  # every person is one row: the breakdown moves to the team
    assert {p.label for p in data.bars} == set(staff.frame["team"].dropna())
    assert max(p.n for p in data.bars) > 1


@pytest.mark.parametrize("lang", ["en", "sl"])
def test_a_missing_field_is_named_once_as_the_kpis_own_kind_names_it(lang) -> None:
    """s11-shots (62-66, every dashboard with "Show all KPIs"): the Cash flow card read "needs a column
    'Date (Date (date part) part)'": the calls' label of 'date' put in, then the 'date' inside it replaced again."""
    from desktop_app.i18n import apply_language
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import compute_metric

    apply_language(lang)
    result = compute_metric(DataBundle([make_dataset("tickets", "tickets", tickets_frame())]), "cash_flow")
    assert result.value is None and result.missing_fields == ["date"]
    text = readable_reason(result)
    quoted_label = {"en": "\u201cDate\u201d", "sl": "\u201eDatum\u201c"}[lang]       # the language's quotation marks
    assert quoted_label in text, text
    assert "date part" not in text and "(" not in text.split(quoted_label)[0], text
