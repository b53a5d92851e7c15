"""Staffing against values published by others, each with its source next to it.

Sources (none of these values comes from our own code):

- [CRAN] R package ErlangC 0.1.0 (Damonsoul, CRAN 2024-12-05): README.md and
  tests/testthat/test-calculate_agents.R — ``calculate_agents(100, 30 min, 180 s, 20 s, 0.8, 0.85, 0.3, 200)``
  and its printed ``$process`` table for 11..14 agents.
- [PYWF] pyworkforce (github.com/rodrigo-arenas/pyworkforce): pyworkforce/queuing/tests/test_erlang.py,
  test_erlang_b.py and test_abandonment.py.
- [CCH] Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example":
  100 calls in 30 min, AHT 180 s, 80 % in 20 s, 85 % maximum occupancy, 30 % shrinkage →
  10 Erlangs, start at 11 agents, 14 agents, 20 scheduled.
- [WESTBAY] erlang.com (Westbay Engineers) Erlang B calculator manual, "How much traffic can a
  trunk group handle": 15 lines at 1 % blocking carry at most 8.108 Erlangs.
"""

from __future__ import annotations

import math

import pytest

from metrics_core.errors import ParameterError
from metrics_core.metrics import erlang
from metrics_core.metrics.calculator import calc
from metrics_core.metrics.erlang_a import agents_needed_a, erlang_a

A_100_CALLS = erlang.traffic_erlangs(100, 180, 1800)


def test_traffic_of_the_worked_example():
    assert A_100_CALLS == 10.0                         # [CCH] 10 Erlangs; [CRAN] $traffic_intensity 10


# [CRAN] $process table: agents, wait_probability, service_level, average_speed_of_answer (s), occupancy
CRAN_PROCESS = [
    (11, 0.6821182, 0.3896138, 122.78127684408, 0.9090909),
    (12, 0.4493882, 0.640158, 40.4449401868444, 0.8333333),
    (13, 0.2852705, 0.7955948, 17.1162271821896, 0.7692308),
    (14, 0.1741319, 0.88835, 7.83593701177724, 0.7142857),
]


@pytest.mark.parametrize("agents,p_wait,level,asa,occ", CRAN_PROCESS)
def test_cran_erlangc_process_table(agents, p_wait, level, asa, occ):
    assert erlang.erlang_c(A_100_CALLS, agents) == pytest.approx(p_wait, abs=5e-8)
    assert erlang.service_level(A_100_CALLS, agents, 180, 20) == pytest.approx(level, abs=5e-7)
    assert erlang.average_speed_of_answer(A_100_CALLS, agents, 180) == pytest.approx(asa, rel=1e-9)
    assert erlang.occupancy(A_100_CALLS, agents) == pytest.approx(occ, abs=5e-8)


def test_cran_calculate_agents_and_shrinkage():
    # [CRAN] $agents 14 and $agents_shrinked 20 for 80 % in 20 s, max occupancy 0.85, shrinkage 0.3
    # [CCH] the same example: 14 agents, 20 scheduled; [PYWF] test_expected_erlangc_results: 14 and 20
    agents = erlang.agents_needed(A_100_CALLS, 180, 20, 0.80, max_occupancy=0.85)
    assert agents == 14
    assert erlang.scheduled_agents(agents, 0.30) == 20


def test_the_worked_example_through_calc():
    result = calc("staffing", {"arrivals": 100, "aht_s": 180, "max_occupancy_pct": 85, "shrinkage_pct": 30})
    assert result.value == 14 and result.details["scheduled_agents"] == 20       # [CCH] [CRAN] [PYWF]
    assert round(result.details["predicted_service_level_pct"] / 100, 3) == 0.888   # [PYWF] service_level 0.888
    assert round(result.details["occupancy_pct"] / 100, 3) == 0.714                 # [PYWF] occupancy 0.714
    assert round(result.details["p_wait_pct"] / 100, 3) == 0.174                    # [PYWF] waiting_probability
    assert result.details["curve"][0]["agents"] <= 11                  # [CCH] the search starts at A + 1 = 11


def test_pyworkforce_occupancy_cap_binds():
    # [PYWF] test_over_occupancy_erlangc: max_occupancy 0.7 → raw_positions 15, positions 22,
    # service level 0.941, occupancy 0.667, waiting probability 0.102 (shrinkage 0.3)
    agents = erlang.agents_needed(A_100_CALLS, 180, 20, 0.80, max_occupancy=0.70)
    assert agents == 15 and erlang.scheduled_agents(agents, 0.30) == 22
    assert round(erlang.service_level(A_100_CALLS, agents, 180, 20), 3) == 0.941
    assert round(erlang.occupancy(A_100_CALLS, agents), 3) == 0.667
    assert round(erlang.erlang_c(A_100_CALLS, agents), 3) == 0.102


def test_pyworkforce_erlang_b():
    # [PYWF] test_erlang_b.py: B(1, A=1) = 0.5, B(2, A=1) = 0.2; A = 10, max blocking 2 % → 17 lines,
    # and with 30 % shrinkage 25 positions
    assert erlang.erlang_b(1.0, 1) == pytest.approx(0.5)
    assert erlang.erlang_b(1.0, 2) == pytest.approx(0.2)
    assert erlang.lines_needed(A_100_CALLS, 0.02) == 17
    assert erlang.scheduled_agents(17, 0.30) == 25
    assert erlang.erlang_b(A_100_CALLS, 50) < 1e-6                 # [PYWF] test_blocking_probability_approaches_zero


