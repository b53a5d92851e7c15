"""Family A by hand: CES, feedback response rate, trend, buckets, brand attributes, score sources."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.textwords import STOP_WORDS, top_terms

from .builders import dataset


def one(kind: str, **columns) -> MetricInputs:
    return MetricInputs({kind: pd.DataFrame(columns)})


def test_ces_mean_and_low_effort_share_follow_the_direction():
    inputs = one("surveys", ces_score=[1.0, 2.0, 3.0, 6.0, 7.0])         # 1-7 scale, midpoint 4
    effort = compute_metric(inputs, "ces")
    assert effort.value == pytest.approx(19 / 5)
    assert effort.details["low_effort_pct"] == pytest.approx(60.0)      # 1, 2, 3 are low effort
    assert effort.higher_is_better is False
    ease = compute_metric(inputs, "ces", {"ces": {"direction": "ease"}})
    assert ease.details["low_effort_pct"] == pytest.approx(40.0)        # 6, 7 agree it was easy
    assert ease.higher_is_better is True


def test_ces_on_a_set_scale_excludes_answers_outside_it():
    result = compute_metric(one("surveys", ces_score=[1.0, 5.0, 9.0]), "ces", {"ces": {"scale": "1-7"}})
    assert result.value == pytest.approx(3.0) and result.n == 2
    assert result.excluded == [(1, "answers outside the 1-7 scale")]


def test_csat_mean_and_top_box():
    inputs = one("surveys", csat_score=[5.0, 5.0, 4.0, 2.0])
    assert compute_metric(inputs, "csat_mean").value == pytest.approx(4.0)
    assert compute_metric(inputs, "overall_satisfaction").value == pytest.approx(50.0)
    assert compute_metric(inputs, "overall_satisfaction", {"overall_satisfaction": {"top_box_from": 4}}).value == 75.0


def test_feedback_response_rate_from_flag_or_answer_date():
    frame = pd.DataFrame({"feedback_answered": pd.array([True, False, None, False], dtype="boolean"),
                          "responded_at": pd.to_datetime([None, "2024-01-02", None, None]).astype("datetime64[us]"),
                          "comment": ["a", "b", "", None]})
    result = compute_metric(MetricInputs({"surveys": frame}), "feedback_response_rate")
    assert result.value == pytest.approx(50.0) and (result.numerator, result.denominator) == (2, 4)
    only = compute_metric(MetricInputs({"surveys": frame}), "feedback_response_rate",
                          {"feedback_response_rate": {"only_with_comment": True}})
    assert only.value == pytest.approx(100.0)


def test_satisfaction_trend_is_the_change_in_points_between_the_last_two_months():
    dates = pd.to_datetime(["2024-01-05"] * 4 + ["2024-02-05"] * 5).astype("datetime64[us]")
    scores = [5.0, 1.0, 1.0, 1.0] + [5.0, 5.0, 4.0, 1.0, 2.0]            # January 25 %, February 60 %
    result = compute_metric(one("surveys", submitted_at=dates, csat_score=scores), "satisfaction_trend")
    assert result.value == pytest.approx(35.0)
    assert [p["period"] for p in result.details["series"]] == ["2024-01", "2024-02"]


def test_scores_from_tickets_and_surveys_count_once_per_file():
    tickets = pd.DataFrame({"ticket_id": ["1", "2", "3"], "created_at": pd.to_datetime(["2024-01-01"] * 3),
                            "csat_score": [5.0, 1.0, None]})
    survey = pd.DataFrame({"csat_score": [4.0, 4.0]})
    # the ticket file also feeds "surveys": its rows must not count twice
    bundle = DataBundle([dataset("tickets", tickets, "t.csv", also=["surveys"]), dataset("surveys", survey, "s.csv")])
    result = compute_metric(bundle, "csat")
    assert (result.numerator, result.denominator) == (3, 4)


def test_buckets_weighted_by_responses_and_counts():
    weighted = one("survey_buckets", bottom_box=[10.0, 30.0], middle_box=[20.0, 20.0], top_box=[70.0, 50.0],
                   responses=[300.0, 100.0])
    nps = compute_metric(weighted, "nps")
    assert nps.value == pytest.approx((300 * 60 + 100 * 20) / 400)
    assert nps.details["weighting"] == "responses" and nps.margin_of_error is not None
    assert compute_metric(weighted, "csat").value == pytest.approx((300 * 70 + 100 * 50) / 400)
    counts = one("survey_buckets", bottom_box=[1.0, 3.0], middle_box=[2.0, 0.0], top_box=[7.0, 1.0])
    assert compute_metric(counts, "nps").value == pytest.approx(100 * (8 - 4) / 14)
    assert compute_metric(counts, "nps").details["weighting"] == "counts"


def test_single_answers_win_over_buckets():
    frames = {"surveys": pd.DataFrame({"nps_score": [10.0, 0.0]}),
              "survey_buckets": pd.DataFrame({"bottom_box": [0.0], "top_box": [100.0]})}
    assert compute_metric(MetricInputs(frames), "nps").value == pytest.approx(0.0)


def test_brand_attributes_counts_words_and_phrases_once_per_answer():
    comments = ["Fast delivery, fast delivery!", "fast delivery and friendly staff", "Prijazno osebje in hitra dostava",
                "Very rude staff", None, "  "]
    result = compute_metric(one("surveys", comment=comments), "brand_attributes")
    assert result.value == 4
    words = {w["term"]: w for w in result.details["words"]}
    assert words["fast"]["answers"] == 2 and words["fast"]["share"] == pytest.approx(50.0)
    assert words["staff"]["answers"] == 2
    assert "and" not in words and "in" not in words and "very" not in words
    phrases = {p["term"]: p["answers"] for p in result.details["phrases"]}
    assert phrases == {"fast delivery": 2}


def test_stop_words_cover_the_five_languages():
    for word in ("the", "zelo", "și", "och", "који", "jako", "sunt", "inte", "ker"):
        assert word in STOP_WORDS, word
    assert top_terms(pd.Series(["och det var bra"]))["words"][0]["term"] == "bra"


def test_scores_of_a_ticket_file_feeding_surveys_are_dated_by_created_at():
    from metrics_core.metrics.engine import Filters, breakdown

    tickets = pd.DataFrame({"ticket_id": ["1", "2", "3"],
                            "created_at": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-02-11"]).astype("datetime64[us]"),
                            "csat_score": [5.0, 1.0, 4.0]})
    bundle = DataBundle([dataset("tickets", tickets, "t.csv", also=["surveys"])])
    february = compute_metric(bundle, "csat", filters=Filters("2024-02-01", "2024-02-29"))
    assert (february.numerator, february.denominator) == (1, 2)
    assert [(p.label, p.value) for p in breakdown(bundle, "csat", "month")] == [("2024-01", 100.0), ("2024-02", 50.0)]
    trend = compute_metric(bundle, "satisfaction_trend")
    assert trend.value == pytest.approx(-50.0)


def test_scores_are_collected_once_per_inputs_and_anew_for_other_frames() -> None:
    from metrics_core.metrics.scores import collect_scores

    inputs = one("surveys", csat_score=[5.0, 1.0, None])
    scores = collect_scores(inputs, "csat_score")
    assert scores["score"].tolist() == [5.0, 1.0]
    assert collect_scores(inputs, "csat_score") is scores                # CSAT, top-box, mean, trend share it
    inputs.frames["surveys"] = pd.DataFrame({"csat_score": [2.0, 3.0, 4.0]})
    assert collect_scores(inputs, "csat_score")["score"].tolist() == [2.0, 3.0, 4.0]
    assert compute_metric(inputs, "csat_mean").value == pytest.approx(3.0)
