"""The report builder names its period choices in the window's language: the dashboard's dates and the last
complete month written as CLDR says (they were strftime's English month names)."""

from __future__ import annotations

import pandas as pd

from desktop_app.dialogs.report_builder import ReportBuilderPanel
from desktop_app.i18n import apply_language
from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.report_view import KpiView
from metrics_core.report_view.choices import ReportChoices
from metrics_core.resources import demo_dir


def test_period_choices_read_in_serbian(qtbot) -> None:
    bundle = load_bundle([str(demo_dir() / "tickets.csv")], None, {})
    dashboard = KpiView(pd.Timestamp("2026-09-05"), pd.Timestamp("2026-09-20"))
    apply_language("sr")
    try:
        panel = ReportBuilderPanel(bundle, dashboard, None, ReportChoices())
        qtbot.addWidget(panel)
        texts = [panel.period_combo.itemText(i) for i in range(panel.period_combo.count())]
    finally:
        apply_language("en")
    assert any("5. сеп 2026. – 20. сеп 2026." in t for t in texts), texts
    assert any("(октобар 2026.)" in t for t in texts), texts          # the last complete month of the file
    assert not any("Sep" in t for t in texts), texts
