"""Pre-aggregated survey buckets are read one question at a time (issue 10, item 4).

national_results.csv, release 07_2023 (read by hand from the file):
H_HSP_RATING (overall rating 0-10, buckets 0-6 / 7-8 / 9-10): bottom 9, middle 21, top 70 -> NPS-style 70 − 9 = 61.
Pooling all ten measures of that release gave (62+74+74+54+41+72+45+61+52+63) / 10 = 59.8.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from metrics_core.cli import main
from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics.engine import Filters, breakdown, compute_metric
from metrics_core.metrics.model import MetricInputs


@pytest.fixture(scope="module")
def national(datasets_dir):
    path = datasets_dir / "survey_hcahps_cms" / "national_results.csv"
    return path, DataBundle([load_dataset(path)])


JULY_2023 = Filters("2023-07-01", "2023-07-31")


def test_several_questions_are_never_pooled(national):
    _, bundle = national
    result = compute_metric(bundle, "nps", filters=JULY_2023)
    assert result.value is None
    assert "10 different questions" in result.reason and "H_HSP_RATING" in result.reason
    assert "global.question" in result.reason
    assert compute_metric(bundle, "csat").value is None


def test_the_owner_picks_the_question(national):
    path, bundle = national
    result = compute_metric(bundle, "nps", {"global": {"question": "H_HSP_RATING"}}, JULY_2023)
    assert result.value == pytest.approx(61.0)
    assert result.details["question"] == "H_HSP_RATING"
    # independent: plain pandas over every release of the chosen question, equal weights (percentages only)
    raw = pd.read_csv(path)
    rating = raw[raw["Measure ID"] == "H_HSP_RATING"]
    expected = (rating["Top-box Percentage"] - rating["Bottom-box Percentage"]).mean()
    every_release = compute_metric(bundle, "nps", {"nps": {"question": "h_hsp_rating"}})
    assert every_release.value == pytest.approx(expected) and every_release.n == len(rating)
    top_box = compute_metric(bundle, "overall_satisfaction", {"global": {"question": "H_HSP_RATING"}}, JULY_2023)
    assert top_box.value == pytest.approx(70.0)


def test_a_filter_on_the_question_column_picks_it_too(national):
    _, bundle = national
    filters = Filters("2023-07-01", "2023-07-31", categories={"group": ["H_HSP_RATING"]})
    assert compute_metric(bundle, "nps", filters=filters).value == pytest.approx(61.0)


def test_an_unknown_question_names_the_ones_there_are(national):
    _, bundle = national
    result = compute_metric(bundle, "nps", {"global": {"question": "H_NOPE"}})
    assert result.value is None and "no question “H_NOPE”" in result.reason and "H_RECMND" in result.reason


def test_breakdown_by_question_gives_each_question(national):
    _, bundle = national
    points = {p.label: p.value for p in breakdown(bundle, "nps", "group", filters=JULY_2023)}
    assert points["H_HSP_RATING"] == pytest.approx(61.0) and points["H_RECMND"] == pytest.approx(69 - 6)
    assert len(points) == 10


def test_one_question_needs_no_choice():
    frame = pd.DataFrame({"group": ["Q1", "Q1"], "bottom_box": [10.0, 20.0], "middle_box": [20.0, 20.0],
                          "top_box": [70.0, 60.0]})
    # by hand: equal weights, (60 + 40) / 2 = 50
    assert compute_metric(MetricInputs({"survey_buckets": frame}), "nps").value == pytest.approx(50.0)


def test_cli_question_and_where(capsys, national):
    path, _ = national
    for extra in (["--param", "global.question=H_HSP_RATING"], ["--where", "Measure ID=H_HSP_RATING"]):
        assert main(["compute", str(path), "--from", "2023-07-01", "--to", "2023-07-31", "--json", *extra]) == 0
        metrics = {m["id"]: m for m in json.loads(capsys.readouterr().out)["metrics"]}
        assert metrics["nps"]["value"] == pytest.approx(61.0)


def test_cli_group_by_the_question_column_gives_each_question(capsys, national):
    path, _ = national
    argv = ["compute", str(path), "--from", "2023-07-01", "--to", "2023-07-31", "--group", "Measure ID"]
    assert main([*argv, "--json"]) == 0
    nps = {m["id"]: m for m in json.loads(capsys.readouterr().out)["metrics"]}["nps"]
    assert nps["value"] is None                                     # no pooled headline
    groups = {p["group"]: p["value"] for p in nps["series"]}
    assert groups["H_HSP_RATING"] == pytest.approx(61.0) and groups["H_RECMND"] == pytest.approx(63.0)
    assert main(argv) == 0
    assert any(line.split()[:2] == ["H_HSP_RATING", "61"] for line in capsys.readouterr().out.splitlines())
