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


def test_calls_without_a_channel_are_named_phone_in_the_owners_language() -> None:
    """The demo in Slovenian read 'delež kanala Phone, najbolj obremenjenega': KPI Desk's own name of the calls'
    channel stayed English. 3 calls (no channel column) and 1 chat ticket -> Phone, 75 %."""
    from metrics_core.i18n import language

    calls = pd.DataFrame({"call_id": ["c1", "c2", "c3"],
                          "started_at": pd.to_datetime(["2026-01-01 09:00", "2026-01-01 10:00", "2026-01-02 09:00"])})
    tickets = pd.DataFrame({"ticket_id": [1], "channel": ["Chat"], "created_at": pd.to_datetime(["2026-01-01"])})
    result = compute_metric(MetricInputs({"calls": calls, "tickets": tickets}), "volume_by_channel")
    assert result.value == 75.0
    assert result_caveat(result)[0] == "share of Phone, the busiest channel"
    for code, phone in (("sl", "Telefon"), ("ro", "Telefon"), ("sv", "Telefon"), ("sr", "Телефон")):
        with language(code):
            assert phone in result_caveat(result)[0] and "Phone" not in result_caveat(result)[0], code
