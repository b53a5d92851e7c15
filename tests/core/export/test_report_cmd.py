"""``kpidesk report``: files or --demo, one file or a folder (with chart images drawn in
a separate Qt process), and errors as one sentence."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from metrics_core.cli import main
from metrics_core.cli.report_cmd import demo_business_name, demo_files, parse_size
from metrics_core.errors import ParameterError
from metrics_core.resources import demo_dir


def test_demo_files_and_name():
    names = [p.name for p in demo_files()]
    assert "tickets.csv" in names and "quality_reviews.xlsx" in names
    assert "make_demo.py" not in names and "README.md" not in names
    assert demo_business_name() == "Lipa Home d.o.o."


def test_parse_size():
    assert parse_size("1280x720") == (1280, 720)
    assert parse_size("3840×2160") == (3840, 2160)
    for bad in ("big", "0x100", "100x", "-5x5"):
        with pytest.raises(ParameterError):
            parse_size(bad)


def test_report_one_file_with_filters_and_params(tmp_path, capsys):
    out = tmp_path / "september.xlsx"
    tickets = str(demo_dir() / "tickets.csv")
    surveys = str(demo_dir() / "survey_responses.csv")
    code = main(["report", tickets, surveys, "--out", str(out), "--from", "2026-09-01", "--to", "2026-09-30",
                 "--param", "global.targets={\"csat\": 90}", "--business", "Test shop"])
    assert code == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    book = load_workbook(out)
    summary = {row[11]: row for row in book["Summary"].iter_rows(min_row=5, values_only=True)}
    assert summary["request_volume"][2] > 0
    assert summary["average_wait_time"][2] is None                     # no call file given
    assert book["Summary"]["A1"].value.startswith("Test shop")
    assert "September 2026" in book["Summary"]["A2"].value
    assert sorted(p.name for p in tmp_path.iterdir()) == ["september.xlsx"]


def test_report_demo_to_a_folder_without_images(tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["report", "--demo", "--out", str(out), "--no-png"]) == 0
    stem = "Lipa Home d.o.o. – May – October 2026"   # every date (1 May – 31 Oct 2026: whole months, deck21)
    assert sorted(p.name for p in out.iterdir()) == [stem + s for s in (".csv", ".pptx", ".xlsx")]
    deck = Presentation(str(out / f"{stem}.pptx"))
    first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Lipa Home d.o.o." in first and "Period: May – October 2026" in first
    assert len(deck.slides) <= 10
    rows = list(csv.DictReader(io.StringIO((out / f"{stem}.csv").read_text(encoding="utf-8-sig"))))
    assert {r["record"] for r in rows} == {"kpi", "trend", "shares", "grid"}      # no breakdown was chosen


def test_report_demo_folder_with_chart_images(tmp_path):
    out = tmp_path / "with-images"
    done = subprocess.run([sys.executable, "-m", "metrics_core", "report", "--demo", "--out", str(out),
                           "--png-size", "640x360"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pngs = sorted(out.glob("chart-*.png"))
    assert len(pngs) >= 8
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    width, height = (int.from_bytes(pngs[0].read_bytes()[16:24][i:i + 4], "big") for i in (0, 4))
    assert (width, height) == (640, 360)
    assert f"wrote {pngs[0]}" in done.stdout


@pytest.mark.parametrize("argv, message", [
    (["report", "--out", "x.pptx"], "Name the files"),
    (["report", "--demo", "a.csv", "--out", "x.pptx"], "either files, --demo or --project"),
    (["report", "--demo", "--out", "x.docx"], "x.docx"),
    (["report", "--demo", "--out", "x.pptx", "--from", "2026-13-45"], "2026-13-45"),
    (["report", "--demo", "--out", "x.pptx", "--param", "nonsense"], "METRIC.NAME=VALUE"),
    (["report", "missing-file.csv", "--out", "x.pptx"], "missing-file.csv"),
])
def test_errors_are_one_sentence(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kpidesk: ") and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_json_parameter_values():
    from metrics_core.cli.report_cmd import json_values

    assert json_values({"global": {"targets": '{"csat": 90}'}, "csat": {"threshold": "4"}}) == \
        {"global": {"targets": {"csat": 90}}, "csat": {"threshold": "4"}}
    with pytest.raises(ParameterError, match="not valid JSON"):
        json_values({"global": {"targets": "{csat: 90"}})


def test_png_command_in_source_and_frozen(monkeypatch):
    from metrics_core.cli.report_cmd import png_command

    assert png_command() == [sys.executable, "-m", "desktop_app.report_pngs"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert png_command() == [sys.executable, "report-pngs"]
    launch = (demo_dir().parent.parent / "packaging" / "launch.py").read_text(encoding="utf-8")
    assert '"report-pngs"' in launch and "report_pngs_main(sys.argv[2:])" in launch


def test_currency_symbol_for_amounts(tmp_path, capsys):
    out = tmp_path / "kr.xlsx"
    orders, customers = str(demo_dir() / "orders.csv"), str(demo_dir() / "customers.csv")
    assert main(["report", orders, customers, "--currency", "kr", "--out", str(out)]) == 0
    summary = {row[11]: row for row in load_workbook(out)["Summary"].iter_rows(min_row=5, values_only=True)}
    value, shown = summary["clv"][2], summary["clv"][9]
    whole = f"{value:,.0f}" if value >= 1000 else f"{value:,.2f}"
    assert shown == f"{whole}\u00a0kr"                  # Swedish crowns, written after the amount (unbroken), never "€"
    assert "€" not in "".join(str(v) for row in summary.values() for v in row if v is not None)
