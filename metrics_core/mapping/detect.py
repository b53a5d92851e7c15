"""Detect the data kind of a table and map its columns onto the kind's canonical fields.

Evidence, strongest first: a known export layout (:mod:`.presets`), header
synonyms (:mod:`.synonyms`), value shapes (:mod:`.values`). Each field gets at
most one column and each column at most one field (date + time columns that
together make a timestamp are the sensible exception). What the user set —
``user.fields`` with source ``"user"``, ``user.unmapped`` and ``user.value_maps``
— always wins.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..i18n import N_, Message, TextList, _
from ..catalogue import KINDS, SCORE_FIELDS, FieldSpec, KindSpec, kind as kind_spec
from ..errors import MappingError
from ..formatting import quoted
from ..ingest.header_analysis import analyse_header, header_text_of
from ..ingest.model import LoadedTable
from ..mapping.model import FieldMapping, Mapping
from .evidence import Evidence
from .presets import PRESET_CONFIDENCE, PRESETS_BY_NAME, PresetMatch, content_value_maps, match_headerless, match_preset
from .synonyms import DATETIME_TWINS, header_match, may_match, names_a_field
from .values import DATETIME_ORDER, Candidate, ColumnShape, column_shapes, parse_datetime_fallback, value_candidates

ASSIGN_MIN = 0.35
#: Reasons other code recognises by their template.
TIME_ZONE_NAMED = N_("header names the time zone ({zone})")
RUNNER_UP = N_("runner-up: {kind} ({score})")
UNIT_NAMES = {"ms": N_("milliseconds"), "s": N_("seconds"), "min": N_("minutes"), "h": N_("hours"), "days": N_("days")}
_KIND_WORDS = {
    "tickets": r"ticket|incident|case|issue|conversation|tichet|zahtev|arende|tiket|complaint|sla",
    "calls": r"call|caller|dial|klic|apel|samtal|poziv|disposition|billsec",
    "surveys": r"survey|nps|recommend|recommand|respondent|anketa|sondaj|enkat|feedback",
    "customers": r"churn|tenure|subscription|contract|monthly charges|total charges",
    "orders": r"order|invoice|purchase|lineitem|quantity|price|dollar|amount|revenue|narocil|comand|porudzbin",
    "call_intervals": r"incoming calls|offered|service level|abandoned calls|answer rate|answer speed",
    "survey_buckets": r"\bbox\b|top box|bottom box|measure",
}


@dataclass
class KindGuess:
    """One candidate data kind with its score (0..1) and why."""

    kind: str
    score: float
    evidence: Evidence
    fields: dict[str, FieldMapping] = field(default_factory=dict, repr=False)
    preset: str | None = None


def _compat(spec: FieldSpec, shape: ColumnShape) -> float:
    """How well a column of this shape can hold values of ``spec``'s type (0..1)."""
    t, vt = shape.col_type, spec.value_type
    if t == "empty":
        return 0.5
    if vt == "datetime":
        if t == "datetime":
            return 1.0
        if shape.yyyymmdd:
            return 0.8
        return 0.6 if t in ("category", "text", "id") and shape.n else 0.0
    if spec.name == "time":
        return {"time": 1.0, "duration": 0.6}.get(t, 0.0)
    if vt == "bool":
        if t == "boolean":
            return 1.0
        if t == "number" and shape.zero_one:
            return 0.7
        return 0.5 if t in ("category", "text") and shape.distinct <= 6 else 0.0
    if vt == "score" and t in ("category", "text") and shape.rating_labels:
        return 0.9
    if vt == "score" and t in ("duration", "time", "category") and shape.small_ints:
        return 0.8
    table = {
        "id": {"id": 1.0, "number": 0.9 if shape.whole else 0.0, "text": 0.8, "category": 0.8},
        "duration": {"duration": 1.0, "number": 0.9, "time": 0.8},
        "number": {"number": 1.0, "percent": 0.8, "boolean": 0.3, "duration": 0.7},
        "count": {"number": 1.0 if shape.whole else 0.7},
        "score": {"number": 1.0},
        "percent": {"percent": 1.0, "number": 0.9},
        "category": {"category": 1.0, "text": 0.8, "id": 0.7, "number": 0.6, "boolean": 0.4},
        "text": {"text": 1.0, "category": 0.9, "id": 0.5},
    }
    return table.get(vt, {}).get(t, 0.0)


