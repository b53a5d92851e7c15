"""Average response time says what it counts (s17-words2): it reads messages or tickets, so its card's line said
"from 1,397 rows". From a messages file each duration is one agent reply (the delay after the customer message it
answers); from a tickets file alone each is one ticket's average reply time. The line names replies or tickets."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.i18n import language, ngettext
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs
from metrics_core.report_view.compute import KpiOutcome
from metrics_core.report_view.words import basis_line, basis_words

T0 = pd.Timestamp("2026-03-02 09:00")


def _messages() -> pd.DataFrame:
    """Ticket A: customer, agent after 60 s, customer, agent after 300 s; ticket B: customer, agent after 120 s.
    Three agent replies on two tickets."""
    rows = [("A", "customer", 0), ("A", "agent", 60), ("A", "customer", 600), ("A", "agent", 900),
            ("B", "customer", 0), ("B", "agent", 120)]
    return pd.DataFrame({"ticket_id": [r[0] for r in rows], "author_role": [r[1] for r in rows],
                         "sent_at": [T0 + pd.Timedelta(seconds=r[2]) for r in rows]})


def _tickets() -> pd.DataFrame:
    """Three tickets, two with an average reply time (600 s, 1800 s): two tickets counted."""
    return pd.DataFrame({"ticket_id": ["A", "B", "C"], "created_at": [T0] * 3,
                         "average_reply_s": [600.0, None, 1800.0]})


@pytest.mark.parametrize("code", ("en", "sl", "sv"))
def test_from_messages_the_line_counts_replies(code) -> None:
    result = compute_metric(MetricInputs({"messages": _messages(), "tickets": _tickets()}), "average_response_time")
    assert result.n == 3 and result.value == pytest.approx((60 + 300 + 120) / 3)
    with language(code):
        expected = ngettext("from {count} reply", "from {count} replies", 3, count="3")
        assert basis_words(result.n, "average_response_time", result.details.get("counted", "")) == expected
        assert basis_line(KpiOutcome("average_response_time", result)) == expected
        assert expected != ngettext("from {count} row", "from {count} rows", 3, count="3")
        assert (expected == "from 3 replies") == (code == "en")          # translated: sl "iz 3 odgovorov"


@pytest.mark.parametrize("code", ("en", "sl", "sv"))
def test_from_tickets_alone_the_line_counts_tickets(code) -> None:
    result = compute_metric(MetricInputs({"tickets": _tickets()}), "average_response_time")
    assert result.n == 2 and result.value == pytest.approx((600 + 1800) / 2)
    with language(code):
        expected = ngettext("from {count} ticket", "from {count} tickets", 2, count="2")
        assert basis_line(KpiOutcome("average_response_time", result)) == expected

