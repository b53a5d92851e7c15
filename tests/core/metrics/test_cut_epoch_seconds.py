"""A filter's time stamps in seconds are taken from the unfiltered column's, worked out once (issue 15, session
20): first response, resolution and the backlog read the seconds of the same three columns, and a re-filter
worked them out again for its cut (0.7 ms a column and KPI at 262,000 tickets). The same numbers; other time
stamps (another file, the same file read with another mapping) are worked out for themselves."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core import column_facts
from metrics_core.column_facts import cut_rows
from metrics_core.metrics import common, engine
from metrics_core.metrics.engine_inputs import Filters
from metrics_core.metrics.model import MetricInputs

from .builders import make_frames


def stamps(n: int, seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    values = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**8, n), unit="s")
    series = pd.Series(values.as_unit("us"))
    series[rng.random(n) < 0.1] = pd.NaT
    return series


def by_hand(series: pd.Series) -> np.ndarray:
    """Seconds since 1970 worked out independently: (stamp - epoch) / 1 s."""
    return ((series - pd.Timestamp("1970-01-01")) / pd.Timedelta(seconds=1)).to_numpy(dtype=float, na_value=np.nan)


def counted(monkeypatch) -> list[int]:
    """The lengths of the columns whose seconds are worked out (not taken), one a computation."""
    made: list[int] = []
    name = "_epoch_seconds" if hasattr(common, "_epoch_seconds") else "epoch_seconds"   # (main: no taking)
    real = getattr(common, name)
    monkeypatch.setattr(common, name, lambda series: made.append(len(series)) or real(series))
    return made


def test_a_cuts_seconds_are_the_unfiltered_columns_at_its_rows(monkeypatch) -> None:
    made = counted(monkeypatch)
    frame = pd.DataFrame({"created_at": stamps(5000, 1), "status": pd.array(["open", "closed"] * 2500, dtype="string")})
    whole = common.epoch_seconds(frame["created_at"])
    rows = (frame["status"] == "closed").to_numpy()
    cut = cut_rows(frame, rows)
    seconds = common.epoch_seconds(cut["created_at"])
    assert made == [5000]                       # worked out once, for the unfiltered column (main: [5000, 2500])
    np.testing.assert_array_equal(seconds, by_hand(cut["created_at"]))
    np.testing.assert_array_equal(whole, by_hand(frame["created_at"]))


def test_the_kept_seconds_cannot_be_changed_by_a_caller() -> None:
    """The unfiltered column's seconds are shared by every KPI (given read-only); a cut's are its caller's own."""
    frame = pd.DataFrame({"created_at": stamps(3000, 2)})
    first = common.epoch_seconds(frame["created_at"])
    with pytest.raises(ValueError):
        first[:] = -1.0
    np.testing.assert_array_equal(common.epoch_seconds(frame["created_at"]), by_hand(frame["created_at"]))
    cut = cut_rows(frame, np.arange(3000) % 3 == 0)
    taken = common.epoch_seconds(cut["created_at"])
    taken[:] = -1.0
    np.testing.assert_array_equal(common.epoch_seconds(cut["created_at"]), by_hand(cut["created_at"]))
    np.testing.assert_array_equal(common.epoch_seconds(frame["created_at"]), by_hand(frame["created_at"]))


def test_other_time_stamps_are_worked_out_for_themselves(monkeypatch) -> None:
    """A new file's (or a new mapping's) columns are new arrays: nothing kept for the old ones is read for them,
    and a cut of a frame whose seconds are not kept works out its own."""
    made = counted(monkeypatch)
    old = pd.DataFrame({"created_at": stamps(4000, 3)})
    new = pd.DataFrame({"created_at": stamps(4000, 4)})             # the same length, other time stamps
    common.epoch_seconds(old["created_at"])
    np.testing.assert_array_equal(common.epoch_seconds(new["created_at"]), by_hand(new["created_at"]))
    cut = cut_rows(pd.DataFrame({"created_at": stamps(4000, 5)}), np.arange(4000) % 2 == 0)
    np.testing.assert_array_equal(common.epoch_seconds(cut["created_at"]), by_hand(cut["created_at"]))
    assert made == [4000, 4000, 2000]


def test_a_filters_first_response_time_is_the_one_its_rows_give(tmp_path, monkeypatch) -> None:
    """Through the engine, files read as the app reads them: the unfiltered KPIs first, then a filter (its seconds
    taken, none worked out), then another file of the same tickets with other response times (new frames): each
    FRT is the mean its own rows give, worked out by hand."""
    from metrics_core.cli.compute_cmd import load_bundle

    tickets = make_frames(600, 9)["tickets"][["ticket_id", "created_at", "first_response_at", "status", "channel"]]
    other = tickets.assign(first_response_at=tickets["first_response_at"] + pd.Timedelta(minutes=7))
    for name, frame in (("tickets.csv", tickets), ("later.csv", other)):
        frame.to_csv(tmp_path / name, index=False)
        inputs = MetricInputs.from_bundle(load_bundle([str(tmp_path / name)], None, {}))
        engine.compute_all(inputs, {}, Filters(), only=["first_response_time", "backlog"])
        made = counted(monkeypatch)
        result = engine.compute_metric(inputs, "first_response_time", {}, Filters(categories={"status": ["closed"]}))
        assert made == []                       # (taken from the unfiltered columns' seconds; main: two columns)
        closed = frame[frame["status"] == "closed"]
        seconds = by_hand(closed["first_response_at"]) - by_hand(closed["created_at"])
        seconds = seconds[np.isfinite(seconds) & (seconds >= 0)]
        assert len(seconds) > 50 and result.n == len(seconds)
        assert abs(result.value - seconds.mean()) < 1e-6
        monkeypatch.undo()