def _header_candidates(kind: KindSpec, shapes: dict[str, ColumnShape]) -> list[Candidate]:
    out = []
    for shape in shapes.values():
        if not names_a_field(shape.header):     # no field's synonym scores: no candidate (wide tables)
            continue
        for spec in kind.fields:
            twin = DATETIME_TWINS.get(spec.name)
            if not may_match(kind.name, spec.name, shape.header) and not (
                    twin and shape.col_type == "datetime" and may_match(kind.name, twin, shape.header)):
                continue                        # (both header scores would be 0: no candidate)
            compat = _compat(spec, shape)
            if compat <= 0:
                continue
            score, phrase = header_match(kind.name, spec.name, shape.header)
            exact = analyse_header(shape.header).folded == phrase
            # the words as the header writes them ('#'), not the folded synonym they matched ('number'); a header
            # that is a synonym whole is not quoted twice ("header 'Agent' matches 'Agent'")
            evidence = (Message("header “{header}” names this field", {"header": shape.header}) if exact else
                        Message("header “{header}” contains “{phrase}”",
                                {"header": shape.header, "phrase": header_text_of(shape.header, phrase)}))
            if twin and shape.col_type == "datetime":
                tscore, tphrase = header_match(kind.name, twin, shape.header)
                if tscore * 0.9 > score:
                    score = tscore * 0.9
                    evidence = Message("header “{header}” reads like a duration, but the values are dates with times",
                                       {"header": shape.header})
            if spec.value_type == "datetime" and shape.col_type not in ("datetime", "empty") and not shape.yyyymmdd:
                if score < 0.5 or parse_datetime_fallback(pd.Series(list(shape.examples), dtype=object))[1] is None:
                    continue
            if score * compat >= ASSIGN_MIN * 0.8:
                out.append(Candidate(spec.name, shape.name, score * compat, evidence, "header"))
    return out


def _assign(kind: KindSpec, candidates: list[Candidate], taken_fields: set[str], taken_cols: set[str],
            order: dict[str, int]) -> dict[str, FieldMapping]:
    """Greedy one-to-one assignment, strongest candidate first."""
    result: dict[str, FieldMapping] = {}
    for c in sorted(candidates, key=lambda c: (c.source != "preset", -c.score, order.get(c.column, 0))):
        if c.score < ASSIGN_MIN or c.field in taken_fields or c.column in taken_cols:
            continue
        spec = kind.field(c.field)
        if c.field in result and not spec.multiple:
            continue
        if c.field in result:
            if c.score >= 0.6:
                result[c.field].columns.append(c.column)
                taken_cols.add(c.column)
            continue
        result[c.field] = FieldMapping(c.field, [c.column], round(min(c.score, 1.0), 3), c.source, c.evidence, c.unit)
        taken_cols.add(c.column)
    for name, fm in result.items():
        if kind.field(name).multiple:
            fm.columns.sort(key=lambda col: order.get(col, 0))
    return result


def _preset_candidates(match: PresetMatch | None, kind: KindSpec) -> list[Candidate]:
    if match is None or match.preset.kind != kind.name:
        return []
    return [Candidate(f, col, PRESET_CONFIDENCE, match.evidence[f], "preset", match.preset.units.get(f))
            for f, col in match.columns.items()]


class Detection:
    """Everything about one table that detection reads (column shapes, export layout, candidates per kind)
    and its ranked kinds, each worked out once: ``kpidesk inspect`` shows the ranking and maps from it."""

    def __init__(self, table: LoadedTable) -> None:
        self.table = table
        self._candidates: dict[str, list[Candidate]] = {}
        self.shapes = column_shapes(table)
        self.order = {p.name: i for i, p in enumerate(table.columns)}
        names = [p.name for p in table.columns]
        self.preset = match_preset([p.header for p in table.columns], names) if table.header_rows != [] else None
        self.headerless = match_headerless(table.raw, names, [p.col_type for p in table.columns]) \
            if not table.header_rows else None

    def candidates(self, kind: KindSpec) -> list[Candidate]:
        """The (field, column) candidates of ``kind`` (a list to read, not to change)."""
        if kind.name not in self._candidates:
            self._candidates[kind.name] = _kind_candidates(self, kind)
        return self._candidates[kind.name]

    @cached_property
    def guesses(self) -> list[KindGuess]:
        """Every data kind with its score, best first (see :func:`rank_kinds`)."""
        return _ranked(self)


