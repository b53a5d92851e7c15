"""Every page of the settings sits in the same framed pane: the Language page (and Business hours and Currency) had no
frame round its right pane while every KPI's page had one (s16-shots 40_settings_language)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame

from desktop_app.dialogs.settings_dialog import PAGE_ROLE, SettingsDialog


def test_every_settings_page_is_framed_alike(qtbot) -> None:
    dialog = SettingsDialog({}, {})
    qtbot.addWidget(dialog)
    dialog.resize(860, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    frames = []
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(PAGE_ROLE) is None:         # (a family heading: no page)
            continue
        dialog.list.setCurrentRow(row)
        qtbot.wait(1)
        page = dialog.pages.currentWidget()
        frames.append((dialog.list.item(row).text(), type(page).__name__,
                       page.frameShape() if isinstance(page, QFrame) else None,
                       page.frameWidth() if isinstance(page, QFrame) else 0))
    kpi = frames[-1]
    unframed = [f for f in frames if f[1:] != kpi[1:] or f[3] <= 0]
    assert len(frames) > 3 and unframed == [], f"pages unlike a KPI's {kpi}: {unframed}"
