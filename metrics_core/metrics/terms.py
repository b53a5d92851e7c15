"""Turning per-row terms into a headline result.

A row-decomposable metric builds its terms once, as a :class:`~metrics_core.metrics.common.Terms`
(or the :class:`MetricResult` to give instead, such as a missing field); its ``compute``
(:func:`~metrics_core.metrics.common.terms_compute`) sums the arrays of the rows that count here and its
``row_terms`` (:func:`~metrics_core.metrics.common.terms_rows`) hands them to the engine as
:class:`RowTerms` for breakdowns, so the headline and every group use the same arithmetic
(Σnumerator / Σdenominator).
"""

from __future__ import annotations

from typing import Any

from ..deferred import np
from ..deferred import pd

from .model import MetricResult, RowTerms
from .results import ratio_result
from .stats import quantiles


def total(values: Any) -> float:
    """Σ of a column of terms, missing values skipped: pandas' sum of the values as they are (a float
    column sums the same way whether it is a frame's column or the array it was cut from)."""
    return float(pd.Series(values, copy=False).sum())


def result_from_sums(metric_id: str, unit: str, num: float, den: float, n: int, values: np.ndarray | None, *,
                     scale: float, excluded: list, proportion: bool, empty_reason: str,
                     details: dict[str, Any] | None = None, higher_is_better: bool | None = True) -> MetricResult:
    """The result of summed terms; durations (``values``: each counted row's value) also get median and p90.

    The one "collect the sums, then divide" of a KPI's headline."""
    result = ratio_result(metric_id, num, den, n=n, unit=unit, scale=scale, proportion=proportion,
                          empty_reason=empty_reason, details=details, higher_is_better=higher_is_better,
                          excluded=list(excluded))
    if values is not None and result.ok:
        result.median, result.p90 = quantiles(values)
    return result


def result_from_terms(metric_id: str, unit: str, terms: RowTerms, *, proportion: bool, empty_reason: str,
                      details: dict[str, Any] | None = None, higher_is_better: bool | None = True) -> MetricResult:
    """:func:`result_from_sums` of a :class:`RowTerms` frame (columns ``num``, ``den`` and maybe ``val``)."""
    frame = terms.frame
    values = frame["val"].to_numpy(dtype=float) if "val" in frame.columns else None
    return result_from_sums(metric_id, unit, total(frame["num"]), total(frame["den"]), len(frame), values,
                            scale=terms.scale, excluded=terms.excluded, proportion=proportion,
                            empty_reason=empty_reason, details=details, higher_is_better=higher_is_better)
