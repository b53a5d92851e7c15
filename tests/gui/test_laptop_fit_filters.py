"""The filter bar's category buttons as an owner sees them on a 1280 x 720 laptop (the bar 1030 px wide):
one arrow per button (the text's "▾"; Qt's own menu indicator was drawn small in the corner beside it: "Agent ▾⌄"),
and a category with a filter on it stays in view (choosing "Channel: Chat" made the button wider, it folded
into "More filters" and nothing on the bar said a channel filter was on while every card was Chat-only)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QToolButton

from metrics_core.catalogue import value_label
from metrics_core.i18n import _
from desktop_app.filter_state import preset_range
from desktop_app.i18n import apply_language
from desktop_app.panels.filter_bar import FilterBar

from .conftest import wait_results
from .helpers import combo_field_and_text, make_dataset, shown, tickets_frame
from .layout_probe import flow_rows


def _bar(qtbot, state, width: int) -> FilterBar:
    bar = shown(qtbot, FilterBar(state), width, 60)
    frame = tickets_frame(200).assign(team=lambda f: f["agent"] + " team", priority="normal",
                                      queue=lambda f: f["channel"] + " queue")
    frame.loc[::2, "priority"] = "high"
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", frame)))
    qtbot.wait(50)
    return bar


def test_each_category_button_has_one_arrow(qtbot, state) -> None:
    bar = _bar(qtbot, state, 1400)
    assert bar.category_buttons
    for button in [*bar.category_buttons.values(), bar.more_button]:
        if button is None or not button.isVisible():
            continue
        plain = QToolButton()                  # the same words and look, without a menu: no indicator of Qt's
        qtbot.addWidget(plain)
        plain.setText(button.text())
        plain.setStyleSheet(button.styleSheet())
        plain.setFont(button.font())
        plain.resize(button.size())
        plain.show()
        qtbot.waitExposed(plain)
        drawn, expected = (b.grab().toImage().convertToFormat(QImage.Format.Format_RGB32) for b in (button, plain))
        assert drawn == expected, f"{button.text()!r} draws a second arrow"


def _filter_on_a_folded_category(qtbot, state, bar: FilterBar) -> tuple[str, str]:
    folded = [c for c, b in bar.category_buttons.items() if not b.isVisible()]
    assert folded, "the test needs a category folded into More filters at this width"
    column = folded[-1]
    value = str(bar.offered_filters()[column][0])
    state.set_filters(state.filters.with_category(column, [value]))
    qtbot.wait(50)
    return column, value


def test_a_category_with_a_filter_on_it_stays_on_the_bar(qtbot, state) -> None:
    bar = _bar(qtbot, state, 1250)
    shown = len([b for b in bar.category_buttons.values() if b.isVisible()])
    column, value = _filter_on_a_folded_category(qtbot, state, bar)
    button = bar.category_buttons[column]
    assert button.isVisible() and value_label(column, value) in button.text(), \
        f"{button.text()!r} is folded away while its filter is on"
    assert len([b for b in bar.category_buttons.values() if b.isVisible()]) <= shown       # another folds instead
    assert flow_rows(bar._flow) == 1 and "on)" not in bar.more_button.text()


def test_more_filters_says_when_a_filter_in_it_is_on(qtbot, state) -> None:
    """At 960 px a chosen "Status: open" is wider than the room the dates leave: it stays folded, and
    "More filters" says so. (1030 px until s21: the date boxes as wide as their dates, and "More filters" measured
    without the count first, left "Status: open" room on the row there.)"""
    bar = _bar(qtbot, state, 960)
    column, value = _filter_on_a_folded_category(qtbot, state, bar)
    more = bar.more_button
    assert not bar.category_buttons[column].isVisible()          # (wider than the room left beside the dates)
    assert more.text() == "More filters (1 on) \u25be" and value in more.toolTip()
    assert "font-weight: 600" in more.styleSheet()
    assert flow_rows(bar._flow) == 1
    state.clear_filters()
    qtbot.wait(50)
    assert more.text() == "More filters \u25be" and not more.toolTip()


@pytest.mark.parametrize("lang", ["en", "ro", "sl", "sr", "sv"])
@pytest.mark.parametrize("width", [1030, 1116])
def test_the_longest_choices_keep_the_bar_on_one_row(qtbot, state, lang, width) -> None:
    """'Latest month (Oct 2026)' with 'The same period last year' put 'Clear filters' alone on a second row
    (s7-shots: 1280 x 720 en, 1366 x 768 ro), and a category filter on made 'More filters' wider still. The
    range is then named without its dates (the date boxes show them); where that is not enough, the
    comparison, More filters and Clear filters make the second row together."""
    apply_language(lang)
    bar = _bar(qtbot, state, width)
    filters = state.filters.with_dates(*preset_range("this_month", state.data_range()[1]), "this_month")
    state.set_filters(filters.with_category("status", ["open"]))
    state.set_comparison("last_year")
    qtbot.wait(50)
    assert bar.compare_combo.currentData() == "last_year" and bar.preset_combo.currentData() == "this_month"
    rows = _rows(bar)
    assert len(rows) == 1 or (len(rows) == 2 and len(rows[-1]) >= 3), f"{lang} at {width} px: {rows}"
    state.set_filters(state.filters.with_category("status", []))          # (no filter folded in More filters)
    qtbot.wait(50)
    if lang == "en":                          # s7-shots' 1280 x 720 English shot: one row
        assert len(_rows(bar)) == 1, _rows(bar)
    assert bar.clear_button.isVisible() and bar.more_button.isVisible()
    right = bar.clear_button.mapTo(bar, QPoint(bar.clear_button.width(), 0)).x()
    assert right <= bar.width()


@pytest.mark.parametrize("lang", ["en", "sl"])
def test_the_open_range_list_names_the_chosen_range_with_its_dates(qtbot, state, lang) -> None:
    """s13-audit14 (1280 x 720, sr-Latn 25_date_presets_open): the closed box names "Latest month" without its
    dates where the bar has no room, and the open list read the same: every other range had its dates. Closed
    again, the box is as wide as its words (sl 25_compare_last_year read "Zadnji mesec (" cut by its arrow)."""
    apply_language(lang)
    bar = _bar(qtbot, state, 1030)
    last = state.data_range()[1]
    filters = state.filters.with_dates(*preset_range("this_month", last), "this_month")
    state.set_filters(filters.with_category("status", ["open"]))
    state.set_comparison("last_year")
    qtbot.wait(50)
    combo = bar.preset_combo
    closed = combo.currentText()
    assert "(" not in closed, f"the narrow bar names the range short: {closed!r}"
    combo.showPopup()
    qtbot.wait(50)
    listed = combo.view().model().index(combo.currentIndex(), 0).data()
    assert listed.startswith(closed) and "(" in listed, listed              # "Latest month (Oct 2026)"
    combo.hidePopup()
    qtbot.wait(50)
    assert combo.currentText() == closed
    for width in range(1030, 1400, 10):       # wherever the bar names it long or short: as wide as its words
        bar.resize(width, bar.height())
        qtbot.wait(10)
        combo.showPopup()
        qtbot.wait(50)
        combo.hidePopup()
        qtbot.wait(50)
        words = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.width() > words, (width, combo.currentText(), combo.width(), words)


def test_closing_the_range_list_names_the_choice_again_without_folding_the_bar(qtbot, state, monkeypatch) -> None:
    """Closing the date range list reran the whole fold of the bar (the "More filters" menu rebuilt, every button
    measured) to name one choice short again: it names it as the last fold decided."""
    apply_language("sl")
    bar = _bar(qtbot, state, 900)          # (1030 until s21: the date boxes as wide as their dates left room there)
    last = state.data_range()[1]
    state.set_filters(state.filters.with_dates(*preset_range("this_month", last), "this_month"))
    qtbot.wait(50)
    combo = bar.preset_combo
    closed, width = combo.currentText(), combo.width()
    assert "(" not in closed                                  # named short on this narrow bar
    folds: list[int] = []
    fold = bar._fold
    monkeypatch.setattr(bar, "_fold", lambda w: (folds.append(w), fold(w)))
    combo.showPopup()
    qtbot.wait(50)
    assert "(" in combo.currentText()                         # the open list names it with its dates
    combo.hidePopup()
    qtbot.wait(50)
    assert (combo.currentText(), combo.width()) == (closed, width)
    assert folds == []


def _rows(bar: FilterBar) -> list[list[str]]:
    """The bar's rows, each the shown widgets on it (by their class and words)."""
    rows: dict[int, list[str]] = {}
    for i in range(bar._flow.count()):
        widget = bar._flow.itemAt(i).widget()
        if widget is not None and not widget.isHidden():
            words = getattr(widget, "text", lambda: "")() if hasattr(widget, "text") else type(widget).__name__
            rows.setdefault(bar._flow.itemAt(i).geometry().y(), []).append(words or type(widget).__name__)
    return [rows[y] for y in sorted(rows)]



