"""Erlang B and Erlang C: blocking, waiting and the number of agents (or lines) needed.

Traffic ``A`` (Erlangs) = arrivals per interval × average handle time / interval length.
Erlang B is computed with the stable recursion ``B(0) = 1``,
``B(k) = A·B(k−1) / (k + A·B(k−1))`` (no factorials, no overflow, any traffic); Erlang C
follows from it: ``C = k·B / (k − A·(1 − B))`` for ``k > A``. A search for the agents
needed walks the recursion upwards from the traffic (one step per agent), so 12,000
Erlangs cost a few milliseconds.

A staffing goal is a service level (share answered within ``threshold_s``) or an ASA
target, optionally with a maximum occupancy; shrinkage turns the agents needed on the
phones into the head-count to schedule: ``ceil(agents / (1 − shrinkage))``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

from ..errors import ParameterError
from ..i18n import Message, _


def _check(traffic: float, agents: int) -> None:
    if traffic < 0 or not math.isfinite(traffic):
        raise ParameterError(Message("The traffic must be a number of Erlangs of 0 or more, not {traffic}.", dict(traffic=traffic)))
    if agents < 0:
        raise ParameterError(Message("The number of agents or lines must be 0 or more, not {agents}.", dict(agents=agents)))


def traffic_erlangs(arrivals: float, aht_s: float, interval_s: float) -> float:
    """Offered traffic in Erlangs: ``arrivals × aht_s / interval_s``.

    >>> traffic_erlangs(100, 180, 1800)
    10.0
    """
    if interval_s <= 0:
        raise ParameterError(Message('The interval length must be more than 0 seconds.'))
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


def _erlang_b_upwards(traffic: float, first: int) -> Iterator[tuple[int, float]]:
    """``(k, B(k))`` for ``k = first, first + 1, …`` — one recursion step per value."""
    k, b = first, erlang_b(traffic, first)
    while True:
        yield k, b
        k += 1
        b = traffic * b / (k + traffic * b)


def _c_from_b(traffic: float, agents: int, b: float) -> float:
    return 1.0 if agents <= traffic else agents * b / (agents - traffic * (1.0 - b))


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that a call has to wait (Erlang C); 1 when ``agents ≤ traffic``.

    >>> round(erlang_c(10.0, 14), 4)
    0.1741
    """
    _check(traffic, agents)
    return 1.0 if agents <= traffic else _c_from_b(traffic, agents, erlang_b(traffic, agents))


def _service_level(traffic: float, agents: int, aht_s: float, threshold_s: float, c: float) -> float:
    if agents <= traffic:
        return 0.0
    return max(0.0, 1.0 - c * math.exp(-(agents - traffic) * threshold_s / aht_s))


def _asa(traffic: float, agents: int, aht_s: float, c: float) -> float:
    return math.inf if agents <= traffic else c * aht_s / (agents - traffic)


def _check_aht(aht_s: float) -> None:
    if not aht_s > 0:
        raise ParameterError(Message('The average handle time must be more than 0 seconds.'))


def service_level(traffic: float, agents: int, aht_s: float, threshold_s: float) -> float:
    """Predicted share (0..1) of calls answered within ``threshold_s``: ``1 − C·e^{−(k−A)·T/AHT}``."""
    if agents <= traffic:
        return 0.0
    _check_aht(aht_s)
    return _service_level(traffic, agents, aht_s, threshold_s, erlang_c(traffic, agents))


def average_speed_of_answer(traffic: float, agents: int, aht_s: float) -> float:
    """Predicted ASA in seconds: ``C·AHT / (k − A)``; infinite when ``k ≤ A``."""
    if agents <= traffic:
        return math.inf
    return _asa(traffic, agents, aht_s, erlang_c(traffic, agents))


def occupancy(traffic: float, agents: int) -> float:
    """Share (0..1) of agent time spent handling calls: ``A / k`` (capped at 1)."""
    if agents <= 0:
        return 1.0
    return min(1.0, traffic / agents)


@dataclass(frozen=True)
class Goal:
    """What the agents must achieve: a service level (or an ASA) and a maximum occupancy.

    ``service_level`` is a share (0..1) answered within ``threshold_s``; with ``asa_s``
    set, the goal is an average speed of answer instead. ``max_occupancy`` (0..1] caps the
    share of time agents spend on calls.
    """

    service_level: float | None = 0.8
    threshold_s: float = 20.0
    asa_s: float | None = None
    max_occupancy: float = 1.0

    def __post_init__(self) -> None:
        if self.asa_s is None:
            level = self.service_level
            if level is None or not 0 < level < 1:
                raise ParameterError(Message("The service-level target must be above 0 % and below 100 % (Erlang C never "
                                       "answers every call within a time), not {target}.",
                                       dict(target="none" if level is None else f"{round(level * 100, 2):g} %")))
            if self.threshold_s < 0:
                raise ParameterError(Message("The answer-time target must be 0 seconds or more, not {seconds}.",
                                       dict(seconds=self.threshold_s)))
        elif not self.asa_s > 0:
            raise ParameterError(Message("The ASA target must be more than 0 seconds, not {seconds}.", dict(seconds=self.asa_s)))
        if not 0 < self.max_occupancy <= 1:
            raise ParameterError(Message("The maximum occupancy must be above 0 % and at most 100 %, not {occupancy} %.",
                                   dict(occupancy=round(self.max_occupancy * 100, 2))))

    def describe(self) -> str:
        """'80 % answered within 20 s' or 'ASA of at most 30 s', plus the occupancy cap."""
        level, occupancy = round(self.service_level * 100, 2), round(self.max_occupancy * 100, 2)
        if self.asa_s is not None:
            if self.max_occupancy >= 1:
                return _("an ASA of at most {seconds} s", seconds=self.asa_s)
            return _("an ASA of at most {seconds} s at {occupancy} % occupancy or less", seconds=self.asa_s,
                     occupancy=occupancy)
        if self.max_occupancy >= 1:
            return _("{level} % answered within {seconds} s", level=level, seconds=self.threshold_s)
        return _("{level} % answered within {seconds} s at {occupancy} % occupancy or less", level=level,
                 seconds=self.threshold_s, occupancy=occupancy)


