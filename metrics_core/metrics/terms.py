"""Turning per-row terms (:class:`RowTerms`) into a headline result.

A row-decomposable metric builds its terms once; its ``compute`` sums them and
its ``row_terms`` hands them to the engine for breakdowns, so the headline and
every group use the same arithmetic (Σnumerator / Σdenominator).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from ..deferred import np
from ..deferred import pd

from .model import MetricInputs, MetricResult, RowTerms
from .results import ratio_result
from .stats import quantiles

#: What a terms function returns: the per-row terms, the details, or the result to give instead (a missing field).
TermsOutcome = tuple[RowTerms | None, dict[str, Any], MetricResult | None]
TermsFn = Callable[[MetricInputs, Mapping[str, Any]], TermsOutcome]


def result_from_terms(metric_id: str, unit: str, terms: RowTerms, *, proportion: bool, empty_reason: str,
                      details: dict[str, Any] | None = None, higher_is_better: bool | None = True) -> MetricResult:
    """Sum the terms into a result; durations (a ``val`` column) also get median and p90.

    The one "collect the sums, then divide" of a KPI's headline: :mod:`metrics_core.metrics.common`'s
    :class:`~metrics_core.metrics.common.Terms` come here as :class:`RowTerms` too."""
    frame = terms.frame
    num = float(frame["num"].sum())
    den = float(frame["den"].sum())
    result = ratio_result(metric_id, num, den, n=len(frame), unit=unit, scale=terms.scale,
                          proportion=proportion, empty_reason=empty_reason, details=details,
                          higher_is_better=higher_is_better, excluded=list(terms.excluded))
    if "val" in frame.columns and result.ok:
        result.median, result.p90 = quantiles(frame["val"].to_numpy(dtype=float))
    return result


def terms_metric(metric_id: str, unit: str, terms_fn: TermsFn, *, proportion: bool, empty_reason: str,
                 finish: Callable[[MetricResult, RowTerms, Mapping[str, Any]], None] | None = None):
    """Build ``(compute, row_terms)`` for a metric defined by its row terms."""

    def compute(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
        terms, details, failure = terms_fn(inputs, params)
        if failure is not None:
            return failure
        assert terms is not None
        result = result_from_terms(metric_id, unit, terms, proportion=proportion,
                                   empty_reason=empty_reason, details=details)
        if finish is not None and result.value is not None:
            finish(result, terms, params)
        return result

    def row_terms(inputs: MetricInputs, params: Mapping[str, Any]) -> RowTerms | None:
        terms, _details, failure = terms_fn(inputs, params)
        return None if failure is not None else terms

    return compute, row_terms


def terms_frame(num: np.ndarray, den: np.ndarray | float, index: pd.Index, extra: dict[str, Any] | None = None) -> pd.DataFrame:
    """A terms frame with ``num``, ``den`` and any extra columns (dates, groups)."""
    data: dict[str, Any] = {"num": np.asarray(num, dtype=float),
                            "den": np.broadcast_to(np.asarray(den, dtype=float), (len(index),)).copy()}
    data.update(extra or {})
    return pd.DataFrame(data, index=index)