@pytest.mark.parametrize("lang", ["sr", "sl", "en"])
def test_the_break_down_by_box_shows_its_choice_whole(qtbot, state, lang) -> None:
    """s7-shots (1366 x 768, sr): 'Рашчлани по' read 'Сегмент / тржишт' (its last letter cut): the box kept
    the width it had before the files' columns were in it."""
    from desktop_app.panels.chart_area import ChartArea

    apply_language(lang)
    area = shown(qtbot, ChartArea(state), 1030, 300)
    frame = tickets_frame(120).assign(segment=lambda f: f["channel"] + " segment")
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", frame)))
    combo = area.category_combo
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        qtbot.wait(10)
        field, text = combo_field_and_text(combo)
        assert text <= field, combo.currentText()


def test_a_filter_on_a_folded_category_does_not_move_the_window_below_the_bar(qtbot, state) -> None:
    """Folding the buttons again for a new filter never makes the bar a row taller on the way: the work area below
    it gets no resize (showing the filtered button while the others were still shown laid the window out with an
    over-full row, and every chart was resized and painted twice before a re-filter's values started)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    layout = QVBoxLayout(window)
    bar, below = FilterBar(state), QWidget()
    layout.addWidget(bar)
    layout.addWidget(below, 1)
    shown(qtbot, window, 1250, 400)
    frame = tickets_frame(200).assign(team=lambda f: f["agent"] + " team", priority="normal",
                                      queue=lambda f: f["channel"] + " queue")
    frame.loc[::2, "priority"] = "high"
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", frame)))
    qtbot.wait(50)
    resized = []

    class Resizes(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if obj is below and event.type() == QEvent.Type.Resize:
                resized.append(event.size().height())
            return False

    watch = Resizes()
    below.installEventFilter(watch)
    column, _value = _filter_on_a_folded_category(qtbot, state, bar)
    below.removeEventFilter(watch)
    assert bar.category_buttons[column].isVisible() and flow_rows(bar._flow) == 1
    assert resized == [], f"the area below the bar was resized to {resized} px high while the bar folded again"


@pytest.mark.parametrize("lang", ["sr", "en"])
def test_a_filter_that_is_on_folds_only_where_its_button_has_no_room(qtbot, state, lang) -> None:
    """s21-gui (sr, 1366 x 768, 28_filter_applied): with "Канал: Chat" on, "More filters" was measured first as it
    would read with the count ("Још филтера (укључени: 1) ▾", about 60 px wider) and the channel button folded away
    for want of that room; folded, it then needed the count. A button with its filter on folds only where it would
    not fit beside "More filters" without the count either."""
    from desktop_app.panels.filter_bar import FOLD_SLACK

    apply_language(lang)
    bar = _bar(qtbot, state, 1000)
    state.set_filters(state.filters.with_category("channel", ["Chat"]))
    qtbot.wait(50)
    button, more = bar.category_buttons["channel"], bar.more_button
    plain = QToolButton()                       # "More filters" as it reads with no filter counted in it
    qtbot.addWidget(plain)
    plain.setText(_("More filters") + " \u25be")
    plain.setStyleSheet(more.styleSheet().replace("600", "normal"))
    seen_on_row = 0
    for width in range(1000, 1400, 6):
        bar.resize(width, bar.height())
        qtbot.wait(5)
        if flow_rows(bar._flow) > 1:            # (the narrowest: the comparison and the buttons on a second row)
            continue
        if button.isVisible():
            seen_on_row += 1
            continue
        last = max((w for w in (bar.clear_button, more) if w.isVisible()), key=lambda w: w.geometry().right())
        free = bar.width() - last.mapTo(bar, QPoint(last.width(), 0)).x()
        gain = more.sizeHint().width() - plain.sizeHint().width()
        spacing = bar._flow.spacing_between()
        others = sum(b.width() + spacing for b in bar.category_buttons.values() if b.isVisible())  # (it goes first)
        room = free + others + gain - spacing - FOLD_SLACK          # (the fold keeps a gap after the last one too)
        assert button.sizeHint().width() + spacing > room, \
            f"{lang} at {width} px: {button.text()!r} folded with {room} px for it without the count ({gain} px)"
    assert seen_on_row
