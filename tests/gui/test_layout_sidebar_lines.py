"""The sidebar's file entries at 1280 x 720: 'Call intervals (ACD) · 1,801' / 'rows' and 'Cash movements · 289' /
'rows' each took a third line for the last word, so the list scrolled and the last two of the demo's 12 files
were out of view (s7-shots 99, s9-layout v1/1280x720-en/21_chart_1_nps). A number keeps its word, and " · "
never starts a line."""

from __future__ import annotations

import pytest

from desktop_app.i18n import apply_language
from desktop_app.panels.dataset_sidebar import DETAIL_ROLE, PAD, DatasetSidebar

from .conftest import wait_results
from .helpers import number_cut_from_its_unit, tickets_with_surveys, wrapped_lines


@pytest.mark.parametrize("lang", ["en", "sl", "ro"])
def test_a_number_and_its_word_stay_on_one_line(qtbot, state, lang) -> None:
    apply_language(lang)
    sidebar = DatasetSidebar(state)
    qtbot.addWidget(sidebar)
    sidebar.show()
    wait_results(qtbot, state, lambda: [state.add_dataset(d) for d in tickets_with_surveys("tickets_with_surveys", 4043)])
    lst = sidebar.list
    cut = []
    for width in range(200, 280, 4):            # the list's widths from 1280 x 720 to 200 %
        sidebar.resize(width + 8, 500)
        qtbot.wait(1)
        room = lst.viewport().width() - 2 * lst.spacing() - 2 * PAD
        for row in range(lst.count()):
            detail = lst.item(row).data(DETAIL_ROLE)
            lines = wrapped_lines(detail, lst.font(), room)
            cut += [f"{width} px: {c}" for c in number_cut_from_its_unit(lines)]
            cut += [f"{width} px: {line!r} starts with ·" for line in lines if line.lstrip().startswith("\u00b7")]
    assert cut == []
