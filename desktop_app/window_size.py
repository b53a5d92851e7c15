"""Window sizes that fit the screen: a 1366 x 768 laptop with a taskbar is common among our users."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.92      # leave room for the taskbar and the window frame


def fit_size(width: int, height: int, available_width: int, available_height: int) -> tuple[int, int]:
    """``(width, height)`` shrunk to at most :data:`SCREEN_SHARE` of the available area."""
    return (min(width, int(available_width * SCREEN_SHARE)), min(height, int(available_height * SCREEN_SHARE)))


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to the preferred size, or smaller when its screen is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":     # a virtual 800 x 800 screen
        widget.resize(width, height)
        return
    area = screen.availableGeometry()
    widget.resize(*fit_size(width, height, area.width(), area.height()))
