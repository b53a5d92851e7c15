"""The settings' list of KPIs shows every name whole: capped at 340 px it scrolled sideways in Romanian and
Slovenian ('Abandonarea clienților (rata de abandon al apeluril…', 'Preference komunikacijskih kanalov (obseg po
kana…': s7-shots 62, s9-layout v1/1366x768-ro/44_settings_staffing). A long name wraps onto a second line."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from desktop_app.dialogs.settings_dialog import SettingsDialog
from desktop_app.i18n import apply_language
from desktop_app.text_fit import wrapped_height

from .helpers import shown


@pytest.mark.parametrize("lang", ["ro", "sl"])
def test_every_kpi_name_is_whole_without_scrolling_sideways(qtbot, lang) -> None:
    apply_language(lang)
    dialog = shown(qtbot, SettingsDialog({}, {}), *SettingsDialog.PREFERRED_SIZE)
    lst = dialog.list
    qtbot.wait(20)
    assert not lst.horizontalScrollBar().isVisible()
    room = lst.viewport().width()
    cut = []
    for row in range(lst.count()):
        item = lst.item(row)
        metrics = QFontMetrics(item.font()) if item.font().bold() else lst.fontMetrics()     # (headings: bold)
        rect = lst.visualItemRect(item)
        if rect.right() > room or rect.height() + 1 < wrapped_height(item.text().strip(), metrics, rect.width() - 8):
            cut.append(f"{item.text().strip()!r}: {rect.width()} x {rect.height()} px")
    assert cut == []
