"""What a loaded table can and cannot give: values that failed to parse, and
which KPIs lack which canonical fields.

``validate(table, mapping, frame) -> ValidationReport``; the report turns into
JSON with :meth:`ValidationReport.to_dict` and into plain words with
:meth:`ValidationReport.to_text` ("row 14, column “Created at”: “n/a” is not a date").
"""

from __future__ import annotations

import logging
import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .catalogue import KINDS_BY_NAME, kind as kind_spec, kind_label
from .column_groups import CanonicalFacts
from .i18n import N_, Message, TextList, _, ngettext
from .ingest.model import LoadedTable, ParseIssue
from .mapping.model import Mapping
from .mapping.source_use import VALIDATED as _CHECKED
from .mapping.status import RATING_MISSING, fold_value, unknown_values

log = logging.getLogger(__name__)

TYPE_WORDS = {
    "datetime": N_("a date"), "time": N_("a time of day"), "duration": N_("a duration"), "number": N_("a number"),
    "percent": N_("a percentage"), "boolean": N_("a yes/no value"), "id": N_("an identifier"), "empty": N_("a value"),
    "category": N_("a category"), "text": N_("text"),
}


_FIELD_TYPE_WORDS = {"datetime": "datetime", "duration": "duration", "bool": "boolean", "number": "number",
                     "count": "number", "percent": "percent", "score": "number"}


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
        what = _(TYPE_WORDS[self.col_type]) if self.col_type in TYPE_WORDS else self.col_type
        return [_("row {row}, column “{column}”: “{value}” is not {what}", row=str(f.row), column=self.header,
                  value=f.value, what=what) for f in self.failures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "header": self.header, "type": self.col_type, "detail": self.detail,
            "field": self.field, "values": self.n_values, "missing": self.n_missing, "failed": self.n_failed,
            "failures": [f.to_dict() for f in self.failures], "messages": self.messages(),
            "ambiguous": self.ambiguous.english() if isinstance(self.ambiguous, Message) else self.ambiguous,
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
            "notes": [str(n) if not isinstance(n, Message) else n.english() for n in self.notes],
        }

    def to_text(self) -> str:
        """The report in plain words, a few lines per problem."""
        kind = kind_label(self.kind)
        if self.source_rows != self.rows:
            lines = [ngettext("{kind}: {count} row (from {source} source rows).",
                              "{kind}: {count} rows (from {source} source rows).", self.rows,
                              kind=kind, count=self.rows, source=self.source_rows)]
        else:
            lines = [ngettext("{kind}: {count} row.", "{kind}: {count} rows.", self.rows, kind=kind, count=self.rows)]
        if self.missing_fields:
            lines.append(_("Missing required fields: {fields}.",
                           fields=", ".join(_label(self.kind, f) for f in self.missing_fields)))
        lines.extend(str(note) for note in self.notes)
        bad = [c for c in self.columns if c.n_failed]
        if not bad:
            lines.append(_("Every value could be read."))
        for c in bad:
            lines.append(ngettext("Column “{column}” ({type}): {count} value could not be read, e.g.",
                                  "Column “{column}” ({type}): {count} values could not be read, e.g.",
                                  c.n_failed, column=c.header, count=c.n_failed,
                                  type=_(TYPE_WORDS[c.col_type]) if c.col_type in TYPE_WORDS else c.col_type))
            lines.extend(f"  {m}" for m in c.messages()[:3])
        for c in self.columns:
            if c.ambiguous:
                lines.append(_("Column “{column}”: {note}", column=c.header, note=c.ambiguous))
        ready = [k.id for k in self.kpis if k.ok]
        if self.kpis:
            lines.append(_("KPIs this file can feed ({count}): {ids}.", count=len(ready),
                           ids=", ".join(ready) or _("none")))
        for k in self.kpis:
            if not k.ok:
                lines.append(_("{kpi} needs {fields}.", kpi=_(k.label),
                               fields=TextList(tuple(_label(self.kind, f) for f in k.missing_fields), "and")))
        return "\n".join(lines)


