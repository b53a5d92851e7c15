"""IQS over several quality-review files, each with its own criteria, weights and maxima (issue 11, item 3).

The mapping's criteria, weights and maxima used to ride in ``frame.attrs``; ``pd.concat`` drops
attributes that differ, so loading two review forms made IQS treat every numeric column as an
unweighted criterion. Expected values are worked out by hand below.
"""

from __future__ import annotations

import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.mapping.model import FieldMapping, Mapping
from metrics_core.metrics.engine import compute_metric


def _reviews(criteria: list[str], weights: list[float], maxima: list[float]) -> Mapping:
    return Mapping("reviews", {"agent": FieldMapping("agent", ["Agent"], source="user"),
                               "criteria": FieldMapping("criteria", criteria, source="user", weights=weights,
                                                        maxima=maxima)})


@pytest.fixture
def two_forms(tmp_path):
    """The spring form scores Greeting and Empathy (weights 1 and 2, out of 5); the summer form scores
    Greeting out of 5 (weight 1) and Accuracy out of 10 (weight 4). Both files have a "Handle min" column
    that is not a criterion."""
    spring = tmp_path / "spring.csv"
    spring.write_text("Agent;Greeting;Empathy;Handle min\nAna;4;3;12\nBor;5;5;30\n", encoding="utf-8")
    summer = tmp_path / "summer.csv"
    summer.write_text("Agent;Greeting;Accuracy;Handle min\nAna;2;9;7\n", encoding="utf-8")
    bundle = DataBundle()
    bundle.add(load_dataset(spring, mapping=_reviews(["Greeting", "Empathy"], [1.0, 2.0], [5.0, 5.0])))
    bundle.add(load_dataset(summer, mapping=_reviews(["Greeting", "Accuracy"], [1.0, 4.0], [5.0, 10.0])))
    return bundle


# by hand, each review's earned / possible points:
#   spring Ana: (4*1 + 3*2) / (5*1 + 5*2) = 10/15;  spring Bor: (5 + 10) / 15 = 15/15
#   summer Ana: (2*1 + 9*4) / (5*1 + 10*4) = 38/45
SPRING_ANA, SPRING_BOR, SUMMER_ANA = 10 / 15 * 100, 100.0, 38 / 45 * 100


def test_iqs_keeps_each_files_weights_when_files_are_combined(two_forms):
    result = compute_metric(two_forms, "iqs")
    assert result.n == 3
    assert result.value == pytest.approx((SPRING_ANA + SPRING_BOR + SUMMER_ANA) / 3)


def test_iqs_per_agent_over_two_forms(two_forms):
    result = compute_metric(two_forms, "iqs")
    assert result.details.by_agent["Ana"] == pytest.approx((SPRING_ANA + SUMMER_ANA) / 2)
    assert result.details.by_agent["Bor"] == pytest.approx(SPRING_BOR)
    assert result.details.criteria == ["Greeting", "Empathy", "Accuracy"]


def test_one_file_alone_still_uses_its_weights(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("Agent;Greeting;Empathy\nAna;4;3\n", encoding="utf-8")
    bundle = DataBundle()
    bundle.add(load_dataset(path, mapping=_reviews(["Greeting", "Empathy"], [1.0, 2.0], [5.0, 5.0])))
    assert compute_metric(bundle, "iqs").value == pytest.approx(10 / 15 * 100)
