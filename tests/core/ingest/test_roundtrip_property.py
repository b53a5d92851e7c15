"""Property test: random small tables written as CSV in a random dialect read back to the same values.

Each table is written with the ``csv`` module (the independent writer) in a random
delimiter, decimal mark, date order, line ending and encoding, read back with
:func:`metrics_core.ingest.reader.read_table`, and compared value by value with
the Python values it was generated from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics_core.ingest.reader import read_table

KINDS = ("int", "decimal", "date", "datetime", "duration", "boolean", "text")
EXPECTED_TYPES = {
    "int": {"number"}, "decimal": {"number"}, "date": {"datetime"}, "datetime": {"datetime"},
    "duration": {"duration"}, "boolean": {"boolean"}, "text": {"text", "category"},
}
HEADERS = {"int": "Quantity", "decimal": "Amount", "date": "Date", "datetime": "Created",
           "duration": "Talk duration", "boolean": "Resolved", "text": "Comment"}
DATE_ORDERS = {"dayfirst": ("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"), "monthfirst": ("%m/%d/%Y",), "iso": ("%Y-%m-%d",)}
# Letters that encode to the same byte in cp1250 and cp1252, so either reading gives them back.
SHARED_LETTERS = "éäöüšžŠŽ"
WORDS = ("alpha", "beta gamma", "delta", "x, y", "quote \"q\"", "Öl", "café", "Šola", "žaba", "müsli")
UTF_ONLY_WORDS = ("čaša", "Ålesund", "Да", "ğüzel", "€ 5 note")
BOOL_PAIRS = (("Yes", "No"), ("Da", "Ne"), ("TRUE", "FALSE"), ("Y", "N"), ("Ja", "Nej"))
ENCODINGS = ("utf-8", "utf-8-sig", "cp1250", "cp1252", "utf-16")


@st.composite
def column(draw, kind: str, n_rows: int, encoding: str):
    """(python values, None for blank) for one column of ``kind``."""
    blank = st.booleans() if kind not in {"date", "datetime"} else st.just(False)
    if kind == "int":
        values = draw(st.lists(st.integers(-99_999, 999_999), min_size=n_rows, max_size=n_rows))
    elif kind == "decimal":
        cents = draw(st.lists(st.integers(-10**7, 10**7), min_size=n_rows, max_size=n_rows))
        values = [c / 100 for c in cents]
    elif kind == "date":
        values = draw(st.lists(st.dates(dt.date(1995, 1, 1), dt.date(2035, 12, 31)), min_size=n_rows, max_size=n_rows))
        values[0] = values[0].replace(day=draw(st.integers(13, 28)))      # one value decides the order
    elif kind == "datetime":
        values = draw(st.lists(st.datetimes(dt.datetime(1995, 1, 1), dt.datetime(2035, 12, 31)),
                               min_size=n_rows, max_size=n_rows))
        values = [v.replace(second=0, microsecond=0) for v in values]
        values[0] = values[0].replace(day=draw(st.integers(13, 28)))
    elif kind == "duration":
        values = draw(st.lists(st.integers(0, 40 * 3600), min_size=n_rows, max_size=n_rows))
    elif kind == "boolean":
        values = draw(st.lists(st.booleans(), min_size=n_rows, max_size=n_rows))
    else:
        words = WORDS + (UTF_ONLY_WORDS if encoding.startswith("utf") else ())
        values = draw(st.lists(st.sampled_from(words), min_size=n_rows, max_size=n_rows))
    blanks = [draw(blank) and i > 0 for i in range(n_rows)]
    if all(b for b in blanks[1:]) and n_rows > 1:
        blanks[1] = False
    return [None if b else v for v, b in zip(values, blanks)]


@st.composite
def table(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    decimal = draw(st.sampled_from([".", ","]))
    if decimal == "," and delimiter == ",":
        delimiter = ";"
    order = draw(st.sampled_from(sorted(DATE_ORDERS)))
    date_format = draw(st.sampled_from(DATE_ORDERS[order]))
    encoding = draw(st.sampled_from(ENCODINGS))
    n_rows = draw(st.integers(3, 12))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    kinds = ["int"] + kinds                                  # a never-blank first column keeps every row
    bool_pair = draw(st.sampled_from(BOOL_PAIRS))
    columns = [draw(column(kind, n_rows, encoding)) for kind in kinds]
    columns[0] = [v if v is not None else 0 for v in columns[0]]
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    thousands = draw(st.sampled_from(["", "mark", " ", "\u00a0"]))
    return dict(delimiter=delimiter, decimal=decimal, date_format=date_format, encoding=encoding,
                kinds=kinds, columns=columns, bool_pair=bool_pair, line_end=line_end, thousands=thousands)


def render(value, kind: str, spec: dict) -> str:
    """The cell text an export in this dialect would hold."""
    if value is None:
        return ""
    if kind == "decimal":
        text = f"{value:,.2f}" if spec["thousands"] else f"{value:.2f}"
        if spec["thousands"] in {" ", "\u00a0"}:
            text = text.replace(",", spec["thousands"])
        return text.translate({ord(","): ".", ord("."): ","}) if spec["decimal"] == "," else text
    if kind == "date":
        return value.strftime(spec["date_format"])
    if kind == "datetime":
        return value.strftime(spec["date_format"] + " %H:%M")
    if kind == "duration":
        return f"{value // 3600}:{value // 60 % 60:02d}:{value % 60:02d}"
    if kind == "boolean":
        return spec["bool_pair"][0] if value else spec["bool_pair"][1]
    return str(value)


def write_csv(spec: dict, path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=spec["delimiter"], lineterminator=spec["line_end"])
    writer.writerow([f"{HEADERS[k]} {i}" for i, k in enumerate(spec["kinds"])])
    for row in zip(*spec["columns"]):
        writer.writerow([render(v, k, spec) for v, k in zip(row, spec["kinds"])])
    path.write_bytes(buffer.getvalue().encode(spec["encoding"]))


def expected_value(value, kind: str):
    if kind in {"date", "datetime"}:
        return pd.Timestamp(value)
    if kind in {"int", "decimal", "duration"}:
        return float(value)
    return value


def same(got, want) -> bool:
    if want is None:
        return got is None or got is pd.NA or pd.isna(got)
    if isinstance(want, float):
        return isinstance(got, float) and math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-9)
    return got == want


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=table())
def test_written_tables_read_back_to_the_same_values(spec, tmp_path):
    path = tmp_path / "export.csv"
    write_csv(spec, path)
    loaded = read_table(path)
    assert loaded.frame.shape == (len(spec["columns"][0]), len(spec["kinds"])), loaded.summary()
    for i, (kind, values) in enumerate(zip(spec["kinds"], spec["columns"])):
        profile = loaded.columns[i]
        assert profile.col_type in EXPECTED_TYPES[kind], (kind, profile, spec)
        got = loaded.frame.iloc[:, i].tolist()
        want = [None if v is None else expected_value(v, kind) for v in values]
        mismatches = [(r, g, w) for r, (g, w) in enumerate(zip(got, want)) if not same(g, w)]
        assert not mismatches, (kind, profile.detail, mismatches[:3], spec)
