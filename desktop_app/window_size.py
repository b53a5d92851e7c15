"""Window sizes that fit the screen: a 1366 x 768 laptop with a taskbar is common among our users.

A window is never larger than its screen's available area: a preferred size is shrunk to fit, a
geometry restored from a larger monitor is shrunk and moved onto the current one, and the window's
maximum size follows the screen it is on, so that no widget's minimum size can push it wider.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.92      # leave room for the taskbar and the window frame
FRAME_ROOM = QSize(16, 40)     # a title bar and borders the window manager adds around the client area
OFFSCREEN_DEFAULT = QSize(800, 800)     # the offscreen plugin's virtual screen when it is not configured


def fit_size(width: int, height: int, available_width: int, available_height: int) -> tuple[int, int]:
    """``(width, height)`` shrunk to at most :data:`SCREEN_SHARE` of the available area."""
    return (min(width, int(available_width * SCREEN_SHARE)), min(height, int(available_height * SCREEN_SHARE)))


def fit_rect(rect: QRect, area: QRect) -> QRect:
    """``rect`` shrunk to ``area`` (less the frame's room) and moved inside it."""
    width = min(rect.width(), area.width() - FRAME_ROOM.width())
    height = min(rect.height(), area.height() - FRAME_ROOM.height())
    left = min(max(rect.left(), area.left()), area.right() + 1 - width - FRAME_ROOM.width() // 2)
    top = min(max(rect.top(), area.top()), area.bottom() + 1 - height - FRAME_ROOM.height())
    return QRect(max(left, area.left()), max(top, area.top()), width, height)


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen under the middle of ``widget`` (else the primary one).

    Not ``widget.screen()``: PySide makes the returned QScreen's wrapper a child of the widget, and when
    the garbage collector frees that widget it deletes the QScreen with it — the app's screen, so every
    widget made afterwards crashed (tests/gui/test_gc_thread.py). Static look-ups have no such child.
    """
    return QGuiApplication.screenAt(widget.mapToGlobal(widget.rect().center())) or QGuiApplication.primaryScreen()


def _screen_area(widget: QWidget) -> QRect | None:
    """The available area of the widget's screen; ``None`` on the unconfigured offscreen platform."""
    screen = screen_of(widget)
    if screen is None:
        return None
    if QGuiApplication.platformName() == "offscreen" and screen.geometry().size() == OFFSCREEN_DEFAULT:
        return None       # the tests' virtual screen: sizes are the tests' to choose
    return screen.availableGeometry()


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to the preferred size, or smaller when its screen is smaller."""
    area = _screen_area(widget)
    if area is None:
        widget.resize(width, height)
        return
    widget.resize(*fit_size(width, height, area.width(), area.height()))


def fit_to_screen(widget: QWidget) -> None:
    """Keep a top-level window inside its screen: shrink and move it, and cap its maximum size.

    Called after a saved geometry is restored (it may come from a larger monitor) and whenever the
    window moves to another screen.
    """
    area = _screen_area(widget)
    if area is None:
        return
    widget.setMaximumSize(area.size())
    if widget.isMaximized() or widget.isFullScreen():
        return
    fitted = fit_rect(widget.geometry(), area)
    if fitted != widget.geometry():
        widget.setGeometry(fitted)
