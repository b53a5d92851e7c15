"""The awkward-file corpus (``tests/data/corpus``) read by ``read_table``.

``tests/data/corpus/EXPECTED.json`` says, file by file, what a correct reader
makes of each file (format, encoding, delimiter, header rows, row count,
column names and types, and the typed value of key cells), or which typed
error it must raise. The expectations were written by hand next to the data
in ``tests/data/make_corpus.py``; the reader is never asked to produce them.
Files with a ``mapping`` entry are also loaded with ``load_dataset`` and their
canonical frame is checked (kind, rows, which column feeds a field, key values).
Reading must never change a source file (bytes and modification time).
"""

from __future__ import annotations

import codecs
import importlib.util
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from metrics_core import errors
from metrics_core.ingest.reader import list_sheets, read_preview, read_table

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = DATA / "corpus"
EXPECTED: dict[str, dict[str, Any]] = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))
TABLES = sorted(n for n, e in EXPECTED.items() if "error" not in e)
BAD = sorted(n for n, e in EXPECTED.items() if "error" in e)


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_corpus", DATA / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _snapshot() -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(CORPUS.iterdir())}


@pytest.fixture(scope="module")
def loaded() -> dict[str, Any]:
    """Read every table once; remember the folder before and after."""
    before = _snapshot()
    tables = {name: read_table(CORPUS / name) for name in TABLES}
    for name in BAD:  # which error each raises is checked below; here only that nothing is touched
        try:
            read_table(CORPUS / name)
        except Exception:  # noqa: BLE001 - any outcome; test_bad_file_raises_typed_error judges it
            pass
    return {"tables": tables, "before": before, "after": _snapshot()}


def _find_column(frame: pd.DataFrame, spec: str | int | list, match: str) -> str:
    if match == "position":
        return frame.columns[int(spec)]
    wanted = spec if isinstance(spec, list) else [spec]
    tests = {"exact": lambda n, w: n == w, "endswith": lambda n, w: n == w or n.endswith(w),
             "contains": lambda n, w: w in n}[match]
    hits = [c for c in frame.columns if any(tests(str(c), w) for w in wanted)]
    if match == "endswith":  # an exact name beats a longer one that ends the same way ("Reopens" vs "Total ...")
        exact = [c for c in hits if str(c) in wanted]
        hits = exact or hits
    assert len(hits) == 1, f"column {spec!r}: expected one match among {list(frame.columns)}, got {hits}"
    return hits[0]


def _codec(name: str) -> str:
    return codecs.lookup(name).name


# --- the corpus itself -----------------------------------------------------------------------------

def test_corpus_is_reproducible_byte_for_byte(tmp_path: Path) -> None:
    written = _load_generator().write_corpus(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in CORPUS.iterdir())
    for path in written:
        assert path.read_bytes() == (CORPUS / path.name).read_bytes(), f"{path.name} differs from the committed file"


def test_every_corpus_file_has_an_expectation() -> None:
    on_disk = {p.name for p in CORPUS.iterdir()} - {"EXPECTED.json"}
    assert on_disk == set(EXPECTED)
    assert len(TABLES) >= 14 and len(BAD) >= 4


def test_corpus_bytes_are_what_the_expectations_claim() -> None:
    """Independent checks of the raw files (no reader): encodings and markers are really there."""
    assert (CORPUS / "qualtrics_bom_three_rows.csv").read_bytes()[:3] == codecs.BOM_UTF8
    assert (CORPUS / "ro_tickets_utf16.tsv").read_bytes()[:2] == codecs.BOM_UTF16_LE
    assert (CORPUS / "encrypted.xlsx").read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    assert (CORPUS / "empty.csv").stat().st_size == 0
    assert b"\x00" in (CORPUS / "binary_garbage.csv").read_bytes()
    sl = (CORPUS / "sl_tickets_cp1250.csv").read_bytes()
    assert sl.decode("cp1250").startswith("Številka zahtevka;Ustvarjeno;Prvi odziv (min)")
    with pytest.raises(UnicodeDecodeError):
        sl.decode("utf-8")
    se = (CORPUS / "se_tickets_cp1252.csv").read_bytes().decode("cp1252")
    assert "crème" in se and "Malmö" in se
    assert "Креирано" in (CORPUS / "rs_tickets_cp1251.csv").read_bytes().decode("cp1251")
    assert not (CORPUS / "asterisk_Master.csv").read_text(encoding="ascii").startswith("accountcode")


