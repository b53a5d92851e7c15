"""The marks above accented capitals are drawn whole (Linux's DejaVu Sans 9 pt: "Ö" rises 2 px past the
font's ascent, and labels, tab titles and card titles sized to the line cut them: "Oppna", "Arendekö")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from desktop_app.ink_room import TALL_CAPITALS, accent_room
from desktop_app.panels.elided_label import ElidedLabel
from desktop_app.panels.kpi_card import KpiCard

TEXT = "ÖČȘ"


def _ink_rows(image: QImage) -> list[int]:
    """The rows of ``image`` holding a dark pixel (text drawn in the window's text colour on a light background)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return [y for y in range(image.height())
            if any(QColor(image.pixel(x, y)).lightness() < 150 for x in range(image.width()))]


def _ink_height(font: QFont, text: str = TEXT) -> int:
    """How many rows of ink ``text`` has, drawn with room all round."""
    metrics = QFontMetrics(font)
    image = QImage(metrics.horizontalAdvance(text) + 20, metrics.height() * 3, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(10, metrics.height() * 2), text)
    painter.end()
    rows = _ink_rows(image)
    return rows[-1] - rows[0] + 1


def _drawn_height(widget: QWidget) -> int:
    rows = _ink_rows(widget.grab().toImage())
    assert rows, "no text drawn"
    return rows[-1] - rows[0] + 1


def test_the_default_font_is_the_case_in_point(qapp):
    """Offscreen Qt uses DejaVu Sans 9 pt here, whose capitals' marks rise past its ascent: the tests below
    check something (on a font with room, accent_room is 0 and nothing changes)."""
    metrics = QFontMetrics(qapp.font())
    tight = metrics.tightBoundingRect(TALL_CAPITALS)
    assert accent_room(qapp.font()) == max(0, -tight.top() - metrics.ascent())
    if QFontInfo(qapp.font()).family() == "DejaVu Sans":
        assert accent_room(qapp.font()) >= 1


def test_a_label_as_high_as_its_text_draws_every_mark(qtbot):
    for label in (QLabel(TEXT), ElidedLabel(TEXT)):
        qtbot.addWidget(label)
        label.ensurePolished()
        label.resize(label.sizeHint())
        label.show()
        # the glyphs' tight box fits the widget: nothing above the label's top, nothing below its bottom
        metrics = label.fontMetrics()
        baseline = label.contentsRect().top() + (label.contentsRect().height() - metrics.height()) // 2 \
            + metrics.ascent()
        tight = metrics.tightBoundingRect(TEXT).translated(0, baseline)
        assert label.rect().top() <= tight.top() and tight.bottom() <= label.rect().bottom()
        assert _drawn_height(label) == _ink_height(label.font())


def test_a_word_wrapped_label_in_a_tight_layout_draws_every_mark(qtbot):
    """The start page's subtitle ("Öppna exporterna…"): a word-wrapped label at its height for the width."""
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"{TEXT} {TEXT}")
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addStretch(1)
    box.resize(300, 200)
    box.show()
    qtbot.waitExposed(box)
    assert _drawn_height(label) == _ink_height(label.font())


def test_a_card_title_draws_every_mark(qtbot):
    card = KpiCard("csat", f"{TEXT} och mer", "%", True)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    title = card.title_label
    assert _drawn_height(title) == _ink_height(title.font())


def test_a_tab_that_is_not_the_current_one_draws_its_title_whole(qtbot):
    """Fusion draws a tab that is not the current one 2 px lower, in a text box 2 px shorter than the line:
    "Ärendekö" lost its ring and dots, "Betyg" its descender."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Valt")
    tabs.addTab(QWidget(), TEXT + "gj")
    tabs.show()
    qtbot.waitExposed(tabs)
    bar = tabs.tabBar()
    tab = bar.grab(bar.tabRect(1).adjusted(3, 3, -3, -2))          # inside the tab's frame
    rows = _ink_rows(tab.toImage())
    assert rows[-1] - rows[0] + 1 == _ink_height(bar.font(), TEXT + "gj")


def test_the_room_is_given_once_however_often_a_label_is_polished(qtbot):
    """A label's style sheet set again (a card's colours) polishes it again: its margin stays."""
    label = QLabel(TEXT)
    qtbot.addWidget(label)
    label.setContentsMargins(6, 1, 6, 1)
    label.ensurePolished()
    top = label.contentsMargins().top()
    assert top == 1 + accent_room(label.font())
    for colour in ("red", "blue", "green"):
        label.setStyleSheet(f"color:{colour};")
        label.ensurePolished()
    assert label.contentsMargins().top() == top


def _text_ink_height(font: QFont, text: str, width: int) -> int:
    """How many rows of ink ``text`` has, word-wrapped at ``width`` and drawn with room all round."""
    metrics = QFontMetrics(font)
    image = QImage(width + 20, metrics.height() * 12, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRect(10, metrics.height(), width, metrics.height() * 10),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
    painter.end()
    rows = _ink_rows(image)
    return rows[-1] - rows[0] + 1


def test_a_message_boxs_text_draws_every_mark(qtbot):
    """The question asked before importing without a needed field ("„Čas nastanka“ ni povezano: …", sl
    04_import_confirm_missing) lost its caron's arms: a message box's text the mouse can select is drawn through a
    text document clipped at its first line's top. One line and two wrapped lines; Ctrl+C still copies it."""
    for text in (TEXT, f"„{TEXT}“ " + "ni povezano, KPI-ji bodo ostali prazni. " * 3):
        box = QMessageBox(QMessageBox.Icon.Question, "KPI Desk", text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert label.text() == text
        assert _drawn_height(label) == _text_ink_height(label.font(), text, label.contentsRect().width())
        box.close()


def test_a_lists_rows_draw_every_mark(qtbot, tmp_path):
    """The start page's empty recent-projects list reads "Še ni nedavnih projektov": its row was as high as its
    line and the caron was cut at the row's top (under the list's frame)."""
    from desktop_app.panels.start_page import StartPage
    from desktop_app.settings import AppSettings

    page = StartPage(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    view = page.recent_projects_list
    assert view.count() == 1
    view.item(0).setText(TEXT)
    view.item(0).setFlags(Qt.ItemFlag.ItemIsEnabled)         # (drawn dark: the placeholder's grey is too light)
    rows = _ink_rows(view.viewport().grab(view.visualItemRect(view.item(0))).toImage())
    assert rows and rows[-1] - rows[0] + 1 == _ink_height(view.font())
