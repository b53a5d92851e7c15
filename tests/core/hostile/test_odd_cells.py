"""Odd cells that once stopped a whole file (issue 16, fuzz corpus): one test each, each failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics_core.loading import load_dataset

T = pd.Timestamp


def test_a_date_column_mixing_utc_offsets_and_stray_spaces_keeps_each_local_time(tmp_path: Path) -> None:
    """Fuzz file 2809: one 'Created at' value ended in a tab after its offset ("… -0500\\t"), so the offset
    was not taken off before pandas read the column, and pandas refused a column of texts with and
    without a zone: "ValueError: Mixed timezones detected" (a traceback from build_canonical)."""
    path = tmp_path / "orders.csv"
    path.write_bytes(b"Name,Email,Total,Created at\r\n"
                     b"#1001,a@x.com,10,2026-03-01 11:13:25 -0500\r\n"
                     b"#1002,b@x.com,20,2026-03-05 13:13:25 -0500\t\r\n"
                     b"#1003,c@x.com,30,2026-03-09 15:13:25 -0400\r\n"
                     b"#1004,d@x.com,40,2026-03-10 08:00:00 UTC+3\r\n")
    frame = load_dataset(path).frame
    # each value's own clock time, whatever offset it was written with (the rule of ingest.dates._wall_time)
    assert frame["order_date"].tolist() == [T("2026-03-01 11:13:25"), T("2026-03-05 13:13:25"),
                                            T("2026-03-09 15:13:25"), T("2026-03-10 08:00:00")]


def test_a_date_column_whose_every_value_names_the_same_zone_keeps_its_local_time(tmp_path: Path) -> None:
    """pandas reads "UTC+3" itself, into a column aware of its zone, which could not be made naive by astype."""
    path = tmp_path / "orders.csv"
    path.write_bytes(b"Name,Email,Total,Created at\n#1,a@x.com,1,2026-03-10 08:00:00 UTC+3\n"
                     b"#2,b@x.com,2,2026-03-11 09:30:00 UTC+3\n")
    assert load_dataset(path).frame["order_date"].tolist() == [T("2026-03-10 08:00:00"), T("2026-03-11 09:30:00")]
