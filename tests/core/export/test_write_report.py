"""write_report: format by extension, folders, atomic replacement, cancel, errors."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from metrics_core.errors import ExportError, OperationCancelled
from metrics_core.export import csv_results, pptx_deck, xlsx_workbook
from metrics_core.export.model import Report
from metrics_core.export.report import write_report
from metrics_core.progress import Reporter

from .sample import make_report


def test_extension_chooses_the_format(tmp_path):
    report = make_report()
    for name in ("r.pptx", "r.xlsx", "r.csv", "R.XLSX"):
        assert write_report(report, tmp_path / name) == [tmp_path / name]
    Presentation(str(tmp_path / "r.pptx"))
    load_workbook(tmp_path / "r.xlsx")
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_folder_gets_all_three(tmp_path):
    out = tmp_path / "export"
    written = write_report(make_report(), out)
    # named from the title and the period, so last month's files stay
    names = ["Customer service KPIs – 2024" + s for s in (".csv", ".pptx", ".xlsx")]
    assert sorted(p.name for p in written) == names
    assert sorted(p.name for p in out.iterdir()) == names
    only = write_report(make_report(), tmp_path / "only-csv", formats=(".csv",))
    assert [p.name for p in only] == [names[0]]


def test_unknown_extension_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match=r"report\.docx.*\.pptx, \.xlsx or \.csv"):
        write_report(make_report(), tmp_path / "report.docx")


@pytest.mark.parametrize("name, module, function", [
    ("r.xlsx", xlsx_workbook, "_chart_sheet"),
    ("r.pptx", pptx_deck, "_kpi_slide"),
    ("r.csv", csv_results, "results_csv_text"),
])
def test_a_failing_writer_leaves_the_old_file_and_no_temp_files(tmp_path, monkeypatch, name, module, function):
    target = tmp_path / name
    target.write_bytes(b"the old report")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(module, function, broken)
    with pytest.raises(RuntimeError):
        write_report(make_report(), target)
    assert target.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_cancel_leaves_the_old_file(tmp_path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    seen = []
    reporter = Reporter(lambda f, t: seen.append(f), cancelled=lambda: len(seen) >= 2)
    with pytest.raises(OperationCancelled):
        write_report(make_report(), target, reporter)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_progress_rises_to_one(tmp_path):
    seen: list[float] = []
    write_report(make_report(), tmp_path / "all", Reporter(lambda f, t: seen.append(f)))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 6


def test_unwritable_target_is_an_export_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="Could not write"):
        write_report(make_report(), blocker / "r.csv")


def test_report_round_trips_through_json():
    report = make_report(days=30)
    again = Report.from_json(report.to_json())
    assert again.to_dict() == report.to_dict()
    assert json.loads(report.to_json())["charts"][0]["series"]["CSAT"][0] == 82.0
    assert again.charts[-1].frame.shape == (30, 1)


def test_empty_report_still_writes(tmp_path):
    from datetime import datetime

    empty = Report("KPIs", "", None, None, datetime(2025, 1, 1))
    written = write_report(empty, tmp_path / "e")
    assert len(written) == 3
    deck = Presentation(str(tmp_path / "e" / "KPIs – all dates.pptx"))
    text = " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert "No KPI could be computed" in text and "all dates" in text
