"""What the Slovenian window at 1366 x 768 got wrong, measured: the breakdown's bars and title ran past the
chart's right edge (a long axis of names beside a long title), only every other bar was named, the card grid
left a strip of ~200 px empty at the right, and the import dialog's reading options were cut
("samodejno (vejica ,")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect

from desktop_app.charts.bar_chart import BarChart
from desktop_app.charts.nps_chart import NpsStackedChart
from desktop_app.dialogs.import_dialog import ImportDialog
from desktop_app.i18n import apply_language
from desktop_app.panels.dashboard import DashboardPanel
from desktop_app.panels.kpi_card import CARD_WIDTH

from .chart_texts import all_texts, readability_problems
from .conftest import wait_results
from .helpers import combo_field_and_text, make_dataset, tickets_frame
from .layout_probe import flow_rows

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
        return len(names) == chart.bars_shown()

    qtbot.waitUntil(settled, timeout=5000)            # (fails with the names of every other bar only)
    assert names == AGENTS[:chart.bars_shown()]       # every bar in view, in 9 pt at least: the others scroll
    assert chart.scroll_bar.isVisible() == (chart.bars_shown() < len(AGENTS))
    qtbot.wait(50)                  # (a scroll bar that appeared narrows the plot once the layout has run)
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
    box = dialog.delimiter_combo.parentWidget()            # the group box "Kako se datoteka prebere"
    for combo in dialog.read_option_combos():           # each box inside its group, whole
        right = combo.mapTo(box, QPoint(combo.width(), 0)).x()
        assert right <= box.contentsRect().right() + 1, f"{combo.accessibleName()} ends {right - box.width()} px past its group"
    for combo in dialog.read_option_combos():
        if not combo.isEnabled() or not combo.currentText():
            continue
        field, text = combo_field_and_text(combo)
        assert text <= field, f"{combo.accessibleName()}: {combo.currentText()!r} needs {text} px, has {field}"
    assert dialog.preview_view.width() >= 600           # the preview keeps most of the dialog


@pytest.mark.parametrize("lang", ["sl", "en", "ro", "sr", "sv"])
def test_at_1280_by_720_the_sidebar_leaves_the_filters_one_row(qtbot, settings, lang) -> None:
    """The sidebar's three buttons side by side ("Dodaj …", "Ponovno poveži …", "Odstrani") made it 304 px wide
    (the list asks for 200): the filter bar wrapped "Počisti filtre" onto a second row, 28 px the cards lost.
    Then in English, Romanian and Serbian the date range and comparison boxes, as wide as their longest
    choice ("Same period last year"), still put "Clear filters" on a second row (11 to 122 px too many)."""
    apply_language(lang)
    from desktop_app.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1264, 680)
    window.show()
    qtbot.waitExposed(window)
    wait_results(qtbot, window.state, lambda: window.state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    qtbot.wait(50)
    ws = window.workspace
    sidebar = ws.sidebar
    assert sidebar.width() <= 230, f"the sidebar takes {sidebar.width()} px of {window.width()}"
    for button in (sidebar.add_button, sidebar.remap_button, sidebar.remove_button):      # each whole, inside
        top_left = button.mapTo(sidebar, QPoint(0, 0))
        assert sidebar.rect().contains(QRect(top_left, button.size())), button.text()
        assert button.width() >= button.sizeHint().width()
    bar = ws.filter_bar
    assert flow_rows(bar._flow) == 1, f"the filter bar takes {flow_rows(bar._flow)} rows ({bar.height()} px)"
    assert bar.clear_button.isVisible() and bar.more_button.isVisible()


TWELVE = AGENTS + ["Eva Vidmar", "Nina Golob", "Matej Kovačič", "Urška Mlakar", "Peter Kralj", "Sara Bizjak"]


def _left_names(chart: BarChart) -> list[str]:
    return [t.text for t in all_texts(chart.plot_item) if t.what == "left tick"]


def test_a_short_breakdown_of_twelve_agents_names_every_bar_it_shows_and_scrolls_to_the_others(qtbot) -> None:
    """At 1280 x 720 the breakdown is about 370 x 150 px: twelve agents were drawn in it with every other name
    left out (6 of 12 named). It now shows the bars it can name and scrolls (bar, wheel, arrow keys) to the
    rest; an image of the chart still has every bar."""
    chart = BarChart(SL_TITLE)
    qtbot.addWidget(chart)
    chart.resize(370, 150)
    chart.show()
    qtbot.waitExposed(chart)
    values = [90.0 - 2 * i for i in range(len(TWELVE))]
    chart.set_bars("agent", TWELVE, TWELVE, values, "%", [50] * len(TWELVE))
    qtbot.waitUntil(lambda: bool(_left_names(chart)), timeout=5000)
    qtbot.wait(50)
    low, high = chart.plot_item.getViewBox().viewRange()[1]
    in_view = [name for i, name in enumerate(TWELVE) if low < i < high]
    assert _left_names(chart) == in_view, "every bar in view is named"          # (was 6 names of 12 bars)
    shown = chart.bars_shown()
    assert 2 <= shown == len(in_view) < len(TWELVE) and chart.scroll_bar.isVisible()
    assert readability_problems(chart.plot_widget) == []
    chart.scroll_bar.setValue(chart.scroll_bar.maximum())
    qtbot.waitUntil(lambda: _left_names(chart) == TWELVE[-shown:], timeout=5000)
    chart.scroll_bar.setValue(0)
    chart.point_cursor.show(len(TWELVE) - 1)          # the arrow keys' ring brings its bar into view
    qtbot.waitUntil(lambda: _left_names(chart)[-1:] == TWELVE[-1:], timeout=5000)
    with chart.whole_view():
        low, high = chart.plot_item.getViewBox().viewRange()[1]
        assert low < 0 and high > len(TWELVE) - 1          # an exported image has all twelve bars
    chart.resize(370, 600)                                    # room for all: no scroll bar
    qtbot.waitUntil(lambda: not chart.scroll_bar.isVisible() and _left_names(chart) == TWELVE, timeout=5000)


@pytest.mark.parametrize("size", [(920, 150), (920, 240), (640, 400)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_nps_legend_stays_above_the_bars(qtbot, size) -> None:
    """At 1280 x 720 (the chart 920 x 150 px) the legend covered the top 20 % of every bar: its room was a fixed
    28 % of the axis, less than its own height in a short chart. (Since s9-layout the legend is beside the plot
    or under it, never inside it: test_layout_nps_legend.)"""
    apply_language("sl")
    chart = NpsStackedChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    months = ["maj 2026", "jun. 2026", "jul. 2026", "avg. 2026", "sep. 2026", "okt. 2026"]
    chart.set_periods(months, [45.0, 47, 49, 53, 57, 62], [38.0, 36, 35, 35, 34, 29], [17.0, 17, 16, 12, 9, 9])
    qtbot.wait(50)
    view = chart.plot_item.getViewBox()
    tops = view.mapViewToScene(QPointF(0, 100)).y()
    legend = [t for t in all_texts(chart.plot_item) if t.what == "legend"]
    assert len(legend) == 3
    box = view.sceneBoundingRect().adjusted(1, 1, -1, -1)
    assert [t.text for t in legend if t.rect.intersects(box)] == [], "the legend is drawn over the bars"
    assert box.top() <= tops
    assert readability_problems(chart.plot_widget) == []


def test_filters_made_while_the_start_page_is_shown_fold_when_the_dashboard_appears(qtbot, state) -> None:
    """Files opened from the start page: the filter bar was built hidden, with every category button out, and
    nothing folded them when it appeared: at 1280 x 720 "Agent", "Čakalna vrsta", "Smer", "Izid" took a second
    row (the screenshot of calls.csv alone)."""
    apply_language("sl")
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from desktop_app.panels.filter_bar import FilterBar

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    start, bar = QWidget(), FilterBar(state)
    stack.addWidget(start)
    stack.addWidget(bar)
    stack.resize(1030, 60)           # the filter bar's width at 1280 x 720
    stack.setCurrentWidget(bar)          # the dashboard was shown before (other files were open) …
    stack.show()
    qtbot.waitExposed(stack)
    stack.setCurrentWidget(start)        # … they were closed, and new ones opened from the start page
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    stack.setCurrentWidget(bar)
    qtbot.wait(50)
    assert flow_rows(bar._flow) == 1, [b.text() for b in bar.category_buttons.values() if b.isVisible()]


def test_every_bar_in_view_is_named_at_each_height_of_a_short_breakdown(qtbot) -> None:
    """The names' font was fitted to the font's line (11 px at 7.5 pt) while pyqtgraph boxes a name in 0.8 of
    the painter's taller text rectangle (11.6 px): at 155 px seven bars were in view and four named (the 1280 x
    720 window's screenshot: five bars, three names)."""
    chart = BarChart(SL_TITLE)
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitExposed(chart)
    agents = AGENTS + ["Eva Vidmar"]
    chart.set_bars("agent", agents, agents, [86.0, 85, 85, 80, 79, 73, 68], "%", [100] * 7)
    unnamed = []

    def named() -> tuple[list[str], list[str]]:
        low, high = chart.plot_item.getViewBox().viewRange()[1]
        return _left_names(chart), [name for i, name in enumerate(agents) if low < i < high]

    for height in range(150, 300, 5):        # (150: the charts' least height)
        chart.resize(400, height)
        try:                                 # (once laid out at the new size)
            qtbot.waitUntil(lambda: named()[0] == named()[1], timeout=1000)
        except qtbot.TimeoutError:
            names, in_view = named()
            unnamed.append(f"{height} px: {len(names)} names for {len(in_view)} bars")
    assert unnamed == []


