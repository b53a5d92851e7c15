"""A backlog trend runs the backlog once a period over the same rows: what does not depend on the period (the
tickets counted, their creation and resolution moments) is worked out once and shared by the periods (issue 15:
0.75 -> 0.12 s a trend at a million tickets). Each period's figure stays that of the KPI computed on its own."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.loading import load_dataset
from metrics_core.metrics import engine
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.periods import next_start
from metrics_core.resources import demo_dir


@pytest.mark.parametrize("path, by", [("demo:tickets.csv", "month"), ("demo:tickets.csv", "week"),
                                      ("incidents_servicenow_uci/incident_event_log.csv", "month"),
                                      ("complaints_comcast/Comcast_telecom_complaints_data.csv", "week")])
def test_each_period_of_a_backlog_trend_equals_the_backlog_computed_alone(datasets_dir, path, by) -> None:
    """Every period again on fresh inputs: 1-3 s a file on a loaded 2-core machine."""
    dataset = load_dataset(demo_dir() / path[5:] if path.startswith("demo:") else datasets_dir / path)
    points = engine.breakdown(MetricInputs.from_bundle(DataBundle([dataset])), "backlog", by)
    assert len(points) >= 3 and any(p.value for p in points)
    for point in points:
        start = pd.Timestamp(point.key)
        alone = engine.compute_metric(MetricInputs.from_bundle(DataBundle([dataset])), "backlog", None,
                                      Filters(start, next_start(start, by) - pd.Timedelta(microseconds=1)))
        assert (point.value, point.n) == (alone.value, alone.n), point


def test_derived_values_are_shared_by_other_periods_of_the_same_frames_only() -> None:
    inputs = MetricInputs({"tickets": pd.DataFrame({"created_at": pd.to_datetime(["2024-01-02", "2024-02-03"])})})
    made = []
    inputs.derived("rows", lambda: made.append(1) or 2)
    other_period = inputs.with_frames(inputs.frames, period=(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")))
    assert other_period.derived("rows", lambda: made.append(1) or 2) == 2 and made == [1]
    sliced = inputs.with_frames({"tickets": inputs.frames["tickets"].iloc[:1]})
    assert sliced.derived("rows", lambda: made.append(1) or 1) == 1 and made == [1, 1]


def _tickets(created: list[str]) -> pd.DataFrame:
    n = len(created)
    return pd.DataFrame({"created_at": pd.to_datetime(created),
                         "resolved_at": pd.to_datetime(["2024-03-01"] * (n - 1) + [None]),
                         "status": pd.array(["solved"] * (n - 1) + ["open"], dtype="string")})


def test_the_backlogs_creation_times_are_sorted_only_when_out_of_order(monkeypatch) -> None:
    """Tickets come by creation time in most files: the backlog's events keep those as they are (2.6 ms of sorting
    at 262,000 tickets, session 18) and sort the others; the events are the sorted times either way."""
    import numpy

    from metrics_core.metrics import stats, ticket_volume

    sorts = []
    real_sort = numpy.sort

    def counted(values, *args, **kwargs):
        sorts.append(len(values))
        return real_sort(values, *args, **kwargs)

    monkeypatch.setattr(numpy, "sort", counted)
    in_order = _tickets(["2024-01-01", "2024-01-02", "2024-01-02", "2024-02-05"])
    count, created, ended, _excluded = ticket_volume._backlog_events(in_order)
    assert sorts == [3]                 # the resolution times only
    assert count == 4 and created.tolist() == real_sort(created).tolist()
    assert created.tolist() == [t.timestamp() for t in in_order["created_at"]]
    sorts.clear()
    shuffled = _tickets(["2024-01-02", "2024-01-01", "2024-02-05", "2024-01-02"])
    count, created_again, _ended, _excluded = ticket_volume._backlog_events(shuffled)
    assert sorts == [4, 3] and created_again.tolist() == created.tolist()
    assert stats.ascending(numpy.array([1.0])).tolist() == [1.0]
