"""What a loaded dataset offers the window: its filterable category columns and its date range.

Plain functions over a :class:`metrics_core.dataset.Dataset` (no Qt), used by the loading job, the
reading child process and the state.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics_core.catalogue import KINDS_BY_NAME
from metrics_core.column_facts import kept_codes
from metrics_core.dataset import Dataset
from metrics_core.metrics.engine_inputs import recorded_span

MAX_FILTER_VALUES = 200
MAX_OTHER_DISTINCT = 25
FILTER_FIELDS = ("channel", "agent", "team", "priority", "queue", "type", "topic", "platform",
                 "sentiment", "segment", "status", "direction", "outcome", "country", "region", "group")


# Words in a header that mark personal data or free text: never offered as a filter.
NOT_A_CATEGORY = ("name", "email", "e-mail", "mail", "phone", "tel", "city", "address", "street", "zip",
                  "postal", "comment", "note", "feedback", "subject", "description", "message", "text",
                  "sku", "lineitem", "line item", "title", "url", "link", "ip", "id", "number", "original")


def filter_values(ds: Dataset) -> dict[str, list[Any]]:
    """The category columns a user can filter on, with their distinct values.

    The canonical category fields (:data:`FILTER_FIELDS`) always qualify; another text column
    only when it has few values and its header does not name personal data or free text.
    """
    frame = ds.frame
    spec = KINDS_BY_NAME.get(ds.kind)
    mapped = {f.name for f in spec.fields} if spec else set()
    out: dict[str, list[Any]] = {}
    for col in frame.columns:
        if str(col).startswith("_"):
            continue
        s = frame[col]
        is_field = col in FILTER_FIELDS
        if not is_field and (col in mapped or not looks_categorical(str(col), s)):
            continue
        limit = MAX_FILTER_VALUES if is_field else MAX_OTHER_DISTINCT
        uniques = distinct(s)
        if 1 < len(uniques) <= limit or (is_field and len(uniques) == 1):
            out[str(col)] = sorted((u for u in uniques), key=lambda v: str(v).casefold())
    return out


def distinct(values: pd.Series) -> Any:
    """``values.dropna().unique()``: from the column's kept codes when it has them (a category column the reader
    made: 4 ms instead of 60 ms at a million rows)."""
    known = kept_codes(values)
    return known[1] if known is not None else values.dropna().unique()


def looks_categorical(header: str, values: pd.Series) -> bool:
    """Whether an unmapped column reads like a category (not a name, e-mail, comment, code)."""
    if not (pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype)):
        return False
    words = header.casefold().replace("_", " ").replace("-", " ").split()
    joined = " ".join(words)
    if any(w in words or (len(w) > 3 and w in joined) for w in NOT_A_CATEGORY):
        return False
    present = values.dropna()
    if present.empty:
        return False
    lengths = present.astype("string").str.len()
    return bool(lengths.median() <= 30)


def date_range(ds: Dataset) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The first and last date of the kind's date field; a register without one (staff) by the dates it records
    (hired, left): the date filter said "no dates" beside a turnover card naming its period."""
    return recorded_span(ds.frame, ds.kind) or (None, None)