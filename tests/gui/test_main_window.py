"""The whole window on the demo data: start page, dashboard, project save / reopen, settings, shortcuts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from metrics_core.formatting import result_text
from desktop_app.formatting import format_value
from desktop_app.main_window import MainWindow
from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics import engine
from metrics_core.metrics.model import FAMILIES
from metrics_core.metrics.registry import REGISTRY
from metrics_core.report_view import KpiView, compute_view
from metrics_core.resources import demo_dir

from ..spacing import read

DEMO_FILES = sorted(p for p in demo_dir().glob("*") if p.suffix.lower() in {".csv", ".xlsx"})


def _wait_idle(qtbot, window: MainWindow, count: int) -> None:
    state = window.state
    qtbot.waitUntil(lambda: len(state.bundle.datasets) == count and not state.is_busy()
                    and state.results is not None and len(state.results.results) > 0
                    and not state._recompute_timer.isActive(), timeout=60000)
    state.compute_runner.wait(30000)
    qtbot.wait(50)


@pytest.fixture(scope="module")
def demo_bundle() -> DataBundle:
    return DataBundle([load_dataset(p, name=p.stem) for p in DEMO_FILES])


def test_demo_from_start_page_matches_the_engine(qtbot, window: MainWindow, demo_bundle: DataBundle) -> None:
    assert window.stack.currentWidget() is window.start_page
    window.start_page.demo_button.click()
    _wait_idle(qtbot, window, len(DEMO_FILES))
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.sidebar.list.count() == len(DEMO_FILES)
    expected = engine.compute_all(demo_bundle)
    # KPIs of a period cover the dates the window states (all dates: the activity's span; test_crr_period.py)
    view = compute_view(demo_bundle, {}, KpiView())
    expected.update({m: view.results[m] for m in ("retention_rate", "churn_rate", "employee_turnover")})
    cards = window.workspace.dashboard.cards
    assert cards["benchmark_gap"].isHidden()          # waits for a benchmark value: no empty card by default
    window.workspace.dashboard.show_all_box.setChecked(True)
    for mid, card in cards.items():
        assert not card.isHidden(), mid
        if mid == "brand_attributes":       # a text KPI: the top phrase and its share, not the answer count
            top = expected[mid].details["phrases"][0]
            assert card.value_label.text() == f"\u201c{top['term']}\u201d"
            assert card.change_label.text() == f"in {top['share']:.0f} % of {format_value(expected[mid].n, 'count')} comments"
            continue
        # the engine's value, written as the card writes it (signed points for a change in points)
        written = result_text(expected[mid]) or format_value(expected[mid].value, expected[mid].unit)
        assert card.value_label.text() == written, mid
    assert cards["benchmark_gap"].reason_label.text()
    assert window.settings.recent_files() == []          # the demo does not fill the recent files
    # every extra chart has data with all kinds loaded
    chart_area = window.workspace.chart_area
    qtbot.waitUntil(lambda: window.state.chart_data is not None, timeout=30000)
    for chart in (chart_area.heatmap, chart_area.staffing):
        assert not chart.is_empty()
    staffing = expected["staffing"]
    assert chart_area.staffing.data_table()["agents"].tolist() == [c["agents"] for c in staffing.details["curve"]]


def test_project_round_trip(qtbot, window: MainWindow, settings, tmp_path: Path) -> None:
    import shutil

    files = []
    for p in DEMO_FILES:
        if p.stem in ("tickets", "survey_responses"):
            files.append(str(shutil.copy(p, tmp_path / p.name)))
    window.open_files(files)
    _wait_idle(qtbot, window, 2)
    window.state.set_targets({"csat": 85.0})
    window.state.set_params({"first_response_time": {}, "global": {"currency": "lei"}})
    window.state.filter_by("channel", "Email")
    _wait_idle(qtbot, window, 2)
    window.state.select_metric("csat")
    written = window.save_project_to(tmp_path / "shop")
    assert written is not None and written.suffix == ".kpidesk"
    doc = json.loads(written.read_text())
    assert [Path(f["path"]).name for f in doc["files"]] == ["survey_responses.csv", "tickets.csv"]
    assert doc["targets"] == {"csat": 85.0} and doc["filters"]["categories"] == {"channel": ["Email"]}
    assert [f["mapping"]["kind"] for f in doc["files"]] == ["surveys", "tickets"]
    assert settings.recent_projects() == [str(written)]
    assert sorted(settings.recent_files()) == sorted(files)
    other = MainWindow(settings)
    qtbot.addWidget(other)
    other.open_project(written)
    _wait_idle(qtbot, other, 2)
    assert other.state.currency() == "lei"               # the project's currency is back
    assert other.state.dataset_names() == window.state.dataset_names()
    assert other.state.targets == {"csat": 85.0}
    assert other.state.filters.categories == {"channel": ("Email",)}
    assert other.state.selected_metric == "csat"
    csat = other.state.results.results["csat"].value
    assert read(other.workspace.dashboard.cards["csat"].target_label.toolTip()) == (
        "✔ Meets the 85.0 % target" if csat >= 85 else "✘ Misses the 85.0 % target")
    mine = window.state.results.results
    theirs = other.state.results.results
    assert {k: v.value for k, v in theirs.items()} == {k: v.value for k, v in mine.items()}


def test_settings_dialog_is_generated_from_the_registry(qtbot, window: MainWindow) -> None:
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    assert dialog.metric_ids() == [s.id for s in sorted(REGISTRY, key=lambda s: [f for f, _ in FAMILIES].index(s.family))]
    for spec in REGISTRY:
        assert set(dialog.editors[spec.id]) == {p.name for p in spec.params if p.shown}
    assert dialog.params() == {}                    # untouched: only defaults
    dialog.editors["csat"]["threshold"].set_value(3)
    dialog.target_edits["nps"].setText("40")
    assert dialog.params() == {"csat": {"threshold": 3.0}}
    assert dialog.targets() == {"nps": 40.0}
    engine.compute_all(DataBundle(), dialog.params())      # the engine accepts what the dialog produces
    dialog.select_metric("nps")
    assert dialog.list.currentItem().data(Qt.ItemDataRole.UserRole) == "nps"
    assert dialog.pages.currentWidget().isAncestorOf(dialog.target_edits["nps"])
    dialog.calendar_editor.enabled_box.setChecked(True)
    dialog.calendar_editor.holidays_edit.setText("2026-06-25, not a date")
    calendar = dialog.params()["global"]["calendar"]
    assert calendar == {"weekdays": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00", "holidays": ["2026-06-25"]}
    engine.compute_all(DataBundle(), dialog.params())


def test_shortcuts(window: MainWindow) -> None:
    keys = {name: window.actions[name].shortcut() for name in ("open", "save", "export", "refresh", "data", "settings")}
    assert keys["open"] == QKeySequence(QKeySequence.StandardKey.Open)
    assert keys["save"] == QKeySequence(QKeySequence.StandardKey.Save)
    assert keys["export"] == QKeySequence("Ctrl+E")
    assert keys["refresh"] == QKeySequence("F5")
    assert keys["data"] == QKeySequence("Ctrl+2")
    assert keys["settings"] == QKeySequence("Ctrl+,")


def test_missing_file_is_reported_inline(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_files([str(tmp_path / "gone.csv")])
    assert "gone.csv no longer exists" in window.message_bar.text()
    assert window.message_bar.isVisible()


def test_export_needs_data_then_opens_the_report_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:
    assert window.export_dialog() is None
    assert "Open some files first" in window.message_bar.text()
    import shutil

    window.open_files([str(shutil.copy(demo_dir() / "tickets.csv", tmp_path / "tickets.csv"))])
    _wait_idle(qtbot, window, 1)
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    from metrics_core.progress import Reporter

    report = dialog._builder_source()(Reporter())
    assert report is not None and type(report).__name__ == "Report"


def test_window_layout_is_kept(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(760, 560)
    first.show()
    first.workspace.split.setSizes([300, 450])
    sizes = first.workspace.split.sizes()
    first.stack.setCurrentWidget(first.workspace)
    qtbot.wait(20)
    split = first.workspace.dash_split                   # the owner drags the handle between cards and charts
    split.moveSplitter(split.sizes()[0] - 30, 1)
    dashboard = split.sizes()
    assert "dashboard" in first.workspace.owner_sized
    size = (first.size().width(), first.size().height())
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.size().height() == size[1] == 560     # (the offscreen screen is 800 px wide: width is clamped)
    assert second.workspace.split.sizes() == sizes       # (at the smallest it can be: not moved, and the same)
    second.show()
    second.stack.setCurrentWidget(second.workspace)
    qtbot.waitExposed(second)
    qtbot.wait(20)
    assert second.workspace.dash_split.sizes() == dashboard and "dashboard" in second.workspace.owner_sized
    from dataclasses import replace

    second.state.set_filters(replace(second.state.filters, granularity="week"))
    third = MainWindow(settings)
    qtbot.addWidget(third)
    assert third.state.filters.granularity == "week"
    assert third.workspace.filter_bar.granularity_combo.currentData() == "week"


def _workspace_shown(qtbot, settings) -> MainWindow:
    """A new window on ``settings``, 1200 x 700, showing its dashboard page."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    window.stack.setCurrentWidget(window.workspace)
    qtbot.waitExposed(window)
    return window


