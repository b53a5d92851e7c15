"""Resolution time is measured to resolution (issue 10, item 2).

The closing time is used only when the file has no resolved time at all (and the result says
so), or, row by row, when the owner turns that on (``closed_as_resolved=for_missing_rows``);
the rows it touches are reported either way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.errors import ParameterError
from metrics_core.loading import load_dataset
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs

H = 3600.0


def _excluded(result):
    return [(count, str(reason)) for count, reason in result.excluded]


def _tickets(**columns):
    frame = pd.DataFrame({"ticket_id": ["1", "2", "3"],
                          "created_at": pd.to_datetime(["2024-03-04 08:00", "2024-03-04 08:00", "2024-03-04 08:00"])})
    for name, values in columns.items():
        frame[name] = pd.to_datetime(values)
    return MetricInputs({"tickets": frame})


# by hand: ticket 1 resolved after 2 h (closed after 50 h), ticket 2 resolved after 4 h, ticket 3 closed after
# 30 h without a resolved time.
RESOLVED = ["2024-03-04 10:00", "2024-03-04 12:00", None]
CLOSED = ["2024-03-06 10:00", "2024-03-05 12:00", "2024-03-05 14:00"]


def test_closed_time_is_not_mixed_in_by_default():
    result = compute_metric(_tickets(resolved_at=RESOLVED, closed_at=CLOSED), "resolution_time")
    assert result.value == pytest.approx(3 * H) and result.n == 2          # (2 h + 4 h) / 2
    assert (1, "tickets closed without a resolved time (not counted; closing time can be counted with "
               "the setting “Closing time counts as resolution”)") in _excluded(result)
    assert result.details["closed_as_resolved"] == "when_no_resolved_column"


def test_row_by_row_fallback_is_a_visible_choice():
    result = compute_metric(_tickets(resolved_at=RESOLVED, closed_at=CLOSED), "resolution_time",
                            {"resolution_time": {"closed_as_resolved": "for_missing_rows"}})
    assert result.value == pytest.approx((2 + 4 + 30) / 3 * H) and result.n == 3
    assert result.details["filled_from_closed_at"] == 1
    assert "1 ticket measured to its closing time" in str(result.details["note"])


def test_a_file_with_only_closing_times_uses_them_and_says_so():
    result = compute_metric(_tickets(closed_at=CLOSED), "resolution_time")
    assert result.value == pytest.approx((50 + 28 + 30) / 3 * H)
    assert "closed_at" in result.details["source"]
    assert "closing time counted as resolution" in str(result.details["note"])
    never = compute_metric(_tickets(closed_at=CLOSED), "resolution_time",
                           {"global": {"closed_as_resolved": "never"}})
    assert never.value is None and "resolved_at" in never.missing_fields


def test_sla_on_resolution_follows_the_same_rule():
    # targets 3 h: ticket 1 (2 h) met, ticket 2 (4 h) missed; ticket 3 has no resolved time -> 1 of 2 = 50 %
    params = {"sla_compliance": {"measure": "resolution", "targets": {"default": 3 * H}}}
    inputs = _tickets(resolved_at=RESOLVED, closed_at=CLOSED)
    assert compute_metric(inputs, "sla_compliance", params).value == pytest.approx(50.0)
    params["sla_compliance"]["closed_as_resolved"] = "for_missing_rows"
    assert compute_metric(inputs, "sla_compliance", params).value == pytest.approx(100 / 3)


def test_a_wrong_choice_is_refused():
    with pytest.raises(ParameterError, match="closed_as_resolved must be one of"):
        compute_metric(_tickets(resolved_at=RESOLVED), "resolution_time", {"resolution_time": {"closed_as_resolved": "x"}})


def test_servicenow_incidents_resolution_time(datasets_dir):
    path = datasets_dir / "incidents_servicenow_uci" / "incident_event_log.csv"
    # independent: plain pandas over the event log, one row per incident, resolved - opened
    raw = pd.read_csv(path, na_values=["?"], keep_default_na=False)
    for col in ("opened_at", "resolved_at"):
        raw[col] = pd.to_datetime(raw[col], format="%d-%m-%Y %H:%M")
    per = raw.groupby("number").agg(opened=("opened_at", "first"), resolved=("resolved_at", "last"))
    hours = ((per["resolved"] - per["opened"]).dt.total_seconds() / H).dropna()
    assert len(hours) == 861 and round(float(hours.median()), 1) == 54.5

    bundle = DataBundle([load_dataset(path)])
    result = compute_metric(bundle, "resolution_time")
    assert result.n == len(hours)
    assert result.median / H == pytest.approx(float(hours.median()))
    assert result.value / H == pytest.approx(float(hours.mean()))
    assert (29, "tickets closed without a resolved time (not counted; closing time can be counted with the "
                "setting “Closing time counts as resolution”)") in _excluded(result)
    filled = compute_metric(bundle, "resolution_time", {"global": {"closed_as_resolved": "for_missing_rows"}})
    assert filled.n == 890 and filled.details["filled_from_closed_at"] == 29
    assert round(filled.median / H, 1) == 61.8
    assert np.isfinite(filled.value)
