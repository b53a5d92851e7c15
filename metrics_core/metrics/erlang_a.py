"""Erlang A (M/M/k+M): the Erlang C queue with callers who hang up.

Each waiting caller abandons after an exponential patience of mean ``patience_s``
(rate θ = 1/patience). With λ arrivals and μ = 1/AHT per second and k agents, the
number of calls in the system is a birth-death chain: births λ, deaths ``min(n,k)·μ +
max(n−k,0)·θ``. Its stationary distribution is built in log space (no overflow at any
traffic) and cut where the tail is below 1e-16 of the mode. From it (PASTA, Little):

- probability of waiting = P(n ≥ k); mean queue ``Q = Σ (n−k)·p_n``;
- abandonment = θ·Q/λ; occupancy = A·(1 − abandonment)/k;
- mean wait of all callers = Q/λ;
- service level = P(answered within T) over all calls: a caller who finds ``j`` waiting
  moves up at rate ``k·μ + j'·θ`` (``j'`` callers still ahead) and hangs up at rate θ;
  this tagged-caller chain is solved by uniformization for the mixture of starting
  places, and by a two-term recursion for the answered share and their ASA.

The patience of a call log is estimated as Σ waits of all calls / abandoned calls (the
maximum-likelihood estimate for exponential patience, answered calls censoring it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..deferred import np

from ..errors import ParameterError
from ..i18n import Message
from .erlang import search_limit

_TAIL = 37.0        # e^-37 ≈ 1e-16: states beyond this drop below double precision of the mode


@dataclass(frozen=True)
class ErlangAPoint:
    """Predicted figures for one number of agents under Erlang A."""

    agents: int
    service_level_pct: float       # answered within the threshold, of all calls
    asa_s: float                   # mean wait of answered calls
    mean_wait_s: float             # mean time in queue of all calls (answered and abandoned)
    p_wait_pct: float
    abandon_pct: float
    occupancy_pct: float


def _log_distribution(lam: float, mu: float, theta: float, agents: int) -> np.ndarray:
    """Log of the unnormalised stationary probabilities ``p_0 … p_{k+J}``."""
    n = np.arange(1, agents + 1, dtype=float)
    served = np.concatenate(([0.0], np.cumsum(np.log(lam) - np.log(n * mu))))
    pieces, last, j0 = [served], served[-1], 1
    top = served.max()
    while True:
        j = np.arange(j0, j0 + max(256, agents), dtype=float)
        logs = last + np.cumsum(np.log(lam) - np.log(agents * mu + j * theta))
        pieces.append(logs)
        top = max(top, logs.max())
        if logs[-1] < top - _TAIL and logs[-1] < logs[-2]:
            break
        last, j0 = logs[-1], j0 + len(j)
    logs = np.concatenate(pieces)
    keep = np.nonzero(logs >= logs.max() - _TAIL)[0].max() + 1
    return logs[: max(keep, agents + 1)]


def _served_within(p_queue: np.ndarray, agents: int, mu: float, theta: float, threshold_s: float) -> float:
    """Σ_j p_queue[j]·P(answered within T | j callers ahead), by uniformization."""
    if threshold_s <= 0 or p_queue.sum() == 0:
        return 0.0
    j = np.arange(len(p_queue), dtype=float)
    move = agents * mu + j * theta                   # one caller ahead leaves (or, at j = 0, we are answered)
    rate = float(move[-1] + theta)
    stay = 1.0 - (move + theta) / rate
    mass, served, total = p_queue.astype(float), 0.0, 0.0
    lt = rate * threshold_s
    steps = int(lt + 12 * math.sqrt(lt) + 60)
    for step in range(steps + 1):
        weight = math.exp(-lt + step * math.log(lt) - math.lgamma(step + 1)) if lt > 0 else float(step == 0)
        total += weight * served
        served += mass[0] * move[0] / rate
        moved = mass[1:] * move[1:] / rate
        mass = mass * stay
        mass[:-1] += moved
    return total


def _answered_and_wait(p_queue: np.ndarray, agents: int, mu: float, theta: float) -> tuple[float, float]:
    """Σ p_queue[j]·P(answered | j ahead) and Σ p_queue[j]·E[wait; answered | j ahead]."""
    answered, waited = np.empty(len(p_queue)), np.empty(len(p_queue))
    prev_a, prev_w = 1.0, 0.0
    for j in range(len(p_queue)):
        move = agents * mu + j * theta
        out = move + theta
        prev_a = move / out * prev_a
        prev_w = prev_a / out + move / out * prev_w
        answered[j], waited[j] = prev_a, prev_w
    return float(p_queue @ answered), float(p_queue @ waited)


def erlang_a(traffic: float, agents: int, aht_s: float, patience_s: float, threshold_s: float) -> ErlangAPoint:
    """Erlang A figures for ``agents`` agents.

    >>> a = erlang_a(10.0, 14, 180, 300, 20)
    >>> 0 < a.abandon_pct < 5 and a.occupancy_pct < 100 * 10 / 14
    True
    """
    if not (traffic > 0 and aht_s > 0 and patience_s > 0 and agents >= 1):
        raise ParameterError(Message("Erlang A needs traffic, a handle time and a patience above 0, and at least one agent."))
    mu, theta = 1.0 / aht_s, 1.0 / patience_s
    lam = traffic * mu
    logs = _log_distribution(lam, mu, theta, int(agents))
    p = np.exp(logs - logs.max())
    p /= p.sum()
    p_queue = p[agents:]
    queue = float(np.arange(len(p_queue)) @ p_queue)
    abandon = theta * queue / lam
    answered_waiting, waited = _answered_and_wait(p_queue, agents, mu, theta)
    answered = float(p[:agents].sum()) + answered_waiting
    within = float(p[:agents].sum()) + _served_within(p_queue, agents, mu, theta, threshold_s)
    return ErlangAPoint(agents=int(agents), service_level_pct=100.0 * float(min(1.0, within)),
                        asa_s=waited / answered if answered > 0 else math.inf, mean_wait_s=float(queue / lam),
                        p_wait_pct=100.0 * float(p_queue.sum()), abandon_pct=100.0 * abandon,
                        occupancy_pct=100.0 * traffic * (1.0 - abandon) / agents)


def agents_needed_a(traffic: float, aht_s: float, patience_s: float, threshold_s: float, target: float,
                    max_agents: int | None = None) -> ErlangAPoint:
    """The fewest agents whose Erlang A service level reaches ``target`` (0..1), and their figures.

    The service level grows with the agents, so the answer is found by doubling then halving.
    """
    if not 0 < target < 1:
        raise ParameterError(Message("The service-level target must be above 0 % and below 100 % (Erlang C never "
                               "answers every call within a time), not {target}.", dict(target=f"{round(target * 100, 2):g} %")))
    limit = max_agents or search_limit(traffic)

    def meets(k: int) -> bool:
        return erlang_a(traffic, k, aht_s, patience_s, threshold_s).service_level_pct >= 100.0 * target

    low, high = 0, 1
    while not meets(high):
        low, high = high, high * 2
        if low >= limit:
            raise ParameterError(Message("No number of agents up to {limit} reaches {level} % answered within {seconds} s "
                                   "under Erlang A with {traffic} Erlangs: the search stops there. The target is too "
                                   "strict for this traffic and patience.", dict(limit=limit, level=round(target * 100, 2),
                                   seconds=threshold_s, traffic=round(traffic, 1))))
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if meets(middle) else (middle, high)
    return erlang_a(traffic, high, aht_s, patience_s, threshold_s)


def patience_from_waits(total_wait_s: float, abandoned: int) -> float | None:
    """Mean patience (s) estimated as Σ waits of all calls / abandoned calls; ``None`` without abandons.

    >>> patience_from_waits(6000.0, 20)
    300.0
    """
    if abandoned <= 0 or not total_wait_s > 0:
        return None
    return float(total_wait_s) / float(abandoned)
