"""The export dialog's breakdowns box says what to do while no KPI is selected (shots11 50_export_report: an empty
box headed "Breakdowns of the selected KPI" with no KPI selected), and names its columns as the window does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.dialogs.report_builder import ReportBuilderPanel
from desktop_app.i18n import apply_language
from metrics_core.dataset import DataBundle
from metrics_core.report_view import KpiView
from metrics_core.report_view.choices import ReportChoices
from metrics_core.report_view.compute import compute_view

from .helpers import tickets_with_surveys


def _builder(qtbot) -> ReportBuilderPanel:
    bundle = DataBundle(tickets_with_surveys())
    builder = ReportBuilderPanel(bundle, KpiView(), compute_view(bundle, {}, KpiView()), ReportChoices())
    qtbot.addWidget(builder)
    return builder


def test_the_breakdowns_box_says_what_to_do_until_a_kpi_is_selected(qtbot) -> None:
    builder = _builder(qtbot)
    assert builder.kpi_list.currentItem() is None and builder.breakdown_list.count() == 0
    said = builder.breakdown_label.text()
    assert said.startswith("Click a KPI") and "breakdowns" in said, said
    assert builder.breakdown_list.accessibleName() == "Breakdowns of the selected KPI (one slide each)"
    row = next(i for i in range(builder.kpi_list.count())
               if builder.kpi_list.item(i).data(Qt.ItemDataRole.UserRole) == "csat")
    builder.kpi_list.setCurrentRow(row)
    assert builder.breakdown_label.text().startswith("Breakdowns of CSAT")
    names = {builder.breakdown_list.item(i).data(Qt.ItemDataRole.UserRole): builder.breakdown_list.item(i).text()
             for i in range(builder.breakdown_list.count())}
    assert names.get("agent") == "Agent" and names.get("channel") == "Channel", names
    builder.kpi_list.setCurrentItem(None)
    assert builder.breakdown_label.text() == said


def test_the_hint_and_the_columns_are_in_the_windows_language(qtbot) -> None:
    apply_language("sl")
    builder = _builder(qtbot)
    assert not builder.breakdown_label.text().startswith("Click")
