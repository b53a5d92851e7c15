"""The deck and the workbook carry the staffing curve: service level and occupancy (%), and ASA (s), by agents."""

from __future__ import annotations

import math

import pytest
from pptx import Presentation

from metrics_core.dataset import DataBundle
from metrics_core.export.build import build_report
from metrics_core.export.pptx_deck import write_pptx
from metrics_core.loading import load_dataset
from metrics_core.report_view import KpiView


@pytest.fixture(scope="module")
def pwc_report(datasets_dir):
    bundle = DataBundle([load_dataset(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")])
    # the owner's report with staffing among its KPIs (the default short deck leaves it to the window)
    return build_report(bundle, view=KpiView(kpis=("abandonment_rate", "staffing")))


def test_staffing_charts_follow_the_curve(pwc_report):
    charts = {c.chart_id: c for c in pwc_report.charts}
    shares, asa = charts["staffing-service-level-by-agents"], charts["staffing-asa-by-agents"]
    staffing = next(k for k in pwc_report.kpis if k.metric_id == "staffing")
    assert staffing.value == 2
    # one agent is an M/M/1 queue: occupancy = A, P(wait) = A, ASA = A·AHT/(1 − A) and the service level
    # is 1 − A·e^{−(1−A)·20/AHT}; the three series must agree with it (and occupancy·k = A for every k)
    first = shares.frame.iloc[0]
    traffic = first["Occupancy"] / 100
    assert shares.frame.index[0] == "1" and 0 < traffic < 1
    for k, occupancy in enumerate(shares.frame["Occupancy"], start=1):
        assert occupancy / 100 * k == pytest.approx(traffic)
    aht = asa.frame.iloc[0]["ASA"] * (1 - traffic) / traffic
    assert first["Service level"] / 100 == pytest.approx(1 - traffic * math.exp(-(1 - traffic) * 20 / aht))
    assert shares.target == 80 and shares.unit == "%" and asa.unit == "seconds"
    assert list(shares.frame["Service level"]) == sorted(shares.frame["Service level"])
    assert not any(math.isinf(v) for v in asa.frame["ASA"].dropna())


def test_the_deck_has_the_staffing_slides(pwc_report, tmp_path):
    path = tmp_path / "deck.pptx"
    write_pptx(pwc_report, path)
    shapes = [shape for slide in Presentation(str(path)).slides for shape in slide.shapes]
    titles = [shape.text_frame.text for shape in shapes if shape.has_text_frame]
    titles += [shape.chart.chart_title.text_frame.text for shape in shapes
               if shape.has_chart and shape.chart.has_title]
    assert any("Staffing: service level and occupancy by agents" in t for t in titles)
    assert any("Staffing: ASA by agents" in t for t in titles)
