"""Global filters: date range with presets, period granularity, and category values."""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Callable
from typing import Any

import pandas as pd
from PySide6.QtCore import QDate, QLocale, QRect, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QMenu, QPushButton, QStyle,
                               QStyleOptionComboBox, QToolButton, QVBoxLayout, QWidget)

from metrics_core.catalogue import field_label, value_label
from metrics_core.i18n import PSEUDO_LANGUAGE, _, current_language, ngettext, pgettext

from .. import style
from ..app_state import AppState
from ..dataset_facts import FILTER_FIELDS
from ..filter_state import (COMPARISON_CHOICES, GRANULARITIES, PRESET_GRANULARITY, PRESETS, FilterState,
                            preset_label, preset_range)
from .date_calendar import DateCalendar
from .flow_layout import FlowLayout

# a category button says "▾" in its words: Qt's own menu indicator (drawn small in the corner) is left out
ONE_ARROW = "QToolButton::menu-indicator {{ image: none; width: 0px; }} QToolButton {{ font-weight: {weight}; }}"
FOLD_SLACK = 4                # pixels kept free on the row, so that "Clear filters" never wraps alone (16 until s21:
                              # every width on the row is now folded again when it changes, a typed date too)
DATES_SPACING = 4             # between a label and its box on the dates row (the style's 6 and a 12 px gap before
                              # "Per:" left no room for "Agent" in Serbian and Romanian at 1366 px)
MAX_CATEGORY_BUTTONS = 6      # the rest are in "More filters"; so are those that do not fit the window's width
PREFERRED_ORDER = ("channel", "agent", "team", "priority", "queue", "status", "topic", "platform")


