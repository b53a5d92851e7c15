"""What the Slovenian window at 1366 x 768 got wrong, measured: the breakdown's bars and title ran past the
chart's right edge (a long axis of names beside a long title), only every other bar was named, the card grid
left a strip of ~200 px empty at the right, and the import dialog's reading options were cut
("samodejno (vejica ,")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from desktop_app.charts.bar_chart import BarChart
from desktop_app.dialogs.import_dialog import ImportDialog
from desktop_app.i18n import apply_language
from desktop_app.panels.dashboard import DashboardPanel
from desktop_app.panels.kpi_card import CARD_WIDTH

from .chart_texts import all_texts, readability_problems
from .conftest import wait_results
from .helpers import make_dataset, tickets_frame

AGENTS = ["Maja Novak", "Ana Zupančič", "Tina Kos", "Rok Potočnik", "Luka Kranjc", "Jure Horvat"]
SL_TITLE = "Rezultat zadovoljstva strank (CSAT, % zadovoljnih) po: agent"


@pytest.mark.parametrize("size", [(410, 150), (410, 160), (520, 240)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_breakdown_stays_inside_its_chart_and_names_every_bar(qtbot, size) -> None:
    chart = BarChart(SL_TITLE)            # (410 x 150..160: the breakdown beside the trend at 1366 x 768, in sl)
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_bars("agent", AGENTS, AGENTS, [86.0, 85.0, 85.0, 80.0, 79.0, 72.0], "%", [100] * 6)
    names: list[str] = []

    def settled() -> bool:
        names[:] = [t.text for t in all_texts(chart.plot_item) if t.what == "left tick"]
        return len(names) == len(AGENTS)

    qtbot.waitUntil(settled, timeout=5000)            # (fails with the names of every other bar only)
    assert names == AGENTS
    drawn = chart.plot_item.sceneBoundingRect()
    assert drawn.right() <= chart.plot_widget.width() + 0.5, \
        f"the plot is {drawn.width():.0f} px wide in a {chart.width()} px chart: its right part is cut"
    assert readability_problems(chart.plot_widget) == []          # the title is not cut at the right either


@pytest.mark.parametrize("width", [1030, 820, 1560])
def test_the_cards_fill_the_dashboard_width(qtbot, state, width) -> None:
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.resize(width, 600)
    panel.show()
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    qtbot.wait(50)
    viewport = panel._scroll.viewport()
    cards = [c for c in panel.cards.values() if not c.isHidden()]
    lefts = {c.mapTo(viewport, QPoint(0, 0)).x() for c in cards}
    rights = [c.mapTo(viewport, QPoint(c.width(), 0)).x() for c in cards]
    assert len(lefts) >= 3
    assert {c.width() for c in cards} == {cards[0].width()} and cards[0].width() >= CARD_WIDTH   # one grid
    empty = viewport.width() - max(rights)
    assert empty <= 16, f"{empty} px left empty at the right of the cards"      # (the margins; was ~200 px)
    titles = [c.title_label for c in cards]
    for label in titles:             # a wider card gives its title the room: never drawn past the card
        assert label.mapTo(label.parentWidget(), QPoint(label.width(), 0)).x() <= label.parentWidget().width()


def _field_and_text(combo: QComboBox) -> tuple[int, int]:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width(), combo.fontMetrics().horizontalAdvance(combo.currentText())


@pytest.mark.parametrize("size", [(1200, 740), (1100, 680)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_import_dialog_shows_each_reading_choice_whole_in_slovenian(qtbot, tmp_path: Path, size) -> None:
    apply_language("sl")
    path = tmp_path / "tickets.csv"
    path.write_text("Id,Created at,Assignee,Via,Satisfaction\n1,2026-05-04 10:15,Maja Novak,Email,good\n"
                    "2,2026-05-05 11:00,Tina Kos,Chat,bad\n", encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=20000)
    qtbot.wait(50)
    assert dialog.delimiter_combo.currentText() == "samodejno (vejica ,)"
    for combo in dialog.read_option_combos():
        if not combo.isEnabled() or not combo.currentText():
            continue
        field, text = _field_and_text(combo)
        assert text <= field, f"{combo.accessibleName()}: {combo.currentText()!r} needs {text} px, has {field}"
    assert dialog.preview_view.width() >= 600           # the preview keeps most of the dialog
