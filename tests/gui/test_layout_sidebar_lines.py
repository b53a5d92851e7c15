"""The sidebar's file entries: what a file holds on ONE line under its name, the row count whole with its word.
At 1280 x 720 the details wrapped onto two or three lines ('Call intervals (ACD) ·' / '1,801 rows'), so the list
of the demo's 12 files scrolled and the last ones were out of view (s7-shots 99, s9-layout
v1/1280x720-en/21_chart_1_nps). A kind too long for the line is shortened with "…", the count never; the whole
detail is in the entry's tooltip."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontMetrics

from desktop_app.i18n import apply_language
from desktop_app.panels.dataset_sidebar import DatasetSidebar

from .conftest import wait_results
from .helpers import tickets_with_surveys


@pytest.mark.parametrize("lang", ["en", "sl", "ro"])
def test_what_a_file_holds_takes_one_line_with_its_row_count_whole(qtbot, state, lang) -> None:
    apply_language(lang)
    sidebar = DatasetSidebar(state)
    qtbot.addWidget(sidebar)
    sidebar.show()
    wait_results(qtbot, state, lambda: [state.add_dataset(d) for d in tickets_with_surveys("tickets_with_surveys", 4043)])
    lst = sidebar.list
    delegate = lst.itemDelegate()
    problems = []
    for width in range(200, 280, 4):            # the list's widths from 1280 x 720 to 200 %
        sidebar.resize(width + 8, 500)
        qtbot.wait(1)
        for row in range(lst.count()):
            item = lst.item(row)
            shown, font, room = delegate.detail_drawn(lst, item)
            if QFontMetrics(font).horizontalAdvance(shown) > room:
                problems.append(f"{width} px: {shown!r} wider than its line ({room} px)")
            count = re.search(r"\d[\d.,\u00a0\u202f]*", item.toolTip().splitlines()[1]).group()
            if count not in shown:
                problems.append(f"{width} px: the count {count} is not whole in {shown!r}")
            name_line = QFontMetrics(QFont(lst.font())).height()
            if lst.visualItemRect(item).height() > 2 * name_line + 14:
                problems.append(f"{width} px: entry {row} is {lst.visualItemRect(item).height()} px tall")
    assert problems == []
