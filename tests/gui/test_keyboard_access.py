"""Keyboard and screen readers: every focusable control has a name a screen reader can say, the cards
are reached with Tab and selected with Enter, and the focused card is drawn differently."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .conftest import wait_results
from .helpers import loaded_window, make_dataset, tickets_frame, unnamed_controls


def _unnamed(window: QWidget) -> list[str]:
    """Every control that can take the focus (by Tab or by a click) and that no screen reader can name."""
    controls = [w for w in window.findChildren(QWidget)
                if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(window)
                and not w.objectName().startswith("qt_")]        # (Qt's own parts: a spin box's line edit, a tab bar)
    return unnamed_controls(controls)


def test_every_control_without_text_has_an_accessible_name(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    assert _unnamed(window) == []
    window.workspace.show_data()
    qtbot.wait(50)
    assert _unnamed(window) == []
    card = window.workspace.dashboard.cards["csat"]
    assert card.accessibleName() == "CSAT (% satisfied)" and card.accessibleDescription()


def test_cards_are_reached_with_tab_and_chosen_with_enter(qtbot, state) -> None:
    from desktop_app.panels.dashboard import DashboardPanel

    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    card = panel.cards["request_volume"]
    assert card.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert ":focus" in card.styleSheet()                          # a visible focus frame
    with qtbot.waitSignal(state.selection_changed) as chosen:
        qtbot.keyClick(card, Qt.Key.Key_Return)
    assert chosen.args == ["request_volume"]
