"""A card's title keeps the height of the lines it is drawn on: s7-shots (1366 x 768) saw 'Contact volume per
channel' on one line with a second line's room under it, its value 14 px below the values beside it (the
title was fitted 2 px narrower than its label is)."""

from __future__ import annotations

import pytest

from desktop_app.text_fit import wrapped_height
from desktop_app.panels.kpi_card import CARD_WIDTH, KpiCard

from .helpers import shown


@pytest.mark.parametrize("title", ["Contact volume per channel", "Conversion after support contact",
                                   "Average handle time (AHT)"])
def test_the_title_is_as_tall_as_the_lines_it_is_drawn_on(qtbot, title) -> None:
    card = shown(qtbot, KpiCard("x", title, "percent", True), CARD_WIDTH, 100)
    wrong = []
    for width in range(CARD_WIDTH, 260):          # every width a row of cards gives a card on our laptops' screens
        card.resize(width, card.height())
        qtbot.wait(1)                               # (the texts are fitted again after the resize)
        label = card.title_label
        lines = wrapped_height(label.text(), label.fontMetrics(), label.contentsRect().width())
        if label.contentsRect().height() != lines:        # (its margin above: the marks over capitals, ink_room)
            wrong.append(f"{width} px: {label.height()} px tall for {lines} px of text")
    assert wrong == []
