"""Erlang B / C against an independent factorial formula and a published example."""

from __future__ import annotations

import math

import pytest

from metrics_core.errors import ParameterError
from metrics_core.metrics import erlang


def _erlang_b_factorial(a: float, k: int) -> float:
    top = a ** k / math.factorial(k)
    return top / sum(a ** i / math.factorial(i) for i in range(k + 1))


def _erlang_c_factorial(a: float, k: int) -> float:
    top = a ** k / math.factorial(k) * k / (k - a)
    return top / (sum(a ** i / math.factorial(i) for i in range(k)) + top)


@pytest.mark.parametrize("a,k", [(1.0, 2), (2.0, 3), (5.5, 8), (10.0, 11), (10.0, 14), (20.0, 25), (3.2, 4)])
def test_erlang_b_and_c_match_factorial_formulas(a, k):
    assert erlang.erlang_b(a, k) == pytest.approx(_erlang_b_factorial(a, k), rel=1e-12)
    assert erlang.erlang_c(a, k) == pytest.approx(_erlang_c_factorial(a, k), rel=1e-12)


def test_published_example_100_calls_per_half_hour():
    # 100 calls in 30 min, AHT 180 s -> 10 Erlangs; 80 % in 20 s needs 14 agents
    a = erlang.traffic_erlangs(100, 180, 1800)
    assert a == 10.0
    assert erlang.agents_needed(a, 180, 20, 0.80) == 14
    sl13 = 1 - _erlang_c_factorial(10, 13) * math.exp(-(13 - 10) * 20 / 180)
    sl14 = 1 - _erlang_c_factorial(10, 14) * math.exp(-(14 - 10) * 20 / 180)
    assert sl13 < 0.80 <= sl14
    assert erlang.service_level(a, 14, 180, 20) == pytest.approx(sl14)
    assert erlang.average_speed_of_answer(a, 14, 180) == pytest.approx(_erlang_c_factorial(10, 14) * 180 / 4)
    assert erlang.occupancy(a, 14) == pytest.approx(10 / 14)


def test_large_traffic_does_not_overflow():
    # factorials of 1000 overflow floats; the recursion must not
    b = erlang.erlang_b(900.0, 1000)
    assert 0 <= b < 0.01
    assert erlang.agents_needed(900.0, 180, 20, 0.9) > 900


def test_not_enough_agents():
    assert erlang.erlang_c(10, 10) == 1.0
    assert erlang.service_level(10, 9, 180, 20) == 0.0
    assert math.isinf(erlang.average_speed_of_answer(10, 10, 180))


def test_curve_is_monotone_and_bad_inputs_refused():
    curve = erlang.staffing_curve(10, 180, 20, 10, 18)
    levels = [p.service_level_pct for p in curve]
    assert levels == sorted(levels) and curve[0].agents == 10
    with pytest.raises(ParameterError):
        erlang.agents_needed(10, 180, 20, 1.5)
    with pytest.raises(ParameterError):
        erlang.erlang_b(-1, 3)
