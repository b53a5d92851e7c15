"""A trend's lone period is marked partial when the data stops inside it (issue 14, 10_dashboard_09_staff).

staff.csv alone, as the window shows it (dates 1 Mar 2021 - 14 Aug 2026, per quarter): the turnover trend has one
point, Q3 2026, and the register's last date, Jure Horvat's leave on 14 Aug 2026 (read from the CSV here), falls
inside that quarter (1 Jul - 30 Sep): it was drawn solid while partial periods elsewhere are hollow, as "a single
period is not marked" (and the register's hire/leave dates were not read as its span).
"""

from __future__ import annotations

import csv

import pandas as pd
from PySide6.QtGui import QColor

from desktop_app.charts.trend_chart import TrendChart
from metrics_core.dataset import DataBundle
from metrics_core.export.model import ChartData
from metrics_core.export.pptx_parts import partial_split
from metrics_core.loading import load_dataset
from metrics_core.metrics import engine
from metrics_core.metrics.engine import Filters
from metrics_core.report_view.partial import partial_periods, partial_words
from metrics_core.resources import demo_dir

from .test_layout_partial_periods import point_fills


def test_the_staff_registers_lone_quarter_is_partial_and_drawn_hollow(qtbot) -> None:
    with open(demo_dir() / "staff.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    first = min(r["Hired at"] for r in rows)
    last = max([r["Left at"] for r in rows if r["Left at"]] + [r["Hired at"] for r in rows])
    assert (first, last) == ("2021-03-01", "2026-08-14")          # Q3 2026 runs to 30 Sep: cut at 14 Aug
    bundle = DataBundle([load_dataset(demo_dir() / "staff.csv")])
    # (the quarter alone: since s17-cardfit the whole file's trend has the five quarters of the card's 12 months,
    # Q3 2025 - Q3 2026, the last one partial, test_turnover_trend_start.py)
    shown = Filters(pd.Timestamp("2026-07-01"), pd.Timestamp(last))
    trend = engine.breakdown(bundle, "employee_turnover", "quarter", {}, shown)
    assert [p.label for p in trend] == ["Q3 2026"]
    assert partial_periods(bundle, "employee_turnover", shown, "quarter", [p.key for p in trend]) == [0]

    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(620, 200)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_series([trend[0].key], [trend[0].label], [trend[0].value], "%", granularity="quarter",
                     last_incomplete=True)
    qtbot.wait(50)
    x = pd.DatetimeIndex([trend[0].key]).as_unit("s").asi8.astype(float)[0]
    assert point_fills(chart, x)[-1] == QColor(chart.theme.background)                 # hollow
    assert [label.text for _sample, label in chart._legend.items] == [partial_words("quarter")]

    one = ChartData("turnover", "Staff turnover", "team_quality", "line", "%",
                    pd.DataFrame({"Staff turnover": [trend[0].value]}, index=[trend[0].label]), by="quarter",
                    partial=[0])
    split = partial_split(one.frame, one)                   # the deck: the lone point on the partial series only
    assert split["Staff turnover"].isna().all() and split["partial"].tolist() == [trend[0].value]