def test_the_split_between_trend_and_breakdown_is_kept(qtbot, settings) -> None:
    """Issue 14: "the data view and charts get the room they need by splitters the owner can move, remembered" —
    the third splitter, between the trend and the breakdown (a long agent list wants the breakdown wider)."""
    first = _workspace_shown(qtbot, settings)
    split = first.workspace.chart_area.split
    qtbot.waitUntil(lambda: min(split.sizes()) > 0, timeout=5000)
    before = split.sizes()
    split.moveSplitter(before[0] - 150, 1)                  # the owner gives the breakdown more room
    moved = split.sizes()
    assert moved[1] > before[1] and "charts" in first.workspace.owner_sized
    first.close()
    second = _workspace_shown(qtbot, settings)
    qtbot.wait(20)
    assert second.workspace.chart_area.split.sizes() == moved and "charts" in second.workspace.owner_sized


def test_ctrl_f_opens_the_data_view_with_the_search_focused(qtbot, window: MainWindow) -> None:
    window.open_files([str(DEMO_FILES[0])])
    _wait_idle(qtbot, window, 1)
    window.activateWindow()
    assert window.actions["find"].shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.actions["find"].trigger()
    qtbot.waitUntil(lambda: window.workspace.data_view.search_edit.hasFocus(), timeout=3000)
    assert window.workspace.tabs.currentWidget() is window.workspace.data_view


def test_kpi_settings_are_remembered_for_the_next_start(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.apply_settings({"global": {"currency": "kr"}, "csat": {"threshold": 5}}, {"csat": 90.0})
    later = MainWindow(settings)                     # the next start, same settings file
    qtbot.addWidget(later)
    assert later.state.params == {"global": {"currency": "kr"}, "csat": {"threshold": 5}}
    assert later.state.targets == {"csat": 90.0} and later.state.currency() == "kr"
    settings.save_kpi_settings({"no_such_kpi": {"x": 1}}, {})     # an older version's settings are left out
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.state.params == {} and again.state.targets == {}