def search_limit(traffic: float) -> int:
    """The most agents a search looks at: the traffic plus a margin far beyond any usual target.

    Square-root staffing needs about ``A + β·√A`` agents with β below 4 for the strictest
    usual targets; the margin allows β = 10 plus 100.
    """
    return math.ceil(traffic) + 100 + math.ceil(10 * math.sqrt(traffic))


def agents_needed(traffic: float, aht_s: float, threshold_s: float = 20.0, target: float | None = 0.80,
                  max_agents: int | None = None, *, asa_s: float | None = None, max_occupancy: float = 1.0) -> int:
    """Smallest number of agents whose predicted service level reaches ``target`` (0..1).

    With ``asa_s`` the goal is an ASA of at most that many seconds instead; ``max_occupancy``
    (0..1] adds an occupancy cap. The search starts at the traffic and stops at
    ``max_agents`` (default :func:`search_limit`); when it stops, the message says so.

    >>> agents_needed(10.0, 180, 20, 0.80)
    14
    >>> agents_needed(12345.0, 1800, 20, 0.80) > 12345      # 12,345 Erlangs: no overflow, no cap
    True
    """
    goal = Goal(target, threshold_s, asa_s, max_occupancy)
    return agents_for_goal(traffic, aht_s, goal, max_agents)


def agents_for_goal(traffic: float, aht_s: float, goal: Goal, max_agents: int | None = None) -> int:
    """Smallest number of agents meeting ``goal`` for ``traffic`` Erlangs (see :func:`agents_needed`)."""
    _check(traffic, 0)
    _check_aht(aht_s)
    first = max(1, math.floor(traffic) + 1, math.ceil(traffic / goal.max_occupancy - 1e-9))
    last = search_limit(traffic) if max_agents is None else int(max_agents)
    if first > last:
        raise ParameterError(Message("The search for agents stops at {last}, but {traffic} Erlangs of traffic need at "
                               "least {first} agents just to keep up: raise the limit.",
                               dict(last=last, traffic=round(traffic, 1), first=first)))
    for k, b in _erlang_b_upwards(traffic, first):
        if k > last:
            break
        c = _c_from_b(traffic, k, b)
        if goal.asa_s is not None:
            met = _asa(traffic, k, aht_s, c) <= goal.asa_s
        else:
            met = _service_level(traffic, k, aht_s, goal.threshold_s, c) >= goal.service_level
        if met:
            return k
    raise ParameterError(Message("No number of agents from {first} to {last} reaches {goal} with {traffic} Erlangs of "
                           "traffic: the search stops at {last} agents. The target is too strict for this traffic; "
                           "relax it or check the figures.",
                           dict(first=first, last=last, goal=goal.describe(), traffic=round(traffic, 1))))


def lines_needed(traffic: float, blocking: float) -> int:
    """Fewest lines (trunks) whose Erlang B blocking is at most ``blocking`` (0..1).

    >>> lines_needed(10.0, 0.02)
    17
    """
    _check(traffic, 0)
    if not 0 < blocking < 1:
        raise ParameterError(Message("The blocking target must be above 0 % and below 100 %, not {blocking} %.",
                               dict(blocking=round(blocking * 100, 2))))
    for k, b in _erlang_b_upwards(traffic, 0):
        if b <= blocking:
            return k
    raise AssertionError("unreachable: Erlang B falls to 0 as lines grow")


def scheduled_agents(agents: int, shrinkage: float) -> int:
    """Head-count to schedule so that ``agents`` are on the phones: ``ceil(agents / (1 − shrinkage))``.

    >>> scheduled_agents(14, 0.30)
    20
    """
    if not 0 <= shrinkage < 1:
        raise ParameterError(Message("Shrinkage must be at least 0 % and below 100 %, not {shrinkage} %.",
                               dict(shrinkage=round(shrinkage * 100, 2))))
    return math.ceil(agents / (1.0 - shrinkage) - 1e-9)


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
    _check_aht(aht_s)
    points = []
    for k, b in _erlang_b_upwards(traffic, max(1, first)):
        if k > last:
            break
        c = _c_from_b(traffic, k, b)
        points.append(StaffingPoint(
            agents=k,
            service_level_pct=100.0 * _service_level(traffic, k, aht_s, threshold_s, c),
            asa_s=_asa(traffic, k, aht_s, c),
            p_wait_pct=100.0 * c,
            occupancy_pct=100.0 * occupancy(traffic, k),
            blocking_pct=100.0 * b,
        ))
    return points
