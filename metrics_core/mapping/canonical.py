"""Build the canonical frame of a table from its mapping.

Canonical types (the contract with the KPI engine, see :mod:`metrics_core.catalogue`):
datetime fields → ``datetime64``; duration fields → float seconds; number, count,
score and percent → float; bool → pandas ``boolean``; id, category and text →
``string`` with ``<NA>``.

Besides renaming and typing, :func:`to_canonical` applies units, joins a date
column and a time column into one timestamp, normalises ``status`` (keeping
``status_original``) and call ``outcome``, derives call ``answered`` / ``outcome``
and order ``amount``, collapses event logs to one row per ticket and Shopify line
items to one row per order, keeps unmapped source columns under their own names
and adds ``_row`` (the source row number; the first row of a collapsed group).

:func:`build_canonical` returns the frame with its :class:`~metrics_core.column_groups.CanonicalFacts`
(the columns of multiple-column fields with their weights and maxima, the source row count, the collapse
note): typed values carried next to the frame, not in ``frame.attrs`` (which ``pd.concat`` drops).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..i18n import Message, _
from ..catalogue import FieldSpec, kind as kind_spec
from ..column_facts import keep_taken_codes, kept_codes, kept_fact
from ..column_groups import CanonicalFacts, ColumnGroup
from ..errors import MappingError
from ..ingest.cells import factorize_cells
from ..ingest.column_dtypes import (EDGE_SPACE, ID_STRINGS, WRITTEN_AS_ID, distinct_id_strings, plain_whole_numbers,
                                    written_as_id)
from ..ingest.header_analysis import UNIT_SECONDS, analyse_header
from ..ingest.model import ColumnProfile, LoadedTable
from ..ingest.sniff import TEXT_FORMATS
from ..plain_ids import PlainIdArray, plain_ids, plain_numbers_of as _plain_numbers_of
from .model import FieldMapping, Mapping
from .presets import PRESETS_BY_NAME
from .source_use import field_uses, release_columns, validated_columns
from .status import KEEP_UNKNOWN_WORDS, fold_value, normalise_or_keep, normalise_outcome, normalise_status, rating_scores
from .values import parse_datetime_fallback

log = logging.getLogger(__name__)

UNIT_FACTORS = {**UNIT_SECONDS, "sec": 1.0}
_TRUE = {fold_value(w) for w in ("yes", "y", "true", "t", "1", "da", "ja", "sí", "si", "да", "x")}
_FALSE = {fold_value(w) for w in ("no", "n", "false", "f", "0", "ne", "nej", "nu", "не")}
_FIRST = {"created_at", "first_response_at", "escalated_at", "_row"}
_MAX = {"reopens", "agent_replies", "interactions"}
_RESERVED = {"_row", "status_original", "_dataset"}


def _raw(table: LoadedTable, column: str) -> pd.Series:
    text = table.text(column)
    return text if text is not None else table.frame[column].astype("string")


def _profile(table: LoadedTable, column: str) -> ColumnProfile:
    try:
        return table.profile(column)
    except KeyError:
        return ColumnProfile(column, column, "text")


def _on_uniques(series: pd.Series, transform) -> pd.Series:
    """Apply a string ``transform`` to each distinct value once (fast on long, repetitive columns). The codes
    of a result of few distinct values are kept with it (:func:`~metrics_core.column_facts.known_codes`: the
    KPIs need not hash its million strings again); the codes the reader kept with a column are used."""
    known = kept_codes(series)
    codes, uniques = factorize_cells(series.to_numpy(dtype=object)) if known is None else \
        (known[0], np.asarray(known[1], dtype=object))
    done = transform(pd.Series(uniques, dtype=object).astype("string"))
    values = done.array.take(codes, allow_fill=True)
    return keep_taken_codes(pd.Series(values, index=series.index, dtype="string"), codes, done.array)


def _strip(s: pd.Series) -> pd.Series:
    s = s.str.strip()
    return s.mask(s == "")


def _text(series: pd.Series) -> pd.Series:
    return _on_uniques(series, _strip)


def to_datetime(table: LoadedTable, columns: list[str]) -> pd.Series:
    """One timestamp from a datetime column, or a date column plus a time-of-day column."""
    col = columns[0]
    typed = table.frame[col]
    if _profile(table, col).tz_offset:
        out = _wall_clock(_raw(table, col), typed)
    elif pd.api.types.is_datetime64_any_dtype(typed):
        out = typed.dt.tz_localize(None) if getattr(typed.dt, "tz", None) is not None else typed
    else:
        out, _ = parse_datetime_fallback(_raw(table, col))
    if len(columns) > 1:
        out = out.dt.normalize() + pd.to_timedelta(_seconds_of_day(table.frame[columns[1]]), unit="s")
    return out


_OFFSET = r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$"


def _wall_clock(raw: pd.Series, typed: pd.Series) -> pd.Series:
    """Timestamps written with a UTC offset ("2012-01-01 11:13:25 -0500"), kept as the local time of the
    export (the offset dropped), as the catalogue asks; values that do not parse keep the typed value.
    When zones are left that pandas cannot put in one column (a "UTC+3" among plain times: "Mixed
    timezones"), the typed values stand: ingest kept each value's own local time the same way."""
    text = _on_uniques(raw, lambda s: s.str.strip().str.replace(_OFFSET, "", regex=True).str.strip())
    try:
        local = pd.to_datetime(text, format="mixed", errors="coerce")
    except ValueError:
        local = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    if getattr(local.dt, "tz", None) is not None:      # every value with the same zone pandas read itself
        local = local.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(typed):
        fallback = typed.dt.tz_localize(None) if getattr(typed.dt, "tz", None) is not None else typed
        local = local.astype(fallback.dtype).fillna(fallback)
    return local


def _seconds_of_day(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return (values - values.dt.normalize()).dt.total_seconds()
    return pd.to_numeric(values, errors="coerce").astype(float) % 86400


def _plain_numbers(raw: pd.Series) -> pd.Series | None:
    text = _text(raw).dropna()
    nums = pd.to_numeric(_text(raw).str.replace(",", ".", regex=False), errors="coerce")
    return nums if len(text) and nums.notna().sum() >= 0.9 * len(text) else None


def to_seconds(table: LoadedTable, fm: FieldMapping) -> pd.Series:
    """Float seconds; a plain-number column is read in ``fm.unit`` (seconds when none)."""
    col, prof = fm.column, _profile(table, fm.column)
    typed = table.frame[col]
    factor = UNIT_FACTORS.get(fm.unit or "s", 1.0)
    if prof.col_type in ("duration", "time"):
        if fm.unit and fm.unit != prof.unit:
            nums = _plain_numbers(_raw(table, col))
            if nums is not None:
                return nums.astype(float) * factor
        return pd.to_numeric(typed, errors="coerce").astype(float)
    if pd.api.types.is_numeric_dtype(typed) and not pd.api.types.is_bool_dtype(typed):
        return typed.astype(float) * factor
    nums = _plain_numbers(_raw(table, col))
    if nums is not None:
        return nums.astype(float) * factor
    return pd.to_timedelta(_text(_raw(table, col)), errors="coerce").dt.total_seconds()


def to_number(table: LoadedTable, fm: FieldMapping, spec: FieldSpec, value_map: dict | None) -> pd.Series:
    """Float values; rating labels become scores, percents stay on 0..100."""
    col = fm.column
    typed = table.frame[col]
    if spec.value_type == "score" and _profile(table, col).col_type in ("duration", "time"):
        return rating_scores(_raw(table, col), value_map)          # small whole numbers the typing took for durations
    if spec.value_type == "score" and (value_map or not pd.api.types.is_numeric_dtype(typed)):
        return rating_scores(_raw(table, col) if value_map else typed, value_map)
    if pd.api.types.is_bool_dtype(typed) or str(typed.dtype) == "boolean":
        return typed.astype("Float64").astype(float)
    if _profile(table, col).col_type in ("duration", "time"):
        nums = _plain_numbers(_raw(table, col))                    # "Hours worked" typed as a duration
        if nums is not None:
            return nums.astype(float)
        per_unit = analyse_header(_profile(table, col).header).unit_seconds
        if per_unit:                                               # "7:30" under "Hours worked": 7.5 hours
            return pd.to_numeric(typed, errors="coerce").astype(float) / per_unit
    if pd.api.types.is_numeric_dtype(typed):
        out = typed.astype(float)
    else:
        out = pd.to_numeric(_text(_raw(table, col)).str.replace("%", "", regex=False).str.replace(",", ".", regex=False),
                            errors="coerce").astype(float)
    if spec.value_type == "percent" and _profile(table, col).col_type == "number" and out.max(skipna=True) <= 1.0:
        out = out * 100.0
    return out


def to_bool(table: LoadedTable, column: str, value_map: dict | None) -> pd.Series:
    """pandas ``boolean``: Yes/No, Y/N, TRUE/FALSE, 1/0 and the value map's words."""
    typed = table.frame[column]
    if not value_map and (str(typed.dtype) == "boolean" or pd.api.types.is_bool_dtype(typed)):
        return typed.astype("boolean")
    mapped = {str(k): str(v) for k, v in (value_map or {}).items()}

    def lookup(value: object) -> object:
        text = str(value).strip()
        text = mapped.get(text, text)
        key = fold_value(text)
        if key.endswith(" 0") and key[:-2] in _TRUE | _FALSE:
            key = key[:-2]
        return True if key in _TRUE else False if key in _FALSE else None

    source = _raw(table, column)
    table_map = {u: lookup(u) for u in pd.unique(source.dropna())}
    return source.map(table_map).astype("boolean")


def to_id(table: LoadedTable, column: str) -> pd.Series:
    """Text ids, exactly as written (leading zeros kept, Shopify's leading apostrophe dropped)."""
    return _ids(table, column)[0]


def _ids(table: LoadedTable, column: str) -> tuple[pd.Series, bool, bool]:
    """:func:`to_id`'s ids, whether each is its cell's text exactly as written, and whether they are known to
    repeat nowhere (whole numbers written plainly, every one different: see
    :func:`~metrics_core.ingest.column_dtypes.distinct_id_strings`). Ids that are all whole numbers written
    plainly are held as numbers meaning their texts (:mod:`metrics_core.plain_ids`)."""
    typed = table.frame[column]
    numeric = pd.api.types.is_numeric_dtype(typed)
    source = table.text_bytes(column)
    made = kept_fact(typed, ID_STRINGS)         # (typing made the texts of a number column from these bytes)
    if source is not None and made is not None and made[0].dtype == source.dtype and np.array_equal(made[0], source):
        return _plain_or_text(typed, source), True, made[1]        # (whole numbers written plainly: as written)
    if source is not None and written_as_id(source, numeric):   # (checked on the bytes: no copies of the text)
        held = _plain_from_bytes(source, table.frame.index, column)
        if held is not None:
            return held
        strings, distinct = distinct_id_strings(source)
        return pd.Series(strings, index=table.frame.index, name=column, dtype="string"), True, distinct
    raw = _raw(table, column)
    known = kept_fact(raw, WRITTEN_AS_ID)      # (the reader answered it on the bytes these strings were made of)
    if known[numeric] if known is not None else _written_clean(raw.to_numpy(dtype=object), numeric):
        return _plain_from_texts(raw), True, False

    def clean(s: pd.Series) -> pd.Series:
        s = _strip(s)
        if numeric:
            s = s.str.replace(r"^(-?\d+)\.0+$", r"\1", regex=True)
        return s.str.replace(r"^'", "", regex=True)

    return _on_uniques(raw, clean), False, False


def _plain_or_text(typed: pd.Series, source: np.ndarray) -> pd.Series:
    """The ids typing made of ``source`` as numbers when ``typed`` holds them (integers none below 0) or the bytes
    are whole numbers written plainly; else as ``"string"``."""
    if pd.api.types.is_integer_dtype(typed) and not (typed < 0).any():
        return plain_ids(typed)
    numbers = plain_whole_numbers(source, 18) if source.dtype.kind == "S" else None
    if numbers is not None:
        return pd.Series(PlainIdArray(numbers, np.zeros(len(numbers), dtype=bool)), index=typed.index,
                         name=typed.name, copy=False)
    return typed.astype("string")


def _plain_from_bytes(source: np.ndarray, index: pd.Index, column: str) -> tuple[pd.Series, bool, bool] | None:
    """The ids of the bytes ``source`` (empty: missing) as numbers, and whether they repeat nowhere, when every
    filled one is a whole number written plainly in at most 18 digits; else ``None``."""
    if source.dtype.kind != "S":
        return None
    filled = source != b""
    numbers = plain_whole_numbers(source if filled.all() else source[filled], 18)
    if numbers is None:
        return None
    distinct = bool((numbers[1:] > numbers[:-1]).all()) or len(pd.unique(numbers)) == len(numbers)
    return _held(numbers, filled, index, column), True, distinct


def _plain_from_texts(raw: pd.Series) -> pd.Series:
    """Ids taken as written: as numbers when every filled text is a whole number written plainly, else ``"string"``."""
    present = raw.notna().to_numpy()
    texts = raw.to_numpy(dtype=object)
    numbers = _plain_numbers_of(texts if present.all() else texts[present]) if present.any() else None
    if numbers is None:
        return raw.astype("string")
    return _held(numbers, present, raw.index, raw.name)


def _held(numbers: np.ndarray, filled: np.ndarray, index: pd.Index, name: object) -> pd.Series:
    """Ids held as numbers: ``numbers`` those of the ``filled`` rows (all of them when as many), the rest missing."""
    values = numbers if len(numbers) == len(filled) else np.zeros(len(filled), dtype=np.int64)
    if values is not numbers:
        values[filled] = numbers
    return pd.Series(PlainIdArray(values, ~filled), index=index, name=name, copy=False)


def _distinct_as_written(table: LoadedTable, column: str) -> bool:
    """True when typing found every cell of the text file's id ``column`` filled and its texts all different
    (:attr:`ColumnProfile.n_distinct` counts them exactly): ids taken as written then repeat nowhere."""
    profile = _profile(table, column)
    return table.file_format in set(TEXT_FORMATS.values()) and profile.col_type in ("id", "text") and \
        profile.n_missing == 0 and profile.n_distinct == profile.n_values == len(table.frame)


_SEPARATOR = "\x01"


def _written_clean(values: np.ndarray, numeric: bool) -> bool:
    """True when :func:`to_id`'s clean-up would leave every value as written: all are ASCII ``str``, none is
    empty, none starts with a space or ``'`` or ends with a space, and (``numeric``) none holds a ``.``.

    The usual id column (a million distinct values) is cleared in one pass over its joined text instead of
    a million string operations; any doubt (a value that may need cleaning) answers False.

    >>> _written_clean(np.array(["1001", None, "A-7"], dtype=object), numeric=False)
    True
    >>> [_written_clean(np.array(["1001", v], dtype=object), False) for v in (" 7", "7 ", "'7", "", 7, "Ž7")]
    [False, False, False, False, False, False]
    >>> _written_clean(np.array(["12.0"], dtype=object), numeric=True)
    False
    """
    filled = values[~pd.isna(values)]
    if not len(filled) or pd.api.types.infer_dtype(filled, skipna=False) != "string":
        return not len(filled)
    joined = _SEPARATOR.join(filled.tolist())
    if not joined.isascii() or (numeric and "." in joined) or not joined or \
            f"{_SEPARATOR}{_SEPARATOR}" in joined or joined[0] == _SEPARATOR or joined[-1] == _SEPARATOR:
        return False
    text = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    breaks = np.flatnonzero(text == ord(_SEPARATOR))
    first = text[np.concatenate(([0], breaks + 1))]
    last = text[np.concatenate((breaks - 1, [len(text) - 1]))]
    return not (EDGE_SPACE[first].any() or EDGE_SPACE[last].any() or (first == ord("'")).any())


def to_category(table: LoadedTable, column: str, value_map: dict | None) -> pd.Series:
    """Text with ``<NA>``; a value map renames values (an empty target makes the value missing)."""
    typed = table.frame[column]
    base = _text(typed) if typed.dtype == "string" or typed.dtype == object else to_id(table, column)
    if value_map:
        exact = {str(k): "" if v is None else str(v) for k, v in value_map.items()}
        base = _on_uniques(base, lambda s: _strip(s.astype(object).map(lambda v: exact.get(v, v)).astype("string")))
    return base


def convert_field(table: LoadedTable, fm: FieldMapping, spec: FieldSpec, value_map: dict | None) -> pd.Series:
    """The canonical series of one mapped field."""
    vt = spec.value_type
    if vt == "datetime":
        return to_datetime(table, fm.columns)
    if vt == "duration":
        return to_seconds(table, fm)
    if vt in ("number", "count", "score", "percent"):
        if fm.source == "derived" and len(fm.columns) == 2:
            a, b = (to_number(table, FieldMapping(fm.field, [c]), spec, None) for c in fm.columns)
            return a * b
        return to_number(table, fm, spec, value_map)
    if vt == "bool":
        return to_bool(table, fm.column, value_map)
    if vt == "id":
        return to_id(table, fm.column)
    return to_category(table, fm.column, value_map)


def _check_columns(table: LoadedTable, mapping: Mapping) -> None:
    names = set(table.frame.columns)
    for fm in mapping.fields.values():
        for col in fm.columns:
            if col not in names:
                raise MappingError(Message("The column “{col}” mapped to “{field}” is not in {name}.", dict(col=col, field=fm.field, name=table.path.name)))


@dataclass(frozen=True)
class Canonical:
    """The canonical frame of a table and what the mapping knows about it beyond its columns."""

    frame: pd.DataFrame
    facts: CanonicalFacts


def to_canonical(table: LoadedTable, mapping: Mapping) -> pd.DataFrame:
    r"""The canonical frame of ``table`` under ``mapping`` (without its facts: :func:`build_canonical`).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from metrics_core.atomic import write_text_atomic
    >>> from metrics_core.ingest.reader import read_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> write_text_atomic(path, "Id,Opened,State\n7,2024-05-01 09:00,Open\n8,2024-05-02 10:00,Rešeno\n")
    >>> t = read_table(path)
    >>> m = Mapping("tickets", {"ticket_id": FieldMapping("ticket_id", ["Id"]), "created_at": FieldMapping("created_at", ["Opened"]),
    ...                         "status": FieldMapping("status", ["State"])})
    >>> to_canonical(t, m)[["ticket_id", "status", "status_original", "_row"]].values.tolist()
    [['7', 'open', 'Open', 2], ['8', 'solved', 'Rešeno', 3]]
    """
    return build_canonical(table, mapping).frame


def build_canonical(table: LoadedTable, mapping: Mapping, *, release: bool = False) -> Canonical:
    """The canonical frame of ``table`` under ``mapping``, with its :class:`CanonicalFacts`.

    With ``release=True`` the columns of ``table`` (typed and source text) are deleted from it as soon as
    no later conversion, kept column or the validation reads them (:mod:`.source_use`): the peak memory of
    a large file is then the canonical frame's, not that of three frames at once. The caller must not
    read those columns of ``table`` again.
    """
    spec = kind_spec(mapping.kind)
    _check_columns(table, mapping)
    out: dict[str, pd.Series] = {}
    used: set[str] = set()
    uses, validated = field_uses(mapping), validated_columns(mapping)
    key, key_distinct = _collapse_key(spec.name, mapping), False
    for name in spec.field_names():
        fm = mapping.fields.get(name)
        if fm is None:
            continue
        fspec = spec.field(name)
        vmap = mapping.value_maps.get(name)
        if fspec.multiple:
            used.update(fm.columns)
            continue
        elif name == "status":
            out["status"] = normalise_status(to_category(table, fm.column, None), vmap)
        elif name == "outcome":
            out["outcome"] = normalise_outcome(to_category(table, fm.column, None), vmap)
        elif name in KEEP_UNKNOWN_WORDS:
            out[name] = normalise_or_keep(to_category(table, fm.column, None), KEEP_UNKNOWN_WORDS[name], vmap)
        elif name == key and fspec.value_type == "id":      # (no duplicate to look for when typing saw none)
            out[name], as_written, distinct = _ids(table, fm.column)
            key_distinct = distinct or (as_written and _distinct_as_written(table, fm.column))
        else:
            out[name] = convert_field(table, fm, fspec, vmap)
        used.update(fm.columns if fm.source != "derived" else [])
        if release:
            release_columns(table, mapping.fields[name], uses, validated)
    unknown = set(mapping.fields) - set(spec.field_names())
    if unknown:
        raise MappingError(Message("{label} have no field {items}.", dict(label=spec.label, items=', '.join(sorted(map(repr, unknown))))))
    frame = pd.DataFrame(out, index=table.frame.index, copy=False)     # (fresh columns, or the typed ones shared)
    del out
    groups, criteria = _multiple_fields(table, mapping, set(frame.columns))
    if criteria:        # in one step: an insert per column fragments the frame (a PerformanceWarning on stderr)
        frame = pd.concat([frame, pd.DataFrame(criteria, index=frame.index, copy=False)], axis=1)
    if "status" in mapping.fields:
        frame["status_original"] = to_category(table, mapping.fields["status"].column, None)
        if release:
            release_columns(table, mapping.fields["status"], uses, validated)
    if spec.name == "calls":
        _derive_call_fields(frame)
    kept: dict[str, pd.Series] = {}          # unmapped columns, joined in one step (not one insert each)
    for col in table.frame.columns:
        if col in used:
            continue
        target = col if col not in frame.columns and col not in _RESERVED | set(spec.field_names()) else f"{col} (source)"
        kept[target] = table.frame[col]
    kept["_row"] = pd.Series(np.asarray(table.row_numbers, dtype="int64")[: len(frame)], index=frame.index)
    frame = pd.concat([frame.drop(columns=[c for c in kept if c in frame.columns]), pd.DataFrame(kept, copy=False)], axis=1)
    source_rows = int(len(frame))
    frame, collapsed = (frame, "") if key_distinct else _collapse(frame, spec.name, mapping)
    return Canonical(frame.reset_index(drop=True), CanonicalFacts(groups, source_rows, collapsed))


def _multiple_fields(table: LoadedTable, mapping: Mapping, taken: set[str]
                     ) -> tuple[tuple[ColumnGroup, ...], dict[str, pd.Series]]:
    """Fields fed by several columns (QA criteria, engagement inputs): each column as numbers under its own
    name (not one of ``taken``), and a :class:`ColumnGroup` per field naming them, with their weights and
    maxima, for the KPI engine."""
    spec = kind_spec(mapping.kind)
    groups: list[ColumnGroup] = []
    columns: dict[str, pd.Series] = {}
    for name, fm in mapping.fields.items():
        if name not in spec.field_names() or not spec.field(name).multiple:
            continue
        names = []
        for col in fm.columns:
            target = col if col not in taken and col not in columns and col not in spec.field_names() \
                else f"{col} (source)"
            columns[target] = to_number(table, FieldMapping(name, [col]), spec.field(name), None)
            names.append(target)
        groups.append(ColumnGroup(name, tuple(names), _floats(fm.weights), _floats(fm.maxima)))
    return tuple(groups), columns


def _floats(values: list[float] | None) -> tuple[float, ...] | None:
    return None if values is None else tuple(float(v) for v in values)


def _derive_call_fields(frame: pd.DataFrame) -> None:
    """``answered`` from ``outcome``, or ``outcome`` from ``answered`` (or from ``answered_at``)."""
    if "outcome" in frame and "answered" not in frame:
        frame["answered"] = (frame["outcome"] == "answered").astype("boolean").mask(frame["outcome"].isna())
        return
    if "answered" not in frame and "answered_at" in frame:
        frame["answered"] = frame["answered_at"].notna().astype("boolean")
    if "answered" in frame and "outcome" not in frame:
        answered = frame["answered"].astype("boolean")
        outbound = frame["direction"].astype("string").str.lower().str.contains("out", na=False) \
            if "direction" in frame else pd.Series(False, index=frame.index)
        unanswered = np.where(outbound, "missed", "abandoned")      # inbound: abandoned unless the file says otherwise
        outcome = pd.Series(np.where(answered.fillna(False), "answered", unanswered), index=frame.index, dtype="string")
        frame["outcome"] = outcome.mask(answered.isna())


def _agg_rule(column: str, kind: str, derived_amount: bool) -> str:
    if kind == "orders":
        if column == "quantity" or (column == "amount" and derived_amount):
            return "sum"
        return "min" if column == "_row" else "first"
    if column in _FIRST:
        return "min"
    if column in _MAX:
        return "max"
    return "last"


def _collapse_key(kind: str, mapping: Mapping) -> str | None:
    """The field whose repeated values :func:`_collapse` makes one row."""
    preset = PRESETS_BY_NAME.get(mapping.preset or "")
    return "ticket_id" if kind == "tickets" else (preset.collapse_by if preset and preset.kind == kind else None)


def _collapse(frame: pd.DataFrame, kind: str, mapping: Mapping) -> tuple[pd.DataFrame, "Message | str"]:
    """Event logs → one row per ticket; Shopify line items → one row per order; and the note that says so
    ("" when nothing was collapsed)."""
    key = _collapse_key(kind, mapping)
    if not key or key not in frame or not frame[key].dropna().duplicated().any():
        return frame, ""
    derived = mapping.fields.get("amount") is not None and mapping.fields["amount"].source == "derived"
    keyed = frame[frame[key].notna()]
    rules = {c: _agg_rule(c, kind, derived) for c in frame.columns if c != key}
    grouped = keyed.groupby(key, sort=False).agg(rules)      # one block a column: no insert into it
    collapsed = pd.concat([grouped.index.to_frame(index=False), grouped.reset_index(drop=True)], axis=1)
    collapsed = collapsed[[c for c in frame.columns]]
    for col in frame.columns:
        if collapsed[col].dtype != frame[col].dtype and frame[col].dtype.name in ("string", "boolean"):
            collapsed[col] = collapsed[col].astype(frame[col].dtype)
    result = pd.concat([collapsed, frame[frame[key].isna()]], ignore_index=True).sort_values("_row", kind="stable")
    values = {"rows": len(frame), "count": len(collapsed), "key": key}
    note = (Message.plural("{rows} rows collapsed to {count} ticket (one row per {key}).",
                           "{rows} rows collapsed to {count} tickets (one row per {key}).", len(collapsed), **values)
            if kind == "tickets" else
            Message.plural("{rows} rows collapsed to {count} order (one row per {key}).",
                           "{rows} rows collapsed to {count} orders (one row per {key}).", len(collapsed), **values))
    log.info(note.english())
    return result, note
