"""The About dialog shows every component and the licence notes without scrolling, in every language, at the size
it opens at on a 1366 x 768 laptop: in Serbian it scrolled and the licences' folder line was cut at the bottom edge
(s7-shots 87; s9-layout v1/1366x768-sr/51_about, 620 x 520)."""

from __future__ import annotations

import pytest

from desktop_app.dialogs.about_dialog import AboutDialog
from desktop_app.i18n import apply_language

from .helpers import shown


@pytest.mark.parametrize("lang", ["en", "sl", "ro", "sv", "sr"])
def test_nothing_of_the_about_dialog_is_below_the_fold(qtbot, lang) -> None:
    apply_language(lang)
    dialog = shown(qtbot, AboutDialog(), *AboutDialog.PREFERRED_SIZE)   # (the test screen is smaller than a laptop's)
    qtbot.wait(20)
    view = dialog.components_view
    assert view.verticalScrollBar().maximum() == 0, f"{lang}: {view.verticalScrollBar().maximum()} px below the fold"
    assert AboutDialog.PREFERRED_SIZE[1] <= 690            # (1280 x 720 less a taskbar)


@pytest.mark.parametrize("lang", ["en", "sr"])
def test_no_empty_band_under_the_licence_note(qtbot, lang) -> None:
    """shots11 51_about: sized for the longest language, the English dialog had ~90 px of nothing under its note."""
    apply_language(lang)
    dialog = shown(qtbot, AboutDialog(), *AboutDialog.PREFERRED_SIZE)
    qtbot.wait(20)
    view = dialog.components_view
    spare = view.viewport().height() - view.document().size().height()
    assert 0 <= spare <= 16, f"{lang}: {spare:.0f} px empty under the note"
    assert view.verticalScrollBar().maximum() == 0
