"""Family A/B KPIs on the shared real files, checked against a plain ``csv`` computation."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics.engine import Filters, breakdown, compute_all, compute_metric


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def nps_of(scores):
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    return 100.0 * (promoters - detractors) / len(scores)


@pytest.fixture(scope="module")
def nps_file(datasets_dir):
    return datasets_dir / "survey_nps_responses" / "NPS_timeseries_data.csv"


def test_nps_matches_a_plain_computation(nps_file):
    scores = [int(r["NPS"]) for r in rows(nps_file)]
    bundle = DataBundle([load_dataset(nps_file)])
    result = compute_metric(bundle, "nps")
    assert result.n == len(scores) == 5000
    assert result.value == pytest.approx(nps_of(scores))
    assert result.details["promoters"] == sum(1 for s in scores if s >= 9)


def test_nps_per_month_and_market_match_a_plain_computation(nps_file):
    per_month, per_market = defaultdict(list), defaultdict(list)
    for r in rows(nps_file):
        day, month, year = r["Survey date"].split("/")
        per_month[f"{year}-{month}"].append(int(r["NPS"]))
        per_market[r["Market"]].append(int(r["NPS"]))
    bundle = DataBundle([load_dataset(nps_file)])
    months = {p.label: p for p in breakdown(bundle, "nps", "month")}
    assert set(months) == set(per_month)
    for label, scores in per_month.items():
        assert months[label].value == pytest.approx(nps_of(scores)) and months[label].n == len(scores)
    market_column = "segment"
    markets = {p.label: p.value for p in breakdown(bundle, "nps", market_column)}
    assert markets == pytest.approx({m: nps_of(s) for m, s in per_market.items()})


def test_nps_filtered_to_one_quarter(nps_file):
    q4 = [int(r["NPS"]) for r in rows(nps_file) if int(r["Survey date"].split("/")[1]) >= 10]
    bundle = DataBundle([load_dataset(nps_file)])
    result = compute_metric(bundle, "nps", filters=Filters("2021-10-01", "2021-12-31"))
    assert result.n == len(q4) and result.value == pytest.approx(nps_of(q4))


def test_telco_churn_matches_a_plain_computation(datasets_dir):
    path = datasets_dir / "churn_telco_ibm" / "Telco-Customer-Churn.csv"
    data = rows(path)
    churned = sum(1 for r in data if r["Churn"] == "Yes")
    bundle = DataBundle([load_dataset(path)])
    results = compute_all(bundle)
    assert results["churn_rate"].value == pytest.approx(100.0 * churned / len(data))
    assert results["churn_rate"].n == len(data) == 7043
    assert results["retention_rate"].value == pytest.approx(100.0 * (len(data) - churned) / len(data))
    per_contract = defaultdict(lambda: [0, 0])
    for r in data:
        per_contract[r["Contract"]][0] += r["Churn"] == "Yes"
        per_contract[r["Contract"]][1] += 1
    contract_column = next(c for c in bundle.datasets[0].frame.columns
                           if set(bundle.datasets[0].frame[c].dropna().unique()) == set(per_contract))
    got = {p.label: p.value for p in breakdown(bundle, "churn_rate", contract_column)}
    assert got == pytest.approx({k: 100.0 * a / b for k, (a, b) in per_contract.items()})


def test_telco_historical_clv_is_the_mean_of_total_charges(datasets_dir):
    path = datasets_dir / "churn_telco_ibm" / "Telco-Customer-Churn.csv"
    totals = [float(r["TotalCharges"]) for r in rows(path) if r["TotalCharges"].strip()]
    result = compute_metric(DataBundle([load_dataset(path)]), "clv_historical")
    assert result.n == len(totals) == 7032
    assert result.value == pytest.approx(sum(totals) / len(totals))


@pytest.fixture(scope="module")
def hcahps(datasets_dir):
    path = datasets_dir / "survey_hcahps_cms" / "state_results.csv"
    return path, rows(path)


def test_hcahps_top_box_csat_from_buckets_is_the_equal_weight_mean_of_one_question(hcahps):
    path, data = hcahps
    rating = [r for r in data if r["Measure ID"] == "H_HSP_RATING"]
    expected = sum(float(r["Top-box Percentage"]) for r in rating) / len(rating)
    bundle = DataBundle([load_dataset(path)])
    result = compute_metric(bundle, "csat", {"csat": {"question": "H_HSP_RATING"}})
    assert result.value == pytest.approx(expected) and result.n == len(rating)
    assert result.details["weighting"] == "equal" and "same" in result.details["note"]
    assert compute_metric(bundle, "csat").value is None          # ten measures are never pooled


def test_hcahps_nps_style_score_for_the_recommend_measure(hcahps):
    path, data = hcahps
    rec = [r for r in data if r["Measure ID"] == "H_RECMND"]
    expected = sum(float(r["Top-box Percentage"]) - float(r["Bottom-box Percentage"]) for r in rec) / len(rec)
    bundle = DataBundle([load_dataset(path)])
    result = compute_metric(bundle, "nps", filters=Filters(categories={"group": ["H_RECMND"]}))
    assert result.n == len(rec)
    assert result.value == pytest.approx(expected)
