"""Turning per-row terms (:class:`RowTerms`) into a headline result.

A row-decomposable metric builds its terms once, as a :class:`~metrics_core.metrics.common.Terms`
(or the :class:`MetricResult` to give instead, such as a missing field); its ``compute``
(:func:`~metrics_core.metrics.common.terms_compute`) sums them here and its ``row_terms``
(:func:`~metrics_core.metrics.common.terms_rows`) hands them to the engine for breakdowns, so the
headline and every group use the same arithmetic (Σnumerator / Σdenominator).
"""

from __future__ import annotations

from typing import Any

from .model import MetricResult, RowTerms
from .results import ratio_result
from .stats import quantiles


def result_from_terms(metric_id: str, unit: str, terms: RowTerms, *, proportion: bool, empty_reason: str,
                      details: dict[str, Any] | None = None, higher_is_better: bool | None = True) -> MetricResult:
    """Sum the terms into a result; durations (a ``val`` column) also get median and p90.

    The one "collect the sums, then divide" of a KPI's headline."""
    frame = terms.frame
    num = float(frame["num"].sum())
    den = float(frame["den"].sum())
    result = ratio_result(metric_id, num, den, n=len(frame), unit=unit, scale=terms.scale,
                          proportion=proportion, empty_reason=empty_reason, details=details,
                          higher_is_better=higher_is_better, excluded=list(terms.excluded))
    if "val" in frame.columns and result.ok:
        result.median, result.p90 = quantiles(frame["val"].to_numpy(dtype=float))
    return result
