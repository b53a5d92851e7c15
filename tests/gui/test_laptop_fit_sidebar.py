"""The sidebar's file entries at the width the window gives them (210 px on a 1366 x 768 laptop): what a file
holds was cut on one line ("Tickets · 4,043 rows · also S…", "Call intervals (ACD) · 1,801 r…"); it now
wraps under the name, whole, and its tooltip has it too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.i18n import apply_language
from desktop_app.panels.dataset_sidebar import DETAIL_ROLE, PAD, DatasetSidebar
from desktop_app.panels.elided_label import wrapped_height

from .conftest import wait_results
from .helpers import tickets_with_surveys


@pytest.mark.parametrize("lang", ["en", "sl", "sr"])
@pytest.mark.parametrize("width", [210, 260])
def test_what_each_file_holds_is_shown_whole(qtbot, state, lang, width) -> None:
    apply_language(lang)
    sidebar = DatasetSidebar(state)
    qtbot.addWidget(sidebar)
    sidebar.resize(width, 500)
    sidebar.show()
    wait_results(qtbot, state, lambda: [state.add_dataset(d) for d in tickets_with_surveys("tickets_with_surveys", 4043)])
    qtbot.wait(50)
    lst, delegate = sidebar.list, sidebar.list.itemDelegate()
    metrics = lst.fontMetrics()
    for row in range(lst.count()):
        item = lst.item(row)
        detail = item.data(DETAIL_ROLE)
        rect = lst.visualItemRect(item)
        room = rect.width() - 2 * PAD
        assert delegate.detail_shown(lst.model().index(row, 0), metrics, room) == detail       # not cut
        needed = metrics.height() + 2 + wrapped_height(detail, metrics, room) + 2 * PAD
        assert rect.height() >= needed, f"{detail!r}: {rect.height()} px tall, needs {needed}"
        assert lst.viewport().rect().contains(rect.adjusted(0, 0, -1, -1))        # nothing drawn past the list
        assert detail in item.toolTip()
    first = lst.item(0)
    if wrapped_height(first.data(DETAIL_ROLE), metrics, lst.visualItemRect(first).width() - 2 * PAD) > metrics.height():
        tall = lst.visualItemRect(first).height()
        sidebar.resize(700, 500)                # a wider sidebar: the entry is shorter again
        qtbot.waitUntil(lambda: lst.visualItemRect(first).height() < tall, timeout=3000)
