"""The message strip (it stays until closed) has a row of its own under the work area while it shows (s18-gui): laid
over the work area's bottom right (s17-gui) it hid the charts' axes, the data's last rows and scroll bar
(test_message_bar_hides_no_chart). Its coming moves nothing the owner is reading: at 1366 x 768 the filters, the tabs
and the cards keep their places and sizes (no card is laid out again: the charts take the row's height, not the
cards); only the page's foot comes up. It is as wide as the work area, whole, under nothing, its x reached with Tab
before the work area; Escape closes it and the page has its room back. (s17-gui's version, in no layout, moved nothing
at all; main's before it, a row above the dashboard, moved the cards down: 52 resizes.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from .helpers import loaded_window, watch_work_area

DAMAGED = ("“damaged export.xlsx” is damaged and cannot be opened (this happens after an interrupted download or "
           "copy). Download or copy it again, or open it in Excel and save a copy.")


def _settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def _rect_in(widget, central) -> QRect:
    return QRect(widget.mapTo(central, QPoint(0, 0)), widget.size())


def test_the_message_strip_takes_a_row_under_the_work_area_and_moves_no_card(qtbot, settings) -> None:
    window = loaded_window(qtbot, settings)
    ws, bar, central = window.workspace, window.message_bar, window.centralWidget()
    watched, before, resizes = watch_work_area(qtbot, window)
    area = ws.chart_area
    foot = (window.stack, ws.tabs, ws.dash_split, area, area.trend, area.bars)     # (they end above the strip)
    for widget in foot:
        widget.removeEventFilter(resizes)
    bar.show_message(DAMAGED, "error")
    bar.show_message("gone.csv no longer exists.", "warning")
    _settle(qtbot)
    shown, stack = _rect_in(bar, central), _rect_in(window.stack, central)
    assert bar.isVisible() and bar.close_button.isVisible() and bar._label.text().startswith("gone.csv")
    assert central.rect().contains(shown) and shown.top() > stack.bottom(), f"the strip {shown}, the page {stack}"
    assert (shown.left(), shown.right()) == (stack.left(), stack.right())           # as wide as the work area
    assert bar._label.height() >= bar._label.heightForWidth(bar._label.width())     # its lines whole
    assert bar.visibleRegion().boundingRect() == bar.rect()     # nothing lies over it
    assert resizes.seen == [], f"resized while the message strip came: {resizes.seen}"
    assert area.trend.height() < before[watched.index(area.trend)].height()         # the charts end higher
    chain, widget = [], window.nextInFocusChain()
    while widget is not window and len(chain) < 2000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain.index(bar.close_button) < chain.index(ws.sidebar.list)    # Tab reaches its x before the work area
    bar.close_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar.close_button, Qt.Key.Key_Escape)          # Escape closes it, as the x does
    _settle(qtbot)
    for w in watched:
        w.removeEventFilter(resizes)
    assert bar.isHidden() and bar.text() == ""
    assert resizes.seen == [], f"resized while the message strip went: {resizes.seen}"
    assert [w.geometry() for w in watched] == before                                 # the page's room back
    bar.show_message(DAMAGED, "error")
    window.resize(1280, 720)                                    # it follows the window
    _settle(qtbot)
    shown, stack = _rect_in(bar, central), _rect_in(window.stack, central)
    assert central.rect().contains(shown) and shown.top() > stack.bottom()
    assert (shown.left(), shown.right()) == (stack.left(), stack.right())
    assert bar._label.height() >= bar._label.heightForWidth(bar._label.width())


def test_a_message_never_changes_the_windows_height_even_at_its_least_height(qtbot, settings) -> None:
    """At its least height the window grew by the strip's row (24 px) while a message showed (s18-gui; s19-gui gave
    the height back once it was closed): its minimum took the row only while the strip showed. The least height now
    holds the strip's row of one line: at that height and at 1366 x 768, on the dashboard and on the start page, a
    message of one line or of more keeps the window's height, the page ending above the strip; at the least height
    a long message has one line ("…", whole in the tooltip), with room two."""
    window = loaded_window(qtbot, settings)
    bar, central = window.message_bar, window.centralWidget()
    line = bar._label.fontMetrics().lineSpacing()
    for page in (window.workspace, window.start_page):
        window.stack.setCurrentWidget(page)
        for asked in (100, 768):                    # (100: as low as it goes)
            window.resize(1366, asked)
            _settle(qtbot)
            height = window.height()
            assert asked == 768 or height == window.minimumHeight()
            for message in ("gone.csv no longer exists.", DAMAGED + "   " + DAMAGED):
                bar.show_message(message, "error")
                _settle(qtbot)
                assert window.height() == height, f"{window.height()} px with the strip, {height} before ({page})"
                shown, stack = _rect_in(bar, central), _rect_in(window.stack, central)
                assert bar.isVisible() and central.rect().contains(shown) and shown.top() > stack.bottom()
                assert bar._label.height() >= bar._label.heightForWidth(bar._label.width())     # its lines whole
                lines = round(bar._label.heightForWidth(bar._label.width()) / line)
                if message != DAMAGED + "   " + DAMAGED:
                    assert lines == 1
                elif asked == 100:
                    assert lines == 1 and bar._label.text().endswith("\u2026") and DAMAGED in bar._label.toolTip()
                else:
                    assert lines == 2, f"{lines} lines at {height} px"
                bar.close_button.click()
                _settle(qtbot)
                assert bar.isHidden() and window.height() == height


def test_the_message_shown_stays_across_a_language_switch_in_the_new_language(qtbot, settings) -> None:
    """A language switch makes the window's widgets again: the strip came back empty, the messages lost (s19-gui,
    Left). They are kept as templates and values and shown again in the new language, newest first, at the level
    they had; the window keeps its height."""
    from desktop_app.main_window import MainWindow
    from metrics_core.i18n import _, language

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.open_files(["/nonexistent/gone.csv"])           # a warning: the file is not there any more
    assert window.export_dialog() is None                   # nothing to report on yet: an info
    _settle(qtbot)
    height, old = window.height(), window.message_bar
    assert old.text() == ("/nonexistent/gone.csv no longer exists.\n"
                          "Open some files first; then the report has something to show.")
    window.set_language("sl")
    _settle(qtbot)
    bar = window.message_bar
    assert bar is not old and bar.isVisible(), "the strip came back empty after the switch"
    with language("sl"):
        said = [_("{path} no longer exists.", path="/nonexistent/gone.csv"),
                _("Open some files first; then the report has something to show.")]
    assert said[0] == "/nonexistent/gone.csv ne obstaja več."      # (the catalogue has it: a real switch)
    assert bar.text().splitlines() == said and bar._level == "info"
    assert bar._label.text().startswith(said[1]) and said[0] in bar._label.text() + bar._label.toolTip()
    assert window.height() == height
    bar.close_button.click()
    _settle(qtbot)
    assert bar.isHidden() and window.height() == height
