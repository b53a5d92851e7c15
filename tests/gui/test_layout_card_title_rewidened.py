"""A card's title never runs into its value when the comparison changes the cards' width: shots11 (dark and 200 %,
25_compare_last_year) saw 'Customer retention rate (CRR)' with its second line drawn over '96.1 %' after the
same period last year was chosen (no change to show: the cards went from 4 to 5 a row, the title that fitted on
one line needed two). The title's height was fixed for the width the card had when its texts were fitted; the
card's layout was not run again for the new height (or ran at the new width with the old one)."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QEvent, QObject

from desktop_app.panels.dashboard import DashboardPanel
from metrics_core.resources import demo_dir


class TitleWatch(QObject):
    """Every time a card is resized, laid out or painted (or its title painted): whether its title holds its
    text and ends above its value (what the owner would see if the window were drawn then)."""

    def __init__(self, cards) -> None:
        super().__init__()
        self.cards = cards
        self.wrong: list[str] = []
        self.lines: dict[str, set[int]] = {}
        for card in cards.values():
            card.installEventFilter(self)
            card.title_label.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        card = watched if watched in self.cards.values() else None
        if (event.type() == QEvent.Type.Paint or card is not None and event.type() in (QEvent.Type.Resize,
                                                                                        QEvent.Type.LayoutRequest)):
            card = card or watched.parentWidget()      # (a title's own resize: its card's layout is under way)
            if card.isVisible():
                self.look(card)
        return False

    def look(self, card) -> None:
        title, value = card.title_label, card.value_label
        needed = title.heightForWidth(title.width())
        lines = round(needed / title.fontMetrics().lineSpacing())
        self.lines.setdefault(card.metric_id, set()).add(lines)
        bottom = title.geometry().top() + max(needed, title.height())
        if title.height() < needed or bottom > value.geometry().top():
            self.wrong.append(f"{card.metric_id} at {card.width()} px: title {title.height()} px tall for "
                              f"{needed} px of text, ends at {bottom}, value from {value.geometry().top()}")


def _settled(qtbot, state, action, count: int, comparison: str) -> None:
    """Run ``action``; wait until the files are read and the results of ``comparison`` shown."""
    action()
    qtbot.waitUntil(lambda: (len(state.bundle.datasets) == count and state.results is not None
                             and state.results.view.view.comparison == comparison and not state.is_busy()
                             and not state._recompute_timer.isActive()), timeout=120000)
    qtbot.wait(100)             # (the cards' texts fitted again after the layout gave them their width)


def test_a_title_follows_its_card_narrowed_by_the_comparison(qtbot, state) -> None:
    dash = DashboardPanel(state)
    qtbot.addWidget(dash)
    dash.resize(1105, 1000)     # (4 cards a row with a change, 5 without: the dashboard at 1366 x 768)
    dash.show()
    qtbot.waitExposed(dash)
    files = [demo_dir() / f"{name}.csv" for name in ("customers", "orders", "tickets")]
    _settled(qtbot, state, lambda: state.load_files(files), len(files), "previous")
    october = state.filters.with_dates(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"), "custom")
    _settled(qtbot, state, lambda: state.set_filters(october), len(files), "previous")
    shown = {mid: c for mid, c in dash.cards.items() if c.isVisible()}
    wide = {mid: c.width() for mid, c in shown.items()}
    watch = TitleWatch(shown)
    for card in shown.values():
        watch.look(card)
    _settled(qtbot, state, lambda: state.set_comparison("last_year"), len(files), "last_year")   # (no 2025 data)
    for card in shown.values():
        watch.look(card)
    rewrapped = sorted(mid for mid, lines in watch.lines.items() if lines >= {1, 2} and shown[mid].width() < wide[mid])
    assert rewrapped, f"no title went from one line to two: the test does not test what it says {watch.lines}"
    assert watch.wrong == [], "\n".join(watch.wrong)
