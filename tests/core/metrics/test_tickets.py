"""Family C (tickets): hand-worked frames for every rule of METRICS.md."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics_core.i18n import language
from metrics_core.metrics import tickets
from metrics_core.metrics.business_hours import BusinessCalendar
from metrics_core.metrics.model import MetricInputs

SPECS = {s.id: s for s in tickets.SPECS}
H, DAY = 3600.0, 86400.0


def ts(values):
    return pd.DatetimeIndex(pd.to_datetime(pd.Series(values, dtype="object"), format="ISO8601"))


def run(metric_id, frames, params=None, **kw):
    spec = SPECS[metric_id]
    merged = {**spec.defaults(), **(params or {})}
    return spec.compute(MetricInputs(frames, **kw), merged)


def terms_value(metric_id, frames, params=None, **kw):
    spec = SPECS[metric_id]
    rt = spec.row_terms(MetricInputs(frames, **kw), {**spec.defaults(), **(params or {})})
    return rt, rt.scale * rt.frame["num"].sum() / rt.frame["den"].sum()


@pytest.fixture
def frt_tickets():
    # waits: 1 h, 3 h, 2 h, none (waiting), negative (excluded), 6 h
    return pd.DataFrame({
        "ticket_id": list("ABCDEF"),
        "created_at": ts(["2024-03-04 09:00", "2024-03-04 10:00", "2024-03-05 08:00", "2024-03-05 09:00",
                          "2024-03-06 12:00", "2024-03-06 09:00"]),
        "first_response_at": ts(["2024-03-04 10:00", "2024-03-04 13:00", "2024-03-05 10:00", None,
                                 "2024-03-06 11:00", "2024-03-06 15:00"]),
        "channel": ["email", "email", "chat", "chat", "email", "phone"],
    }, index=[10, 11, 12, 13, 14, 15])


def test_first_response_time_mean_median_p90_and_exclusions(frt_tickets):
    r = run("first_response_time", {"tickets": frt_tickets})
    assert r.value == pytest.approx((1 + 3 + 2 + 6) / 4 * H)
    assert r.median == pytest.approx(2.5 * H)
    assert r.p90 == pytest.approx(np.percentile([1, 3, 2, 6], 90) * H)
    assert r.n == 4
    assert (1, "tickets still waiting for a first response") in r.excluded
    assert any(c == 1 and "negative" in why for c, why in r.excluded)
    assert r.details["waiting_for_first_response"] == 1
    assert r.details["default_group"] == "channel"
    assert r.details["by_channel"]["email"]["mean"] == pytest.approx(2 * H)
    assert r.details["by_channel"]["phone"]["mean"] == pytest.approx(6 * H)
    assert SPECS["first_response_time"].duration


def test_first_response_row_terms_keep_index_and_dates(frt_tickets):
    rt, value = terms_value("first_response_time", {"tickets": frt_tickets})
    assert value == pytest.approx(3 * H)
    assert list(rt.frame.index) == [10, 11, 12, 15]
    assert {"num", "den", "val", "date"} <= set(rt.frame.columns)
    assert rt.frame.loc[12, "date"] == pd.Timestamp("2024-03-05 08:00")


def test_first_response_from_duration_column_and_from_messages():
    t = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts(["2024-01-01 08:00", "2024-01-01 09:00"]),
                      "first_response_s": [600.0, 1200.0]})
    assert run("first_response_time", {"tickets": t}).value == 900.0
    t2 = t.drop(columns="first_response_s")
    m = pd.DataFrame({"ticket_id": ["1", "1", "2", "2"],
                      "sent_at": ts(["2024-01-01 08:00", "2024-01-01 08:30", "2024-01-01 09:00", "2024-01-01 10:30"]),
                      "author_role": ["customer", "agent", "customer", "agent"]})
    assert run("first_response_time", {"tickets": t2, "messages": m}).value == pytest.approx((1800 + 5400) / 2)


def test_business_hours_apply_to_durations():
    # Friday 15:00 -> Monday 09:00 is 66 h calendar time, 2 h in 08-16 business hours
    t = pd.DataFrame({"ticket_id": ["1"], "created_at": ts(["2024-03-01 15:00"]),
                      "first_response_at": ts(["2024-03-04 09:00"]), "resolved_at": ts(["2024-03-04 10:00"])})
    assert run("first_response_time", {"tickets": t}).value == 66 * H
    r = run("first_response_time", {"tickets": t}, calendar=BusinessCalendar(opens="08:00", closes="16:00"))
    assert r.value == 2 * H
    assert "business_hours" in r.details
    assert run("resolution_time", {"tickets": t}, calendar=BusinessCalendar()).value == 3 * H


def test_resolution_time_excludes_negative_and_unresolved():
    t = pd.DataFrame({"ticket_id": list("abcd"),
                      "created_at": ts(["2024-01-01 00:00", "2024-01-02 00:00", "2024-01-03 12:00", "2024-01-04"]),
                      "resolved_at": ts(["2024-01-02 00:00", "2024-01-05 00:00", "2024-01-03 00:00", None])})
    r = run("resolution_time", {"tickets": t})
    assert r.value == pytest.approx(2 * DAY)      # (1 d + 3 d) / 2
    assert r.n == 2
    reasons = dict((why, c) for c, why in r.excluded)
    assert reasons["tickets not resolved yet"] == 1
    assert any("negative" in why for why in reasons)
    # never clamped: the negative ticket does not count as 0
    assert r.numerator == pytest.approx(4 * DAY)


def test_s0_complaint_filed_monday_resolved_wednesday_is_two_days():
    t = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts(["2024-03-04 10:00", "2024-03-04 10:00"]),
                      "resolved_at": ts(["2024-03-06 10:00", "2024-03-04 11:00"]),
                      "is_complaint": pd.array([True, False], dtype="boolean")})
    r = run("complaint_resolution_time", {"tickets": t})
    assert r.value == 2 * DAY
    assert r.value / DAY == 2


def test_complaint_resolution_from_escalation():
    t = pd.DataFrame({"ticket_id": ["1"], "created_at": ts(["2024-03-04 10:00"]),
                      "escalated": pd.array([True], dtype="boolean"), "escalated_at": ts(["2024-03-05 10:00"]),
                      "resolved_at": ts(["2024-03-06 10:00"])})
    assert run("complaint_resolution_time", {"tickets": t}, {"measure_from": "escalated"}).value == DAY
    no_flag = t.drop(columns=["escalated", "escalated_at"])
    r = run("complaint_resolution_time", {"tickets": no_flag})
    assert r.value is None and "is_complaint" in r.missing_fields
    assert run("complaint_resolution_time", {"tickets": no_flag}, {"all_are_complaints": True}).value == 2 * DAY


def test_average_response_time_from_messages():
    # ticket 1: customer 09:00, customer 09:10, agent 09:30 (30 min from the first waiting message),
    #           agent 09:40 (answers nothing new), customer 10:00, agent 11:00 (60 min)
    m = pd.DataFrame({"ticket_id": ["1"] * 6 + ["2", "2"],
                      "sent_at": ts(["2024-01-01 09:00", "2024-01-01 09:10", "2024-01-01 09:30", "2024-01-01 09:40",
                                     "2024-01-01 10:00", "2024-01-01 11:00", "2024-01-02 08:00", "2024-01-02 08:15"]),
                      "author_role": ["customer", "customer", "agent", "agent", "customer", "agent",
                                      "customer", "agent"]}).sample(frac=1, random_state=1)
    r = run("average_response_time", {"messages": m})
    assert r.value == pytest.approx((30 + 60 + 15) / 3 * 60)
    assert r.n == 3
    t = pd.DataFrame({"ticket_id": ["1", "2"], "created_at": ts(["2024-01-01", "2024-01-02"]),
                      "average_reply_s": [100.0, 300.0]})
    assert run("average_response_time", {"tickets": t}).value == 200.0


@pytest.fixture
def life():
    return pd.DataFrame({
        "ticket_id": list("12345"),
        "created_at": ts(["2024-01-01 10:00", "2024-01-01 11:00", "2024-01-02 09:00", "2024-01-03 09:00",
                          "2024-01-03 10:00"]),
        "resolved_at": ts(["2024-01-01 12:00", "2024-01-03 08:00", None, "2024-01-03 18:00", None]),
        "status": ["solved", "closed", "open", "solved", "pending"],
    })


def test_backlog_series_by_day(life):
    r = run("backlog", {"tickets": life}, {"period": "day"})
    series = {p.label: p.value for p in r.details["series"]}
    # end of 01-01: #2 open; end of 01-02: #2, #3; end of 01-03 (as of 18:00): #3, #5
    assert series == {"2024-01-01": 1, "2024-01-02": 2, "2024-01-03": 2}
    assert r.value == 2
    assert SPECS["backlog"].series_only


def test_backlog_with_measured_period_and_resolved_without_time(life):
    t = life.copy()
    t.loc[4, "status"] = "closed"            # closed, no resolution time: excluded and reported
    r = run("backlog", {"tickets": t}, {"period": "day"},
            period=(pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-03")))
    assert [p.label for p in r.details["series"]] == ["2024-01-02"]
    assert r.value == 2
    assert (1, "resolved tickets without a resolution time") in r.excluded


def test_open_tickets_now_and_at_an_earlier_date(life):
    assert run("open_tickets", {"tickets": life}).value == 2          # open + pending
    earlier = run("open_tickets", {"tickets": life}, as_of=pd.Timestamp("2024-01-02 12:00"))
    assert earlier.value == 2                                          # #2 and #3 at noon on 01-02
    status_only = life.drop(columns="resolved_at")
    assert run("open_tickets", {"tickets": status_only}).value == 2


def test_resolved_count_and_resolution_rate(life):
    assert run("resolved_count", {"tickets": life}).value == 3
    r = run("resolution_rate", {"tickets": life})
    assert r.value == pytest.approx(60.0) and (r.numerator, r.denominator) == (3, 5)
    assert r.ci_low < 60 < r.ci_high


@pytest.fixture
def fcr_tickets():
    return pd.DataFrame({
        "ticket_id": list("123456"),
        "created_at": ts(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-20"]),
        "status": ["solved", "solved", "closed", "solved", "open", "solved"],
        "agent_replies": [1.0, 1, 3, 1, 1, 1],
        "reopens": [0.0, 1, 0, 0, 0, 0],
        "customer_id": ["c1", "c2", "c3", "c1", "c5", "c6"],
        "channel": ["email", "email", "chat", "chat", "chat", "email"],
    })


def test_fcr_one_reply_never_reopened(fcr_tickets):
    # resolved: 1,2,3,4,6; one reply & never reopened: 1,4,6 -> 3/5
    r = run("fcr", {"tickets": fcr_tickets})
    assert r.value == pytest.approx(60.0)
    rt, value = terms_value("fcr", {"tickets": fcr_tickets})
    assert value == pytest.approx(60.0)
    by_channel = rt.frame.join(fcr_tickets["channel"]).groupby("channel")[["num", "den"]].sum()
    assert by_channel.loc["email"].tolist() == [2, 3] and by_channel.loc["chat"].tolist() == [1, 2]


def test_fcr_flag_wins_and_cross_channel_voids(fcr_tickets):
    t = fcr_tickets.assign(fcr_flag=pd.array([False, None, None, None, None, None], dtype="boolean"))
    assert run("fcr", {"tickets": t}).value == pytest.approx(40.0)   # ticket 1 now not FCR
    # cross-channel, 7 days: c1 contacts again on 01-04 (3 days after ticket 1) -> ticket 1 voided
    r = run("fcr", {"tickets": fcr_tickets}, {"cross_channel": True, "window_days": 7})
    assert r.value == pytest.approx(40.0) and r.details["voided_by_repeat_contact"] == 1
    # a call from c6 two days after ticket 6 voids it too
    calls = pd.DataFrame({"call_id": ["x"], "started_at": ts(["2024-01-22"]), "caller_id": ["c6"]})
    assert run("fcr", {"tickets": fcr_tickets, "calls": calls}, {"cross_channel": True}).value == pytest.approx(20.0)
    assert run("fcr", {"tickets": fcr_tickets}, {"cross_channel": True, "window_days": 2}).value == pytest.approx(60.0)


def test_interactions_and_reopen_rate(fcr_tickets):
    assert run("interactions_per_ticket", {"tickets": fcr_tickets}).value == pytest.approx(8 / 6)
    r = run("reopen_rate", {"tickets": fcr_tickets})
    assert r.value == pytest.approx(20.0) and r.higher_is_better is False


@pytest.fixture
def sla_tickets():
    # first responses after 0.5 h, 2 h, 5 h, 1 h, 30 h, none
    return pd.DataFrame({
        "ticket_id": list("123456"),
        "created_at": ts(["2024-01-01 00:00"] * 6),
        "first_response_at": ts(["2024-01-01 00:30", "2024-01-01 02:00", "2024-01-01 05:00", "2024-01-01 01:00",
                                 "2024-01-02 06:00", None]),
        "priority": ["Urgent", "urgent", "High", "3 - Low", "normal", "high"],
        "sla_met": pd.array([True, False, True, True, None, False], dtype="boolean"),
    })


def test_sla_per_priority_table(sla_tickets):
    targets = {"urgent": H, "high": 4 * H, "low": 8 * H, "default": 24 * H}
    r = run("sla_compliance", {"tickets": sla_tickets}, {"targets": targets})
    # urgent: 0.5 h ok, 2 h late; high: 5 h late; low: 1 h ok; normal (default 24 h): 30 h late -> 2/5
    assert r.value == pytest.approx(40.0) and r.denominator == 5
    assert (1, "tickets still waiting for a first response") in r.excluded
    assert r.details["by_priority"]["Urgent"]["met"] == 1
    no_default = {k: v for k, v in targets.items() if k != "default"}
    r2 = run("sla_compliance", {"tickets": sla_tickets}, {"targets": no_default})
    assert r2.value == pytest.approx(50.0) and (1, "tickets whose priority has no target") in r2.excluded


def test_sla_resolution_target_and_file_verdict(sla_tickets):
    t = sla_tickets.assign(resolved_at=ts(["2024-01-01 10:00"] * 3 + ["2024-01-03 00:00"] + [None] * 2))
    r = run("sla_compliance", {"tickets": t}, {"measure": "resolution", "targets": {"default": DAY}})
    assert r.value == pytest.approx(75.0)
    verdict = run("sla_compliance", {"tickets": sla_tickets})
    assert verdict.value == pytest.approx(60.0)          # 3 of 5 known verdicts
    none = run("sla_compliance", {"tickets": sla_tickets.drop(columns="sla_met")})
    assert none.value is None and "target" in none.reason


def test_sla_targets_as_text_and_bad_targets(sla_tickets):
    from metrics_core.errors import ParameterError
    as_json = run("sla_compliance", {"tickets": sla_tickets}, {"targets": '{"urgent": 3600, "default": 86400}'})
    as_pairs = run("sla_compliance", {"tickets": sla_tickets}, {"targets": "urgent=3600, default=86400"})
    # urgent 0.5 h ok / 2 h late; high 5 h, low 1 h ok under 24 h; normal 30 h late -> 3/5
    assert as_json.value == as_pairs.value == pytest.approx(60.0)
    with pytest.raises(ParameterError, match="urgent"):
        run("sla_compliance", {"tickets": sla_tickets}, {"targets": {"urgent": "soon"}})
    with pytest.raises(ParameterError, match="not a table"):
        run("sla_compliance", {"tickets": sla_tickets}, {"targets": "urgent 3600"})


def test_agent_productivity_per_day_and_per_hour():
    t = pd.DataFrame({"ticket_id": list("12345"), "created_at": ts(["2024-01-01"] * 5),
                      "resolved_at": ts(["2024-01-01 10:00", "2024-01-01 11:00", "2024-01-02 10:00",
                                         "2024-01-01 12:00", None]),
                      "status": ["solved", "solved", "solved", "solved", "open"],
                      "agent": ["ana", "ana", "ana", "bo", "bo"]})
    calls = pd.DataFrame({"call_id": ["c"], "started_at": ts(["2024-01-02 09:00"]), "outcome": ["answered"],
                          "agent": ["bo"]})
    staff = pd.DataFrame({"agent": ["ana", "bo"], "hours_worked": [12.0, 4.0]})
    r = run("agent_productivity", {"tickets": t, "calls": calls, "staff": staff})
    # ana 3 items on 2 days, bo 2 items on 2 days -> 5 / 4
    assert r.value == pytest.approx(1.25)
    assert r.details["by_agent"]["ana"]["per_day"] == pytest.approx(1.5)
    assert r.details["by_agent"]["ana"]["per_hour"] == pytest.approx(0.25)
    assert r.details["by_agent"]["bo"]["per_hour"] == pytest.approx(0.5)
    assert r.details["per_hour"] == pytest.approx(5 / 16)


def test_peak_hours_matrix_and_volumes():
    t = pd.DataFrame({"ticket_id": list("1234"), "channel": ["Email", "email", "Chat", None],
                      "created_at": ts(["2024-03-04 09:10", "2024-03-04 09:50", "2024-03-11 09:05",
                                        "2024-03-09 22:00"])})
    calls = pd.DataFrame({"call_id": ["c1", "c2"], "started_at": ts(["2024-03-05 14:00", "2024-03-04 09:30"])})
    r = run("peak_hours", {"tickets": t, "calls": calls})
    matrix = np.array(r.details["matrix"])
    assert matrix.shape == (7, 24) and matrix.sum() == 6
    assert matrix[0, 9] == 4 and matrix[1, 14] == 1 and matrix[5, 22] == 1
    assert r.value == 4 and r.details["busiest"] == {"weekday": "Mon", "hour": 9, "count": 4}
    v = run("request_volume", {"tickets": t, "calls": calls})
    assert v.value == 6 and v.details["by_kind"] == {"tickets": 4, "calls": 2}
    ch = run("volume_by_channel", {"tickets": t, "calls": calls})
    counts = ch.details["counts"]
    assert counts["Phone"] == 2
    assert [v for k, v in counts.items() if k.lower() == "email"] == [2]      # "Email" and "email" are one channel
    assert ch.value == pytest.approx(100 * 2 / 6)


def test_complaint_growth_by_month_and_measured_period():
    t = pd.DataFrame({"ticket_id": [str(i) for i in range(9)],
                      "created_at": ts(["2024-01-05", "2024-01-20", "2024-02-01", "2024-02-02", "2024-02-03",
                                        "2024-02-10", "2024-02-11", "2024-02-12", "2024-03-01"]),
                      "is_complaint": pd.array([True, True, True, True, True, True, False, False, False],
                                               dtype="boolean")})
    # Jan 2 complaints, Feb 4, March 0 (a ticket, but no complaint). The data ends on March 1, so March is
    # not complete and is left out, as in the dashboard's comparisons: February (4) vs January (2) -> +100 %
    r = run("complaint_growth", {"tickets": t})
    assert r.value == pytest.approx(100.0) and (r.details["last"], r.details["previous"]) == (4, 2)
    assert r.details["left_out"] == "Mar 2024 (the data ends on 1 Mar 2024)"
    assert r.details["last_period"].english() == "Feb 2024"
    with language("sl"):                                # the periods are named in the language they are read in
        assert (str(r.details["left_out"]), str(r.details["last_period"])) == (
            "mar. 2024 (podatki se končajo 1. mar. 2024)", "feb. 2024")
    assert r.to_dict()["details"]["last_period"] == "Feb 2024"        # JSON: English
    whole_march = pd.concat([t, pd.DataFrame({"ticket_id": ["x"], "created_at": ts(["2024-03-31 18:00"]),
                                              "is_complaint": pd.array([False], dtype="boolean")})])
    # with the data reaching March 31, March counts: 0 complaints vs February's 4 -> -100 %
    assert run("complaint_growth", {"tickets": whole_march}).value == pytest.approx(-100.0)
    t2 = t.iloc[:8]
    # the data ends on February 12: only January is complete, and growth needs two complete months
    r = run("complaint_growth", {"tickets": t2})
    assert r.value is None and "two complete periods" in r.reason
    windowed = run("complaint_growth", {"tickets": t},
                   period=(pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-08")))
    # 2024-02-01..07: 3 complaints; 2024-01-25..31: 0 -> no value; use a window with a previous count
    assert windowed.value is None
    w2 = run("complaint_growth", {"tickets": t}, period=(pd.Timestamp("2024-01-20"), pd.Timestamp("2024-02-20")))
    # current 01-20..02-19: 5 complaints; previous 12-20..01-19: 1 -> +400 %
    assert w2.value == pytest.approx(400.0)
    assert w2.details["last_period"].english() == "20 Jan – 19 Feb 2024"
    with language("sv"):
        assert str(w2.details["last_period"]) == "20 jan. – 19 feb. 2024"
    customers = pd.DataFrame({"customer_id": ["a", "b", "c", "d"],
                              "joined_at": ts(["2023-01-01"] * 4), "churned_at": ts([None, None, None, "2024-01-10"])})
    with_customers = run("complaint_growth", {"tickets": t2, "customers": customers})
    assert with_customers.details["complaints_per_100_customers"] == pytest.approx(400 / 3)


def test_status_decision_is_kept_per_column_and_let_go_with_it() -> None:
    """resolved_mask decides a status column once; another column (a new or filtered frame) is decided anew,
    and nothing is kept after the column is gone."""
    import gc

    from metrics_core import column_facts
    from metrics_core.metrics import ticket_quality

    first = pd.DataFrame({"status": pd.array(["Solved", "open", None], dtype="string"),
                          "resolved_at": pd.to_datetime([None, None, "2024-01-02"])})
    before = len(column_facts._FACTS)
    assert ticket_quality.resolved_mask(first).tolist() == [True, False, True]
    assert ticket_quality.resolved_mask(first).tolist() == [True, False, True]
    second = first.assign(status=pd.array(["open", " CLOSED", "Pending"], dtype="string"))
    assert ticket_quality.resolved_mask(second).tolist() == [False, True, False]
    assert ticket_quality.resolved_mask(first[1:]).tolist() == [False, True]
    del first, second
    gc.collect()
    assert len(column_facts._FACTS) <= before
