"""The sidebar's file entries: what a file holds under its name, its kind and row count whole.

At 1280 x 720 the details wrapped onto two or three lines each ('Call intervals (ACD) ·' / '1,801 rows'), so the
list of the demo's 12 files scrolled (s7-shots 99, s9-layout v1/1280x720-en/21_chart_1_nps); they were then put on
one line with the kind shortened ("…"), which left a Romanian owner "Intervale de ap… · 1.801 rânduri",
"Mișcări de nu…", "Sesiuni de a…" (s11 screenshots). Now a detail takes one line when it fits (the other kinds a
file also holds are left to the tooltip first) and otherwise wraps at spaces: the kind is never shortened, the
count never cut from its word, and only the entries that need a second line are taller."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from PySide6.QtGui import QFont, QFontMetrics

from desktop_app.i18n import apply_language
from desktop_app.panels.dataset_sidebar import DETAIL_ROLE, DatasetSidebar, detail_text

from .conftest import wait_results
from .helpers import make_dataset, number_cut_from_its_unit, tickets_with_surveys, wrapped_lines

# the kinds whose names are longest in some language (Serbian 'Помињања на друштвеним мрежама', Romanian
# 'Intervale de apeluri (ACD)', Slovenian 'Samopostrežne seje'), each as a file of its own
LONG_KINDS = ("social", "call_intervals", "self_service", "cash", "surveys")


def _files() -> list:
    frame = pd.DataFrame({"x": range(1801)})
    return [*tickets_with_surveys("tickets_with_surveys", 4043),
            *(make_dataset(f"{kind}_export", kind, frame) for kind in LONG_KINDS)]


@pytest.mark.parametrize("lang", ["en", "sl", "ro", "sv", "sr", "qps"])
def test_what_a_file_holds_is_read_whole_kind_and_row_count(qtbot, state, lang) -> None:
    apply_language(lang)
    sidebar = DatasetSidebar(state)
    qtbot.addWidget(sidebar)
    sidebar.show()
    wait_results(qtbot, state, lambda: [state.add_dataset(d) for d in _files()])
    lst = sidebar.list
    delegate = lst.itemDelegate()
    name_line = QFontMetrics(QFont(lst.font())).height()
    problems = []
    for width in range(200, 280, 8):            # the list's widths from 1280 x 720 to 200 %
        sidebar.resize(width + 8, 900)
        qtbot.wait(1)
        for row in range(lst.count()):
            item = lst.item(row)
            kind = item.data(DETAIL_ROLE)[0]
            shown, font, room = delegate.detail_drawn(lst, item)
            lines = wrapped_lines(shown, font, room)
            if "\u2026" in shown or re.sub(r"\s", "", kind) not in re.sub(r"\s", "", "".join(lines)):
                problems.append(f"{width} px: the kind {kind!r} is not whole in {lines!r}")
            count = re.search(r"\d[\d.,\u00a0\u202f]*", item.toolTip().splitlines()[1]).group()
            if count not in shown:
                problems.append(f"{width} px: the count {count} is not whole in {shown!r}")
            problems += [f"{width} px: {cut}" for cut in number_cut_from_its_unit(lines)]
            wide = [line for line in lines if QFontMetrics(font).horizontalAdvance(line.rstrip()) > room]
            if wide:
                problems.append(f"{width} px: {wide!r} wider than the entry ({room} px)")
            needed = name_line + len(lines) * QFontMetrics(font).height() + 14
            if lst.visualItemRect(item).height() > needed or (
                    len(lines) > 1 and len(wrapped_lines(detail_text(kind, item.data(DETAIL_ROLE)[1], []), font, room)) == 1):
                problems.append(f"{width} px: entry {row} is {lst.visualItemRect(item).height()} px tall for "
                                f"{len(lines)} line(s) {lines!r}")
    assert problems == []