# --- how each table was read ---------------------------------------------------------------------

@pytest.mark.parametrize("name", TABLES)
def test_reader_decisions(loaded: dict[str, Any], name: str) -> None:
    exp, table = EXPECTED[name], loaded["tables"][name]
    assert table.file_format == exp["format"]
    if exp["encoding"]:
        assert table.encoding is not None and _codec(table.encoding) in {_codec(e) for e in exp["encoding"]}, \
            f"encoding {table.encoding!r} ({table.encoding_note}), expected one of {exp['encoding']}"
    if exp["delimiter"] is not None:
        assert table.delimiter == exp["delimiter"]
    if "decimal" in exp:
        assert table.decimal == exp["decimal"]
    assert list(table.header_rows) in exp["header_rows_any"]
    assert table.first_data_row == exp["first_data_row"]
    assert len(table.frame) == exp["rows"]
    assert len(table.raw) == exp["rows"]
    assert int(list(table.row_numbers)[0]) == exp["first_data_row"]
    if "sheet" in exp:
        assert table.sheet == exp["sheet"]
        assert list(table.sheets) == exp["sheets"]


@pytest.mark.parametrize("name", TABLES)
def test_preview_makes_the_same_decisions(loaded: dict[str, Any], name: str) -> None:
    full = loaded["tables"][name]
    preview = read_preview(CORPUS / name, max_rows=5)
    assert len(preview.frame) == min(5, len(full.frame))
    for attribute in ("file_format", "encoding", "delimiter", "header_rows", "first_data_row", "sheet"):
        assert getattr(preview, attribute) == getattr(full, attribute), attribute
    assert list(preview.frame.columns) == list(full.frame.columns)


def test_list_sheets_of_the_workbook() -> None:
    assert list_sheets(CORPUS / "report_title_rows.xlsx") == ["March 2026", "Notes"]


@pytest.mark.parametrize("name", TABLES)
def test_column_names(loaded: dict[str, Any], name: str) -> None:
    exp, frame = EXPECTED[name], loaded["tables"][name].frame
    names = [str(c) for c in frame.columns]
    assert len(set(names)) == len(names), f"column names are not unique: {names}"
    assert not any("\ufeff" in n for n in names)
    if exp["columns_match"] == "exact" and "n_columns" not in exp:
        assert names == exp["columns"]
    for spec in exp["columns"]:
        _find_column(frame, spec, exp["columns_match"])
    if "n_columns" in exp:
        assert len(names) == exp["n_columns"]
    for base, count in exp.get("duplicates", {}).items():
        assert sum(n.startswith(base) for n in names) == count, f"{count} columns named like {base!r} in {names}"


@pytest.mark.parametrize("name", [n for n in TABLES if EXPECTED[n].get("types")])
def test_column_types(loaded: dict[str, Any], name: str) -> None:
    exp, table = EXPECTED[name], loaded["tables"][name]
    for spec, col_type in exp["types"].items():
        column = _find_column(table.frame, spec, exp["columns_match"])
        profile = table.profile(column)
        assert profile.col_type in col_type.split("|"), \
            f"{column!r} typed {profile.col_type} ({profile.detail}), expected {col_type}"
        assert profile.n_failed == 0, f"{column!r}: {profile.n_failed} values failed, e.g. {profile.failures[:3]}"
    for spec, unit in exp.get("units", {}).items():
        profile = table.profile(_find_column(table.frame, spec, exp["columns_match"]))
        assert profile.unit == unit, f"{spec!r}: unit {profile.unit!r} ({profile.detail}), expected {unit!r}"
    for spec, dayfirst in exp.get("dayfirst", {}).items():
        profile = table.profile(_find_column(table.frame, spec, exp["columns_match"]))
        assert profile.dayfirst is dayfirst, f"{spec!r}: dayfirst {profile.dayfirst!r} ({profile.detail})"


