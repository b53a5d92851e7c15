"""Which source columns the canonical frame and its validation read, and how (issue 15, memory).

A loaded table holds every cell twice: as source text (``table.source``) and typed (``table.frame``).
:func:`~metrics_core.mapping.canonical.build_canonical` reads most columns typed only; the source text of
those can go before the canonical frame is built, and a typed column the validation does not read can go
as soon as its field is converted. These rules follow what :mod:`.canonical` and
:mod:`metrics_core.validation` read, field type by field type; anything else keeps its text.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..catalogue import kind as kind_spec
from ..ingest.model import LoadedTable
from .model import FieldMapping, Mapping
from .status import KEEP_UNKNOWN_WORDS

VALIDATED = ("datetime", "duration", "number", "count", "percent", "score", "bool")   # validation's _CHECKED
_CATEGORY_FIELDS = ("status", "outcome", *KEEP_UNKNOWN_WORDS)


def columns_read_as_text(table: LoadedTable, mapping: Mapping) -> set[str]:
    """The columns of ``table`` whose source text building the canonical frame under ``mapping`` (or
    validating it) may read; every other column is read typed only (unmapped columns are kept typed).

    A column read through several fields keeps its text when any of them reads it.
    """
    spec = kind_spec(mapping.kind)
    names = spec.field_names()
    text: set[str] = set()
    for name, fm in mapping.fields.items():
        single = len(fm.columns) == 1 and fm.source != "derived" and name in names and not spec.field(name).multiple
        if not single or not _typed_only(table, fm.column, name, spec.field(name).value_type,
                                         mapping.value_maps.get(name), fm.unit):
            text.update(fm.columns)
    return text


def _typed_only(table: LoadedTable, column: str, name: str, value_type: str, value_map: dict | None,
                unit: str | None) -> bool:
    """True when the canonical field ``name`` (of ``value_type``) is made from the typed values of ``column``
    alone, and validation never needs the column's text (no typed value can be lost)."""
    try:
        profile = table.profile(column)
    except KeyError:
        return False
    typed = table.frame[column]
    numeric = pd.api.types.is_numeric_dtype(typed) and not pd.api.types.is_bool_dtype(typed)
    clock = profile.col_type in ("duration", "time")
    if value_type == "datetime":
        return (profile.col_type == "datetime" and not profile.tz_offset
                and str(typed.dtype).startswith("datetime64"))
    if value_type == "duration":
        return numeric and not (clock and unit and unit != profile.unit)
    if value_type in ("number", "count", "percent", "score"):
        return numeric and not clock and not (value_type == "score" and value_map)
    if value_type == "bool":
        return not value_map and (str(typed.dtype) == "boolean" or pd.api.types.is_bool_dtype(typed))
    if value_type in ("category", "text") or name in _CATEGORY_FIELDS:
        return typed.dtype == "string" or typed.dtype == object
    return False


def release_columns(table: LoadedTable, fm: FieldMapping, uses: Counter, validated: set[str]) -> None:
    """Delete from ``table`` the columns of ``fm`` (just converted) that nothing reads any more: ``uses``
    counts the conversions still to come (:func:`field_uses`); one of ``validated``
    (:func:`validated_columns`) stays, typed and as text."""
    if fm.source == "derived":       # (its columns are kept under their own names)
        return
    for column in fm.columns:
        uses[column] -= 1
        if uses[column] > 0 or column in validated:
            continue
        table.drop_text(column)
        if column in table.frame:
            del table.frame[column]


def field_uses(mapping: Mapping) -> Counter:
    """How many conversions of :func:`~metrics_core.mapping.canonical.build_canonical` read each column
    (``status`` is read again for ``status_original``)."""
    uses: Counter = Counter()
    for name, fm in mapping.fields.items():
        uses.update(fm.columns)
        if name == "status":
            uses.update(fm.columns)
    return uses


def validated_columns(mapping: Mapping) -> set[str]:
    """The columns whose typed values validation reads (see ``validation._mapped_losses``): each fed alone,
    not derived, to a field of a checked type."""
    spec = kind_spec(mapping.kind)
    names = spec.field_names()
    return {fm.column for name, fm in mapping.fields.items()
            if name in names and spec.field(name).value_type in VALIDATED and len(fm.columns) == 1
            and fm.source != "derived"}
