"""What a loaded table can and cannot give: values that failed to parse, and
which KPIs lack which canonical fields.

``validate(table, mapping, frame) -> ValidationReport``; the report turns into
JSON with :meth:`ValidationReport.to_dict` and into plain words with
:meth:`ValidationReport.to_text` ("row 14, column 'Created at': 'n/a' is not a date").
"""

from __future__ import annotations

import logging
import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable

import pandas as pd

from .catalogue import KINDS_BY_NAME, kind as kind_spec
from .ingest.model import LoadedTable, ParseIssue
from .mapping.model import Mapping
from .mapping.status import unknown_values

log = logging.getLogger(__name__)

TYPE_WORDS = {
    "datetime": "a date", "time": "a time of day", "duration": "a duration", "number": "a number",
    "percent": "a percentage", "boolean": "a yes/no value", "id": "an identifier", "empty": "a value",
    "category": "a category", "text": "text",
}


_CHECKED = ("datetime", "duration", "number", "count", "percent", "score", "bool")


@dataclass
class ColumnCheck:
    """One source column: its type, the field it feeds, and the values that failed."""

    name: str
    header: str
    col_type: str
    detail: str = ""
    field: str | None = None
    n_values: int = 0
    n_missing: int = 0
    n_failed: int = 0
    failures: list[ParseIssue] = dataclasses.field(default_factory=list)
    ambiguous: str = ""

    def messages(self) -> list[str]:
        what = TYPE_WORDS.get(self.col_type, self.col_type)
        return [f"row {f.row}, column '{self.header}': '{f.value}' is not {what}" for f in self.failures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "header": self.header, "type": self.col_type, "detail": self.detail,
            "field": self.field, "values": self.n_values, "missing": self.n_missing, "failed": self.n_failed,
            "failures": [f.to_dict() for f in self.failures], "messages": self.messages(),
            "ambiguous": self.ambiguous,
        }


@dataclass
class KpiCheck:
    """One KPI: can this dataset feed it, and which fields are missing."""

    id: str
    label: str
    kinds: list[str]
    missing_fields: list[str]

    @property
    def ok(self) -> bool:
        return not self.missing_fields

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "kinds": self.kinds, "ok": self.ok,
                "missing_fields": self.missing_fields}


@dataclass
class ValidationReport:
    """Per column: type and parse failures; per KPI: missing canonical fields; notes."""

    kind: str
    rows: int
    source_rows: int
    columns: list[ColumnCheck] = dataclasses.field(default_factory=list)
    kpis: list[KpiCheck] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    missing_fields: list[str] = dataclasses.field(default_factory=list)    # required fields of the kind not mapped

    @property
    def n_failed(self) -> int:
        return sum(c.n_failed for c in self.columns)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "rows": self.rows, "source_rows": self.source_rows,
            "failed_values": self.n_failed, "missing_fields": list(self.missing_fields),
            "columns": [c.to_dict() for c in self.columns], "kpis": [k.to_dict() for k in self.kpis],
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        """The report in plain words, a few lines per problem."""
        lines = [f"{self.rows:,} rows of {KINDS_BY_NAME[self.kind].label.lower()}"
                 + (f" (from {self.source_rows:,} source rows)" if self.source_rows != self.rows else "") + "."]
        if self.missing_fields:
            lines.append("Missing required fields: " + ", ".join(_label(self.kind, f) for f in self.missing_fields) + ".")
        lines.extend(self.notes)
        bad = [c for c in self.columns if c.n_failed]
        if not bad:
            lines.append("Every value could be read.")
        for c in bad:
            lines.append(f"Column '{c.header}' ({c.col_type}): {c.n_failed:,} value{'s' if c.n_failed > 1 else ''} "
                         f"could not be read, e.g.")
            lines.extend(f"  {m}" for m in c.messages()[:3])
        for c in self.columns:
            if c.ambiguous:
                lines.append(f"Column '{c.header}': {c.ambiguous}")
        ready = [k.id for k in self.kpis if k.ok]
        if self.kpis:
            lines.append(f"KPIs this file can feed ({len(ready)}): " + (", ".join(ready) or "none") + ".")
        for k in self.kpis:
            if not k.ok:
                lines.append(f"{k.label} needs " + ", ".join(_label(self.kind, f) for f in k.missing_fields) + ".")
        return "\n".join(lines)


