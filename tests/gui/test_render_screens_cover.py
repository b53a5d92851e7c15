"""tools/render_screens.py draws every screen an owner meets, without an error: start page, loading, the
import dialog (as read, a required field unmapped, the question before importing without it, a file that
cannot be read), the dashboard per file and with all, every chart tab, every card, the filters ("More
filters" open, a filter applied, a date preset, another comparison, a trend per week), the menu bar's first
menu and a chart's export menu open, the tooltips of a card, a trend point and a shortened bar caption (screen
grabs), the data view, the settings, the export and About dialogs, Qt's own dialogs, the message for a damaged
file, the offer to restore a crashed session's work, and the files issue 14 names (a file unlike any export, the
PwC call log's clock times, the daily ACD file, the PwC file, date-only tickets, pound amounts, tickets without
dates).

One run of the script on a 1366 x 768 offscreen screen with three demo files (tickets, calls, survey
answers: between them every chart tab). It takes 20-60 s (it loads the files four times, as the
script does for every configuration); marked slow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "render_screens.py"
DEMO = ("calls", "survey_responses", "tickets")          # in name order, as the script numbers them
WINDOW_SHOTS = [
    "01_start_page", "06_loading", "07_loading_dashboard",
    "10_dashboard_00_calls", "10_dashboard_01_survey_responses", "10_dashboard_02_tickets",
    "20_dashboard_all", "21_chart_1_nps", "21_chart_2_scores", "21_chart_3_backlog", "21_chart_4_peak_hours",
    "21_chart_5_staffing", "23_show_all_kpis", "24_breakdown_by_channel", "25_latest_month",
    "25_date_presets_open", "25_compare_last_year", "26_trend_per_week", "27_more_filters_open",
    "28_filter_applied", "29_menu_file", "29_menu_2", "29_menu_3", "29_menu_4", "29_chart_export_menu",
    "29_break_down_by_open", "29_calendar_open",
    "30_data_view", "31_data_view_drilldown", "32_data_view_search",
    "54_error_unreadable_file", "62_issue_acd_daily", "63_issue_pwc", "64_issue_date_only_tickets",
    "65_issue_pounds", "66_issue_no_dates_no_channel",
]
OTHER_SHOTS = [
    "02_import_dialog", "03_import_required_missing", "04_import_confirm_missing", "05_import_unreadable_file",
    "22_all_cards", "23_show_all_kpis_cards", "40_settings_language", "41_settings_kpi_target",
    "42_settings_business_hours", "43_settings_currency", "44_settings_staffing", "50_export_report", "51_about",
    "52_qt_file_dialog", "53_qt_message_box", "55_restore_after_crash", "60_import_not_an_export",
    "61_import_clock_times_pwc", "62_issue_acd_daily_cards", "63_issue_pwc_cards", "64_issue_date_only_tickets_cards",
    "70_tooltip_card", "71_tooltip_trend_point", "72_tooltip_bar_caption",         # the screen: a tooltip is on it
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("screens")
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT),
           "KPIDESK_STATE_DIR": str(folder / "state")}
    env.pop("QT_SCALE_FACTOR", None)
    out = folder / "shots"
    done = subprocess.run([sys.executable, str(TOOL), str(out), "--size", "1366x768", "--lang", "sl",
                           "--demo-files", ",".join(DEMO)], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    return out, done


@pytest.mark.slow
def test_every_screen_is_drawn_without_an_error(rendered) -> None:
    out, done = rendered
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    made = {Path(line).stem for line in done.stdout.split()}
    missing = sorted(set(WINDOW_SHOTS + OTHER_SHOTS) - made)
    assert not missing, f"not drawn: {missing}"
    for name in made:
        assert (out / f"{name}.png").is_file(), name


@pytest.mark.slow
def test_the_window_shots_are_the_whole_window_and_not_blank(rendered) -> None:
    out, done = rendered
    assert done.returncode == 0, done.stderr[-3000:]
    first = QImage(str(out / f"{WINDOW_SHOTS[0]}.png"))
    width, height = first.width(), first.height()
    assert 1200 <= width <= 1366 and 650 <= height <= 768, (width, height)     # the window, fitted to the screen
    for name in WINDOW_SHOTS:
        image = QImage(str(out / f"{name}.png"))
        assert (image.width(), image.height()) == (width, height), (name, image.width(), image.height())
        corner = image.pixelColor(0, height - 1)
        assert any(image.pixelColor(x, y) != corner for x in range(0, width, 97) for y in range(0, height, 53)), name
    box = QImage(str(out / "04_import_confirm_missing.png"))       # the question itself, not the dialog under it
    assert 0 < box.width() < 800 and 0 < box.height() < 300