@pytest.mark.parametrize("name", TABLES)
def test_key_cells(loaded: dict[str, Any], name: str) -> None:
    exp, frame = EXPECTED[name], loaded["tables"][name].frame
    for cell in exp["cells"]:
        column = _find_column(frame, cell["column"], exp["columns_match"])
        value = frame[column].iloc[cell["row"]]
        where = f"row {cell['row']}, column {column!r}: {value!r}"
        if cell["kind"] == "missing":
            assert pd.isna(value), where
        elif cell["kind"] == "datetime":
            assert isinstance(value, pd.Timestamp) and value.tz is None, where
            assert value == pd.Timestamp(cell["value"]), f"{where} != {cell['value']}"
        elif cell["kind"] == "number":
            assert not isinstance(value, (str, bool)) and not pd.isna(value), where
            assert math.isclose(float(value), cell["value"], rel_tol=1e-9, abs_tol=1e-9), f"{where} != {cell['value']}"
        else:
            assert isinstance(value, str) and value == cell["value"], f"{where} != {cell['value']!r}"


def test_missing_markers_are_missing_not_failures(loaded: dict[str, Any]) -> None:
    exp, table = EXPECTED["missing_markers.csv"], loaded["tables"]["missing_markers.csv"]
    for column, n_missing in exp["missing"].items():
        profile = table.profile(column)
        assert profile.n_missing == n_missing, f"{column}: {profile.n_missing} missing, expected {n_missing}"
        assert profile.n_failed == 0
        assert int(table.frame[column].isna().sum()) == n_missing


# --- files that must be refused, and files that must not be touched -------------------------------

@pytest.mark.parametrize("name", BAD)
def test_bad_file_raises_typed_error(name: str) -> None:
    wanted = getattr(errors, EXPECTED[name]["error"])
    with pytest.raises(wanted) as info:
        read_table(CORPUS / name)
    err = info.value
    assert str(err).strip().endswith((".", "!", ")")), f"not a sentence: {err}"
    assert name in str(err) or (err.path is not None and err.path.name == name), f"error does not say which file: {err}"


def test_reading_never_changes_a_source_file(loaded: dict[str, Any]) -> None:
    before, after = loaded["before"], loaded["after"]
    assert sorted(after) == sorted(before), "reading created or removed files in the corpus folder"
    for name, (data, mtime) in before.items():
        assert after[name][0] == data, f"{name}: bytes changed"
        assert after[name][1] == mtime, f"{name}: modification time changed"


# --- after mapping: load_dataset on the corpus --------------------------------------------------

MAPPED = sorted(n for n, e in EXPECTED.items() if "mapping" in e)


def _check_value(value: Any, kind: str, expected: Any, where: str) -> None:
    if kind == "datetime":
        assert isinstance(value, pd.Timestamp) and value == pd.Timestamp(expected), f"{where}: {value!r} != {expected}"
    elif kind == "number":
        assert not pd.isna(value) and math.isclose(float(value), expected, rel_tol=1e-9), f"{where}: {value!r} != {expected}"
    else:
        assert isinstance(value, str) and value == expected, f"{where}: {value!r} != {expected!r}"


@pytest.mark.parametrize("name", MAPPED)
def test_canonical_frame_after_mapping(name: str) -> None:
    from metrics_core.loading import load_dataset

    exp = EXPECTED[name]["mapping"]
    dataset = load_dataset(CORPUS / name)
    assert dataset.kind == exp["kind"]
    frame = dataset.frame
    assert len(frame) == exp["rows"]
    for field, part in exp["fields"].items():
        assert field in dataset.mapping.fields, f"{field} is not mapped (expected from a column like {part!r})"
        assert any(part in c for c in dataset.mapping.fields[field].columns), (field, dataset.mapping.fields[field])
    for cell in exp["cells"]:
        if "key" in cell:
            (key, key_value), = cell["key"].items()
            hits = frame[frame[key] == key_value]
            where = f"{key} {key_value}, field {cell['field']}"
        else:
            hits = frame[frame["_row"] == cell["source_row"]]
            where = f"source row {cell['source_row']}, field {cell['field']}"
        assert len(hits) == 1, f"{where}: {len(hits)} rows"
        assert cell["field"] in frame.columns, f"{where}: no such canonical column in {list(frame.columns)}"
        _check_value(hits[cell["field"]].iloc[0], cell["kind"], cell["value"], where)
