"""Is a change against the comparison period larger than its noise?

Each KPI's change gets a 95 % interval of *current − previous* from
:mod:`metrics_core.metrics.stats`, chosen by what the KPI is:

- NPS: the two NPS with their variances ``p + d − (p − d)²`` (:func:`nps_difference_interval`);
- counts of events (requests, resolved tickets): Poisson (:func:`poisson_difference_interval`);
- a share of rows (CSAT, answer rate, FCR …): Newcombe's hybrid score interval;
- a ratio of sums (a mean duration, an average score): Welch's interval with the linearised
  standard errors of :func:`metrics_core.metrics.spread.ratio_spread`;
- a share from counts without rows (retention, churn): Newcombe on its numerator and denominator.

Other KPIs (a backlog, a lifetime value …) get no interval: their change is shown, marked as
not tested. A change whose interval holds zero is "no clear change".
"""

from __future__ import annotations

import math
from typing import Any

from ..metrics.model import MetricResult
from ..result_details import NpsDetails, details_of
from ..metrics.spread import RatioSpread
from ..metrics.stats import (Interval, newcombe_interval, nps_difference_interval, nps_variance,
                             poisson_difference_interval, welch_interval)
from .catalogue import EVENT_COUNTS


def change_interval(metric_id: str, current: MetricResult, previous: MetricResult,
                    spreads: tuple[RatioSpread | None, RatioSpread | None] = (None, None)) -> Interval | None:
    """The 95 % interval of ``current.value − previous.value``, or None when the KPI has no
    noise model (see the module docstring).

    >>> a = MetricResult("csat", 80.0, "%", numerator=56, denominator=70, n=70)
    >>> b = MetricResult("csat", 60.0, "%", numerator=48, denominator=80, n=80)
    >>> iv = change_interval("csat", a, b)
    >>> round(iv.low, 2), round(iv.high, 2), iv.clear
    (5.24, 33.39, True)
    """
    if current.value is None or previous.value is None:
        return None
    if metric_id == "nps":
        return _nps_interval(current, previous)
    if metric_id in EVENT_COUNTS:
        return poisson_difference_interval(float(current.value), float(previous.value))
    now, before = spreads
    if now is not None and before is not None:
        if now.proportion and before.proportion:
            return newcombe_interval(now.successes, now.rows, before.successes, before.rows)
        return welch_interval(now.value, now.se ** 2 * now.rows, now.rows,
                              before.value, before.se ** 2 * before.rows, before.rows)
    if current.unit == "%" and _counted_share(current) and _counted_share(previous):
        return newcombe_interval(float(current.numerator), float(current.denominator),
                                 float(previous.numerator), float(previous.denominator))
    return None


def _nps_interval(current: MetricResult, previous: MetricResult) -> Interval | None:
    parts = []
    for result in (current, previous):
        d = details_of(result, NpsDetails)
        if d.promoters_pct is None or d.detractors_pct is None or not result.n:
            return None
        if d.weighting not in (None, "equal"):
            return None
        parts.append((float(result.value), nps_variance(d.promoters_pct / 100, d.detractors_pct / 100),
                      float(result.n)))
    (v1, var1, n1), (v2, var2, n2) = parts
    return nps_difference_interval(v1, var1, n1, v2, var2, n2)


def _counted_share(result: MetricResult) -> bool:
    """A percentage that is ``100 · numerator / denominator`` of whole counts."""
    num, den = result.numerator, result.denominator
    if num is None or den is None or not _whole(num) or not _whole(den) or den <= 0 or not 0 <= num <= den:
        return False
    return math.isclose(100.0 * num / den, float(result.value), rel_tol=1e-6, abs_tol=1e-6)


def _whole(value: Any) -> bool:
    try:
        return float(value) == int(float(value))
    except (TypeError, ValueError, OverflowError):
        return False