class FilterBar(QWidget):
    """Edits :attr:`AppState.filters`; reflects changes made elsewhere (a click on a bar)."""

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.category_buttons: dict[str, QToolButton] = {}
        self.category_menus: dict[str, QMenu] = {}
        self.more_button: QToolButton | None = None
        self._others: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._dates_group = QWidget()         # dates and grain wrap as one piece with the category buttons
        row = QHBoxLayout(self._dates_group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(DATES_SPACING)
        self._preset_short = False        # the closed date box names its range without dates (_fold decides)
        self.preset_combo = _PresetBox(self._name_every_preset, lambda: self._name_preset(self._preset_short))
        self.preset_combo.setToolTip(_("Date ranges count back from the last day in your files."))
        for key, label in PRESETS:
            self.preset_combo.addItem(_(label), key)
        self.from_edit = _date_edit()
        self.to_edit = _date_edit()
        self.granularity_combo = QComboBox()
        for key, label in GRANULARITIES:
            self.granularity_combo.addItem(_(label), key)
        self.clear_button = QPushButton(_("Clear filters"))
        self._compare_group = QWidget()       # wraps on its own: the dates row stays as wide as before
        compare_row = QHBoxLayout(self._compare_group)
        compare_row.setContentsMargins(0, 0, 0, 0)
        self.compare_combo = QComboBox()
        for key, label in COMPARISON_CHOICES:
            self.compare_combo.addItem(_(label), key)
        self.compare_combo.setAccessibleName(_("Compare with"))
        self.compare_combo.setToolTip(_("What each card's change compares with."))
        compare_label = QLabel(_("Compare:"))
        compare_label.setBuddy(self.compare_combo)
        compare_row.addWidget(compare_label)
        compare_row.addWidget(self.compare_combo)
        for widget, name in ((self.preset_combo, _("Date range")), (self.from_edit, _("First day")),
                             (self.to_edit, _("Last day")), (self.granularity_combo, _("Trend per"))):
            widget.setAccessibleName(name)
        row.addWidget(QLabel(_("Dates:")))
        row.addWidget(self.preset_combo)
        row.addWidget(self.from_edit)
        row.addWidget(QLabel(pgettext("date range", "to")))
        row.addWidget(self.to_edit)
        row.addWidget(QLabel(_("Per:")))
        row.addWidget(self.granularity_combo)
        self._categories = QWidget()
        self._flow = FlowLayout(self._categories, spacing=6)
        outer.addWidget(self._categories)
        self.preset_combo.activated.connect(self._on_preset_activated)
        self.from_edit.editingFinished.connect(self._on_dates_edited)
        self.to_edit.editingFinished.connect(self._on_dates_edited)
        for edit in (self.from_edit, self.to_edit):          # (a date typed: the box as wide as it, the row again)
            edit.dateChanged.connect(self._on_date_typed)
        self.granularity_combo.activated.connect(self._on_granularity_activated)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.compare_combo.activated.connect(self._on_compare_activated)
        state.filters_changed.connect(self._on_state_filters_changed)
        state.comparison_changed.connect(self._show_comparison)
        self._show_comparison(state.comparison)
        for sig in (state.dataset_loaded, state.dataset_removed, state.dataset_replaced):
            sig.connect(self._on_state_datasets_changed)
        self._rebuild_categories()
        self._show(state.filters)

    # -- building ------------------------------------------------------------------
    def _rebuild_categories(self) -> None:
        kept = (self._dates_group, self._compare_group, self.clear_button)
        while self._flow.count():
            item = self._flow.takeAt(0)
            if item is not None and item.widget() is not None and item.widget() not in kept:
                item.widget().hide()
                item.widget().setParent(None)
                item.widget().deleteLater()
        self._flow.addWidget(self._dates_group)
        self._flow.addWidget(self._compare_group)
        self.more_button: QToolButton | None = None
        self.category_buttons = {}
        self.category_menus: dict[str, QMenu] = {}
        options = self.offered_filters()
        main = [c for c in PREFERRED_ORDER if c in options] + sorted(
            (c for c in options if c in FILTER_FIELDS and c not in PREFERRED_ORDER), key=str.casefold)
        main, folded = main[:MAX_CATEGORY_BUTTONS], main[MAX_CATEGORY_BUTTONS:]
        others = folded + sorted((c for c in options if c not in main and c not in folded), key=str.casefold)
        for column in main:
            button = QToolButton()
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setStyleSheet(ONE_ARROW.format(weight="normal"))
            button.setMenu(self._value_menu(column, options[column], button))
            self._flow.addWidget(button)
            self.category_buttons[column] = button
        self._others = others
        if others or main:
            more = QToolButton()
            more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            more.setStyleSheet(ONE_ARROW.format(weight="normal"))
            menu = QMenu(more)
            for column in others:
                self._value_menu(column, options[column], menu).setTitle(_label(column))
            more.setMenu(menu)
            self._flow.addWidget(more)
            self.more_button = more
        self._flow.addWidget(self.clear_button)
        chain = [self.preset_combo, self.from_edit, self.to_edit, self.granularity_combo, self.compare_combo,
                 *self.category_buttons.values(), *([self.more_button] if self.more_button else []), self.clear_button]
        for before, after in zip(chain, chain[1:]):     # Tab in reading order (buttons made later came last)
            QWidget.setTabOrder(before, after)
        self._show(self.state.filters)

    def _fold(self, width: int | None) -> None:
        """Category buttons that do not fit beside the dates on one row move into "More filters"."""
        more = self.more_button
        if more is None:
            self._flow.invalidate()
            return
        filtered = self.state.filters.categories
        on = [c for c in self.category_buttons if filtered.get(c)]
        always = [c for c in self._others if filtered.get(c)]        # (never on the row: "More filters" counts them)
        # the filtered buttons on the row if they fit beside "More filters" counting only those always in it; else
        # "More filters" as wide as it may need to be ("(1 on)") while the room is shared out (it was measured so
        # first: in Serbian at 1366 px "Канал: Chat ▾" folded away for the room of "(укључени: 1)" it then needed)
        folded = self._share_room(width, filtered, always)
        if any(c in folded for c in on):
            folded = self._share_room(width, filtered, on + always)
        # the folded ones hidden before any is shown: showing a button lays the whole window out at once (Qt
        # activates every parent's layout), and a row over-full for a moment made the bar a row taller, every
        # chart resized and painted twice before a re-filter's values started (issue 15, session 16)
        for column, button in sorted(self.category_buttons.items(), key=lambda item: item[0] not in folded):
            button.setVisible(column not in folded)
        folded.sort(key=list(self.category_buttons).index)
        self._say_folded([c for c in folded + self._others if filtered.get(c)])
        menu = more.menu()
        menu.clear()
        for column in folded + self._others:
            sub = self.category_menus[column]
            sub.setTitle(_label(column))
            menu.addMenu(sub)
        more.setVisible(bool(folded or self._others))
        self._flow.invalidate()

    def _share_room(self, width: int | None, filtered: dict, counted: list[str]) -> list[str]:
        """The category buttons that do not fit on the row of ``width`` px beside the dates, with "More filters"
        saying ``counted`` are on; the categories with a filter on them take their room first (they stay in view)."""
        self._say_folded(counted)
        spacing = self._flow.spacing_between()
        self._name_preset(short=False)
        room = None if width is None else width - self._fixed_width(spacing) - FOLD_SLACK
        self._preset_short = room is not None and room < 0
        if self._preset_short:                     # the dates beside it show the range: "Latest month", not
            self._name_preset(short=True)          # "Latest month (Oct 2026)" (else "Clear filters" wrapped alone)
            room = width - self._fixed_width(spacing) - FOLD_SLACK
        # still too wide (the longest choices in Romanian, Serbian): the comparison, More filters and Clear filters
        # make a second row together, never "Clear filters" alone
        self._flow.break_before(self._compare_group, width is not None and width < self._fixed_width(spacing))
        folded = []
        for column in sorted(self.category_buttons, key=lambda c: not filtered.get(c)):
            needed = self.category_buttons[column].sizeHint().width() + spacing
            fits = room is None or needed <= room
            if fits and room is not None:
                room -= needed
            if not fits:
                folded.append(column)
        return folded

    def _fixed_width(self, spacing: int) -> int:
        """The row's width without the category buttons (dates, comparison, More filters, Clear filters)."""
        return (self._dates_group.sizeHint().width() + self._compare_group.sizeHint().width()
                + self.more_button.sizeHint().width() + self.clear_button.sizeHint().width() + 4 * spacing)

    def _name_every_preset(self) -> None:
        """Every date range named with its dates: "Latest month (Oct 2026)"."""
        _first, last = self.state.data_range()
        for i in range(self.preset_combo.count()):
            self.preset_combo.setItemText(i, preset_label(self.preset_combo.itemData(i), last))

    def _name_preset(self, short: bool) -> None:
        """The chosen date range named with its dates, or without them (``short``)."""
        combo = self.preset_combo
        _first, last = self.state.data_range()
        text = preset_label(combo.currentData(), None if short else last)
        if combo.currentText() != text:
            combo.setItemText(combo.currentIndex(), text)
        _fit_to_choice(combo)       # (also when the text was already set: the open list names it long, s13-shots-slsv)

    def _say_folded(self, columns: list[str]) -> None:
        """"More filters" says how many of the filters in it are on, in bold, and names them in its tooltip
        (a filter folded into it was on with nothing on the bar saying so)."""
        more = self.more_button
        categories = self.state.filters.categories
        more.setText((_("More filters ({count} on)", count=len(columns)) if columns else _("More filters")) + " \u25be")
        style.restyle(more, ONE_ARROW.format(weight=600 if columns else "normal"))
        more.setToolTip("\n".join(_("{column}: {values}", column=_label(c), values=", ".join(map(str, categories[c])))
                                   for c in columns))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fold(event.size().width())

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._fold(self.width())      # (filters made while the start page was shown had every button out)

    def offered_filters(self) -> dict[str, list[Any]]:
        """The category columns worth a filter: those with at least two values to choose from."""
        return {c: v for c, v in self.state.available_filters().items() if len(v) > 1}

    def _value_menu(self, column: str, values: list[Any], parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        for value in values:
            action = QAction(value_label(column, value), menu)      # "Zaprt" for status "closed", "Web" for "web"
            action.setCheckable(True)
            action.setData(value)
            action.toggled.connect(lambda _c, col=column: self._on_category_toggled(col))
            menu.addAction(action)
        self.category_menus[column] = menu
        return menu

    def _show(self, filters: FilterState) -> None:
        blockers = [QSignalBlocker(w) for w in (self.preset_combo, self.from_edit, self.to_edit, self.granularity_combo)]
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(filters.preset)))
        lo, hi = self.state.data_range()
        self._name_every_preset()
        _fit_to_choice(self.preset_combo)
        self.from_edit.show_date(_qdate(filters.date_from or lo))
        self.to_edit.show_date(_qdate(filters.date_to or hi))
        _fit_to_date(self.from_edit)
        _fit_to_date(self.to_edit)
        dated = lo is not None
        for w in (self.preset_combo, self.from_edit, self.to_edit):
            w.setEnabled(dated)
            w.setToolTip(_("Date ranges count back from the last day in your files.") if dated
                         else _("The loaded files have no dates to filter on."))
        self.granularity_combo.setCurrentIndex(max(0, self.granularity_combo.findData(filters.granularity)))
        _fit_to_choice(self.granularity_combo)
        del blockers
        for column, menu in self.category_menus.items():
            chosen = set(filters.categories.get(column, ()))
            for action in menu.actions():
                with QSignalBlocker(action):
                    action.setChecked(action.data() in chosen)
            button = self.category_buttons.get(column)
            if button is None:
                continue
            label = _label(column)
            if chosen:
                one = value_label(column, next(iter(chosen)))
                label = _("{column}: {values}", column=label, values=one if len(chosen) == 1
                          else ngettext("{count} selected", "{count} selected", len(chosen), count=len(chosen)))
            button.setText(label + " \u25be")
            style.restyle(button, ONE_ARROW.format(weight=600 if chosen else "normal"))
        self._fold(self.width() if self.isVisible() else None)

    # -- events ----------------------------------------------------------------------
    def _on_preset_activated(self, _index: int) -> None:
        key = self.preset_combo.currentData()
        if key == "custom":
            self._on_dates_edited()
            return
        _first, last = self.state.data_range()
        lo, hi = preset_range(key, last if last is not None else pd.Timestamp.today())
        filters = self.state.filters.with_dates(lo, hi, key)
        self.state.set_filters(replace(filters, granularity=PRESET_GRANULARITY.get(key, filters.granularity)))

    def _on_dates_edited(self) -> None:
        lo = pd.Timestamp(self.from_edit.date().toPython())
        hi = pd.Timestamp(self.to_edit.date().toPython())
        if hi < lo:
            lo, hi = hi, lo
        self.state.set_filters(self.state.filters.with_dates(lo, hi, "custom"))

    def _on_date_typed(self, _date: QDate) -> None:
        if _fit_to_date(self.sender()) and self.isVisible():
            self._fold(self.width())

    def _on_granularity_activated(self, _index: int) -> None:
        self.state.set_filters(replace(self.state.filters, granularity=self.granularity_combo.currentData()))

    def _on_compare_activated(self, _index: int) -> None:
        self.state.set_comparison(self.compare_combo.currentData())

    def _show_comparison(self, comparison: str) -> None:
        with QSignalBlocker(self.compare_combo):
            self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(comparison)))
        _fit_to_choice(self.compare_combo)
        self._fold(self.width() if self.isVisible() else None)

    def _on_category_toggled(self, column: str) -> None:
        values = [a.data() for a in self.category_menus[column].actions() if a.isChecked()]
        self.state.set_filters(self.state.filters.with_category(column, values))

    def _on_clear_clicked(self) -> None:
        self.state.clear_filters()

    def _on_state_filters_changed(self, filters: FilterState) -> None:
        self._show(filters)

    def _on_state_datasets_changed(self, _name: str) -> None:
        self._rebuild_categories()


