"""Plausible or silent: on real files, what the inputs cannot support is said, not shown as a number."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.formatting import result_caveat
from metrics_core.loading import load_dataset
from metrics_core.mapping.model import FieldMapping
from metrics_core.metrics import engine
from metrics_core.metrics.engine import Filters
from metrics_core.metrics.plausibility import date_only


@pytest.fixture(scope="module")
def tickets_with_purchase_dates(datasets_dir):
    """The Kaggle tickets with 'Date of Purchase' (dates only) mapped as the creation time, as an owner might."""
    path = datasets_dir / "tickets_kaggle_support" / "customer_support_tickets.csv"
    detected = load_dataset(path)
    fields = dict(detected.mapping.fields)
    fields["created_at"] = FieldMapping("created_at", ["Date of Purchase"], 1.0, "user", "chosen by the owner")
    return load_dataset(path, mapping=replace(detected.mapping, fields=fields))


def test_durations_from_date_only_columns_carry_a_caveat(tickets_with_purchase_dates) -> None:
    ds = tickets_with_purchase_dates
    assert date_only(ds.frame["created_at"]) and not date_only(ds.frame["first_response_at"])
    results = engine.compute_all(DataBundle([ds]))
    for metric_id in ("first_response_time", "resolution_time"):
        result = results[metric_id]
        assert result.value is not None and result.value > 300 * 86400        # the "884 d 17 h" of the issue
        line, detail = result_caveat(result)
        assert "Created at" in line and "no times of day" in line
        assert "midnight" in detail


def test_peak_hours_are_not_shown_from_dates_without_times(tickets_with_purchase_dates) -> None:
    result = engine.compute_all(DataBundle([tickets_with_purchase_dates]))["peak_hours"]
    assert result.value is None and "no times of day" in result.reason


def test_times_of_day_keep_peak_hours_and_exact_durations(datasets_dir) -> None:
    comcast = load_dataset(datasets_dir / "complaints_comcast" / "Comcast_telecom_complaints_data.csv")
    result = engine.compute_all(DataBundle([comcast]))["peak_hours"]
    # worked out independently: the busiest weekday x hour cell of the combined Date + Time column
    when = pd.DatetimeIndex(comcast.frame["created_at"].dropna())
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([when.day_of_week, when.hour])).groupby(level=[0, 1]).sum()
    assert result.value == counts.max()
    # no "approximate" caveat: the line says over how many of the busiest weekday the count runs
    day = counts.idxmax()[0]
    weeks = sum(1 for d in pd.date_range(when.min().normalize(), when.max().normalize()) if d.day_of_week == day)
    line = result_caveat(result)[0].replace("\u00a0", " ")
    assert line == f"over {weeks} weeks: about {round(counts.max() / weeks, 1):g} a week" and "times of day" not in line


def test_a_share_by_channel_needs_a_channel(datasets_dir) -> None:
    from tests.gui.helpers import make_dataset, tickets_frame

    no_channel = make_dataset("t", "tickets", tickets_frame(60).drop(columns=["channel"]))
    result = engine.compute_metric(DataBundle([no_channel]), "volume_by_channel")
    assert result.value is None and "channel" in result.reason
    with_channel = make_dataset("t", "tickets", tickets_frame(60))
    shares = engine.compute_metric(DataBundle([with_channel]), "volume_by_channel")
    top = tickets_frame(60)["channel"].value_counts()
    assert shares.value == pytest.approx(100 * top.iloc[0] / top.sum())


def test_no_rows_under_the_filters_is_said_not_valued() -> None:
    from tests.gui.helpers import make_dataset, tickets_frame

    bundle = DataBundle([make_dataset("t", "tickets", tickets_frame(60))])
    nobody = Filters(categories={"agent": ["Nobody"]})
    results = engine.compute_all(bundle, filters=nobody)
    shown = {k: r for k, r in results.items() if r.value is not None and r.n == 0}
    assert not shown, sorted(shown)
    assert results["csat"].value is None and results["csat"].reason


def test_peak_hours_of_a_file_without_dates_name_the_missing_column(tmp_path) -> None:
    """shots11 66_issue_no_dates_no_channel: a ticket file without any date column gave "No data of the kind
    'dated tickets, calls or social' is loaded for the chosen period and filters", though no filter was on."""
    path = tmp_path / "tickets without dates.csv"
    path.write_text("Ticket ID,Agent,Status,Priority\n" + "".join(
        f"T{i},{'Ana' if i % 2 else 'Bo'},{'Open' if i % 3 else 'Solved'},{'High' if i % 5 else 'Low'}\n"
        for i in range(40)), encoding="utf-8")
    undated = load_dataset(path)
    assert "created_at" not in undated.frame.columns
    result = engine.compute_metric(DataBundle([undated]), "peak_hours")
    assert result.value is None and result.missing_fields == ["created_at"]
    assert "period and filters" not in str(result.reason)
    # with times, nothing left under the filters: that reason stays
    from tests.gui.helpers import make_dataset, tickets_frame

    nobody = Filters(categories={"agent": ["Nobody"]})
    left = engine.compute_metric(DataBundle([make_dataset("t", "tickets", tickets_frame(60))]), "peak_hours",
                                 filters=nobody)
    assert left.value is None and not left.missing_fields