@pytest.mark.parametrize("lang", ["sl", "sr-Latn"])
def test_the_reading_options_are_inside_their_group_in_the_first_frame_after_the_preview(qtbot, tmp_path: Path,
                                                                                         monkeypatch, lang) -> None:
    """The boxes widen to their choices when the file has been read; Qt widens a box at once (its new minimum
    width) while the layout around it follows one event at a time, group, panel, dialog: the frame painted in
    between drew the boxes past their group (sr-Latn 1280x720 02_import_dialog; the test above failed now and
    then, "Datumi ends 14 px past its group", when its 50 ms wait came before the last of those events). Looked at
    as the preview is shown, before any other event."""
    apply_language(lang)
    path = tmp_path / "tickets.csv"
    path.write_text("Id,Created at,Assignee,Via,Satisfaction\n1,04.05.2026 10:15,Maja Novak,Email,good\n"
                    "2,05.05.2026 11:00,Tina Kos,Chat,bad\n", encoding="utf-8")
    seen: list[list[str]] = []
    shown = ImportDialog._on_preview_done

    def look_at_once(dialog, outcome):
        shown(dialog, outcome)
        box = dialog.delimiter_combo.parentWidget()
        seen.append([f"{combo.accessibleName()} ends {combo.mapTo(box, QPoint(combo.width(), 0)).x() - box.width()}"
                     f" px past its group" for combo in dialog.read_option_combos()
                     if combo.mapTo(box, QPoint(combo.width(), 0)).x() > box.contentsRect().right() + 1])

    monkeypatch.setattr(ImportDialog, "_on_preview_done", look_at_once)
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 662)                # (the dialog at 1280 x 720)
    dialog.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert seen == [[]]


