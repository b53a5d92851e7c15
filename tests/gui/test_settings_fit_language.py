"""A KPI's settings page fits the dialog in every language: a long KPI name wraps instead of widening the
page (the Slovenian CSAT page scrolled sideways and cut its explanation off)."""

from __future__ import annotations

import pytest

from desktop_app.dialogs.settings_dialog import SettingsDialog
from metrics_core.i18n import language


@pytest.mark.parametrize("code", ["sl", "qps"])
def test_kpi_pages_need_no_sideways_scrolling(qtbot, code) -> None:
    with language(code):
        dialog = SettingsDialog({}, {})
    qtbot.addWidget(dialog)
    dialog.resize(860, 560)
    dialog.show()
    for metric_id in ("csat", "volume_by_channel", "resolution_time"):
        dialog.select_metric(metric_id)
        qtbot.wait(50)
        scroll = dialog.pages.currentWidget()
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), metric_id
