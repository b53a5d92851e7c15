"""A category filter that a KPI's data cannot carry is said on the KPI (issue 14, "plausible or silent").

Screenshot 28_filter_applied: with Channel: Chat, 'Customer retention rate 89.0 %', 'Customer lifetime
value' and 'Cash flow' kept their unfiltered values (customers and cash movements have no channel) with no
word of it, and the owner read them as Chat's. The value is still the whole data's (2 referrals of 4 new
customers = 50 %, counted here by hand), and the caveat says the filter does not apply.
"""

from __future__ import annotations

import pandas as pd

from metrics_core.formatting import result_caveat
from metrics_core.i18n import language
from metrics_core.metrics.engine import Filters, compute_all, compute_metric
from metrics_core.metrics.model import MetricInputs

CHAT = Filters(categories={"channel": ["Chat"]})


def _inputs() -> MetricInputs:
    customers = pd.DataFrame({"customer_id": ["a", "b", "c", "d"],
                              "referral_source": ["referral", "ads", "referral", "web"]})
    tickets = pd.DataFrame({"ticket_id": [1, 2, 3], "channel": ["Chat", "Email", "Chat"],
                            "created_at": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]),
                            "status": ["closed"] * 3})
    return MetricInputs({"customers": customers, "tickets": tickets})


def test_a_kpi_without_the_filtered_column_says_the_filter_does_not_apply() -> None:
    result = compute_metric(_inputs(), "referral_rate", None, CHAT)
    assert result.value == 50.0                      # all four customers: the filter cannot cut them
    line, detail = result_caveat(result)
    assert line == "Channel filter not applied: no such column in customers"
    assert "does not apply to this KPI" in detail


def test_the_caveat_is_in_the_dashboards_results_and_only_where_the_filter_misses() -> None:
    results = compute_all(_inputs(), None, CHAT)
    flagged = {m for m, r in results.items() if (c := result_caveat(r)) and "filter not applied" in c[0]}
    assert "referral_rate" in flagged
    assert not {m for m in flagged if m.startswith("ticket")}     # tickets have a channel: filtered for real


def test_no_caveat_without_a_category_filter() -> None:
    assert result_caveat(compute_metric(_inputs(), "referral_rate")) is None
    assert result_caveat(compute_metric(_inputs(), "referral_rate", None, Filters(date_from="2026-01-01"))) is None


def test_the_caveat_is_translated() -> None:
    result = compute_metric(_inputs(), "referral_rate", None, CHAT)
    with language("sl"):
        line, _detail = result_caveat(result)
    assert "Kanal" in line and "not applied" not in line


def test_a_kind_the_kpi_cannot_read_does_not_raise_the_caveat() -> None:
    """CSAT may come from calls, but calls without a CSAT column feed it nothing: Chat's CSAT is Chat's."""
    surveys = pd.DataFrame({"csat_score": [5.0, 4.0, 1.0], "channel": ["Chat", "Chat", "Email"]})
    calls = pd.DataFrame({"call_id": [1, 2], "wait_s": [10.0, 30.0]})
    result = compute_metric(MetricInputs({"surveys": surveys, "calls": calls}), "csat", None, CHAT)
    assert result.value == 100.0 and result_caveat(result) is None        # 2 of the 2 Chat answers satisfied


def test_a_share_keeps_saying_whose_share_it_is_under_the_filter() -> None:
    """28_filter_applied (Channel: Chat): "Contact volume per channel 70.7 %" lost its "share of Phone, the busiest
    channel" to the filter's words and read as Chat's share. By hand: the two Chat tickets (the Email one is cut)
    and the three calls, which have no channel column (uncut, each a Phone contact): Phone 3 of 5 = 60 %."""
    calls = pd.DataFrame({"call_id": [1, 2, 3],
                          "started_at": pd.to_datetime(["2026-01-01 09:00", "2026-01-02 10:00", "2026-01-03 11:00"])})
    inputs = MetricInputs({**_inputs().frames, "calls": calls})
    result = compute_metric(inputs, "volume_by_channel", None, CHAT)
    assert result.value == 60.0 and result.details["top_channel"] == "Phone"
    line, detail = result_caveat(result)
    assert line == "share of Phone, the busiest channel; Channel filter not applied to calls"
    assert "does not apply to this KPI" in detail and "share of Phone" in detail
    with language("sl"):
        line, _detail = result_caveat(result)
    assert "Phone" in line and "Kanal" in line and "not applied" not in line


def test_several_filters_the_data_cannot_carry_take_a_plural_verb() -> None:
    """Channel and Agent both missing from customers: "filters … not applied" (sl dual "Filtra … nista
    uporabljena", sr "Филтери … нису примењени"); one filter keeps the singular (session 20; it said "ni
    uporabljen" after two columns)."""
    inputs = _inputs()
    inputs.frames["tickets"]["agent"] = ["Ana", "Bo", "Ana"]
    both = Filters(categories={"channel": ["Chat"], "agent": ["Ana"]})
    result = compute_metric(inputs, "referral_rate", None, both)
    assert result_caveat(result)[0] == "Channel and Agent filters not applied: no such columns in customers"
    expected = {"sl": ("Filtra ", "nista uporabljena: teh stolpcev ni v podatkih"),
                "sr": ("Филтери ", "нису примењени: тих колона нема у подацима"),
                "ro": ("Filtrele ", "nu se aplică: coloanele lipsesc din date"),
                "sv": ("Filtren ", "tillämpas inte: kolumnerna saknas i")}
    for code, (start, words) in expected.items():
        with language(code):
            line, _detail = result_caveat(result)
        assert line.startswith(start) and words in line, (code, line)
    one = compute_metric(inputs, "referral_rate", None, CHAT)
    with language("sl"):
        assert result_caveat(one)[0].startswith("Filter Kanal ni uporabljen")
