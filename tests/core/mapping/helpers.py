"""Build ``LoadedTable`` objects by hand for mapping tests (no file reader needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from metrics_core.ingest.model import ColumnProfile, LoadedTable

_BOOL = {"y": True, "n": False, "yes": True, "no": False, "true": True, "false": False, "da": True, "ne": False}
_HMS = re.compile(r"^\d{1,3}:\d{2}:\d{2}$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?\s*[AaPp][Mm]$")


def _infer(values: pd.Series) -> tuple[pd.Series, str]:
    present = values.dropna()
    if not len(present):
        return pd.Series([None] * len(values), dtype="string"), "empty"
    low = present.str.strip().str.lower()
    if low.isin(list(_BOOL)).all():
        return values.str.strip().str.lower().map(_BOOL).astype("boolean"), "boolean"
    if present.str.endswith("%").all():
        return pd.to_numeric(values.str.rstrip("%"), errors="coerce"), "percent"
    if present.str.match(_CLOCK).all():
        t = pd.to_datetime(values, format="mixed", errors="coerce")
        return (t - t.dt.normalize()).dt.total_seconds(), "time"
    if present.str.match(_HMS).all():
        return pd.to_timedelta(values, errors="coerce").dt.total_seconds(), "duration"
    nums = pd.to_numeric(values, errors="coerce")
    if nums.notna().sum() == len(present):
        return nums.astype(float), "number"
    if present.str.match(r"^\d{4}-\d{2}-\d{2}").all() or present.str.match(r"^\d{2}[./-]\d{2}[./-]\d{4}").all():
        dayfirst = not present.str.match(r"^\d{4}").all()
        return pd.to_datetime(values, errors="coerce", dayfirst=dayfirst, format="mixed"), "datetime"
    kind = "category" if present.nunique() <= max(10, len(present) // 2) else "text"
    return values.astype("string"), kind


def make_table(columns: dict[str, list], types: dict[str, str] | None = None, *, header: bool = True,
               path: str = "test.csv") -> LoadedTable:
    """A typed table from ``{header: [raw cell text or None]}``; ``types`` forces a column type."""
    raw = pd.DataFrame({k: pd.Series([None if v is None else str(v) for v in vals], dtype=object)
                        for k, vals in columns.items()})
    frame, profiles = {}, []
    for name in raw.columns:
        typed, col_type = _infer(raw[name].astype("string"))
        if types and name in types:
            col_type = types[name]
        frame[name] = typed
        profiles.append(ColumnProfile(name, name, col_type, n_values=int(raw[name].notna().sum()),
                                      n_missing=int(raw[name].isna().sum())))
    n = len(raw)
    return LoadedTable(Path(path), "csv", pd.DataFrame(frame), raw, profiles, list(range(2, n + 2)),
                       header_rows=[0] if header else [], first_data_row=2 if header else 1)
