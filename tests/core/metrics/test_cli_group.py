"""``--group`` takes the file's own headers and says when a column cannot be used (issue 10, item 5).

Expectations by plain pandas on NPS_timeseries_data.csv (5,000 answers, 0-10):
NPS = 100 × (#9-10 − #0-6) / # per group.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from metrics_core.cli import main


@pytest.fixture(scope="module")
def nps_file(datasets_dir):
    return datasets_dir / "survey_nps_responses" / "NPS_timeseries_data.csv"


def _expected(path, column):
    raw = pd.read_csv(path)
    score = raw["NPS"]
    net = (score >= 9).astype(int) - (score <= 6).astype(int)
    grouped = net.groupby(raw[column].astype(str))
    return {str(k): (100 * v.sum() / len(v), len(v)) for k, v in grouped}


def _run_json(capsys, *argv):
    code = main(["compute", *map(str, argv), "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return {m["id"]: m for m in json.loads(out.out)["metrics"]}


def _groups(row):
    return {p["group"]: (p["value"], p["n"]) for p in row["series"]}


def test_group_by_the_files_own_header(capsys, nps_file):
    expected = _expected(nps_file, "Market")
    assert len(expected) >= 2
    by_header = _groups(_run_json(capsys, nps_file, "--group", "Market")["nps"])
    assert by_header.keys() == expected.keys()
    for market, (value, n) in expected.items():
        assert by_header[market] == (pytest.approx(value), n)
    assert _groups(_run_json(capsys, nps_file, "--group", "market")["nps"]) == by_header   # any case
    assert _groups(_run_json(capsys, nps_file, "--group", "segment")["nps"]) == by_header  # canonical name


def test_group_by_an_unmapped_numeric_column(capsys, nps_file):
    expected = _expected(nps_file, "Quarter")
    got = _groups(_run_json(capsys, nps_file, "--group", "Quarter")["nps"])
    assert got.keys() == expected.keys() and len(got) == 4
    for quarter, (value, n) in expected.items():
        assert got[quarter] == (pytest.approx(value), n)


def test_a_kpi_whose_rows_lack_the_column_says_so(capsys, tmp_path, nps_file):
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("Ticket ID,Created at\nT1,2021-03-01 10:00\nT2,2021-03-02 10:00\n", encoding="utf-8")
    metrics = _run_json(capsys, nps_file, tickets, "--group", "Market")
    assert metrics["nps"]["series"]
    volume = metrics["request_volume"]
    assert volume["value"] == 2 and volume["series"] == []
    assert volume["group_note"] == "Request volume cannot be broken down by “Market”: its rows (tickets) have no such column."
    assert main(["compute", str(nps_file), str(tickets), "--group", "Market"]) == 0
    assert "cannot be broken down by “Market”" in capsys.readouterr().out


def test_an_unknown_column_names_the_ones_there_are(capsys, nps_file):
    code = main(["compute", str(nps_file), "--group", "Region"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "No loaded file has a column “Region” to group by" in err and "Market" in err and "Quarter" in err
