"""load_dataset, read options from a mapping, and the mapping JSON round trip."""

import json

import pandas as pd
import pytest

from metrics_core.errors import FileReadError, MappingError
from metrics_core.ingest.model import ReadOptions
from metrics_core.loading import load_dataset, load_mapping, merged_options, save_mapping
from metrics_core.mapping.model import FieldMapping, Mapping
from metrics_core.progress import Reporter
from metrics_core.resources import demo_dir


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


def _mixed_ticket_file(tmp_path):
    path = tmp_path / "tickets.csv"
    path.write_text("Ticket ID,Created at,Solved at,Status,Agent replies,Note\n"
                    "7,2024-05-01 09:00,2024-05-01 11:00 +0200,Solved,1,2024-05-03\n"
                    "8,2024-05-02 10:00,not yet,Open,2,x\n"
                    "9,2024-05-02 10:30,2024-05-04 08:00 +0200,Closed,1,\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["survey_responses.csv", "quality_reviews.xlsx", None])
def test_dataset_without_source_rows_is_the_same(tmp_path, name):
    """``source_rows=False`` (what ``kpidesk compute`` loads) gives the same canonical frame, facts, mapping
    and validation; its table keeps columns, profiles and row numbers but no rows of cells."""
    path = demo_dir() / name if name else _mixed_ticket_file(tmp_path)
    full, light = load_dataset(path), load_dataset(path, source_rows=False)
    pd.testing.assert_frame_equal(light.frame, full.frame)
    assert light.facts == full.facts and light.mapping.to_dict() == full.mapping.to_dict()
    assert light.validation.to_dict() == full.validation.to_dict()
    assert len(light.table.frame) == len(light.table.raw) == 0 < len(full.table.frame)
    assert list(light.table.frame.columns) == list(full.table.frame.columns)
    assert list(light.table.raw.columns) == list(full.table.raw.columns)
    assert dict(light.table.frame.dtypes) == dict(full.table.frame.dtypes)
    assert light.table.columns == full.table.columns
    assert list(light.table.row_numbers) == list(full.table.row_numbers)


def test_source_text_read_typed_is_let_go_before_the_canonical_frame(tmp_path, monkeypatch):
    """Only the source text the canonical frame or the validation reads is kept: the id's and that of a
    date-time with a UTC offset (its wall-clock time is read from its text); dates, categories, counts and
    unmapped columns are taken typed. While the frame is built, each typed column nothing reads any more
    (the id, the status) is deleted; the validated and the unmapped ones stay."""
    import metrics_core.loading as loading

    seen = {}
    build = loading.build_canonical

    def spy(table, mapping, **kw):
        seen["raw"] = list(table.raw.columns)
        built = build(table, mapping, **kw)
        seen["typed after"] = list(table.frame.columns)
        return built

    monkeypatch.setattr(loading, "build_canonical", spy)
    ds = load_dataset(_mixed_ticket_file(tmp_path), source_rows=False)
    assert ds.mapping.column_for("created_at") == "Created at" and ds.mapping.column_for("resolved_at") == "Solved at"
    assert ds.mapping.column_for("status") == "Status" and ds.mapping.column_for("agent_replies") == "Agent replies"
    assert seen["raw"] == ["Ticket ID", "Solved at"]
    assert seen["typed after"] == ["Created at", "Solved at", "Agent replies", "Note"]
    assert list(ds.table.raw.columns) == list(ds.table.frame.columns) == \
        ["Ticket ID", "Created at", "Solved at", "Status", "Agent replies", "Note"]
    seen.clear()
    load_dataset(_mixed_ticket_file(tmp_path))
    assert "Created at" in seen["raw"] and "Status" in seen["typed after"]


def test_tables_money_kpis_read_keep_their_rows(tmp_path):
    """The currency of an orders file may be named only in its cells: with ``source_rows=False`` such a
    table keeps its rows, and the currency is still found."""
    from metrics_core.ingest.currency import table_currency

    path = tmp_path / "orders.csv"
    path.write_text("Order ID,Order date,Customer ID,Description,Total\n"
                    "1,2024-05-01,c1,Gift voucher £40.00,40\n2,2024-05-02,c2,Mug,12\n", encoding="utf-8")
    ds = load_dataset(path, source_rows=False)
    assert ds.kind == "orders" and len(ds.table.frame) == 2
    assert table_currency(ds.table) == "£"
