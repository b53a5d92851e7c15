"""Erlang B and Erlang C: blocking, waiting and the number of agents needed.

Traffic ``A`` (Erlangs) = arrivals per interval × average handle time / interval length.
Erlang B is computed with the stable recursion ``B(0) = 1``,
``B(k) = A·B(k−1) / (k + A·B(k−1))`` (no factorials, no overflow); Erlang C
follows from it: ``C = k·B / (k − A·(1 − B))`` for ``k > A``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import ParameterError


def _check(traffic: float, agents: int) -> None:
    if traffic < 0 or not math.isfinite(traffic):
        raise ParameterError(f"The traffic must be a number of Erlangs of 0 or more, not {traffic}.")
    if agents < 0:
        raise ParameterError(f"The number of agents or lines must be 0 or more, not {agents}.")


def traffic_erlangs(arrivals: float, aht_s: float, interval_s: float) -> float:
    """Offered traffic in Erlangs: ``arrivals × aht_s / interval_s``.

    >>> traffic_erlangs(100, 180, 1800)
    10.0
    """
    if interval_s <= 0:
        raise ParameterError("The interval length must be more than 0 seconds.")
    return float(arrivals) * float(aht_s) / float(interval_s)


def erlang_b(traffic: float, lines: int) -> float:
    """Probability that a call is blocked when ``lines`` lines carry ``traffic`` Erlangs.

    >>> round(erlang_b(2.0, 3), 4)
    0.2105
    """
    _check(traffic, lines)
    b = 1.0
    for k in range(1, int(lines) + 1):
        b = traffic * b / (k + traffic * b)
    return b


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a call has to wait (Erlang C); 1 when ``agents ≤ traffic``.

    >>> round(erlang_c(10.0, 14), 4)
    0.1741
    """
    _check(traffic, agents)
    if agents <= traffic:
        return 1.0
    b = erlang_b(traffic, agents)
    return agents * b / (agents - traffic * (1.0 - b))


def service_level(traffic: float, agents: int, aht_s: float, threshold_s: float) -> float:
    """Predicted share (0..1) of calls answered within ``threshold_s``: ``1 − C·e^{−(k−A)·T/AHT}``."""
    if agents <= traffic:
        return 0.0
    if aht_s <= 0:
        raise ParameterError("The average handle time must be more than 0 seconds.")
    c = erlang_c(traffic, agents)
    return max(0.0, 1.0 - c * math.exp(-(agents - traffic) * threshold_s / aht_s))


def average_speed_of_answer(traffic: float, agents: int, aht_s: float) -> float:
    """Predicted ASA in seconds: ``C·AHT / (k − A)``; infinite when ``k ≤ A``."""
    if agents <= traffic:
        return math.inf
    return erlang_c(traffic, agents) * aht_s / (agents - traffic)


def occupancy(traffic: float, agents: int) -> float:
    """Share (0..1) of agent time spent handling calls: ``A / k`` (capped at 1)."""
    if agents <= 0:
        return 1.0
    return min(1.0, traffic / agents)


def agents_needed(traffic: float, aht_s: float, threshold_s: float, target: float, max_agents: int = 10_000) -> int:
    """Smallest number of agents whose predicted service level reaches ``target`` (0..1).

    >>> agents_needed(10.0, 180, 20, 0.80)
    14
    """
    if not 0 < target < 1:
        raise ParameterError(f"The service-level target must be between 0 % and 100 %, not {target * 100:g} %.")
    k = max(1, math.floor(traffic) + 1)
    while k <= max_agents:
        if service_level(traffic, k, aht_s, threshold_s) >= target:
            return k
        k += 1
    raise ParameterError(f"No number of agents up to {max_agents} reaches the service-level target.")


@dataclass(frozen=True)
class StaffingPoint:
    """Predicted figures for one number of agents (a point of the staffing curve)."""

    agents: int
    service_level_pct: float
    asa_s: float
    p_wait_pct: float
    occupancy_pct: float
    blocking_pct: float      # Erlang B with as many lines as agents


def staffing_curve(traffic: float, aht_s: float, threshold_s: float, first: int, last: int) -> list[StaffingPoint]:
    """Predicted service level, ASA, waiting probability, occupancy and blocking for ``first..last`` agents."""
    points = []
    for k in range(max(1, first), last + 1):
        points.append(StaffingPoint(
            agents=k,
            service_level_pct=100.0 * service_level(traffic, k, aht_s, threshold_s),
            asa_s=average_speed_of_answer(traffic, k, aht_s),
            p_wait_pct=100.0 * erlang_c(traffic, k),
            occupancy_pct=100.0 * occupancy(traffic, k),
            blocking_pct=100.0 * erlang_b(traffic, k),
        ))
    return points
