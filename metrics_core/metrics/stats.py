"""Small statistics used by the metrics: Wilson interval, NPS margin of error, quantiles."""

from __future__ import annotations

import math

import numpy as np

Z95 = 1.959963984540054


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float | None, float | None]:
    """Wilson score interval of a proportion, in percent.

    >>> lo, hi = wilson_interval(30, 50)
    >>> round(lo, 1), round(hi, 1)
    (46.2, 72.4)
    """
    if n <= 0:
        return None, None
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0)) / (1 + z2 / n)
    return 100.0 * max(0.0, centre - half), 100.0 * min(1.0, centre + half)


def nps_margin_of_error(promoter_share: float, detractor_share: float, n: float) -> float | None:
    """95 % margin of error of an NPS, in points (METRICS.md).

    ``var = p + d - (p - d)^2``, ``MoE95 = 1.96 * sqrt(var / n) * 100`` with ``p``, ``d`` as fractions.

    >>> round(nps_margin_of_error(0.7, 0.1, 100), 2)
    13.0
    """
    if n <= 0:
        return None
    p, d = promoter_share, detractor_share
    var = max(p + d - (p - d) ** 2, 0.0)
    return 1.96 * math.sqrt(var / n) * 100.0


def quantiles(values: np.ndarray) -> tuple[float | None, float | None]:
    """Median and 90th percentile of the finite values (None, None when there are none).

    >>> quantiles(np.arange(1, 11, dtype=float))
    (5.5, 9.1)
    """
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        return None, None
    med, p90 = np.quantile(arr, [0.5, 0.9])
    return float(med), float(p90)
