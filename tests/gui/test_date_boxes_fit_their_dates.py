"""The filter row's date boxes are as wide as the date they show, in every language (s21-gui): Qt's own width is that
of the widest date (31. 12. 9999.) and "no dates", whatever the box shows, and in Serbian "1. 5. 2026." had 28 px empty
after it (with the "Per:" box as wide as its longest choice it folded "Agent" into "More filters" at 1366 px). A date
typed wider than the one shown widens its box and the row is folded again: the date stays whole, the row one row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from desktop_app.i18n import apply_language
from desktop_app.panels.filter_bar import FilterBar

from .conftest import wait_results
from .helpers import make_dataset, shown, tickets_frame
from .layout_probe import flow_rows, texts_cut

SPARE = 8          # pixels a line edit may have beyond its words, their margins (2 + 2) and the cursor


def _room(edit) -> tuple[int, int]:
    """The pixels the box's line edit has, and those its words need (with the line edit's margins)."""
    return edit.lineEdit().width(), edit.fontMetrics().horizontalAdvance(edit.text()) + 4


@pytest.mark.parametrize("lang", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_each_date_box_is_as_wide_as_its_date(qtbot, state, lang) -> None:
    apply_language(lang)
    bar = shown(qtbot, FilterBar(state), 1112, 60)
    frame = tickets_frame(200)
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", frame)))
    qtbot.wait(50)
    for edit in (bar.from_edit, bar.to_edit):
        has, needs = _room(edit)
        assert needs <= has <= needs + SPARE, f"{lang} {edit.text()!r}: {has} px for {needs}"
    narrow = bar.from_edit.width()
    bar.from_edit.setDate(QDate(2024, 12, 28))          # as a date typed in the box (its dateChanged)
    qtbot.wait(50)
    has, needs = _room(bar.from_edit)
    assert needs <= has <= needs + SPARE, f"{lang} typed {bar.from_edit.text()!r}: {has} px for {needs}"
    assert bar.from_edit.width() >= narrow
    assert flow_rows(bar._flow) == 1 and texts_cut(bar) == []