def _label(kind: str, field_name: str) -> str:
    try:
        return f"'{kind_spec(kind).field(field_name).label}' ({field_name})"
    except KeyError:
        return field_name


def _registry() -> Iterable[Any]:
    try:
        from .metrics.registry import REGISTRY
    except ImportError as exc:     # the engine is optional for reading files
        log.info("KPI registry not available: %s", exc)
        return ()
    return REGISTRY


def _present(kind: str, fields: set[str]) -> set[str]:
    """Fields present, counting one member of an alternatives group as the whole group."""
    spec = kind_spec(kind)
    out = set(fields)
    for group in spec.alternatives:
        if fields & set(group):
            out |= set(group)
    return out


def kpi_checks(kinds: list[str], fields: set[str], registry: Iterable[Any] | None = None) -> list[KpiCheck]:
    """For every KPI reading one of ``kinds``: the required fields that are missing."""
    out = []
    for spec in (_registry() if registry is None else registry):
        usable = [k for k in kinds if k in tuple(spec.kinds)]
        if not usable:
            continue
        best: list[str] | None = None
        for k in usable:
            own = [f for f in spec.required_fields if f in KINDS_BY_NAME[k].field_names()]
            missing = [f for f in own if f not in _present(k, fields)]
            if best is None or len(missing) < len(best):
                best = missing
        out.append(KpiCheck(spec.id, spec.label, list(spec.kinds), best or []))
    return out


def _column_checks(table: LoadedTable, mapping: Mapping) -> list[ColumnCheck]:
    feeds = {c: f for f, fm in mapping.fields.items() for c in fm.columns}
    return [ColumnCheck(p.name, p.header or p.name, p.col_type, p.detail, feeds.get(p.name), p.n_values, p.n_missing,
                        p.n_failed, list(p.failures[:5]), p.ambiguous) for p in table.columns]


def _mapped_losses(table: LoadedTable, mapping: Mapping, frame: pd.DataFrame, checks: list[ColumnCheck]) -> None:
    """Values present in the source that the canonical conversion could not read (uncollapsed frames only)."""
    if len(frame) != len(table.frame):
        return
    by_name = {c.name: c for c in checks}
    rows = list(table.row_numbers)
    for name, fm in mapping.fields.items():
        value_type = kind_spec(mapping.kind).field(name).value_type
        if fm.source == "derived" or name not in frame or len(fm.columns) != 1 or value_type not in _CHECKED \
                or (value_type == "score" and table.profile(fm.column).col_type != "number"):
            continue
        raw = table.raw[fm.column] if fm.column in table.raw else None
        if raw is None:
            continue
        text = raw.astype("string").str.strip()
        lost = (text.notna() & (text != "")).to_numpy() & frame[name].isna().to_numpy()
        check = by_name[fm.column]
        if lost.sum() > check.n_failed:
            idx = lost.nonzero()[0][:5]
            check.n_failed = int(lost.sum())
            check.failures = [ParseIssue(int(rows[i]), str(raw.iloc[i])) for i in idx]
            check.col_type = {"datetime": "datetime", "duration": "duration", "bool": "boolean"}.get(value_type, "number")


def validate(table: LoadedTable, mapping: Mapping, frame: pd.DataFrame, registry: Iterable[Any] | None = None
             ) -> ValidationReport:
    """Check ``table`` as mapped by ``mapping`` into the canonical ``frame``.

    Parameters
    ----------
    registry : the KPI registry to check against (default: ``metrics_core.metrics.registry.REGISTRY``).
    """
    spec = kind_spec(mapping.kind)
    checks = _column_checks(table, mapping)
    _mapped_losses(table, mapping, frame, checks)
    report = ValidationReport(mapping.kind, int(len(frame)), int(frame.attrs.get("source_rows", len(table.frame))),
                              checks)
    report.missing_fields = [f for f in spec.required_fields() if f not in _present(spec.name, set(mapping.fields))]
    if frame.attrs.get("collapsed"):
        report.notes.append(frame.attrs["collapsed"] + ".")
    if "status" in frame and "status_original" in frame:
        unknown = unknown_values(frame["status_original"], frame["status"])
        if unknown:
            report.notes.append("Status values not recognised (set them in the value map): "
                                + ", ".join(repr(u) for u in unknown) + ".")
    report.notes.extend(table.notes)
    kinds = [mapping.kind, *[k for k in mapping.also_kinds if k != mapping.kind]]
    report.kpis = kpi_checks(kinds, set(mapping.fields), registry)
    return report
