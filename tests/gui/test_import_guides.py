"""The import dialog guides: required fields marked and asked for, named as the owner sees them and
updated as soon as they are mapped; readable reasons; clock times in the preview; a file that looks
like no export we know is flagged with our guess and how sure we are."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.dialogs.import_dialog import ImportDialog
from desktop_app.models.mapping_model import COL_FIELD, COL_SOURCE, COL_WHY, NOT_MAPPED
from metrics_core.formatting import format_percent


def _opened(qtbot, path: Path) -> ImportDialog:
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=20000)
    return dialog


def _row_of(dialog: ImportDialog, field: str) -> int:
    model = dialog.mapping_model
    return next(r for r in range(model.rowCount()) if model.field_name(r) == field)


def test_a_required_field_left_unmapped_is_named_and_asked_about(qtbot, csv_file: Path) -> None:
    dialog = _opened(qtbot, csv_file)
    model = dialog.mapping_model
    row = _row_of(dialog, "created_at")
    assert model.data(model.index(row, COL_FIELD)).endswith("*")                      # marked as needed
    assert not dialog.missing_required() and dialog.missing_label.isHidden()
    model.setData(model.index(row, COL_SOURCE), NOT_MAPPED)
    assert dialog.missing_required() == ["Created at"]
    assert "\u201cCreated at\u201d" in dialog.missing_label.text() and "created_at" not in dialog.missing_label.text()
    assert not dialog.missing_label.isHidden()
    asked: list[list[str]] = []
    dialog.confirm_missing = lambda missing: asked.append(missing) or False          # the owner says "No"
    dialog.accept()
    assert asked == [["Created at"]] and dialog.result() != ImportDialog.DialogCode.Accepted
    model.setData(model.index(row, COL_SOURCE), "Ustvarjeno")                          # mapped: the note goes at once
    assert dialog.missing_label.isHidden() and not dialog.missing_required()
    dialog.accept()
    assert len(asked) == 1 and dialog.result() == ImportDialog.DialogCode.Accepted


def test_reasons_are_readable_and_times_of_day_are_clock_times(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_text("Call ID,Date,Time,Agent,Answered (Y/N),Speed of answer in seconds\n"
                    "1,2021-01-04,09:12:58,Ana,Y,12\n2,2021-01-04,15:53:50,Bo,N,\n3,2021-01-05,10:00:01,Ana,Y,40\n",
                    encoding="utf-8")
    dialog = _opened(qtbot, path)
    preview = dialog.preview_model
    time_col = list(preview.frame().columns).index("Time")
    assert [preview.data(preview.index(r, time_col)) for r in range(2)] == ["09:12:58", "15:53:50"]
    view = dialog.mapping_view
    dialog.resize(1000, 700)
    qtbot.wait(100)
    assert view.wordWrap()
    for r in range(dialog.mapping_model.rowCount()):
        why = dialog.mapping_model.data(dialog.mapping_model.index(r, COL_WHY)) or ""
        if why:      # the row is as tall as its wrapped reason needs at the column's width: nothing cut
            assert view.rowHeight(r) >= view.sizeHintForRow(r), why


def test_the_pwc_workbooks_times_of_day_are_clock_times_in_the_preview(qtbot, datasets_dir: Path) -> None:
    """Issue 14 on the real PwC workbook: its "Time" cells are Excel times, read as seconds after midnight, and
    the preview showed them as 33178 / 57230. The first rows (ID0001, ID0002: 33178 s; ID0003: 35251 s) read as
    a clock does."""
    dialog = _opened(qtbot, datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")
    qtbot.waitUntil(lambda: dialog.preview_model.rowCount() > 2, timeout=20000)
    preview = dialog.preview_model
    time_col = list(preview.frame().columns).index("Time")
    assert float(preview.frame()["Time"].iloc[0]) == 33178.0                         # what the reader gives
    assert [preview.data(preview.index(r, time_col)) for r in range(3)] == ["09:12:58", "09:12:58", "09:47:31"]


def test_a_file_unlike_any_export_is_flagged_with_the_guess_and_how_sure(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Meeting notes\n\n- call the supplier\n- customers: 12 new this week\n"
                    "- ask Ana about the refund\n\nNext meeting Monday.\n", encoding="utf-8")
    dialog = _opened(qtbot, path)
    note = dialog.kind_note.text()
    assert dialog.mapping.kind_confidence < 0.6
    assert "does not look like an export we know" in note
    assert dialog.kind_combo.currentText() in note and "%" in note
    assert " %" not in note          # "7 %" with a no-break space: the wrapped note read "bara 7" / "% säkra" (sv)



def test_how_sure_the_guess_is_reads_as_the_languages_percentages(qtbot, tmp_path: Path) -> None:
    """Serbian (60_import_not_an_export): "сигурни само 7 %" beside "39%" in the table (a hard-coded " %")."""
    from desktop_app.i18n import apply_language

    apply_language("sr")
    path = tmp_path / "notes.md"
    path.write_text("# Meeting notes\n\n- call the supplier\n- customers: 12 new this week\n", encoding="utf-8")
    dialog = _opened(qtbot, path)
    sure = format_percent(dialog.mapping.kind_confidence * 100, 0)
    assert sure.endswith("%") and " %" not in sure and sure in dialog.kind_note.text()


def test_an_empty_trend_says_no_date_column_is_mapped(qtbot) -> None:
    import pandas as pd

    from desktop_app.charts import feed
    from desktop_app.charts.trend_chart import TrendChart
    from desktop_app.jobs import chart_job
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter

    from .helpers import make_dataset, tickets_frame

    frame = tickets_frame(50).drop(columns=["created_at", "first_response_at", "resolved_at"])
    bundle = DataBundle([make_dataset("t", "tickets", frame)])
    data = chart_job(bundle, {}, Filters(), "request_volume", "month", None)(Reporter())
    assert data.undated and not data.trend
    chart = TrendChart()
    qtbot.addWidget(chart)
    feed.show_trend(chart, data, None)
    assert chart.is_empty() and "No date column is mapped" in chart.empty_label.text()
    assert "for these filters" not in chart.empty_label.text()
    dated = DataBundle([make_dataset("t", "tickets", tickets_frame(50))])
    assert not chart_job(dated, {}, Filters(), "request_volume", "month", None)(Reporter()).undated
    assert pd.notna(tickets_frame(50)["created_at"]).all()


def empty_charts_say(qtbot, data) -> list[str]:
    """What the selected KPI's breakdown and trend say, fed ``data`` (a chart job's): both must be empty."""
    from desktop_app.charts import feed
    from desktop_app.charts.bar_chart import BarChart
    from desktop_app.charts.trend_chart import TrendChart

    bars, trend = BarChart(), TrendChart()
    for chart in (bars, trend):
        qtbot.addWidget(chart)
    feed.show_bars(bars, data, None)
    feed.show_trend(trend, data, None)
    assert bars.is_empty() and trend.is_empty()
    return [bars.empty_label.text(), trend.empty_label.text()]


def test_an_empty_breakdown_of_a_kpi_without_a_value_gives_the_kpis_reason(qtbot) -> None:
    """s11-shots (66_issue_no_dates_no_channel): tickets without a channel column; "Contact volume per channel by
    agent" said "No Contact volume per channel values per agent for these filters", though no filter was on: the
    KPI has no value at all, for want of a channel."""
    from desktop_app.jobs import chart_job
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import Filters
    from metrics_core.progress import Reporter

    from .helpers import make_dataset, tickets_frame

    frame = tickets_frame(60).drop(columns=["channel"])
    assert "agent" in frame.columns
    data = chart_job(DataBundle([make_dataset("t", "tickets", frame)]), {}, Filters(), "volume_by_channel", "month",
                     "agent")(Reporter())
    assert not data.bars and all(p.value is None for p in data.trend) and data.no_value is not None
    for said in empty_charts_say(qtbot, data):
        assert "for these filters" not in said, said
        assert said.endswith("<br><br>Needs a Channel column (or contacts from more than one channel)"), said
    with_channel = chart_job(DataBundle([make_dataset("t", "tickets", tickets_frame(60))]), {}, Filters(),
                             "volume_by_channel", "month", "agent")(Reporter())
    assert with_channel.bars and with_channel.no_value is None


def test_what_the_reader_skipped_is_said_in_the_windows_language(qtbot, tmp_path: Path) -> None:
    """s11-shots (1366x768-sl/60_import_not_an_export): the Slovenian dialog said "2 empty row(s) were skipped",
    in English and with "(s)": the reader's notes of skipped rows and columns are translated, in the plural of
    the count."""
    from desktop_app.i18n import apply_language

    path = tmp_path / "notes.md"
    path.write_text("# Meeting notes\n\n- call the supplier\n- customers: 12 new this week\n"
                    "- ask Ana about the refund\n\nNext meeting Monday.\n", encoding="utf-8")
    assert "2 empty rows were skipped" in _opened(qtbot, path).notes_label.text()
    apply_language("sl")
    said = _opened(qtbot, path).notes_label.text()
    assert "2 prazni vrstici sta bili izpuščeni" in said and "row" not in said, said
