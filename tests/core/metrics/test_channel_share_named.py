"""'Contact volume per channel 41.6 %' names the channel whose share it is (issue 14, screenshot
10_dashboard_08_social_mentions). Here: 3 chats, 1 email -> Chat, 75 %."""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs


def test_the_share_names_its_channel() -> None:
    tickets = pd.DataFrame({"ticket_id": [1, 2, 3, 4], "channel": ["Chat", "Email", "Chat", "Chat"],
                            "created_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"])})
    result = compute_metric(MetricInputs({"tickets": tickets}), "volume_by_channel")
    assert result.value == 75.0
    assert result_caveat(result)[0] == "share of Chat, the busiest channel"
