"""Room for the marks above accented capitals (sv Ö Ä Å, sl Č Š Ž, ro Ă Â Î).

Qt sizes a line of text by its font's ascent and descent. Qt's default font on Linux, DejaVu Sans 9 pt, has an
ascent of 11 px while "Ö" rises 13 px above the baseline: a label as high as its line lost the marks at its top
("Oppna exporterna…", a card titled "Öppna"), and a tab that is not the current one drew its title in a box two
pixels lower than its line and cut both ends ("Arendekö", "Betyq"). Segoe UI and SF (Windows, macOS) have the
room; DejaVu does not. The window's style (:class:`desktop_app.style.FocusVisibleStyle`) gives every label the
missing pixels above its text, every tab title and every row of a list or table a box as high as its ink, with these
helpers, and keeps a message box's text in a label that draws into that room (:data:`MESSAGE_BOX_TEXT`).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

TALL_CAPITALS = "ÅÄÖČŠŽĂÂÎÉ"         # the capitals of our languages with a mark above them
_ADDED = "_ink_room_added"              # a label's property: the pixels its top margin was given here
_NONE = "_ink_room_none"                # a label's property: its texts never start with a capital (no room)
# How a message box's text answers the mouse. Text the mouse can select is drawn by Qt through a text document
# clipped at its first line's top, whatever room the label has above it: "„Čas nastanka“" in the question asked
# before an import lost its caron's arms. Links stay clickable; Ctrl+C still copies the whole box (QMessageBox).
MESSAGE_BOX_TEXT = Qt.TextInteractionFlag.LinksAccessibleByMouse


def accent_room(font: QFont) -> int:
    """The pixels the marks above an accented capital rise past ``font``'s ascent (0 when the font has room)."""
    return _room(QFontMetrics(font))


def _room(metrics: QFontMetrics) -> int:
    return max(0, -metrics.tightBoundingRect(TALL_CAPITALS).top() - metrics.ascent())


def give_label_room(label: QLabel) -> None:
    """Widen ``label``'s top margin by the accent room of its font. The style polishes a label again whenever its
    style sheet changes (a card's colours): the margin is set from what it was before, never added twice."""
    added = label.property(_ADDED) or 0
    room = 0 if label.property(_NONE) else accent_room(label.font())
    if room == added:
        return
    margins = label.contentsMargins()
    label.setContentsMargins(margins.left(), margins.top() - added + room, margins.right(), margins.bottom())
    label.setProperty(_ADDED, room)


def without_room(label: QLabel) -> None:
    """``label`` shows no capitals (a card's change "▲ +2,3 …", its rows line "from 1,054 rows"): the pixels stay
    with the card, whose height is fixed."""
    label.setProperty(_NONE, True)
    if label.property(_ADDED):
        give_label_room(label)


def ink_tall(rect: QRect, metrics: QFontMetrics) -> QRect:
    """``rect`` (a text's box, centred on the text) grown up and down to hold the text's line and the marks above
    its capitals: a line taller than its box is clipped to the box when drawn."""
    grow = max(0, math.ceil((metrics.height() - rect.height()) / 2)) + _room(metrics)
    return rect.adjusted(0, -grow, 0, grow)


def ink_tall_size(size: QSize, metrics: QFontMetrics) -> QSize:
    """``size`` (a row of a list or table, as high as its line) grown by the room :func:`ink_tall` gives a text's
    box: the row's text is centred in it and clipped to it ("Še ni nedavnih projektov" lost its caron)."""
    return ink_tall(QRect(0, 0, size.width(), size.height()), metrics).size()
