"""An open-tickets trend (the card's trend line, the chart area's trend) runs the KPI once a period over the same
rows: what does not depend on the day (each ticket's resolution moment and status, its creation) is worked out
once and shared by the periods (issue 15: 81-85 -> 42-49 ms a period at a million tickets). Each period's figure
stays that of the KPI computed on its own."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics import engine, ticket_volume
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.periods import next_start
from metrics_core.resources import demo_dir


@pytest.mark.parametrize("path, by", [("demo:tickets.csv", "month"), ("demo:tickets.csv", "week"),
                                      ("complaints_comcast/Comcast_telecom_complaints_data.csv", "month")])
def test_each_period_of_an_open_tickets_trend_equals_the_kpi_computed_alone(datasets_dir, monkeypatch, path,
                                                                            by) -> None:
    """Every period again on fresh inputs: 1-3 s a file on a loaded 2-core machine."""
    dataset = load_dataset(demo_dir() / path[5:] if path.startswith("demo:") else datasets_dir / path)
    made = []
    facts = ticket_volume._open_facts
    monkeypatch.setattr(ticket_volume, "_open_facts", lambda tickets: made.append(1) or facts(tickets))
    points = engine.breakdown(MetricInputs.from_bundle(DataBundle([dataset])), "open_tickets", by)
    assert len(points) >= 3 and any(p.value for p in points)
    assert made == [1]                          # once for the trend, not once a period
    for point in points:
        start = pd.Timestamp(point.key)
        alone = engine.compute_metric(MetricInputs.from_bundle(DataBundle([dataset])), "open_tickets", None,
                                      Filters(start, next_start(start, by) - pd.Timedelta(microseconds=1)))
        assert (point.value, point.n) == (alone.value, alone.n), point