def test_westbay_erlang_b_15_lines_at_one_percent():
    # [WESTBAY] 15 lines, 1 % blocking → 8.108 Erlangs (given to 3 decimals)
    assert erlang.erlang_b(8.1075, 15) <= 0.01 <= erlang.erlang_b(8.1085, 15)
    assert erlang.lines_needed(8.108, 0.01) == 15
    assert erlang.lines_needed(8.2, 0.01) == 16


def test_pyworkforce_erlang_a_regression_values():
    # [PYWF] test_abandonment.py: 100 transactions / 30 min, AHT 3 min, patience 5 min, 14 positions:
    # waiting 0.14526, abandonment 0.013984, occupancy 0.704297, ASA over all callers 0.069919 min,
    # service level (20 s) 0.916792
    point = erlang_a(A_100_CALLS, 14, 180, 300, 20)
    assert round(point.p_wait_pct / 100, 5) == 0.14526
    assert round(point.abandon_pct / 100, 6) == 0.013984
    assert round(point.occupancy_pct / 100, 6) == 0.704297
    assert round(point.mean_wait_s / 60, 6) == 0.069919
    assert round(point.service_level_pct / 100, 6) == 0.916792


@pytest.mark.parametrize("agents", [15, 20, 25])
def test_erlang_a_becomes_erlang_c_for_patient_callers(agents):
    # [PYWF] test_erlanga_matches_erlangc_in_patient_limit: patience 1,000,000 min ≈ Erlang C
    point = erlang_a(A_100_CALLS, agents, 180, 1_000_000 * 60, 20)
    assert point.p_wait_pct / 100 == pytest.approx(erlang.erlang_c(A_100_CALLS, agents), abs=1e-4)
    assert point.service_level_pct / 100 == pytest.approx(erlang.service_level(A_100_CALLS, agents, 180, 20), abs=1e-3)
    assert point.asa_s == pytest.approx(erlang.average_speed_of_answer(A_100_CALLS, agents, 180), rel=1e-3)


@pytest.mark.parametrize("traffic,agents", [(4.0, 3), (10.0, 12), (30.0, 33)])
def test_erlang_a_with_patience_equal_to_handle_time_is_poisson(traffic, agents):
    # When patience = AHT every call in the system leaves at the same rate: the count is Poisson(A)
    # (M/M/∞), so P(wait) = P(N ≥ k) and abandonment = E[(N − k)+] / A — worked out here directly.
    pmf = [math.exp(-traffic + n * math.log(traffic) - math.lgamma(n + 1)) for n in range(400)]
    p_wait = sum(pmf[agents:])
    abandon = sum((n - agents) * p for n, p in enumerate(pmf) if n > agents) / traffic
    point = erlang_a(traffic, agents, 180, 180, 20)
    assert point.p_wait_pct / 100 == pytest.approx(p_wait, rel=1e-9)
    assert point.abandon_pct / 100 == pytest.approx(abandon, rel=1e-9)


def test_erlang_a_needs_fewer_agents_than_erlang_c_when_callers_hang_up():
    # [PYWF] test_erlanga_required_positions_meets_targets: the agents found meet the target
    point = agents_needed_a(A_100_CALLS, 180, 300, 20, 0.80)
    assert point.service_level_pct >= 80
    assert erlang_a(A_100_CALLS, point.agents - 1, 180, 300, 20).service_level_pct < 80
    assert point.agents <= 14


def _agents_log_space(traffic: float, aht_s: float, threshold_s: float, target: float) -> int:
    """A second, independent computation: Erlang C from log-factorials (lgamma), linear search."""
    def log_sum_exp(values):
        top = max(values)
        return top + math.log(sum(math.exp(v - top) for v in values))

    k = math.floor(traffic) + 1
    logs = [n * math.log(traffic) - math.lgamma(n + 1) for n in range(k)]
    while True:
        log_top = k * math.log(traffic) - math.lgamma(k + 1) + math.log(k / (k - traffic))
        c = math.exp(log_top - log_sum_exp(logs + [log_top]))
        if 1 - c * math.exp(-(k - traffic) * threshold_s / aht_s) >= target:
            return k
        logs.append(k * math.log(traffic) - math.lgamma(k + 1))
        k += 1


def test_large_traffic_is_computed_and_matches_log_space():
    # issue 10 item 6: kpidesk calc staffing arrivals=12345 aht_s=1800 → 12,345 Erlangs
    result = calc("staffing", {"arrivals": 12345, "aht_s": 1800})
    assert result.details["traffic_erlangs"] == pytest.approx(12345)
    assert result.value == _agents_log_space(12345.0, 1800, 20, 0.80)
    assert result.value > 12345


def test_messages_name_the_cap_not_the_target():
    with pytest.raises(ParameterError) as caught:
        erlang.agents_needed(A_100_CALLS, 180, 20, 0.80, max_agents=12)
    message = str(caught.value)
    assert "stops at 12" in message and "11 to 12" in message and "10,000" not in message
    with pytest.raises(ParameterError, match="below 100 %"):
        erlang.agents_needed(A_100_CALLS, 180, 20, 1.0)
    with pytest.raises(ParameterError, match="at least 13"):
        erlang.agents_needed(12.5, 180, 20, 0.8, max_agents=12)
