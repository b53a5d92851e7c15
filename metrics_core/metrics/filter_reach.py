"""Which category filters a KPI's data cannot carry, and the caveat that says so.

A category filter cuts every frame that has its column (:func:`engine_inputs.filter_mask`); a frame
without the column keeps all its rows. Under "Channel: Chat" a KPI read from customers or cash
movements (no channel in them) would keep its unfiltered value and be read as Chat's: its result
says that the filter does not apply to it (``details.caveat``, shown by the cards and the reports).
"""

from __future__ import annotations

from typing import Any

from ..catalogue import KINDS, kinds_text
from ..i18n import Message, TextList
from .model import MetricResult, MetricSpec


def unfiltered(spec: MetricSpec, frames: dict[str, Any], categories: dict[str, list]) -> dict[str, list[str]]:
    """``{column: [kinds]}``: the category filters that leave some of ``spec``'s loaded kinds uncut (the kinds
    of ``frames``, the uncut data, that have rows but not the column)."""
    read = [k for k in spec.kinds if frames.get(k) is not None and len(frames[k])]
    out: dict[str, list[str]] = {}
    for column, values in (categories or {}).items():
        if not values:
            continue
        missing = [k for k in read if column not in frames[k].columns]
        if missing:
            out[column] = missing
    return out


def with_filter_caveat(result: MetricResult, missing: dict[str, list[str]]) -> MetricResult:
    """``result`` with a caveat naming the filters its data cannot carry (first in the detail: it changes what the
    value means). The KPI's own line, when it has one, stays first on the card's line: it says what the figure
    is ("share of Phone, the busiest channel" was replaced by the filter's words under Channel: Chat, and 70.7 %
    read as Chat's share, 28_filter_applied)."""
    if result.value is None or not missing:
        return result
    columns = TextList(tuple(_column_label(c) for c in missing), "and")
    kinds = kinds_text(tuple(dict.fromkeys(k for ks in missing.values() for k in ks)), "and")
    n = len(missing)                    # (several filters take a plural verb: sl "Filtra … nista uporabljena")
    line = Message.plural("{columns} filter not applied: no such column in {kinds}",
                          "{columns} filters not applied: no such columns in {kinds}", n, columns=columns, kinds=kinds)
    if result.details.caveat:
        line = Message.plural("{caveat}; {columns} filter not applied to {kinds}",
                              "{caveat}; {columns} filters not applied to {kinds}", n,
                              caveat=result.details.caveat, columns=columns, kinds=kinds)
    detail = Message("The filter on {columns} does not apply to this KPI: its {kinds} have no such column, so "
                     "their rows are all counted, not only the chosen values.", {"columns": columns, "kinds": kinds})
    before = result.details.caveat_detail or result.details.caveat
    if before:
        detail = Message("{first} {second}", {"first": detail, "second": before})
    result.details = result.details.with_(caveat=line, caveat_detail=detail)
    return result


def _column_label(column: str) -> Any:
    """A filter's column as the filter bar names it: the catalogue's field label, else the file's header."""
    for kind in KINDS:
        for f in kind.fields:
            if f.name == column:
                return Message(f.label)
    return column


__all__ = ["unfiltered", "with_filter_caveat"]