def _kind_candidates(ctx: Detection, kind: KindSpec) -> list[Candidate]:
    cands = _preset_candidates(ctx.preset, kind) + _header_candidates(kind, ctx.shapes)
    if ctx.headerless:
        label, fields, _ = ctx.headerless
        cands += [Candidate(f, col, 0.9, Message("“{column}” by its position in the {layout} layout (no header row)",
                                                 {"column": col, "layout": label}), "preset")
                  for f, col in fields.items() if f in kind.field_names()]
    with_header = {c.column for c in cands}
    for c in value_candidates(kind, ctx.shapes):
        if Evidence.of(c.evidence).parts[0].msgid in DATETIME_ORDER and c.column in with_header:
            continue
        cands.append(c)
    return cands


def _complete(kind: KindSpec, fields: dict[str, FieldMapping], ctx: Detection, taken: set[str]) -> None:
    """Date + time columns, a generic date column, derived amounts, header units."""
    shapes = ctx.shapes
    date_field = kind.date_field
    if kind.name == "calls" and "started_at" not in fields and "date" in fields:
        date_fm = fields.pop("date")
        fields["started_at"] = FieldMapping("started_at", list(date_fm.columns), round(date_fm.confidence * 0.95, 3),
                                            date_fm.source, Message("date from “{column}”", {"column": date_fm.column}))
        if "time" in fields:
            time_fm = fields.pop("time")
            fields["started_at"].columns.append(time_fm.column)
            fields["started_at"].evidence += Message("time of day from “{column}”", {"column": time_fm.column})
    if date_field and date_field not in fields:
        generic = [s for s in shapes.values() if s.name not in taken and s.col_type == "datetime"
                   and header_match(kind.name, "date", s.header)[0] >= 0.8]
        if generic:
            s = generic[0]
            fields[date_field] = FieldMapping(date_field, [s.name], 0.6, "header",
                                              Message("header “{header}” is the table's date column", {"header": s.header}))
            taken.add(s.name)
    if date_field and date_field not in fields:
        moments = [s for s in shapes.values() if s.col_type == "datetime"]
        if len(moments) == 1 and moments[0].name not in taken:
            s = moments[0]
            fields[date_field] = FieldMapping(date_field, [s.name], 0.5, "values",
                                              Message("“{header}” is the table's only date-time column, so it is taken "
                                                      "as the field “{field}” (no header names one)",
                                                      {"header": s.header, "field": Message(kind.field(date_field).label)}))
            taken.add(s.name)
    fm = fields.get(date_field) if date_field else None
    if fm and fm.source != "user" and len(fm.columns) == 1 and shapes[fm.column].date_only:
        times = [s for s in shapes.values() if s.name not in taken and s.col_type in ("time", "duration", "datetime")
                 and header_match(kind.name, "time", s.header)[0] >= 0.6 and not s.date_only]
        if times:
            fm.columns.append(times[0].name)
            taken.add(times[0].name)
            fm.evidence += Message("time of day from “{column}”", {"column": times[0].header})
    if kind.name == "orders" and "amount" not in fields and "quantity" in fields and "unit_price" in fields:
        q, p = fields["quantity"], fields["unit_price"]
        fields["amount"] = FieldMapping("amount", [q.column, p.column], round(min(q.confidence, p.confidence), 3),
                                        "derived", Message("quantity × unit price (“{quantity}” × “{price}”)",
                                                           {"quantity": q.column, "price": p.column}))
    for name, fm in fields.items():
        info = analyse_header(ctx.table.profile(fm.column).header)
        value_type = kind.field(name).value_type
        if value_type == "duration" and not fm.unit and fm.source != "user" and info.unit:
            fm.unit = info.unit
            fm.evidence += Message("header names the unit ({unit})", {"unit": Message(UNIT_NAMES.get(info.unit, info.unit))})
        if value_type == "datetime" and info.tz and TIME_ZONE_NAMED not in {p.msgid for p in Evidence.of(fm.evidence).parts}:
            fm.evidence += Message(TIME_ZONE_NAMED, {"zone": info.tz})