@pytest.mark.parametrize("lang", ["sr", "ro", "sl"])
def test_the_detected_note_has_its_lines_under_the_group_in_the_first_frame_after_the_preview(qtbot, monkeypatch,
                                                                                              lang) -> None:
    """The "Detected: Zendesk export (…)" note is written after the file is read, two lines in Serbian: laid out
    only at a later event, the frame painted in between drew it one line high, under the group's frame
    (sr 200 % 02_import_dialog, s15-shots-b; sl 1366 cut in two, s15-shots-a). Looked at as the preview is shown, before any other event."""
    from PySide6.QtCore import QRect, Qt

    from metrics_core.resources import demo_dir

    apply_language(lang)
    seen: list[tuple[int, int, int, int]] = []
    shown = ImportDialog._on_preview_done

    def look_at_once(dialog, outcome):
        shown(dialog, outcome)
        note, box = dialog.kind_note, dialog.delimiter_combo.parentWidget()
        needed = note.fontMetrics().boundingRect(QRect(0, 0, note.contentsRect().width(), 10_000),
                                                 int(Qt.TextFlag.TextWordWrap), note.text()).height()
        seen.append((note.height(), needed, note.geometry().top(), box.geometry().bottom()))

    monkeypatch.setattr(ImportDialog, "_on_preview_done", look_at_once)
    dialog = ImportDialog(demo_dir() / "tickets.csv")          # a Zendesk export: "Detected: Zendesk export …"
    qtbot.addWidget(dialog)
    dialog.resize(1100, 662)
    dialog.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    height, needed, top, box_bottom = seen[0]
    assert needed > dialog.kind_note.fontMetrics().lineSpacing(), "the note should take two lines here"
    assert height >= needed, f"the note is {height} px high for {needed} px of text"
    assert top > box_bottom
