"""The sidebar's file entries at the width the window gives them (210 px on a 1366 x 768 laptop): what a file
holds was cut on one line ("Tickets · 4,043 rows · also S…", "Call intervals (ACD) · 1,801 r…"), then wrapped
onto three lines (the list scrolled); it is now one line that keeps the row count whole, and the entry's
tooltip has the whole text."""

from __future__ import annotations

import pytest

from desktop_app.i18n import apply_language
from desktop_app.panels.dataset_sidebar import DETAIL_ROLE, DatasetSidebar, detail_text

from .conftest import wait_results
from .helpers import tickets_with_surveys


@pytest.mark.parametrize("lang", ["en", "sl", "sr"])
@pytest.mark.parametrize("width", [210, 260])
def test_what_each_file_holds_is_whole_in_its_tooltip_and_drawn_inside_the_list(qtbot, state, lang, width) -> None:
    apply_language(lang)
    sidebar = DatasetSidebar(state)
    qtbot.addWidget(sidebar)
    sidebar.resize(width, 500)
    sidebar.show()
    wait_results(qtbot, state, lambda: [state.add_dataset(d) for d in tickets_with_surveys("tickets_with_surveys", 4043)])
    qtbot.wait(50)
    lst = sidebar.list
    for row in range(lst.count()):
        item = lst.item(row)
        assert detail_text(*item.data(DETAIL_ROLE)) in item.toolTip()
        assert lst.viewport().rect().contains(lst.visualItemRect(item).adjusted(0, 0, -1, -1))   # nothing past the list
