"""Formatting, filters, settings and project files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from desktop_app.filter_state import FilterState, preset_range
from desktop_app.formatting import format_change, format_value, humanise_seconds
from desktop_app.jobs import LoadRequest
from desktop_app.project import Project, load_project, save_project
from desktop_app.settings import MAX_RECENT, SETTINGS_VERSION, AppSettings
from metrics_core.errors import FileReadError
from metrics_core.ingest.model import ReadOptions
from metrics_core.mapping.model import Mapping

from ..spacing import nb


@pytest.mark.parametrize("seconds,text", [(7500, "2 h 05 min"), (95, "1 min 35 s"), (45, "45 s"),
                                          (200_000, "2 d 8 h"), (None, "\u2014"), (3600, "1 h 00 min")])
def test_humanised_durations(seconds: float | None, text: str) -> None:
    assert humanise_seconds(seconds) == nb(text)                     # one piece: it never breaks across lines


def test_values_and_changes() -> None:
    assert format_value(72.0, "%") == nb("72.0 %")
    assert format_value(None, "%") == "\u2014"
    assert format_value(1234, "count") == "1,234"                 # as the deck writes it
    assert format_value(4.213, "score") == "4.21"
    assert format_change(3.2, "%") == nb("+3.2 pp")
    assert format_change(-600, "seconds") == nb("\u221210 min")  # a real minus sign, as in the deck


def test_presets_relative_to_the_data() -> None:
    last = pd.Timestamp("2024-05-15 13:00")
    assert preset_range("last_7", last) == (pd.Timestamp("2024-05-09"), pd.Timestamp("2024-05-15"))
    assert preset_range("last_month", last) == (pd.Timestamp("2024-04-01"), pd.Timestamp("2024-04-30"))
    assert preset_range("this_quarter", last) == (pd.Timestamp("2024-04-01"), pd.Timestamp("2024-05-15"))
    assert preset_range("this_year", last)[0] == pd.Timestamp("2024-01-01")
    assert preset_range("all", last) == (None, None)


def test_filter_state_round_trip() -> None:
    f = FilterState(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-31"), {}, "week", "custom")
    f = f.with_category("agent", ["Eva", "Bo"]).with_category("channel", ["Email"]).with_category("channel", [])
    again = FilterState.from_dict(json.loads(json.dumps(f.to_dict())))
    assert again == f
    assert again.categories == {"agent": ("Eva", "Bo")}


def test_settings_recent_lists_and_version(tmp_path: Path, qapp) -> None:
    s = AppSettings(tmp_path / "s.ini")
    assert s.version == SETTINGS_VERSION and s.recent_files() == []
    for i in range(MAX_RECENT + 3):
        s.add_recent_file(f"/data/f{i}.csv")
    s.add_recent_file("/data/f5.csv")
    s.sync()
    again = AppSettings(tmp_path / "s.ini")
    files = again.recent_files()
    assert files[0] == "/data/f5.csv" and len(files) == MAX_RECENT and files.count("/data/f5.csv") == 1
    again.granularity = "week"
    assert AppSettings(tmp_path / "s.ini").granularity == "week"


def test_project_round_trip_and_moved_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    csv = data / "tickets.csv"
    csv.write_text("id;created\n1;2024-01-01\n", encoding="utf-8")
    mapping = Mapping("tickets")
    mapping.set_user("ticket_id", "id")
    project = Project([LoadRequest(csv, ReadOptions(delimiter=";", decimal=","), mapping, "tickets", "tickets")],
                      FilterState(granularity="week").with_category("agent", ["Eva"]),
                      {"csat": {"scale": "1-5"}}, {"csat": 80.0}, "csat", "agent")
    written = save_project(tmp_path / "proj" / "my", project)
    assert written.name == "my.kpidesk"
    assert not list(written.parent.glob("*.part"))
    loaded = load_project(written)
    assert loaded.requests[0].path == csv.resolve()
    assert loaded.requests[0].options.delimiter == ";" and loaded.requests[0].options.decimal == ","
    assert loaded.requests[0].mapping.fields["ticket_id"].columns == ["id"]
    assert loaded.filters == project.filters and loaded.params == project.params
    assert loaded.targets == {"csat": 80.0} and loaded.selected_metric == "csat"
    # the whole folder moves: files are found relative to the project
    moved = tmp_path / "moved"
    import shutil

    shutil.copytree(tmp_path / "proj", moved / "proj")
    shutil.copytree(data, moved / "data")
    doc = json.loads((moved / "proj" / "my.kpidesk").read_text())
    doc["files"][0]["path"] = "/nowhere/tickets.csv"
    (moved / "proj" / "my.kpidesk").write_text(json.dumps(doc))
    again = load_project(moved / "proj" / "my.kpidesk")
    assert again.requests[0].path.resolve() == (moved / "data" / "tickets.csv").resolve()


def test_broken_project_says_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.kpidesk"
    bad.write_text("{not json")
    with pytest.raises(FileReadError, match="not valid JSON"):
        load_project(bad)
    other = tmp_path / "other.kpidesk"
    other.write_text("{}")
    with pytest.raises(FileReadError, match="not a KPI Desk project"):
        load_project(other)


def test_command_line_arguments() -> None:
    from desktop_app.__main__ import parse_args

    args = parse_args(["--demo"])
    assert args.demo and args.files == []
    args = parse_args(["a.csv", "b.xlsx"])
    assert not args.demo and args.files == ["a.csv", "b.xlsx"]
