"""How much a KPI computed from rows would move by chance: the spread of a row-decomposable KPI.

A KPI with row terms is ``scale · Σnum / Σden``. When every row has ``den = 1`` and ``num``
is 0 or 1 it is a *proportion of rows* (CSAT, answer rate, FCR …) and the successes and rows
are returned for a score interval. Otherwise it is a *ratio of sums* (a mean duration, an
average score); its standard error comes from the linearised residuals
``eᵢ = numᵢ − R·denᵢ`` (``R = Σnum / Σden``)::

    SE(R)² = n / (n − 1) · Σ eᵢ² / (Σden)²

which, with ``den = 1`` on every row, is the familiar ``s² / n`` of a mean.

>>> import pandas as pd
>>> from metrics_core.metrics.model import MetricInputs
>>> frames = {"surveys": pd.DataFrame({"csat_score": [5.0, 4.0, 2.0, 5.0, 1.0]})}
>>> s = ratio_spread(MetricInputs(frames), "csat_mean")
>>> round(s.value, 2), round(s.se, 4), s.rows, s.proportion
(3.4, 0.8124, 5, False)
>>> s = ratio_spread(MetricInputs(frames), "csat")
>>> s.proportion, s.successes, s.rows
(True, 3.0, 5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .engine import Source, _pin_detected, precheck
from .engine_inputs import Filters, Prepared, prepared_for
from .params import merge_params
from .registry import get_metric


@dataclass(frozen=True)
class RatioSpread:
    """A row-decomposable KPI's value, its standard error (same unit) and what it rests on."""

    value: float
    se: float
    rows: int
    proportion: bool            # every row counts 0 or 1 of 1: a share of rows
    successes: float            # Σnum for a proportion


def ratio_spread(source: Source | Prepared, metric_id: str, params: dict | None = None,
                 filters: Filters | None = None) -> RatioSpread | None:
    """The spread of ``metric_id`` over ``filters``, or None when the KPI has no row terms
    (period-aware and aggregate KPIs) or fewer than two rows. Pass a :class:`Prepared` to
    reuse its frames for many KPIs and periods."""
    spec = get_metric(metric_id)
    if spec.row_terms is None or spec.period_aware:
        return None
    prepared = source if isinstance(source, Prepared) else prepared_for(source, dict((params or {}).get("global") or {}))
    inputs = prepared.inputs(filters, aware=False)
    if precheck(spec, inputs) is not None:
        return None
    p = _pin_detected(spec, prepared, merge_params(spec, params))
    terms = prepared.row_terms(spec, inputs, p)
    if terms is None or "den" not in terms.frame.columns or len(terms.frame) < 2:
        return None
    num = terms.frame["num"].to_numpy(dtype=float)
    den = terms.frame["den"].to_numpy(dtype=float)
    ok = np.isfinite(num) & np.isfinite(den)
    num, den = num[ok], den[ok]
    n, total = len(num), float(den.sum())
    if n < 2 or total <= 0:
        return None
    ratio = float(num.sum()) / total
    residuals = num - ratio * den
    se = math.sqrt(n / (n - 1) * float((residuals ** 2).sum())) / total
    proportion = bool(np.all(den == 1.0) and np.all((num == 0.0) | (num == 1.0)))
    return RatioSpread(terms.scale * ratio, terms.scale * se, n, proportion, float(num.sum()))
