"""A report's bars name lower-case category values with a capital, as the window does (its data keep them)."""

from __future__ import annotations

import pandas as pd

from metrics_core.export.report_charts import breakdown_chart
from metrics_core.metrics.model import MetricInputs


def test_breakdown_bars_write_web_as_web() -> None:
    tickets = pd.DataFrame({"ticket_id": [f"T{i}" for i in range(6)],
                            "created_at": pd.date_range("2026-05-01", periods=6, freq="D").astype("datetime64[us]"),
                            "channel": ["web", "web", "web", "Email", "Email", "chat"]})
    chart = breakdown_chart(MetricInputs({"tickets": tickets}), "request_volume", "channel", None, None)
    assert sorted(chart.frame.index) == ["Chat", "Email", "Web"]
    assert chart.frame.loc["Web"].iloc[0] == 3
