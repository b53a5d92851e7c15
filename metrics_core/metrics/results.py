"""Small builders shared by the metric families: "no value" results, ratios, frame checks.

Every metric returns a :class:`MetricResult`; these helpers keep the wording of
reasons uniform ("no survey answers in the selected period", "needs the field
'churned_at' …") and put the Wilson interval on every proportion.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from ..deferred import np, pd

from ..i18n import Message, TextList, as_message
from .model import MetricInputs, MetricResult
from .stats import wilson_interval

HAS_HEAD = 1000         # rows :func:`has` looks at before the rest of a column


def no_value(metric_id: str, unit: str, reason: "str | Message", *, missing: Iterable[str] = (), n: int = 0,
             details: dict[str, Any] | None = None, higher_is_better: bool | None = True,
             excluded: list[tuple[int, str]] | None = None) -> MetricResult:
    """A result without a value, saying why (with the KPI's direction and the rows left out, when known)."""
    return MetricResult(metric_id, None, unit, n=n, reason=reason, missing_fields=list(missing),
                        details=dict(details or {}), higher_is_better=higher_is_better, excluded=list(excluded or []))


def missing_field(metric_id: str, unit: str, fields: Iterable[str], what: "str | Message" = "") -> MetricResult:
    """A result for a metric that cannot run because fields are absent; the reason names them."""
    fields = list(fields)
    names = TextList(tuple(repr(f) for f in fields), "or")
    if what:
        reason = Message("needs the field {fields} ({what}), which no loaded file provides",
                         {"fields": names, "what": as_message(what)})
    else:
        reason = Message("needs the field {fields}, which no loaded file provides", {"fields": names})
    return no_value(metric_id, unit, reason, missing=fields)


def ratio_result(metric_id: str, numerator: float, denominator: float, *, n: int | None = None,
                 unit: str = "%", scale: float = 100.0, proportion: bool | None = None, empty_reason: str = "no rows",
                 details: dict[str, Any] | None = None, higher_is_better: bool | None = True,
                 excluded: list[tuple[int, str]] | None = None) -> MetricResult:
    """``scale * numerator / denominator`` with a Wilson interval when it is a proportion (by default: when
    the unit is "%"); the KPI's direction and the rows left out go with it.

    This is the one "divide" of the engine: every KPI that collects sums (per-row terms, calculator totals)
    ends here."""
    numerator = float(numerator)
    denominator = float(denominator)
    count = int(n if n is not None else denominator)
    proportion = unit == "%" if proportion is None else proportion
    if denominator == 0 or not math.isfinite(denominator):
        return MetricResult(metric_id, None, unit, numerator=numerator, denominator=denominator, n=count,
                            reason=empty_reason, details=dict(details or {}), higher_is_better=higher_is_better,
                            excluded=list(excluded or []))
    result = MetricResult(metric_id, scale * numerator / denominator, unit, numerator=numerator,
                          denominator=denominator, n=count, details=dict(details or {}),
                          higher_is_better=higher_is_better, excluded=list(excluded or []))
    if proportion and scale == 100.0 and 0 <= numerator <= denominator:
        result.ci_low, result.ci_high = wilson_interval(numerator, denominator)
    return result


def has(frame: pd.DataFrame | None, column: str) -> bool:
    """True when ``frame`` has ``column`` with at least one value (its first rows are looked at first: a
    column with values nearly always has one there, and the KPIs ask this of a million-row column often)."""
    if frame is None or column not in frame.columns:
        return False
    values = frame[column]
    return bool(values.iloc[:HAS_HEAD].notna().any()) or bool(values.iloc[HAS_HEAD:].notna().any())


def frame_of(inputs: MetricInputs, kind: str) -> pd.DataFrame | None:
    """The frame of ``kind`` or None when absent."""
    return inputs.frames.get(kind)


def flag(series: pd.Series) -> np.ndarray:
    """A boolean column as a plain numpy bool array (missing = False)."""
    if series.dtype == bool:
        return series.to_numpy()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return (series.fillna(0).to_numpy(dtype=float) != 0)
    if pd.api.types.is_bool_dtype(series):
        return series.fillna(False).to_numpy(dtype=bool)
    text = series.astype("string").str.strip().str.lower()
    return text.isin(["true", "yes", "y", "1", "da", "ja", "да", "x"]).fillna(False).to_numpy(dtype=bool)


def known(series: pd.Series) -> np.ndarray:
    """Rows where the value is present."""
    return series.notna().to_numpy()


def as_of(inputs: MetricInputs) -> pd.Timestamp | None:
    """The data's "as of" time, or the latest datetime in any frame."""
    if inputs.as_of is not None:
        return pd.Timestamp(inputs.as_of)
    from .engine_inputs import latest_timestamp

    return latest_timestamp(inputs.frames)


def period_bounds(inputs: MetricInputs, lookback_months: float) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The measured period ``[start, end)``: the filter's range, or the ``lookback_months`` before "as of"."""
    start, end = inputs.period if inputs.period else (None, None)
    if end is None:
        latest = as_of(inputs)
        if latest is None:
            return None
        end = pd.Timestamp(latest).normalize() + pd.Timedelta(days=1)
    if start is None:
        start = pd.Timestamp(end) - pd.DateOffset(months=int(round(lookback_months)))
    return pd.Timestamp(start), pd.Timestamp(end)


def bounds_details(bounds: tuple[pd.Timestamp, pd.Timestamp]) -> dict[str, Any]:
    start, end = bounds
    return {"period_from": start.date().isoformat(), "period_to": (end - pd.Timedelta(days=1)).date().isoformat()}
