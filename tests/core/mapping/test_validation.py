"""Validation: parse failures with row numbers, missing fields per KPI, JSON and text."""

import json
from dataclasses import dataclass

from metrics_core.loading import load_dataset
from metrics_core.mapping.canonical import to_canonical
from metrics_core.mapping.model import FieldMapping, Mapping
from metrics_core.validation import validate

from .helpers import make_table


@dataclass(frozen=True)
class FakeSpec:
    id: str
    label: str
    kinds: tuple
    required_fields: tuple


FAKE_REGISTRY = (
    FakeSpec("frt", "First response time", ("tickets",), ("created_at", "first_response_at")),
    FakeSpec("csat", "CSAT", ("surveys", "tickets"), ("csat_score",)),
    FakeSpec("aht", "Average handle time", ("calls",), ("talk_s",)),
    FakeSpec("volume", "Request volume", ("tickets",), ()),
)


def _csv(tmp_path, bad_row=14):
    lines = ["Ticket ID,Created at,First response time in minutes,Status"]
    for i in range(2, 30):
        created = "yesterday" if i == bad_row else f"2024-03-{i:02d} 10:00"
        lines.append(f"{i},{created},{i * 3},Open")
    path = tmp_path / "tickets.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_failures_name_row_column_and_value(tmp_path):
    ds = load_dataset(_csv(tmp_path))
    check = next(c for c in ds.validation.columns if c.header == "Created at")
    assert check.n_failed == 1 and check.field == "created_at"
    assert check.messages() == ["row 14, column “Created at”: “yesterday” is not a date"]
    text = ds.validation.to_text()
    assert "row 14, column “Created at”: “yesterday” is not a date" in text
    assert json.loads(json.dumps(ds.validation.to_dict()))["failed_values"] == 1


def test_kpi_missing_fields_with_a_fake_registry():
    t = make_table({"Id": ["1", "2"], "Created": ["2024-01-01", "2024-01-02"], "Rating": ["4", "5"]})
    m = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Id"]), "created_at": FieldMapping("created_at", ["Created"]),
                            "csat_score": FieldMapping("csat_score", ["Rating"])}, also_kinds=["surveys"])
    report = validate(t, m, to_canonical(t, m), registry=FAKE_REGISTRY)
    by_id = {k.id: k for k in report.kpis}
    assert set(by_id) == {"frt", "csat", "volume"}              # aht reads calls only
    assert by_id["frt"].missing_fields == ["first_response_at"]
    assert by_id["csat"].ok and by_id["volume"].ok
    assert "First response time needs 'First response at' (first_response_at)." in report.to_text()


def test_alternative_fields_satisfy_a_kpi():
    t = make_table({"Id": ["1"], "Created": ["2024-01-01"], "FRT": ["60"]})
    m = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Id"]), "created_at": FieldMapping("created_at", ["Created"]),
                            "first_response_s": FieldMapping("first_response_s", ["FRT"])})
    report = validate(t, m, to_canonical(t, m), registry=FAKE_REGISTRY)
    assert next(k for k in report.kpis if k.id == "frt").ok       # first_response_s stands in for first_response_at


def test_unknown_status_values_and_missing_required_fields_are_reported():
    t = make_table({"Id": ["1", "2"], "State": ["Open", "Parked"]})
    m = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Id"]), "status": FieldMapping("status", ["State"])})
    report = validate(t, m, to_canonical(t, m), registry=())
    assert report.missing_fields == ["created_at"]
    assert any("'Parked'" in n for n in report.notes)
    assert "Missing required fields: 'Created at' (created_at)." in report.to_text()


def test_values_lost_in_conversion_are_counted():
    t = make_table({"Id": ["1", "2", "3"], "Created": ["2024-01-01", "2024-01-02", "2024-01-03"],
                    "Flag": ["Yes", "maybe", "No"]}, types={"Flag": "category"})
    m = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Id"]), "created_at": FieldMapping("created_at", ["Created"]),
                            "escalated": FieldMapping("escalated", ["Flag"])})
    report = validate(t, m, to_canonical(t, m), registry=())
    check = next(c for c in report.columns if c.name == "Flag")
    assert check.messages() == ["row 3, column “Flag”: “maybe” is not a yes/no value"]


def test_real_registry_is_read_by_default(tmp_path):
    ds = load_dataset(_csv(tmp_path))
    ids = {k.id for k in ds.validation.kpis}
    assert "first_response_time" in ids and "backlog" in ids
