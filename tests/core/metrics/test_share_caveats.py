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
