"""Independent audit of the KPI engine against METRICS.md: one test per defect found.

Every expected number is worked out by hand in the comments (never the engine's output pasted back).
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.dataset import DataBundle
from metrics_core.metrics.business_hours import BusinessCalendar
from metrics_core.metrics.engine import Filters, breakdown, compute_metric
from metrics_core.metrics.model import MetricInputs

from .builders import dataset


def ts(*values) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values, dtype="object"))).astype("datetime64[us]")


# ------------------------------------------------------------ conversion after contact
def _conversion_frames():
    # The ticket has no customer (dropped); calls from c1 and c2 on 2024-03-02; c1 orders on 03-10
    # (8 days later, inside the default 30-day window), c2 never orders -> 1 of 2 contacted = 50 %.
    tickets = pd.DataFrame({"ticket_id": ["t1"], "customer_id": pd.Series([pd.NA], dtype="string"),
                            "created_at": ts("2024-03-01 10:00"), "agent": pd.Series(["Ana"], dtype="string")})
    calls = pd.DataFrame({"call_id": ["k1", "k2"], "caller_id": pd.Series(["c1", "c2"], dtype="string"),
                          "started_at": ts("2024-03-02 10:00", "2024-03-02 11:00"),
                          "agent": pd.Series(["Bor", "Bor"], dtype="string")})
    orders = pd.DataFrame({"customer_id": pd.Series(["c1"], dtype="string"), "order_date": ts("2024-03-10"),
                           "amount": [10.0]})
    return {"tickets": tickets, "calls": calls, "orders": orders}


def test_conversion_after_contact_with_a_kind_whose_customers_are_all_missing():
    # pandas 3 infers the 'str' dtype for the calls' customers but keeps 'object' for an all-missing
    # column; the concatenation then no longer matched the orders' key dtype in merge_asof (MergeError).
    result = compute_metric(MetricInputs(_conversion_frames()), "conversion_after_contact")
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.value == pytest.approx(50.0)


def test_conversion_after_contact_breaks_down_by_agent():
    # Bor took both calls -> 1 of 2 = 50 %; Ana's ticket has no customer -> no value.
    points = {p.label: p for p in breakdown(MetricInputs(_conversion_frames()), "conversion_after_contact", "agent")}
    assert points["Bor"].value == pytest.approx(50.0)
    assert points["Ana"].value is None


def test_conversion_after_contact_with_different_datetime_units():
    # Orders read as datetime64[ns], contacts as datetime64[us]: the same 50 % as above.
    frames = _conversion_frames()
    frames["orders"] = frames["orders"].assign(order_date=frames["orders"]["order_date"].astype("datetime64[ns]"))
    assert compute_metric(MetricInputs(frames), "conversion_after_contact").value == pytest.approx(50.0)


# ------------------------------------------------------------ feedback response rate
def test_feedback_response_rate_ignores_ticket_rows_that_also_feed_surveys():
    # Survey file: 4 feedback items, one answered (responded_at), one flagged answered -> 2 / 4 = 50 %.
    # The ticket file also feeds "surveys" (its CSAT column) but records no feedback answering at all:
    # its 6 rows are not feedback items, so they must not enter the denominator (2 / 10 = 20 % was reported).
    surveys = pd.DataFrame({"response_id": ["r1", "r2", "r3", "r4"],
                            "submitted_at": ts("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"),
                            "csat_score": [5.0, 4.0, 2.0, 1.0],
                            "responded_at": ts("2024-01-03", None, None, None),
                            "feedback_answered": pd.array([None, True, False, None], dtype="boolean")})
    tickets = pd.DataFrame({"ticket_id": [f"t{i}" for i in range(6)],
                            "created_at": ts(*[f"2024-01-0{i + 1}" for i in range(6)]),
                            "csat_score": [5.0, 5.0, 4.0, 3.0, 2.0, 1.0]})
    bundle = DataBundle([dataset("surveys", surveys), dataset("tickets", tickets, also=["surveys"])])
    result = compute_metric(bundle, "feedback_response_rate")
    assert (result.numerator, result.denominator) == (2, 4)
    assert result.value == pytest.approx(50.0)
    # the CSAT still counts both files: 2 + 3 positive (>= 4 on 1-5) of 4 + 6 answers = 50 %
    assert compute_metric(bundle, "csat").value == pytest.approx(50.0)


# ------------------------------------------------------------ business hours on duration columns
CAL = {"weekdays": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00"}


def test_business_hours_apply_to_first_response_given_only_as_seconds():
    # Zendesk-style export: created_at + "first reply time in minutes", no first_response_at.
    # Ticket 1: Fri 2024-03-01 15:00 + 18 h -> Sat 09:00; open Mon-Fri 08-16: only Fri 15-16 = 3600 s.
    # Ticket 2: Mon 2024-03-04 09:00 + 1 h -> 10:00, all open: 3600 s. Mean 3600 s (calendar time: 34200 s).
    tickets = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts("2024-03-01 15:00", "2024-03-04 09:00"),
                            "first_response_s": [18 * 3600.0, 3600.0]})
    plain = compute_metric(MetricInputs({"tickets": tickets}), "first_response_time")
    assert plain.value == pytest.approx((18 * 3600 + 3600) / 2)
    open_hours = compute_metric(MetricInputs({"tickets": tickets}), "first_response_time", {"global": {"calendar": CAL}})
    assert open_hours.value == pytest.approx(3600.0)
    assert "business_hours" in open_hours.details


def test_business_hours_apply_to_resolution_given_only_as_seconds():
    # Mon 2024-03-04 15:00 + 24 h -> Tue 15:00: Mon 15-16 (1 h) + Tue 08-15 (7 h) = 8 h = 28800 s.
    tickets = pd.DataFrame({"ticket_id": ["1"], "created_at": ts("2024-03-04 15:00"), "resolution_s": [86400.0]})
    result = compute_metric(MetricInputs({"tickets": tickets}), "resolution_time", {"global": {"calendar": CAL}})
    assert result.value == pytest.approx(28800.0)


def test_business_hours_apply_to_the_sla_when_durations_are_seconds():
    # Same first ticket as above: 18 h of calendar time but 1 open hour, target 2 h -> met; ticket 2:
    # Mon 09:00 + 3 h = 12:00, 3 open hours > 2 h -> missed. 1 of 2 = 50 % (calendar time: 0 of 2).
    tickets = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts("2024-03-01 15:00", "2024-03-04 09:00"),
                            "first_response_s": [18 * 3600.0, 3 * 3600.0], "sla_first_response_s": [7200.0, 7200.0]})
    result = compute_metric(MetricInputs({"tickets": tickets}), "sla_compliance", {"global": {"calendar": CAL}})
    assert (result.numerator, result.denominator) == (1, 2)


# ------------------------------------------------------------ staff turnover / retention
def test_staff_hired_on_the_first_day_is_new_not_at_the_start():
    # 2024: a (hired 2023) stays; b hired 2024-01-01 (the period's first day) stays; c hired 2024-03-01
    # and left 2024-06-01. At the start: {a} = 1; at the end: {a, b} = 2; left: {c} = 1; hired in the
    # period: {b, c}, of whom b is still there. Staff retention (CRR over agents) = (E - N) / S with N the
    # hires still there = (2 - 1) / 1 = 100 %; turnover = 1 / ((1 + 2) / 2) = 66.67 %.
    staff = pd.DataFrame({"agent": pd.Series(["a", "b", "c"], dtype="str"),
                          "hired_at": ts("2023-01-01", "2024-01-01", "2024-03-01"),
                          "left_at": ts(None, None, "2024-06-01")})
    result = compute_metric(MetricInputs({"staff": staff}), "employee_turnover",
                            filters=Filters("2024-01-01", "2024-12-31"))
    assert (result.details["headcount_start"], result.details["headcount_end"]) == (1, 2)
    assert result.details["staff_retention_pct"] == pytest.approx(100.0)
    assert result.value == pytest.approx(100 * 1 / 1.5)


def test_staff_who_left_on_the_first_day_was_there_at_the_start():
    # a leaves on 2024-01-01 (inside 2024), b stays: both were there at the start (2), one at the end (1);
    # turnover = 1 / 1.5 = 66.67 %, staff retention = (1 - 0) / 2 = 50 %.
    staff = pd.DataFrame({"agent": pd.Series(["a", "b"], dtype="str"), "hired_at": ts("2022-01-01", "2022-01-01"),
                          "left_at": ts("2024-01-01", None)})
    result = compute_metric(MetricInputs({"staff": staff}), "employee_turnover",
                            filters=Filters("2024-01-01", "2024-12-31"))
    assert (result.details["headcount_start"], result.details["headcount_end"], result.details["left"]) == (2, 1, 1)
    assert result.value == pytest.approx(100 / 1.5)
    assert result.details["staff_retention_pct"] == pytest.approx(50.0)


# ------------------------------------------------------------ first call resolution
def test_call_fcr_a_callback_by_the_agent_is_not_a_repeat_call():
    # A calls in (answered) at 09:00; the agent calls A back at 10:00 (outbound). A did not call again,
    # so the call is resolved at first contact: 1 / 1 = 100 % (the outbound callback voided it: 0 %).
    # B calls twice within 72 h: B's first call is not FCR, the second one is -> overall 2 of 3 = 66.7 %.
    calls = pd.DataFrame({"call_id": ["1", "2", "3", "4"],
                          "started_at": ts("2024-01-01 09:00", "2024-01-01 10:00", "2024-01-01 11:00",
                                           "2024-01-02 11:00"),
                          "direction": ["inbound", "outbound", "inbound", "inbound"],
                          "outcome": ["answered", "answered", "answered", "answered"],
                          "caller_id": pd.Series(["A", "A", "B", "B"], dtype="string")})
    result = compute_metric(MetricInputs({"calls": calls}), "call_fcr")
    assert (result.numerator, result.denominator) == (2, 3)


def test_cross_channel_fcr_is_not_voided_by_an_outbound_call():
    # Ticket 1 (customer A) solved with one reply; the next day an agent phones A (outbound): A made no new
    # contact, so FCR stays 1 / 1 = 100 %. Ticket 2 (B, one reply) is followed by B's inbound call 2 days
    # later (inside 7 days) -> voided. Overall 1 of 2 = 50 %.
    tickets = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts("2024-01-01 09:00", "2024-01-01 10:00"),
                            "status": ["solved", "solved"], "agent_replies": [1.0, 1.0],
                            "customer_id": pd.Series(["A", "B"], dtype="string")})
    calls = pd.DataFrame({"call_id": ["c1", "c2"], "started_at": ts("2024-01-02 09:00", "2024-01-03 09:00"),
                          "direction": ["outbound", "inbound"], "outcome": ["answered", "answered"],
                          "caller_id": pd.Series(["A", "B"], dtype="string")})
    result = compute_metric(MetricInputs({"tickets": tickets, "calls": calls}), "fcr",
                            {"fcr": {"cross_channel": True}})
    assert (result.numerator, result.denominator) == (1, 2)


# ------------------------------------------------------------ resolved in the period, open at its end
def _resolution_log() -> pd.DataFrame:
    # t5: created Jan 10, resolved Feb 15; t1: Jan 30 -> Feb 2; t2: Feb 5 -> Feb 6; t3: Feb 20 -> Mar 3;
    # t4: Feb 25, still open.
    return pd.DataFrame({"ticket_id": ["t1", "t2", "t3", "t4", "t5"],
                         "created_at": ts("2024-01-30", "2024-02-05", "2024-02-20", "2024-02-25", "2024-01-10"),
                         "resolved_at": ts("2024-02-02", "2024-02-06", "2024-03-03", None, "2024-02-15"),
                         "status": ["solved", "solved", "solved", "open", "solved"]})


def test_resolved_count_counts_tickets_resolved_in_the_period():
    # METRICS.md: "tickets resolved in period". Resolved in February: t1 (Feb 2), t2 (Feb 6), t5 (Feb 15) = 3
    # (tickets *created* in February and resolved, t2 and t3, were counted: 2).
    feb = compute_metric(MetricInputs({"tickets": _resolution_log()}), "resolved_count",
                         filters=Filters("2024-02-01", "2024-02-29"))
    assert feb.value == 3
    # by month: January 0, February 3, March 1 (t3) -> adds up to the 4 resolved tickets
    points = {p.label: p.value for p in breakdown(MetricInputs({"tickets": _resolution_log()}), "resolved_count",
                                                   "month")}
    assert points == {"2024-01": 0, "2024-02": 3, "2024-03": 1}
    assert compute_metric(MetricInputs({"tickets": _resolution_log()}), "resolved_count").value == 4


def test_open_tickets_at_the_end_of_a_date_range_include_older_tickets():
    # Open at the end of February (as of 2024-02-29 23:59:59): t3 (resolved Mar 3) and t4 (never) -> 2.
    # t5 and t1 were resolved in February, t2 too. A ticket created in January and still open at the end
    # of February would count as well: add t6 (Jan 15 -> Mar 5) -> 3.
    log = pd.concat([_resolution_log(), pd.DataFrame({"ticket_id": ["t6"], "created_at": ts("2024-01-15"),
                                                       "resolved_at": ts("2024-03-05"), "status": ["solved"]})],
                    ignore_index=True)
    result = compute_metric(MetricInputs({"tickets": log}), "open_tickets", filters=Filters("2024-02-01", "2024-02-29"))
    assert result.value == 3


# ------------------------------------------------------------ score scale under a date filter
def test_csat_scale_is_read_from_all_answers_not_only_the_filtered_month():
    # A 1-10 survey: January answers 10, 9, 3, 1; February 7, 6, 5, 2. On the 1-10 scale "satisfied" is 9-10
    # (top two points), so February has 0 of 4 satisfied = 0 %. Detecting the scale from February alone would
    # read it as 1-7 (threshold 6) and report 2 of 4 = 50 %, while the monthly breakdown says 0 %.
    surveys = pd.DataFrame({"submitted_at": ts(*["2024-01-10"] * 4, *["2024-02-10"] * 4),
                            "csat_score": [10.0, 9, 3, 1, 7, 6, 5, 2]})
    feb = compute_metric(MetricInputs({"surveys": surveys}), "csat", filters=Filters("2024-02-01", "2024-02-29"))
    assert feb.value == pytest.approx(0.0)
    assert feb.details["scale"] == "1-10"
    months = {p.label: p.value for p in breakdown(MetricInputs({"surveys": surveys}), "csat", "month")}
    assert months == {"2024-01": pytest.approx(50.0), "2024-02": pytest.approx(0.0)}


# ------------------------------------------------------------ retention / churn from orders only
def test_order_based_churn_and_retention_add_up():
    # Inactivity window 30 days, period March 2024 ([Mar 1, Apr 1)); active at an instant t = an order in
    # [t - 30 d, t). At the start (orders in [Jan 31, Mar 1)): P (Feb 20), Q (Feb 25) -> S = 2.
    # At the end (orders in [Mar 2, Apr 1)): Q (Mar 20), R (Mar 25, won back after a 2023 order), N (first
    # order Mar 10) -> E = 3. P ordered on Mar 1, then nothing: lapsed on Mar 31 -> lost.
    # churn = 1 / 2 = 50 %; retention = (E - customers at the end who were not there at the start) / S
    # = (3 - 2) / 2 = 50 %; churn + retention = 100 %.
    orders = pd.DataFrame({"customer_id": pd.Series(["P", "P", "Q", "Q", "R", "R", "N"], dtype="string"),
                           "order_date": ts("2024-02-20", "2024-03-01", "2024-02-25", "2024-03-20", "2023-06-01",
                                            "2024-03-25", "2024-03-10"),
                           "amount": [10.0] * 7})
    params = {"global": {"inactivity_days": 30}}
    march = Filters("2024-03-01", "2024-03-31")
    churn = compute_metric(MetricInputs({"orders": orders}), "churn_rate", params, march)
    retention = compute_metric(MetricInputs({"orders": orders}), "retention_rate", params, march)
    assert (churn.numerator, churn.denominator) == (1, 2)
    assert retention.value == pytest.approx(50.0)
    assert churn.value + retention.value == pytest.approx(100.0)


# ------------------------------------------------------------ contacts are what customers start
def _contact_frames():
    # 3 email tickets, 2 inbound calls and 1 outbound call (an agent's callback), 1 social mention and
    # 4 self-service sessions, all on Monday 2024-01-01.
    tickets = pd.DataFrame({"ticket_id": ["1", "2", "3"], "channel": ["Email"] * 3,
                            "created_at": ts("2024-01-01 09:10", "2024-01-01 09:20", "2024-01-01 14:00")})
    calls = pd.DataFrame({"call_id": ["c1", "c2", "c3"], "direction": ["inbound", "inbound", "outbound"],
                          "started_at": ts("2024-01-01 10:00", "2024-01-01 10:30", "2024-01-01 10:45"),
                          "outcome": ["answered"] * 3})
    social = pd.DataFrame({"mention_id": ["m1"], "posted_at": ts("2024-01-01 20:00"), "platform": ["Facebook"]})
    sessions = pd.DataFrame({"session_id": ["s1", "s2", "s3", "s4"], "started_at": ts(*["2024-01-01 12:00"] * 4)})
    return {"tickets": tickets, "calls": calls, "social": social, "self_service": sessions}


def test_outbound_calls_are_not_requests_or_contacts():
    frames = _contact_frames()
    # request volume: 3 tickets + 2 inbound calls + 1 mention = 6 (the callback is no request: not 7)
    volume = compute_metric(MetricInputs(frames), "request_volume")
    assert volume.value == 6 and volume.details["by_kind"]["calls"] == 2
    # channel mix: Email 3, Phone 2, Facebook 1 of 6 -> the busiest channel's share 50 % (3 of 7 was shown)
    mix = compute_metric(MetricInputs(frames), "volume_by_channel")
    assert (mix.numerator, mix.denominator) == (3, 6)
    assert mix.details["counts"]["Phone"] == 2
    # peak hours: Monday 09:00 has 2 tickets; 10:00 has 2 inbound calls (the 10:45 callback made it 3)
    peak = compute_metric(MetricInputs(frames), "peak_hours")
    assert peak.details["matrix"][0][10] == 2 and peak.value == 2
    # self-service usage: 4 sessions / (4 + 3 tickets + 2 inbound calls) = 44.4 % (4 / 10 was shown)
    usage = compute_metric(MetricInputs(frames), "self_service_usage")
    assert usage.value == pytest.approx(100 * 4 / 9)


# ------------------------------------------------------------ a chosen "as of" date is the whole day
def test_as_of_date_means_the_end_of_that_day():
    # As of 2024-05-01 (a date, like the inclusive "to" date of a filter): t1 was created that morning and is
    # open; t2 and t3 were solved that afternoon. Open at the end of May 1: t1 only -> 1. (Read as midnight,
    # t1 did not exist yet and t2, t3 were still open -> 2.)
    tickets = pd.DataFrame({"ticket_id": ["t1", "t2", "t3"],
                            "created_at": ts("2024-05-01 10:00", "2024-04-20 09:00", "2024-04-22 09:00"),
                            "resolved_at": ts(None, "2024-05-01 15:00", "2024-05-01 16:00"),
                            "status": ["open", "solved", "solved"]})
    result = compute_metric(MetricInputs({"tickets": tickets}), "open_tickets", {"global": {"as_of": "2024-05-01"}})
    assert result.value == 1
    # an explicit time of day is kept as it is: at 12:00, t1 open, t2 and t3 open -> 3
    noon = compute_metric(MetricInputs({"tickets": tickets}), "open_tickets", {"global": {"as_of": "2024-05-01 12:00"}})
    assert noon.value == 3


# ------------------------------------------------------------ complaint resolution from escalation
def test_complaint_resolution_from_escalation_measures_unescalated_complaints_from_filing():
    # A: filed Mon 2024-03-04 09:00, escalated 12:00, resolved Wed 03-06 09:00 -> 45 h from escalation.
    # B: a complaint (type) filed Tue 03-05 09:00, never escalated, resolved Wed 09:00 -> 24 h from filing.
    # Mean (45 + 24) / 2 = 34.5 h = 124200 s. B is resolved: it must not be reported as "not resolved yet".
    tickets = pd.DataFrame({"ticket_id": ["A", "B"], "type": ["Complaint", "Complaint"],
                            "created_at": ts("2024-03-04 09:00", "2024-03-05 09:00"),
                            "escalated_at": ts("2024-03-04 12:00", None),
                            "resolved_at": ts("2024-03-06 09:00", "2024-03-06 09:00")})
    result = compute_metric(MetricInputs({"tickets": tickets}), "complaint_resolution_time",
                            {"complaint_resolution_time": {"measure_from": "escalated"}})
    assert result.value == pytest.approx(34.5 * 3600)
    assert result.excluded == []


def test_complaint_growth_of_a_month_compares_with_the_previous_calendar_month():
    # Complaints: Jan 31 (1), Feb 15 (2), Mar 10 (3). Measured period March 2024: 3 complaints; the
    # previous period is February (2) -> +50 %, as the engine's month-over-month comparison does. (Going back
    # 31 days instead reached Jan 30 - Feb 29 and counted Jan 31 too: 3 vs 3 = 0 %.)
    tickets = pd.DataFrame({"ticket_id": [str(i) for i in range(6)], "type": ["complaint"] * 6,
                            "created_at": ts("2024-01-31", "2024-02-15", "2024-02-15", "2024-03-10", "2024-03-10",
                                             "2024-03-10")})
    result = compute_metric(MetricInputs({"tickets": tickets}), "complaint_growth",
                            filters=Filters("2024-03-01", "2024-03-31"))
    assert (result.details["last"], result.details["previous"]) == (3, 2)
    assert result.value == pytest.approx(50.0)


def test_conversion_after_contact_leaves_out_callers_whose_numbers_never_match_an_order():
    # Orders are keyed by e-mail; tickets carry the e-mail, calls only the caller's phone number, so no call can
    # ever be joined with an order. Ticket customers: a (orders 5 days later) and b (never) -> 1 of 2 = 50 %.
    # The two callers (the same people, by phone) must not be added as 2 more non-converting customers (1/4).
    tickets = pd.DataFrame({"ticket_id": ["1", "2"], "customer_id": pd.Series(["a@x.si", "b@x.si"], dtype="string"),
                            "created_at": ts("2024-03-01 10:00", "2024-03-01 11:00")})
    calls = pd.DataFrame({"call_id": ["k1", "k2"], "caller_id": pd.Series(["+38640111", "+38640222"], dtype="string"),
                          "started_at": ts("2024-03-02 10:00", "2024-03-02 11:00")})
    orders = pd.DataFrame({"customer_id": pd.Series(["a@x.si"], dtype="string"), "order_date": ts("2024-03-06"),
                           "amount": [10.0]})
    result = compute_metric(MetricInputs({"tickets": tickets, "calls": calls, "orders": orders}),
                            "conversion_after_contact")
    assert (result.numerator, result.denominator) == (1, 2)
    assert any("call" in reason for _count, reason in result.excluded)


# ------------------------------------------------------------ calls without an outcome column
def test_answer_rate_from_talk_time_or_answer_time_alone():
    # Four inbound calls; talk 100 s, 0 s, 0 s, 50 s: two were answered, two were not (an unanswered inbound call
    # counts as abandoned) -> answer rate 2 / 4 = 50 %, abandonment 50 %. (Calls with 0 s talk were left out
    # as "without an outcome", giving 2 / 2 = 100 %.)
    start = ts("2024-01-01 09:00", "2024-01-01 09:05", "2024-01-01 09:10", "2024-01-01 09:20")
    talk = pd.DataFrame({"call_id": list("1234"), "started_at": start, "talk_s": [100.0, 0.0, 0.0, 50.0]})
    assert compute_metric(MetricInputs({"calls": talk}), "answer_rate").value == pytest.approx(50.0)
    assert compute_metric(MetricInputs({"calls": talk}), "abandonment_rate").value == pytest.approx(50.0)
    # the same with an answer time column: calls 2 and 3 have none -> 2 / 4 = 50 %
    answered_at = pd.DataFrame({"call_id": list("1234"), "started_at": start,
                                "answered_at": ts("2024-01-01 09:00:20", None, None, "2024-01-01 09:20:30")})
    assert compute_metric(MetricInputs({"calls": answered_at}), "answer_rate").value == pytest.approx(50.0)


# ------------------------------------------------------------ CSAT scale with "0 = not rated"
def test_five_point_csat_with_zero_for_not_rated_is_read_on_the_1_to_5_scale():
    # Ratings 0, 0, 5, 4, 3, 5 from a 1-5 question where the export writes 0 for "not rated". 0-5 is no usual
    # scale; reading it as 0-10 put "satisfied" at 9-10 and gave 0 / 6 = 0 %. On 1-5 the zeros are outside the
    # scale (left out and reported) and 5, 4, 5 of 5, 4, 3, 5 are satisfied -> 3 / 4 = 75 %.
    surveys = pd.DataFrame({"csat_score": [0.0, 0.0, 5.0, 4.0, 3.0, 5.0]})
    result = compute_metric(MetricInputs({"surveys": surveys}), "csat")
    assert result.details["scale"] == "1-5"
    assert (result.numerator, result.denominator) == (3, 4)
    assert (2, "answers outside the 1-5 scale") in result.excluded


# ------------------------------------------------------------ CLV under a date filter
def _clv_frames():
    # Customers a-d joined 2022; d churned 2024-06-01. Orders: c 2024-03-01; a 2024-09-10 and b 2024-09-20
    # (100 each).
    customers = pd.DataFrame({"customer_id": pd.Series(list("abcd"), dtype="string"),
                              "joined_at": ts(*["2022-01-01"] * 4), "churned_at": ts(None, None, None, "2024-06-01")})
    orders = pd.DataFrame({"customer_id": pd.Series(["c", "a", "b"], dtype="string"),
                           "order_date": ts("2024-03-01", "2024-09-10", "2024-09-20"), "amount": [100.0] * 3})
    return {"customers": customers, "orders": orders}


def test_clv_of_a_month_keeps_the_churn_of_the_whole_customer_base():
    # September 2024: the 12 months up to its end ([2023-10-01, 2024-10-01)) start with a, b, c, d and lose d:
    # annual churn 1 / 4 = 25 % -> lifespan 4 years (the date filter cut the customers to those who joined in
    # September, none, and the CLV said "churn is not known").
    # Purchases are counted over the year up to September's end, not before the first order (test_clv_period):
    # 1 Mar - 20 Sep 2024, 203 days, 3 orders of 100 by 3 customers -> 1 order per customer per 203 days
    # = 365.25 / 203 = 1.80 per year. CLV = 100 x 1.80 x 4 = 719.70 (September alone read 12.175 a year, 4870).
    result = compute_metric(MetricInputs(_clv_frames()), "clv", filters=Filters("2024-09-01", "2024-09-30"))
    assert result.details["lifespan_years"] == pytest.approx(4.0)
    assert result.details["purchase_frequency_per_year"] == pytest.approx(365.25 / 203)
    assert result.value == pytest.approx(100 * 365.25 / 203 * 4)
    # predictive: 365.25 / 203 / 12 per month, x 100 x 48 months -> the same 719.70
    predictive = compute_metric(MetricInputs(_clv_frames()), "clv_predictive",
                                filters=Filters("2024-09-01", "2024-09-30"))
    assert predictive.value == pytest.approx(100 * 365.25 / 203 * 4)
