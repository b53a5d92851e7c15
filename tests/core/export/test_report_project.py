"""``kpidesk report --project FILE --period last-month --out DIR``: a saved project's report, rebuilt
on its files as they are now, with the owner's title, KPIs, breakdowns and comparison; command-line
options win over the saved choices."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from metrics_core.cli import main
from metrics_core.metrics.engine import Filters, compute_all
from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.resources import demo_dir

from ...spacing import read


def _project(tmp_path):
    data = tmp_path / "exports"
    data.mkdir()
    files = [Path(shutil.copy(demo_dir() / name, data / name)) for name in ("tickets.csv", "calls.csv")]
    doc = {
        "kpidesk_project": 1,
        "files": [{"name": p.name, "path": str(p), "relative_path": f"exports/{p.name}"} for p in files],
        "filters": {"date_from": None, "date_to": None, "categories": {}, "granularity": "month", "preset": "all"},
        "params": {}, "targets": {"abandonment_rate": 15.0},
        "report": {"title": "Lipa Home", "business_name": "Lipa Home d.o.o.", "period": "dashboard",
                   "comparison": "previous", "kpis": ["abandonment_rate", "first_response_time"],
                   "breakdowns": {"first_response_time": ["priority"]}, "appendix": False},
    }
    path = tmp_path / "shop.kpidesk"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, files


def _texts(deck) -> list[str]:
    return [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]


def test_a_saved_report_is_rebuilt_for_the_last_complete_month(tmp_path, capsys):
    project, files = _project(tmp_path)
    out = tmp_path / "reports"
    assert main(["report", "--project", str(project), "--period", "last-month", "--out", str(out), "--no-png"]) == 0
    stem = "Lipa Home – October 2026"
    assert sorted(p.name for p in out.iterdir()) == [stem + s for s in (".csv", ".pptx", ".xlsx")]
    deck = Presentation(str(out / f"{stem}.pptx"))
    texts = _texts(deck)
    # title, at a glance, abandonment, first response time, its breakdown by priority
    assert len(deck.slides) == 5
    # the breakdown is titled with its KPI's name, the line under it says by what (s18-deck)
    assert "By priority · October 2026" in texts and "Call abandonment rate" in texts
    assert texts.count("First response time") == 2
    october = compute_all(load_bundle([str(f) for f in files], None, {}), None, Filters("2026-10-01", "2026-10-31"))
    value = f"{october['abandonment_rate'].value:.1f} %"
    assert any(t.startswith("Call abandonment rate") and value in read(t) and "15.0 % target" in read(t) for t in texts)


def test_options_win_over_the_saved_choices(tmp_path):
    project, _files = _project(tmp_path)
    out = tmp_path / "reports"
    assert main(["report", "--project", str(project), "--from", "2026-09-01", "--to", "2026-09-30",
                 "--title", "September review", "--kpis", "answer_rate", "--compare", "none",
                 "--out", str(out), "--no-png"]) == 0
    deck = Presentation(str(out / "September review – September 2026.pptx"))
    texts = _texts(deck)
    assert len(deck.slides) == 3 and "Call answer rate" in texts
    assert not any("compared with" in t for t in texts)          # --compare none


def test_a_project_with_a_missing_file_says_which(tmp_path, capsys):
    project, files = _project(tmp_path)
    for f in files:
        f.unlink()
    assert main(["report", "--project", str(project), "--out", str(tmp_path / "r"), "--no-png"]) != 0
    assert "tickets.csv" in capsys.readouterr().err


def test_unknown_kpi_ids_are_named(tmp_path, capsys):
    project, _files = _project(tmp_path)
    assert main(["report", "--project", str(project), "--kpis", "csat,happiness", "--out", str(tmp_path / "r")]) != 0
    err = capsys.readouterr().err
    assert "happiness" in err and "csat" in err


@pytest.mark.parametrize("compare", ["previous", "last-year", "none"])
def test_compare_choices_are_accepted(tmp_path, compare):
    project, _files = _project(tmp_path)
    out = tmp_path / compare
    assert main(["report", "--project", str(project), "--period", "last-month", "--compare", compare,
                 "--kpis", "abandonment_rate", "--out", str(out / "r.xlsx")]) == 0
    assert (out / "r.xlsx").is_file()