def _kind_score(kind: KindSpec, fields: dict[str, FieldMapping], headers: list[str]) -> tuple[float, Evidence]:
    groups: list[tuple[str, ...]] = []
    if kind.name == "surveys":
        groups.append(SCORE_FIELDS)
    for req in kind.required_fields():
        alt = next((g for g in kind.alternatives if req in g), (req,))
        groups.append(alt)
    if kind.name == "cash":
        groups.append(kind.alternatives[0])
    anchors = [max((fields[f].confidence for f in g if f in fields), default=0.0) for g in groups]
    anchor = sum(anchors) / len(anchors) if anchors else 0.0
    anchor_names = {f for g in groups for f in g}
    optional = sum(fm.confidence for f, fm in fields.items() if f not in anchor_names)
    sat = 1 - math.exp(-optional / 2.5)
    sat_all = 1 - math.exp(-sum(fm.confidence for fm in fields.values()) / 2.5)
    words = _KIND_WORDS.get(kind.name)
    bonus = min(0.2, 0.05 * sum(bool(re.search(words, h)) for h in headers)) if words else 0.0
    score = min(1.0, 0.6 * anchor * (0.5 + 0.5 * sat_all) + 0.4 * sat + bonus)
    missing = [TextList(tuple(Message(kind.field(f).label) for f in g), "or") for g, a in zip(groups, anchors) if a == 0]
    text = Evidence.of(Message.plural("{count} field matched", "{count} fields matched", len(fields), count=len(fields)))
    if missing:
        text += Message("missing {fields}", {"fields": TextList(tuple(missing), "and")})
    return score, text


def rank_kinds(table: LoadedTable, detection: Detection | None = None) -> list[KindGuess]:
    r"""Every data kind with a score for ``table``, best first.

    The score mixes the kind's key fields found (ticket id and creation time for
    tickets, call id and start for calls …), how many optional fields matched,
    and words typical of the kind in the headers. A recognised export layout
    puts its kind first.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from metrics_core.atomic import write_text_atomic
    >>> from metrics_core.ingest.reader import read_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "calls.csv"
    >>> write_text_atomic(path, "Call ID,Start time,Answered,Wait time (seconds)\nc1,2024-01-02 10:00,Yes,12\n")
    >>> [g.kind for g in rank_kinds(read_table(path))][:1]
    ['calls']
    """
    return (detection or Detection(table)).guesses


def _ranked(ctx: Detection) -> list[KindGuess]:
    table = ctx.table
    headers = [analyse_header(p.header).folded for p in table.columns]
    guesses = []
    for kind in KINDS:
        fields = _assign(kind, ctx.candidates(kind), set(), set(), ctx.order)
        _complete(kind, fields, ctx, {c for fm in fields.values() for c in fm.columns})
        score, text = _kind_score(kind, fields, headers)
        preset = None
        if ctx.preset and ctx.preset.preset.kind == kind.name:
            preset = ctx.preset.preset.name
            score = max(score, 0.9 + 0.1 * min(1.0, ctx.preset.score * 2))
            text = Evidence.of(Message.plural("{preset} export ({count} of its headers found)",
                                              "{preset} export ({count} of its headers found)", ctx.preset.hits,
                                              preset=Message(ctx.preset.preset.label), count=ctx.preset.hits)) + text
        if ctx.headerless and kind.name == "calls":
            score = max(score, 0.9)
            text = Evidence.of(Message("{layout} layout recognised from the values", {"layout": ctx.headerless[0]})) + text
        guesses.append(KindGuess(kind.name, round(score, 3), text, fields, preset))
    guesses.sort(key=lambda g: -g.score)
    return guesses


def _resolve_column(table: LoadedTable, name: str, field_name: str) -> str:
    names = [p.name for p in table.columns]
    if name in names:
        return name
    for p in table.columns:
        if p.header == name:
            return p.name
    folded = analyse_header(name).folded
    for p in table.columns:
        if analyse_header(p.header).folded == folded:
            return p.name
    raise MappingError(Message("The column “{name}” chosen for “{field_name}” is not in the file; its columns are: {items}.", dict(name=name, field_name=field_name, items=', '.join(quoted(p.header) for p in table.columns[:30]))))


