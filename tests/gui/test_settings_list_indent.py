"""A KPI name that wraps in the settings' list keeps its indent on the second line (s16-shots-a, sl 1366
40_settings_language: "Rezultat zadovoljstva strank (CSAT, %" indented under its family, "zadovoljnih)" back at
the family heading's edge, as if it were a heading; the indent was four spaces in front of the text)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from desktop_app.dialogs.settings_dialog import SettingsDialog
from desktop_app.i18n import apply_language

from .helpers import shown


def _ink_left(image: QImage, top: int, bottom: int, left: int, right: int, background: QColor) -> int | None:
    """The leftmost column between ``left`` and ``right`` with a pixel unlike ``background`` in rows top..bottom."""
    for x in range(left, right):
        for y in range(top, bottom):
            c = image.pixelColor(x, y)
            if abs(c.red() - background.red()) + abs(c.green() - background.green()) \
                    + abs(c.blue() - background.blue()) > 120:
                return x
    return None


@pytest.mark.parametrize("lang", ["sl", "ro"])
def test_a_wrapped_kpi_name_starts_its_second_line_under_its_first(qtbot, lang) -> None:
    apply_language(lang)
    dialog = shown(qtbot, SettingsDialog({}, {}), *SettingsDialog.PREFERRED_SIZE)
    lst = dialog.list
    lst.setCurrentRow(0)                       # (Language selected: the KPI rows are drawn unselected)
    qtbot.wait(20)
    line = lst.fontMetrics().lineSpacing()
    wrapped = [lst.item(r) for r in range(lst.count())
               if lst.item(r).data(0x0100) not in (None, "global") and lst.visualItemRect(lst.item(r)).height()
               >= 2 * line]
    assert wrapped, "no KPI name wraps in this language: the test would prove nothing"
    image = lst.viewport().grab().toImage()
    background = lst.viewport().palette().base().color()
    for item in wrapped:
        rect = lst.visualItemRect(item)
        first = _ink_left(image, rect.top() + 1, rect.top() + line, rect.left(), rect.right(), background)
        second = _ink_left(image, rect.top() + line + 1, rect.bottom(), rect.left(), rect.right(), background)
        assert first is not None and second is not None, item.text()
        assert second >= first - 2, f"{item.text()!r}: first line at x={first}, second at x={second}"
