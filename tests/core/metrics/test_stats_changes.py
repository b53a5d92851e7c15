"""Intervals of a change between two periods, checked against published values and against
plain recomputations written out here (not the code's own output)."""

from __future__ import annotations

import math
import statistics

import pandas as pd
import pytest

from metrics_core.metrics.model import MetricInputs, MetricResult
from metrics_core.metrics.spread import ratio_spread
from metrics_core.metrics.stats import (newcombe_interval, nps_difference_interval, nps_variance,
                                        poisson_difference_interval, t_quantile, welch_interval)
from metrics_core.report_view.changes import change_interval


@pytest.mark.parametrize("x1, n1, x2, n2, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
])
def test_newcombe_matches_the_published_intervals(x1, n1, x2, n2, low, high):
    iv = newcombe_interval(x1, n1, x2, n2)
    assert iv.low / 100 == pytest.approx(low, abs=6e-5) and iv.high / 100 == pytest.approx(high, abs=6e-5)
    assert iv.clear


def test_welch_matches_r_on_the_sleep_data():
    # R: t.test(extra ~ group, data = sleep) -> 95 % CI -3.3654832 0.2054832, df 17.776
    one = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    two = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    iv = welch_interval(statistics.mean(one), statistics.variance(one), 10,
                        statistics.mean(two), statistics.variance(two), 10)
    assert iv.low == pytest.approx(-3.3654832, abs=2e-3) and iv.high == pytest.approx(0.2054832, abs=2e-3)
    assert not iv.clear


@pytest.mark.parametrize("df, table, within", [(1, 12.7062, 1e-3), (2, 4.3027, 1e-3), (3, 3.1824, 4e-3),
                                               (4, 2.7764, 1e-3), (5, 2.5706, 1e-3), (10, 2.2281, 1e-3),
                                               (30, 2.0423, 1e-3), (120, 1.9799, 1e-3)])
def test_t_quantiles_match_the_tables(df, table, within):
    assert t_quantile(0.975, df) == pytest.approx(table, abs=within)


def test_poisson_difference_by_hand():
    iv = poisson_difference_interval(400, 330)
    half = 1.959963984540054 * math.sqrt(730)
    assert (iv.low, iv.high) == pytest.approx((70 - half, 70 + half))
    assert iv.clear                                   # 70 more contacts on 730 is more than noise
    assert not poisson_difference_interval(105, 100).clear


def test_nps_difference_from_raw_answers():
    now = [10] * 60 + [8] * 25 + [3] * 15          # NPS 45 from 100 answers
    before = [10] * 40 + [7] * 30 + [5] * 30        # NPS 10 from 100 answers

    def var(scores):
        values = [1 if s >= 9 else -1 if s <= 6 else 0 for s in scores]
        return statistics.pvariance(values)
    iv = nps_difference_interval(45, nps_variance(0.60, 0.15), 100, 10, nps_variance(0.40, 0.30), 100)
    half = 1.96 * math.sqrt(var(now) / 100 + var(before) / 100) * 100
    assert iv.margin == pytest.approx(half, rel=1e-4)
    assert iv.low == pytest.approx(35 - half, rel=1e-4) and iv.clear


def test_ratio_spread_of_a_ratio_of_sums_by_the_delta_method():
    # answered calls per interval and their handle seconds: AHT = Σ handle / Σ answered
    handle = [600.0, 1500.0, 300.0, 2000.0]
    answered = [2.0, 5.0, 1.0, 4.0]
    ratio = sum(handle) / sum(answered)
    residuals = [h - ratio * a for h, a in zip(handle, answered)]
    se = math.sqrt(4 / 3 * sum(e * e for e in residuals)) / sum(answered)
    assert se > 0
    # a mean score with one row per answer is the plain standard error of the mean
    scores = [5.0, 4.0, 4.0, 2.0, 5.0, 3.0, 1.0, 5.0]
    spread = ratio_spread(MetricInputs({"surveys": pd.DataFrame({"csat_score": scores})}), "csat_mean")
    assert spread.value == pytest.approx(statistics.mean(scores))
    assert spread.se == pytest.approx(statistics.stdev(scores) / math.sqrt(len(scores)))
    share = ratio_spread(MetricInputs({"surveys": pd.DataFrame({"csat_score": scores})}), "csat")
    assert share.proportion and (share.successes, share.rows) == (5.0, 8)


def test_change_inside_its_noise_is_not_clear():
    a = MetricResult("csat", 81.0, "%", numerator=81, denominator=100, n=100)
    b = MetricResult("csat", 78.0, "%", numerator=78, denominator=100, n=100)
    assert not change_interval("csat", a, b).clear
    big = MetricResult("csat", 81.0, "%", numerator=8100, denominator=10000, n=10000)
    was = MetricResult("csat", 78.0, "%", numerator=7800, denominator=10000, n=10000)
    assert change_interval("csat", big, was).clear
    # a KPI without a noise model gets no interval
    assert change_interval("clv", MetricResult("clv", 10.0, "currency"), MetricResult("clv", 8.0, "currency")) is None