class _PresetBox(QComboBox):
    """The date range box: the closed box may name its choice short where the bar has no room ("Latest month"),
    its open list names every range with its dates, the chosen one too; closed again, the box names its choice as
    the bar last decided (the whole bar was folded again each time the list closed)."""

    def __init__(self, name_every: Callable[[], None], name_closed: Callable[[], None]) -> None:
        super().__init__()
        self._name_every = name_every
        self._name_closed = name_closed

    def showPopup(self) -> None:  # noqa: N802
        self._name_every()
        super().showPopup()

    def hidePopup(self) -> None:  # noqa: N802
        super().hidePopup()
        self._name_closed()


def _fit_to_choice(combo: QComboBox) -> None:
    """A box as wide as the choice it shows, its list as wide as the longest: boxes sized to their longest
    choice ("Same period last year", "Latest month (Oct 2026)") put "Clear filters" on a second row at
    1280 x 720 in English, Romanian and Serbian."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = QSize(metrics.horizontalAdvance(combo.currentText()) + 2, metrics.height())
    combo.setFixedWidth(combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width())
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 24)


LINE_EDIT_ROOM = 6     # a line edit's margins (2 + 2) and its cursor after the last digit, with a pixel to spare


def _fit_to_date(edit: QDateEdit) -> bool:
    """A date box as wide as the date it shows ("no dates" without dates) and its calendar arrow; True when its
    width changed. Qt's own width is that of its widest date (31. 12. 9999.), a space and its "no dates", whatever
    the box shows: in Serbian "1. 5. 2026." had 28 px empty after it and "Агент ▾" folded into "Још филтера ▾" at
    1366 px (s20-switch)."""
    option = QStyleOptionComboBox()              # (the edit field of a date box with a calendar: Qt lays it out so)
    option.initFrom(edit)
    option.editable = True
    option.rect = QRect(0, 0, 200, max(1, edit.height()))
    field = edit.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, edit)
    width = edit.fontMetrics().horizontalAdvance(edit.text()) + LINE_EDIT_ROOM + option.rect.width() - field.width()
    if width == edit.width() and edit.minimumWidth() == edit.maximumWidth() == width:
        return False
    edit.setFixedWidth(width)
    return True


def _label(column: str) -> str:
    return field_label(column).capitalize()


NO_DATE = QDate(1900, 1, 1)     # shown as "no dates" (the edits' special value)


class _DateEdit(QDateEdit):
    """A date box that shows no part of its date selected unless the owner is at it with the keyboard: Qt selects
    the year when the box gets the focus back from the program (a dialog closed, the window activated) and keeps a
    selection across a date set by the program; the "to" box read "2024-03-" highlighted under a new file's
    dashboard (en 65_issue_pounds). Tab still selects a part to type over, as in every date box."""

    KEYBOARD = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        if event.reason() not in self.KEYBOARD:
            self.deselect()

    def show_date(self, date: QDate) -> None:
        """The date set by the program (the filters' or the files' range), nothing of it selected."""
        self.setDate(date)
        self.deselect()

    def deselect(self) -> None:
        self.lineEdit().deselect()


def _date_edit() -> _DateEdit:
    edit = _DateEdit()
    edit.setCalendarPopup(True)
    edit.setCalendarWidget(DateCalendar())
    edit.setDisplayFormat(_date_format())
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(_("no dates"))
    return edit


def _date_format() -> str:
    """ISO dates in English (the house style), else the language's short date with a four-digit year."""
    if current_language() in ("en", PSEUDO_LANGUAGE):
        return "yyyy-MM-dd"
    short = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return short if "yyyy" in short else short.replace("yy", "yyyy")


def _qdate(ts: pd.Timestamp | None) -> QDate:
    if ts is None or pd.isna(ts):
        return NO_DATE
    return QDate(ts.year, ts.month, ts.day)
