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



def test_a_count_is_ticked_at_whole_numbers_on_a_slide():
    """shots11 63_issue_pwc: a count of agents was ticked in tenths; a trend of 2 agents a month is framed 1 to 3
    and ticked 1, 2, 3 with no decimals (PowerPoint's major unit: :func:`tick_step`)."""
    from metrics_core.export.chart_data import axis_ticks, axis_unit, tick_format, tick_step, value_axis_range

    bounds = value_axis_range([2.0, 2.0, 2.0], "count")
    assert bounds == (1.0, 3.0)
    assert axis_ticks(*bounds, whole=True) == [1.0, 2.0, 3.0] and tick_step(*bounds, True) == 1.0
    assert tick_format(axis_unit("count"), *bounds) == "#,##0"
    assert tick_step(0.0, 1.0, True) == 1.0                     # bars of 1.0 each: 0 and 1, no 0.2
    assert value_axis_range([2.0, 2.0, 2.0], "%") != (1.0, 3.0)     # a percentage keeps its fine steps


def test_the_columns_a_staffing_kpi_is_broken_down_by(datasets_dir):
    """Agents needed per agent say nothing: the report builder and the export dialog do not offer it."""
    from metrics_core.export.report_charts import category_columns

    bundle = DataBundle([load_dataset(datasets_dir / "calls_pwc_callcenter" / "01 Call-Center-Dataset.xlsx")])
    assert category_columns(bundle, "staffing") == []
    assert "agent" in category_columns(bundle, "average_handle_time")
