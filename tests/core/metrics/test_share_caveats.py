"""A KPI whose one figure is a share says of what: 'Social media sentiment 45.9 %' named nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.formatting import result_caveat
from metrics_core.i18n import language
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs


def test_social_sentiment_says_it_is_the_positive_share():
    social = pd.DataFrame({"mention_id": list("abcde"),
                           "sentiment": ["positive", "negative", "neutral", "positive", "negative"]})
    result = compute_metric(MetricInputs({"social": social}), "social_sentiment")
    assert result.value == pytest.approx(40.0)                   # 2 positive of 5
    with language("en"):
        assert result_caveat(result)[0] == "share of mentions that are positive"


def test_the_busiest_channel_is_named_as_the_filters_name_it():
    tickets = pd.DataFrame({"ticket_id": list("abcd"), "channel": ["web", "web", "web", "Email"],
                            "created_at": pd.date_range("2026-05-01", periods=4, freq="D").astype("datetime64[us]")})
    result = compute_metric(MetricInputs({"tickets": tickets}), "volume_by_channel")
    assert result.value == pytest.approx(75.0)
    with language("en"):
        assert result_caveat(result)[0] == "share of Web, the busiest channel"
    assert result.details["top_channel"] == "web"                # the data's own value (JSON)


def _tickets(channels_by_month: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(f"{month}-{i + 1:02d}", channel) for month, channels in channels_by_month.items()
            for i, channel in enumerate(channels)]
    return pd.DataFrame({"ticket_id": [f"T{i}" for i in range(len(rows))],
                         "created_at": pd.to_datetime([day for day, _c in rows]).astype("datetime64[us]"),
                         "channel": [c for _d, c in rows]})


def test_the_busiest_channel_s_share_is_compared_only_with_the_same_channel():
    # September: Email 3 of 4 (75 %); October: Phone 3 of 5 (60 %): not 'down 15 points'
    from metrics_core.report_view import KpiView, compute_view

    from .builders import bundle_of

    october = KpiView(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"), comparison="previous")
    switched = _tickets({"2026-09": ["Email", "Email", "Email", "Chat"],
                         "2026-10": ["Phone", "Phone", "Phone", "Email", "Chat"]})
    computed = compute_view(bundle_of({"tickets": switched}), {}, october)
    assert computed.results["volume_by_channel"].value == pytest.approx(60.0)
    assert "volume_by_channel" not in computed.changes
    same = _tickets({"2026-09": ["Phone", "Phone", "Phone", "Chat"],
                     "2026-10": ["Phone", "Phone", "Phone", "Email", "Chat"]})
    change = compute_view(bundle_of({"tickets": same}), {}, october).changes["volume_by_channel"]
    assert change.absolute == pytest.approx(60.0 - 75.0)
