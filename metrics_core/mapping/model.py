"""A column mapping: which source column feeds which canonical field.

A mapping is a plain JSON document that can be saved, loaded and edited. What
the user sets (``source == "user"``) always wins over detection.

Example document::

    {
      "version": 1,
      "kind": "tickets",
      "preset": "zendesk",
      "fields": {
        "ticket_id":  {"columns": ["Id"], "confidence": 0.98, "source": "preset",
                       "evidence": "Zendesk export header 'Id'"},
        "first_response_s": {"columns": ["First reply time in minutes"], "unit": "min",
                       "confidence": 0.95, "source": "header",
                       "evidence": "header names the unit 'minutes'"}
      },
      "value_maps": {"status": {"R": "solved", "C": "open"}},
      "read_options": {"encoding": "cp1250", "delimiter": ";"}
    }
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Message
from ..catalogue import KINDS_BY_NAME
from ..errors import MappingError
from .evidence import Evidence

MAPPING_VERSION = 1
SOURCES = ("user", "preset", "header", "values", "derived")


@dataclass
class FieldMapping:
    """One canonical field and the source column(s) that feed it."""

    field: str
    columns: list[str]
    confidence: float = 1.0           # 0..1
    source: str = "user"              # one of SOURCES
    evidence: Evidence | Message | str = ""   # why (translatable reasons): "header 'Ustvarjeno' contains 'ustvarjeno'"
    unit: str | None = None           # durations: "s", "ms", "min", "h", "days"; None = as typed on import
    weights: list[float] | None = None  # multiple-column fields (QA criteria): weight per column
    maxima: list[float] | None = None   # QA criteria: maximum score per column

    def __post_init__(self) -> None:
        self.evidence = Evidence.of(self.evidence)

    @property
    def column(self) -> str:
        return self.columns[0]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "columns": list(self.columns),
            "confidence": round(float(self.confidence), 3),
            "source": self.source,
            "evidence": Evidence.of(self.evidence).english(),
        }
        if self.unit:
            d["unit"] = self.unit
        if self.weights is not None:
            d["weights"] = list(self.weights)
        if self.maxima is not None:
            d["maxima"] = list(self.maxima)
        return d

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any] | str) -> "FieldMapping":
        if isinstance(data, str):           # shorthand: "field": "Header"
            return cls(name, [data])
        cols = data.get("columns")
        if cols is None and "column" in data:
            cols = [data["column"]]
        if not cols or not all(isinstance(c, str) for c in cols):
            raise MappingError(Message("Mapping of field {name} names no source column.", dict(name=repr(name))))
        source = data.get("source", "user")
        if source not in SOURCES:
            raise MappingError(Message("Mapping of field {name} has an unknown source {source}.", dict(name=repr(name), source=repr(source))))
        return cls(
            name, list(cols), float(data.get("confidence", 1.0)), source, str(data.get("evidence", "")),
            data.get("unit"), data.get("weights"), data.get("maxima"),
        )


@dataclass
class Mapping:
    """The mapping of one table onto one data kind."""

    kind: str
    fields: dict[str, FieldMapping] = field(default_factory=dict)
    preset: str | None = None
    kind_confidence: float = 1.0
    kind_evidence: Evidence | Message | str = ""
    also_kinds: list[str] = field(default_factory=list)   # other kinds the same table can feed (e.g. surveys from ticket CSAT)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)   # field -> {source value: canonical value}
    read_options: dict[str, Any] = field(default_factory=dict)            # ReadOptions.to_dict() overrides
    version: int = MAPPING_VERSION
    unmapped: list[str] = field(default_factory=list)     # fields the user unmapped: detection leaves them unmapped

    def __post_init__(self) -> None:
        self.kind_evidence = Evidence.of(self.kind_evidence)
        if self.kind not in KINDS_BY_NAME:
            raise MappingError(Message("Unknown data kind {kind}; known kinds: {kinds_by_name}.", dict(kind=repr(self.kind), kinds_by_name=', '.join(KINDS_BY_NAME))))

    def column_for(self, field_name: str) -> str | None:
        fm = self.fields.get(field_name)
        return fm.columns[0] if fm else None

    def set_user(self, field_name: str, columns: list[str] | str | None, unit: str | None = None) -> None:
        """Record the user's choice for a field; ``None`` unmaps it (and keeps it unmapped)."""
        spec = KINDS_BY_NAME[self.kind]
        if field_name not in spec.field_names():
            raise MappingError(Message("{label} have no field {field_name}.", dict(label=Message(spec.label), field_name=repr(field_name))))
        if columns is None:
            self.fields.pop(field_name, None)
            if field_name not in self.unmapped:
                self.unmapped.append(field_name)
            return
        if field_name in self.unmapped:
            self.unmapped.remove(field_name)
        cols = [columns] if isinstance(columns, str) else list(columns)
        self.fields[field_name] = FieldMapping(field_name, cols, 1.0, "user", Message("set by you"), unit)

    def user_fields(self) -> dict[str, FieldMapping]:
        return {k: v for k, v in self.fields.items() if v.source == "user"}

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "kind": self.kind,
            "preset": self.preset,
            "kind_confidence": round(float(self.kind_confidence), 3),
            "kind_evidence": Evidence.of(self.kind_evidence).english(),
            "also_kinds": list(self.also_kinds),
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "value_maps": {k: dict(v) for k, v in self.value_maps.items()},
            "read_options": dict(self.read_options),
            "unmapped": list(self.unmapped),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Mapping":
        if not isinstance(data, dict) or "kind" not in data:
            raise MappingError(Message("A mapping document must be a JSON object with a “kind”."))
        version = int(data.get("version", MAPPING_VERSION))
        if version > MAPPING_VERSION:
            raise MappingError(Message("This mapping was saved by a newer KPI Desk (version {version}).", dict(version=version)))
        fields = {name: FieldMapping.from_dict(name, fd) for name, fd in (data.get("fields") or {}).items()}
        return cls(
            kind=data["kind"], fields=fields, preset=data.get("preset"),
            kind_confidence=float(data.get("kind_confidence", 1.0)), kind_evidence=str(data.get("kind_evidence", "")),
            also_kinds=list(data.get("also_kinds") or []), value_maps=dict(data.get("value_maps") or {}),
            read_options=dict(data.get("read_options") or {}), version=MAPPING_VERSION,
            unmapped=[str(f) for f in (data.get("unmapped") or [])],
        )

    @classmethod
    def from_json(cls, text: str) -> "Mapping":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MappingError(Message("The mapping file is not valid JSON (line {lineno}, column {colno}).", dict(lineno=exc.lineno, colno=exc.colno))) from exc
        return cls.from_dict(data)
