"""Agent productivity's working days: each counted item's day, worked out on the counted rows only (issue 15,
session 18: ``dt.normalize`` of every ticket of a status took 3 ms of the first re-filter), the very days
``dt.normalize`` gives, in every unit, before the epoch, missing or in a time zone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.metrics import engine
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.ticket_volume import _days

MOMENTS = ["2024-03-05 00:00:00", "2024-03-05 23:59:59.999999", "1969-12-31 23:59:59.5", "1900-02-28 12:00",
           None, "2024-03-06 00:00:00.000001", "1970-01-01", "2262-04-10 12:00"]


@pytest.mark.parametrize("unit", ["ns", "us", "ms", "s"])
@pytest.mark.parametrize("zone", [None, "Europe/Ljubljana"])
def test_the_days_are_those_dt_normalize_gives(unit, zone) -> None:
    moments = pd.Series(pd.to_datetime(MOMENTS, format="ISO8601")).astype(f"datetime64[{unit}]")
    if zone is not None:
        moments = moments.dt.tz_localize(zone)
    rows = np.array([True, True, True, True, True, False, True, True])
    wanted = moments.dt.normalize().to_numpy(dtype="datetime64[us]")[rows]
    got = _days(moments, rows)
    assert got.dtype == np.dtype("datetime64[us]")
    assert got.view(np.int64).tolist() == wanted.view(np.int64).tolist()


def test_agent_productivity_normalizes_no_moment_of_a_naive_column(monkeypatch) -> None:
    tickets = pd.DataFrame({"agent": pd.array(["Ana", "Bo", "Ana", "Ana"], dtype="string"),
                            "status": pd.array(["solved", "solved", "open", "solved"], dtype="string"),
                            "created_at": pd.to_datetime(["2024-01-01 09:00", "2024-01-01 10:00", "2024-01-02 08:00",
                                                          "2024-01-03 23:00"]),
                            "resolved_at": pd.to_datetime(["2024-01-01 17:00", "2024-01-02 01:00", None,
                                                           "2024-01-04 00:30"])})
    called = []
    real = pd.core.indexes.accessors.DatetimeProperties.normalize

    def normalize(self, *args, **kwargs):
        called.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.core.indexes.accessors.DatetimeProperties, "normalize", normalize)
    result = engine.compute_metric(MetricInputs({"tickets": tickets}), "agent_productivity")
    assert called == []
    # Ana: two resolved tickets on 1 and 4 January (two days), Bo: one on 2 January
    assert result.details["by_agent"] == {"Ana": {"items": 2, "working_days": 2, "per_day": 1.0},
                                          "Bo": {"items": 1, "working_days": 1, "per_day": 1.0}}
    assert result.value == 1.0
