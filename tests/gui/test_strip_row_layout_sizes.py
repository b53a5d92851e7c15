"""The window's row layout over the message strip (:class:`StripRowLayout`) answers Qt's questions in every state:
Qt asks for its items and its sizes while it deletes the layout, when the Python side may be gone, and a layout
emptied by ``takeAt`` is still asked for its size. ``count``/``itemAt``/``takeAt`` answered "none" then, while
``minimumSize``/``sizeHint`` read the first item unguarded (IndexError emptied, AttributeError with the Python side
gone: s20-gui's run of test_autosave saw Qt call ``itemAt`` then)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

from desktop_app.panels.message_bar import MessageBar, StripRowLayout


def _layout(qtbot) -> tuple[QWidget, QWidget, MessageBar, StripRowLayout]:
    holder, page, strip = QWidget(), QWidget(), MessageBar()
    qtbot.addWidget(holder)
    page.setMinimumSize(300, 200)
    layout = StripRowLayout(holder, page, strip)
    layout.setContentsMargins(6, 2, 6, 2)
    return holder, page, strip, layout


def test_the_full_layout_counts_the_page_and_the_strips_row(qtbot) -> None:
    _holder, _page, strip, layout = _layout(qtbot)
    row = layout.spacing() + strip.height_for_lines(1)
    assert layout.minimumSize() == QSize(300 + 12, 200 + row + 4)


def test_an_emptied_layout_answers_a_size(qtbot) -> None:
    _holder, _page, _strip, layout = _layout(qtbot)
    layout.takeAt(0)                                   # the page out: the strip's row and the margins
    assert layout.count() == 1 and layout.minimumSize().height() < 200
    while layout.count():
        layout.takeAt(0)
    assert layout.itemAt(0) is None and layout.takeAt(0) is None
    assert layout.minimumSize() == QSize(12, 4) and layout.sizeHint() == QSize(12, 4)
    layout.setGeometry(QRect(0, 0, 400, 300))        # nothing of its own to place: no error
    assert layout.strip_height(QRect(0, 0, 400, 300)) > 0


def test_a_layout_whose_python_side_is_gone_answers_no_items_and_no_size(qtbot) -> None:
    _holder, _page, _strip, layout = _layout(qtbot)
    layout.__dict__.clear()                            # as while Qt deletes it after its Python side is gone
    assert layout.count() == 0 and layout.itemAt(0) is None and layout.takeAt(0) is None
    assert layout.minimumSize() == QSize(0, 0) and layout.sizeHint() == QSize(0, 0)
    layout.setGeometry(QRect(0, 0, 400, 300))
