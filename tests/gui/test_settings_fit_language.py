"""A KPI's settings page fits the dialog in every language: a long KPI name wraps instead of widening the
page (the Slovenian CSAT page scrolled sideways and cut its explanation off)."""

from __future__ import annotations

import pytest

from desktop_app.dialogs.settings_dialog import SettingsDialog
from metrics_core.i18n import language


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr", "sr-Latn", "qps"])
def test_kpi_pages_need_no_sideways_scrolling(qtbot, code) -> None:
    """Every KPI's page; the staffing page's labels wrap too (qps 44_settings_staffing: "Length of one interval row
    (minutes)", 40 % longer, set the page's width and cut every field at the right edge)."""
    with language(code):
        dialog = SettingsDialog({}, {})
    qtbot.addWidget(dialog)
    dialog.resize(860, 560)
    dialog.show()
    too_wide = []
    for metric_id in dialog.metric_ids():
        dialog.select_metric(metric_id)
        qtbot.wait(1)
        scroll = dialog.pages.currentWidget()
        if scroll.widget().minimumSizeHint().width() > scroll.viewport().width():
            too_wide.append((metric_id, scroll.widget().minimumSizeHint().width(), scroll.viewport().width()))
    assert too_wide == []
