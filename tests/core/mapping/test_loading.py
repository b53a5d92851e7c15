"""load_dataset, read options from a mapping, and the mapping JSON round trip."""

import json

import pandas as pd
import pytest

from metrics_core.errors import FileReadError, MappingError
from metrics_core.ingest.model import ReadOptions
from metrics_core.loading import load_dataset, load_mapping, merged_options, save_mapping
from metrics_core.mapping.model import FieldMapping, Mapping
from metrics_core.progress import Reporter


def _semicolon_file(tmp_path):
    path = tmp_path / "klici.csv"
    path.write_bytes("Id klica;Začetek;Čas čakanja v minutah;Odgovorjeno\n"
                     "k1;01.03.2024 10:00;2;Da\nk2;01.03.2024 11:00;0,5;Ne\n".encode("cp1250"))
    return path


def test_mapping_json_round_trip(tmp_path):
    m = Mapping("tickets", {"created_at": FieldMapping("created_at", ["Ustvarjeno"], 0.9, "header", "Slovenian"),
                            "first_response_s": FieldMapping("first_response_s", ["FRT"], unit="min")},
                preset="zendesk", also_kinds=["surveys"], value_maps={"status": {"R": "solved"}},
                read_options={"delimiter": ";", "encoding": "cp1250"})
    m.set_user("agent", None)
    path = tmp_path / "sub" / "map.json"
    save_mapping(m, path)
    assert [p.name for p in path.parent.iterdir()] == ["map.json"]          # no temporary file left behind
    back = load_mapping(path)
    assert back.to_dict() == m.to_dict()
    assert back.unmapped == ["agent"] and back.fields["first_response_s"].unit == "min"
    assert json.loads(path.read_text(encoding="utf-8"))["fields"]["created_at"]["columns"] == ["Ustvarjeno"]


def test_bad_mapping_files(tmp_path):
    with pytest.raises(FileReadError, match="does not exist"):
        load_mapping(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(MappingError, match="bad.json.*not valid JSON"):
        load_mapping(bad)


def test_merged_options_explicit_wins():
    m = Mapping("calls", read_options={"delimiter": ";", "dayfirst": True})
    o = merged_options(ReadOptions(dayfirst=False), m)
    assert (o.delimiter, o.dayfirst) == (";", False)


def test_load_dataset_applies_user_mapping_and_reports_progress(tmp_path):
    path = _semicolon_file(tmp_path)
    before = path.read_bytes()
    user = Mapping("calls", read_options={"encoding": "cp1250", "delimiter": ";"})
    user.set_user("started_at", "Začetek")
    steps = []
    ds = load_dataset(path, mapping=user, reporter=Reporter(lambda f, t: steps.append(f)), name="Klici")
    assert ds.name == "Klici" and ds.kind == "calls"
    assert ds.mapping.fields["started_at"].source == "user"
    assert ds.mapping.column_for("call_id") == "Id klica"
    assert ds.frame["wait_s"].tolist() == [120.0, 30.0]
    assert ds.frame["answered"].tolist() == [True, False]
    assert ds.mapping.read_options == {"encoding": "cp1250", "delimiter": ";"}
    assert steps[-1] == 1.0 and steps == sorted(steps)
    assert path.read_bytes() == before


def test_load_dataset_missing_file(tmp_path):
    with pytest.raises(FileReadError, match="does not exist"):
        load_dataset(tmp_path / "nothing.csv")


def test_zoho_export_dates_are_read_day_first(tmp_path):
    path = tmp_path / "zoho.csv"
    write = ("Ticket Id,Subject,Status (Ticket),Priority (Ticket),Ticket Owner,Created Time,Ticket Closed Time,Channel\n"
             "1,A,Open,High,7,01/02/2025 16:48,,Email\n2,B,Closed,Low,7,03/04/2025 09:00,05/04/2025 10:00,Phone\n")
    path.write_text(write, encoding="utf-8")
    ds = load_dataset(path)
    assert ds.mapping.preset == "zoho"
    assert ds.frame["created_at"].tolist() == [pd.Timestamp("2025-02-01 16:48"), pd.Timestamp("2025-04-03 09:00")]
