"""``kpidesk calc`` / ``kpidesk compute`` and the generated KPI catalogue."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from metrics_core.cli import main
from metrics_core.metrics.docs import describe, metrics_markdown, write_metrics_doc
from metrics_core.metrics.registry import REGISTRY

from ...spacing import read

REPO = Path(__file__).resolve().parents[3]


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_calc_prints_the_worked_examples(capsys):
    code, out, _ = run(capsys, "calc", "retention_rate", "start=200", "end=200", "new=20")
    assert code == 0 and "90 %" in read(out)
    code, out, _ = run(capsys, "calc", "nps", "promoters=70", "passives=20", "detractors=10")
    assert code == 0 and ": 60 " in out
    code, out, _ = run(capsys, "calc", "clv", "avg_purchase_value=50", "purchase_frequency=5", "lifespan_years=3")
    assert "750.00" in out
    code, out, _ = run(capsys, "calc", "--json", "churn_rate", "lost=20", "start=250")
    assert json.loads(out)["value"] == pytest.approx(8.0)


@pytest.mark.parametrize("argv,needle", [
    (["calc", "nps", "promoters=70"], "needs promoters, passives, detractors"),
    (["calc", "retention_rate", "start=200", "end=2x0", "new=20"], "end must be a number"),
    (["calc", "nope", "a=1"], "no KPI called “nope”"),
    (["calc", "brand_attributes", "a=1"], "cannot be computed from totals"),
    (["calc", "csat", "positive"], "is not NAME=VALUE"),
])
def test_calc_errors_are_one_plain_sentence(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert needle in err and "Traceback" not in err and err.count("\n") == 1


@pytest.fixture(scope="module")
def nps_file():
    return REPO.parent / "shared" / "datasets" / "survey_nps_responses" / "NPS_timeseries_data.csv"


def test_compute_json_with_series_and_groups(capsys, nps_file):
    code, out, _ = run(capsys, "compute", str(nps_file), "--by", "quarter", "--group", "segment", "--json",
                       "--param", "nps.target=20")
    assert code == 0
    doc = json.loads(out)
    metrics = {m["id"]: m for m in doc["metrics"]}
    assert doc["as_of"].startswith("2021-12-")
    assert set(metrics) == {s.id for s in REGISTRY}
    for m in doc["metrics"]:
        assert {"id", "value", "unit", "n", "numerator", "denominator"} <= set(m)
        if m["value"] is None:
            assert m["reason"]
    with open(nps_file, newline="") as fh:
        data = list(csv.DictReader(fh))
    quarters: dict[str, list[int]] = {}
    for r in data:
        quarters.setdefault(f"Q{r['Quarter']} 2021", []).append(int(r["NPS"]))
    series = {p["period"]: p for p in metrics["nps"]["series"]}
    for q, scores in quarters.items():
        expected = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
        assert series[q]["value"] == pytest.approx(expected) and series[q]["n"] == len(scores)
    assert {g["group"] for g in metrics["nps"]["groups"]} == {"US", "UK", "MEX"}
    assert sum(g["n"] for g in metrics["nps"]["groups"]) == len(data)
    assert metrics["csat"]["value"] is None and "csat_score" in metrics["csat"]["reason"]


def test_compute_text_table_and_date_range(capsys, nps_file):
    code, out, _ = run(capsys, "compute", str(nps_file), "--from", "2021-10-01", "--to", "2021-12-31", "--by", "month")
    assert code == 0
    assert "Net Promoter Score" in out and "Oct 2021" in out and "Sep 2021" not in out     # periods by their names
    assert "Not computed" in out


def test_compute_rejects_bad_options_plainly(capsys, nps_file):
    for argv, needle in ((["--param", "nps.colour=red"], "nps has no parameter “colour”"),
                         (["--group", "shoe_size"], "has a column “shoe_size”"),
                         (["--from", "31.31.2021"], "is not a date"),
                         (["--param", "oops"], "is not METRIC.NAME=VALUE"),
                         (["--map", "shoe_size=NPS"], "“shoe_size” is not a field"),
                         (["--map", "customer_id=Nope"], "has no column “Nope” for customer_id")):
        code, out, err = run(capsys, "compute", str(nps_file), *argv)
        assert code == 2 and needle in err and "Traceback" not in err


def test_describe_gives_formula_parameters_and_source():
    text = describe("csat")
    assert "times 100" in text and "threshold" in text and "default automatic" in text and "Source:" in text
    assert "(fields: CSAT score)" in text            # the field as the import dialog names it, not csat_score
    assert "Reads: calls or call intervals (ACD)." in describe("answer_rate")     # was "(acd)": the kind in lower case


@pytest.mark.parametrize("code, words", [
    ("sl", ("Bere: ", "Enota: %; višje je bolje.", "privzeto samodejno", "Vir: ", "slovar LiveAgent (sv)")),
    ("sr", ("Чита: ", "Јединица: %; више је боље.", "подразумевано аутоматски", "Извор: ")),
    ("sv", ("Läser: ", "Enhet: %; högre är bättre.", "standard automatiskt", "Källa: ")),
])
def test_describe_speaks_the_window_s_language(code, words):
    """The cards' tooltips (s14-qt14's shot 70_tooltip_card) were English developer text in every language:
    "Reads: … (fields: csat_score) … Unit: % … default auto … Source: LiveAgent (sl)"."""
    from metrics_core.i18n import language

    with language(code):
        text = describe("csat")
    for word in words:
        assert word in text, (code, word, text)
    for english in ("Reads:", "Unit:", "higher is better", " default ", "Source:", "csat_score", "glossary"):
        assert english not in text, (code, english, text)


def test_checked_in_metrics_doc_is_the_generated_text(tmp_path):
    checked_in = (REPO / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert checked_in == metrics_markdown(), "docs/metrics.md is stale: run python -m metrics_core.metrics.docs"
    written = write_metrics_doc(tmp_path / "m.md")
    assert written.read_text(encoding="utf-8") == checked_in
    for spec in REGISTRY:
        assert f"`{spec.id}`" in checked_in
