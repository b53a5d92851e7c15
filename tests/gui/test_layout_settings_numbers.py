"""Settings › Agents needed (Erlang C) as s7-shots saw it at 1366 x 768: whole minutes and seconds written
"30.00", "20.00", "100.00"; "Handle time override (s) 0.00" read as a handle time of zero (0 means no override);
in Romanian the page was 8 px taller than the dialog and its last row (the target) was cut."""

from __future__ import annotations

import pytest

from desktop_app.dialogs.settings_dialog import SettingsDialog
from desktop_app.i18n import apply_language
from desktop_app.window_size import fit_size

# the laptops' screens less a taskbar, as the dialog sizes itself on them (window_size.resize_to_fit)
SCREENS = ((1366, 728), (1280, 720))


def _dialog(qtbot, code: str, screen: tuple[int, int]) -> SettingsDialog:
    apply_language(code)                     # (Qt's number locale too: "99,9" in Slovenian; conftest puts en back)
    dialog = SettingsDialog({}, {})
    qtbot.addWidget(dialog)
    dialog.resize(*fit_size(*SettingsDialog.PREFERRED_SIZE, *screen))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("code, point, none", [("en", ".", "none (measured AHT)"), ("sl", ",", "brez (izmerjeni AHT)"),
                                               ("ro", ",", "fără (AHT măsurat)")])
def test_erlang_numbers_are_written_as_the_owner_would(qtbot, code, point, none) -> None:
    dialog = _dialog(qtbot, code, SCREENS[0])
    editors = dialog.editors["staffing"]
    shown = {name: editors[name].input.text() for name in
             ("interval_min", "threshold_s", "max_occupancy_pct", "target_pct", "shrinkage_pct", "aht_s")}
    assert shown == {"interval_min": "30", "threshold_s": "20", "max_occupancy_pct": "100", "target_pct": "80",
                     "shrinkage_pct": "0", "aht_s": none}
    assert editors["aht_s"].value() == 0 and editors["aht_s"].is_default()      # the setting itself is unchanged
    editors["target_pct"].set_value(99.9)
    editors["blocking_target_pct"].set_value(0.05)
    editors["aht_s"].set_value(240)
    assert editors["target_pct"].input.text() == f"99{point}9"
    assert editors["blocking_target_pct"].input.text() == f"0{point}05"
    assert editors["aht_s"].input.text() == "240"
    assert dialog.params()["staffing"] == {"target_pct": 99.9, "blocking_target_pct": 0.05, "aht_s": 240}


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("code", ["en", "ro", "sl"])
def test_every_kpi_page_fits_the_dialog_without_scrolling(qtbot, code, screen) -> None:
    dialog = _dialog(qtbot, code, screen)
    cut = []
    for metric_id in dialog.metric_ids():
        dialog.select_metric(metric_id)
        qtbot.wait(1)
        scroll = dialog.pages.currentWidget()
        if scroll.verticalScrollBar().maximum() > 0:
            cut.append(f"{metric_id}: {scroll.verticalScrollBar().maximum()} px below the dialog")
    assert cut == [], f"{dialog.size()}: {cut}"