def _label(kind: str, field_name: str) -> str:
    specs = [kind_spec(kind), *KINDS_BY_NAME.values()]
    for spec in specs:
        if field_name in spec.field_names():
            return f"'{_(spec.field(field_name).label)}' ({field_name})"
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
    """Values the reader typed but the canonical conversion could not use (a category that is no
    yes/no word, text that is no date …); uncollapsed frames only. Values a value map sends to
    "missing" on purpose do not count."""
    if len(frame) != len(table.frame):
        return
    by_name = {c.name: c for c in checks}
    rows = np.asarray(table.row_numbers)
    spec = kind_spec(mapping.kind)
    for name, fm in mapping.fields.items():
        value_type = spec.field(name).value_type if name in spec.field_names() else ""
        if fm.source == "derived" or name not in frame or len(fm.columns) != 1 or value_type not in _CHECKED:
            continue
        typed = table.frame[fm.column]
        lost = typed.notna().to_numpy() & frame[name].isna().to_numpy()
        blank = {k for k, v in mapping.value_maps.get(name, {}).items() if v in ("", None)}
        if value_type == "score":
            blank |= {v for v in pd.unique(typed.dropna()) if fold_value(v) in RATING_MISSING}
        if blank:
            lost &= ~typed.isin(blank).to_numpy()
        if not lost.any():
            continue
        check = by_name[fm.column]
        text = table.text(fm.column)
        raw = text if text is not None else typed
        idx = lost.nonzero()[0]
        check.n_failed += int(len(idx))
        check.failures = (check.failures + [ParseIssue(int(rows[i]), str(raw.iloc[i])) for i in idx[:5]])[:5]
        check.col_type = _FIELD_TYPE_WORDS.get(value_type, check.col_type)


def validate(table: LoadedTable, mapping: Mapping, frame: pd.DataFrame, registry: Iterable[Any] | None = None,
             facts: CanonicalFacts | None = None) -> ValidationReport:
    r"""Check ``table`` as mapped by ``mapping`` into the canonical ``frame``.

    Parameters
    ----------
    table, mapping, frame : the loaded table, its mapping and its canonical frame.
    registry : the KPI registry to check against (default: ``metrics_core.metrics.registry.REGISTRY``);
        any sequence of objects with ``id``, ``label``, ``kinds`` and ``required_fields``.
    facts : what building the frame found (source rows, rows collapsed), from
        :func:`metrics_core.mapping.canonical.build_canonical`.

    Returns
    -------
    ValidationReport

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from metrics_core.atomic import write_text_atomic
    >>> from metrics_core.loading import load_dataset
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_text_atomic(path, "Ticket ID,Created at\n1,2024-01-02 10:00\n2,soon\n3,2024-01-04 09:00\n")
    >>> ds = load_dataset(path)
    >>> print(validate(ds.table, ds.mapping, ds.frame, registry=()).to_text().splitlines()[2])
      row 3, column “Created at”: “soon” is not a date
    """
    spec = kind_spec(mapping.kind)
    checks = _column_checks(table, mapping)
    _mapped_losses(table, mapping, frame, checks)
    source_rows = facts.source_rows if facts is not None and facts.source_rows is not None else len(table.frame)
    report = ValidationReport(mapping.kind, int(len(frame)), int(source_rows), checks)
    report.missing_fields = [f for f in spec.required_fields() if f not in _present(spec.name, set(mapping.fields))]
    if facts is not None and facts.collapsed:
        report.notes.append(facts.collapsed)
    if "status" in frame and "status_original" in frame:
        unknown = unknown_values(frame["status_original"], frame["status"])
        if unknown:
            report.notes.append(Message("Status values not recognised (set them in the value map): {values}.",
                                        {"values": ", ".join(repr(u) for u in unknown)}))
    report.notes.extend(table.notes)
    kinds = [mapping.kind, *[k for k in mapping.also_kinds if k != mapping.kind]]
    report.kpis = kpi_checks(kinds, set(mapping.fields), registry)
    return report
