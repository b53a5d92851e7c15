"""The report dialog on a laptop: at 1280 x 720 and 1366 x 768 (less a taskbar) the dialog is at most 662 px
tall (``window_size.SCREEN_SHARE`` of the screen). Every choice was there, but "Image size", "Image background"
and "Folder" were below the fold of its scrolling area in Slovenian: an owner saw neither where the report goes
nor that the area scrolls. Every row is now in view at that height, in every language, with Export beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from desktop_app.i18n import apply_language
from desktop_app.main_window import MainWindow

from .conftest import wait_results
from .helpers import make_dataset, surveys_frame, tickets_frame

LAPTOP_HEIGHTS = {"1280x720": 662, "1366x768 less a taskbar": 669}


def _in_view(widget: QWidget, viewport: QWidget) -> bool:
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("lang", ["sl", "en", "ro", "sv", "sr"])
def test_every_choice_of_the_report_dialog_is_in_view_on_a_laptop(qtbot, settings, lang) -> None:
    apply_language(lang)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    state = window.state
    wait_results(qtbot, state, lambda: (state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(120))),
                                        state.add_dataset(make_dataset("surveys", "surveys", surveys_frame()))))
    dialog = window.export_dialog()           # (the window's child: closed with it, not by qtbot)
    for screen, height in LAPTOP_HEIGHTS.items():
        dialog.resize(dialog.width(), height)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(50)
        assert dialog.height() <= height, f"{screen}: the dialog is {dialog.height()} px tall"
        viewport = dialog.choices_area.viewport()
        body = dialog.choices_area.widget()
        below = [w.accessibleName() or w.objectName() or type(w).__name__ for w in body.findChildren(QWidget)
                 if w.isVisibleTo(body) and w.focusPolicy() and not _in_view(w, viewport)
                 and w.parentWidget() is not None and not w.objectName().startswith("qt_")]
        assert below == [], f"{screen}, {lang}: below the fold: {below} (the choices need " \
                            f"{body.minimumSizeHint().height()} px, have {viewport.height()})"
        for button in (dialog.export_button, *dialog.buttons.buttons()):
            assert _in_view(button, dialog), button.text()