def detect_mapping(table: LoadedTable, kind: str | None = None, user: Mapping | None = None,
                   detection: Detection | None = None) -> Mapping:
    r"""Choose the data kind (unless given) and map each canonical field to a column.

    Parameters
    ----------
    table : the loaded table.
    kind : force this data kind; otherwise ``user.kind`` when ``user`` is given, else the best guess.
    user : the user's mapping; its fields with source ``"user"``, its ``unmapped`` fields and its
        ``value_maps`` always win over detection.
    detection : what was already read of ``table`` (:class:`Detection`), when its kinds were ranked before.

    Returns
    -------
    Mapping
        with a confidence and evidence per field, ``also_kinds`` (a ticket or call
        table with scores also feeds ``surveys``) and the value maps to apply.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from metrics_core.atomic import write_text_atomic
    >>> from metrics_core.ingest.reader import read_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> write_text_atomic(path, "Ticket ID;Ustvarjeno;Stanje\n1;02.01.2024 10:00;Odprto\n2;03.01.2024 11:00;Zaprto\n")
    >>> m = detect_mapping(read_table(path))
    >>> m.kind, m.column_for("created_at")
    ('tickets', 'Ustvarjeno')
    """
    ctx = detection or Detection(table)
    guesses = ctx.guesses
    chosen = kind or (user.kind if user is not None else None)
    if chosen and chosen not in {g.kind for g in guesses}:
        raise MappingError(Message("Unknown data kind “{chosen}”; known kinds: {items}.", dict(chosen=chosen, items=', '.join((g.kind for g in KINDS)))))
    guess = next(g for g in guesses if g.kind == chosen) if chosen else guesses[0]
    spec = kind_spec(guess.kind)
    runner_up = next((g for g in guesses if g.kind != guess.kind), None)
    evidence = guess.evidence
    if runner_up:
        evidence += Message(RUNNER_UP, {"kind": Message(kind_spec(runner_up.kind).label), "score": round(runner_up.score, 2)})
    if kind:
        evidence = Evidence.of(Message("kind chosen by you")) + evidence
    elif chosen:
        evidence = Evidence.of(Message("kind from your mapping")) + evidence
    user_fields = {k: v for k, v in (user.fields if user else {}).items() if v.source == "user"}
    unmapped = set(user.unmapped) if user else set()
    found = _user_first(table, spec, ctx, user_fields, unmapped)
    fields = {f: found[f] for f in spec.field_names() if f in found}
    mapping = Mapping(kind=spec.name, fields=fields, preset=(user.preset if user and user.preset else guess.preset),
                      kind_confidence=1.0 if kind else guess.score, kind_evidence=evidence)
    if ctx.headerless and spec.name == "calls":
        mapping.preset = mapping.preset or ctx.headerless[0]
    _value_maps(mapping, table, ctx, user)
    if spec.name in ("tickets", "calls") and any(f in fields for f in SCORE_FIELDS):
        mapping.also_kinds = ["surveys"]
    if user is not None:
        mapping.read_options = dict(user.read_options)
        mapping.unmapped = sorted(unmapped)
    return mapping


def _user_first(table: LoadedTable, spec: KindSpec, ctx: Detection, user_fields: dict[str, FieldMapping],
                unmapped: set[str]) -> dict[str, FieldMapping]:
    fields: dict[str, FieldMapping] = {}
    taken_cols: set[str] = set()
    for name, fm in user_fields.items():
        if name not in spec.field_names():
            raise MappingError(Message("{label} have no field “{name}”; choose one of: {items}.", dict(label=Message(spec.label), name=name, items=', '.join(spec.field_names()))))
        cols = [_resolve_column(table, c, name) for c in fm.columns]
        fields[name] = FieldMapping(name, cols, 1.0, "user", fm.evidence or Message("set by you"), fm.unit, fm.weights, fm.maxima)
        taken_cols.update(cols)
    detected = _assign(spec, ctx.candidates(spec), set(fields) | unmapped, taken_cols, ctx.order)
    fields.update(detected)
    _complete(spec, fields, ctx, taken_cols | {c for fm in fields.values() for c in fm.columns})
    for name in unmapped:
        fields.pop(name, None)
    return fields


def _value_maps(mapping: Mapping, table: LoadedTable, ctx: Detection, user: Mapping | None) -> None:
    maps: dict[str, dict[str, str]] = {}
    if mapping.preset in PRESETS_BY_NAME:
        for f, vm in PRESETS_BY_NAME[mapping.preset].value_maps.items():
            if f in mapping.fields:
                maps[f] = dict(vm)
    if ctx.headerless:
        for f, vm in ctx.headerless[2].items():
            if f in mapping.fields:
                maps[f] = dict(vm)
    status = mapping.fields.get("status")
    if status and "status" not in maps:
        found = content_value_maps("status", table.text(status.column))
        if found:
            maps["status"], why = found
            status.evidence += why
    csat = mapping.fields.get("csat_score")
    if csat and ctx.shapes[csat.column].rating_labels:
        csat.evidence += Message("rating labels read on a 1–5 scale (Good/Great → 5, Okay → 3, Bad/Not Good → 1); "
                                 "“Offered” / “Not Offered” count as no rating")
    for f, vm in (user.value_maps if user else {}).items():
        maps[f] = {**maps.get(f, {}), **vm}
    mapping.value_maps = maps
