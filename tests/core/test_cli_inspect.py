"""``kpidesk inspect``: text and JSON reports, user overrides, bad files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from metrics_core.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def comcast(datasets_dir):
    return datasets_dir / "complaints_comcast" / "Comcast_telecom_complaints_data.csv"


def test_text_report(comcast, capsys):
    assert main(["inspect", str(comcast)]) == 0
    out = capsys.readouterr().out
    assert "Format:     csv" in out and "Delimiter:  comma" in out and "Header row: 1" in out
    assert "Data kind:  Tickets [tickets] (confidence" in out and "Runner-up:" in out
    assert "Created at (created_at)" in out and "'Date' + 'Time'" in out
    assert "Tickets: 2,224 rows." in out


def test_text_report_names_kinds_fields_and_how_found_in_the_language(capsys):
    from metrics_core.resources import demo_dir

    assert main(["inspect", str(demo_dir() / "tickets.csv"), "--lang", "sl"]) == 0
    out = capsys.readouterr().out
    assert "Zahtevki [tickets] (zanesljivost" in out and "Napaja tudi:       Odgovori na ankete" in out
    assert "ID zahtevka (ticket_id)" in out and "predloga izvoza: glava „Id“ (izvoz Zendesk)" in out
    assert "Offered → (manjka)" in out and "(missing)" not in out and " preset:" not in out


def test_json_report(comcast, capsys):
    assert main(["inspect", str(comcast), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    for key in ("file", "format", "sheet", "sheets", "encoding", "delimiter", "header_rows", "kind",
                "kind_confidence", "mapping", "validation"):
        assert key in doc, key
    assert doc["kind"] == "tickets" and doc["delimiter"] == "," and doc["header_rows"] == [1]
    assert doc["mapping"]["fields"]["status"]["columns"] == ["Status"]
    assert doc["validation"]["rows"] == 2224


def test_workbook_sheet_option(datasets_dir, capsys):
    path = datasets_dir / "survey_nps_responses" / "NPS Project.xlsx"
    assert main(["inspect", str(path), "--sheet", "NPS_timeseries_data", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["sheet"] == "NPS_timeseries_data" and "NPS" in doc["sheets"]
    assert doc["kind"] == "surveys" and doc["mapping"]["fields"]["nps_score"]["columns"] == ["Recommandation Score"]


def test_user_overrides(comcast, capsys):
    assert main(["inspect", str(comcast), "--json", "--map", "created_at=Date_month_year", "--map", "channel="]) == 0
    doc = json.loads(capsys.readouterr().out)
    fields = doc["mapping"]["fields"]
    assert fields["created_at"]["columns"] == ["Date_month_year"] and fields["created_at"]["source"] == "user"
    assert "channel" not in fields
    assert main(["inspect", str(comcast), "--json", "--kind", "surveys"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "surveys"


def test_bad_map_option_is_one_sentence(comcast, capsys):
    assert main(["inspect", str(comcast), "--map", "nonsense"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kpidesk: ") and "FIELD=HEADER" in err


@pytest.mark.parametrize("content", [None, b"\x00\x01\x02\x03binary\xff\xfe" * 50, b""])
def test_bad_files_exit_2_without_traceback(tmp_path, content):
    path = tmp_path / "broken.csv"
    if content is not None:
        path.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "metrics_core", "inspect", str(path)], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kpidesk: ") and lines[0].endswith(".")


def test_validation_notes_read_in_the_language_and_json_keeps_english(tmp_path, capsys):
    path = tmp_path / "zahtevki.csv"
    path.write_text("Ticket ID;Created at;Status\n1;3. 3. 2026 10:15;closed\n2;4. 3. 2026 11:00;open\n"
                    "2;5. 3. 2026 9:05;solved\n", encoding="utf-8")
    assert main(["inspect", str(path), "--lang", "sl"]) == 0
    text = capsys.readouterr().out
    assert "Združene vrstice: 3 → 2 zahtevka (ena vrstica na ticket_id)." in text           # sl: two -> "zahtevka"
    assert "Noben datum ne pove, ali je na prvem mestu dan ali mesec; privzeto je, da je najprej dan." in text
    assert "collapsed" not in text and "No date decides" not in text
    assert main(["inspect", str(path), "--json", "--lang", "sl"]) == 0
    doc = json.loads(capsys.readouterr().out)
    created = next(c for c in doc["validation"]["columns"] if c["header"] == "Created at")
    assert created["ambiguous"].startswith("No date decides whether the day or the month comes first")
    assert "3 rows collapsed to 2 tickets (one row per ticket_id)." in doc["validation"]["notes"]
