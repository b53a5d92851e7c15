"""A card's value is written whole whenever a smaller font can hold it: with the narrower sidebar the demo's cards
became 213 px wide and "Peak hours" read "407 at Mon 08:…" — the font was chosen by one measure of the text's
width and the ellipsis by another (Qt's), which disagreed when the text was exactly as wide as the room."""

from __future__ import annotations

from desktop_app.panels.kpi_card import CARD_MAX_WIDTH, CARD_WIDTH, KpiCard

VALUES = ("407 at Mon 08:00", "2 h 05 min", "€38,286", "1,263 at Tue 00:00", "9 h 03 min")


def test_a_value_is_never_shortened_while_a_smaller_font_holds_it(qtbot) -> None:
    card = KpiCard("peak_hours", "Peak hours", "count", None)
    qtbot.addWidget(card)
    card.show()
    shortened = []
    for width in range(CARD_WIDTH, CARD_MAX_WIDTH + 1):
        card.resize(width, card.height())
        for text in VALUES:
            shown = card._fit_value_font(text)
            if shown != text:
                shortened.append(f"{width} px: {shown!r} at {card.value_label.font().pointSizeF():.0f} pt")
    assert shortened == []
