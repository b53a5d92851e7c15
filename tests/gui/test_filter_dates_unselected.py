"""en 65_issue_pounds (s15-shots-a): the "to" date box showed "2024-03-" highlighted under a new file's dashboard
while nobody was typing in it. Qt selects the year when the program gives the box the focus (a dialog closed, the
window activated) and keeps a selection across a date the program sets; only the keyboard (Tab) selects now."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop_app.panels.filter_bar import FilterBar

from .conftest import wait_results
from .helpers import make_dataset, tickets_frame


def test_a_date_box_shows_nothing_selected_unless_tabbed_into(qtbot, state) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    bar, other = FilterBar(state), QLineEdit()
    layout.addWidget(bar)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.resize(1100, 200)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("t", "tickets", tickets_frame(300))))
    edit = bar.to_edit
    line = edit.findChild(QLineEdit)
    for reason in (Qt.FocusReason.OtherFocusReason, Qt.FocusReason.ActiveWindowFocusReason,
                   Qt.FocusReason.MouseFocusReason):
        other.setFocus()
        edit.setFocus(reason)
        qtbot.waitUntil(edit.hasFocus, timeout=2000)
        assert line.selectedText() == "", (reason, line.selectedText())
    line.setSelection(0, 8)                   # a part left selected, then a new file: the dates shown again
    later = tickets_frame(300)
    later["created_at"] = later["created_at"] + pd.Timedelta(days=40)
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("t2", "tickets", later)))
    qtbot.wait(50)
    assert line.selectedText() == "", line.selectedText()
    other.setFocus()
    edit.setFocus(Qt.FocusReason.TabFocusReason)          # the keyboard: a part selected to type over, as before
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    assert line.selectedText() != ""
