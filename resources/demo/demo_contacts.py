"""Contacts of the demo business: helpdesk tickets, their message log, and phone calls."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from demo_world import (AS_OF, DAYS, END, START, SUBJECTS, TOPICS, Clock, csv_bytes, in_hours,
                        next_open, pick_agent, ts, yes)

# --- tickets and messages ------------------------------------------------------------------------

CHANNELS = ["Email", "Web form", "Chat", "Phone", "Social"]
FRT_MEDIAN_MIN = {"Email": 95.0, "Web form": 110.0, "Chat": 2.5, "Phone": 1.0, "Social": 60.0}
SLA_TARGET_MIN = {"Urgent": 60, "High": 240, "Normal": 480, "Low": 1440}


def pick_customer(rng: np.random.Generator, customers: list[dict[str, Any]], t: dt.datetime) -> dict[str, Any] | None:
    for _ in range(12):
        c = customers[int(rng.integers(len(customers)))]
        if c["joined"] <= t and (c["churned"] is None or t < c["churned"] + dt.timedelta(days=3)):
            return c
    return None


def make_tickets(rng: np.random.Generator, customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tickets = []
    for k, t in enumerate(Clock(rng).arrivals(23.0, bumps={9: 0.2})):
        channel = CHANNELS[int(rng.choice(5, p=[0.38, 0.22, 0.2, 0.12, 0.08]))]
        cust = pick_customer(rng, customers, t) if rng.random() < 0.9 else None
        complaint = rng.random() < (0.15 if t.month == 9 else 0.07)
        topic = TOPICS[int(rng.choice(7, p=[0.3, 0.16, 0.1, 0.2, 0.1, 0.08, 0.06]))]
        if complaint:
            topic = ["delivery", "damaged_item", "returns"][int(rng.integers(3))]
        kind = "Complaint" if complaint else ["Question", "Incident", "Problem", "Task"][
            int(rng.choice(4, p=[0.55, 0.25, 0.1, 0.1]))]
        pr = ["Urgent", "High", "Normal", "Low"]
        priority = pr[int(rng.choice(4, p=[0.15, 0.45, 0.35, 0.05] if complaint else [0.04, 0.14, 0.6, 0.22]))]
        agent = pick_agent(rng, t, "Phone desk" if channel == "Phone" else "Customer care")
        live = channel in ("Chat", "Phone") and in_hours(t)
        wait = rng.lognormal(np.log(FRT_MEDIAN_MIN[channel] if live or channel not in ("Chat", "Phone") else 30), 0.9)
        wait *= agent[5] * (0.5 if priority == "Urgent" else 1.0)
        first_reply = next_open(t) + dt.timedelta(minutes=float(wait))
        fcr = rng.random() < (0.72 if live else 0.5) and not complaint
        replies = 1 if fcr else 2 + int(rng.poisson(1.2)) + int(complaint)
        if fcr:
            res_h = rng.uniform(0.02, 0.5) if live else rng.uniform(0.2, 6)
        else:
            res_h = rng.lognormal(np.log(20), 0.8) * (replies - 1) / 1.5 * (2.5 if complaint else 1) * agent[5]
        solved = first_reply + dt.timedelta(hours=float(res_h))
        stuck = rng.random() < 0.012
        tk = {"id": 20451 + k, "at": t, "channel": channel, "customer": cust, "complaint": complaint, "topic": topic,
              "type": kind, "priority": priority, "agent": agent, "replies": replies, "reopens": 0,
              "first_reply": first_reply if first_reply <= AS_OF else None, "solved": None, "rating": None,
              "escalated_at": None}
        if tk["first_reply"] is None:
            tk["replies"] = 0
        elif solved <= AS_OF and not stuck:
            tk["solved"] = solved
            tk["reopens"] = int(rng.choice(3, p=[0.93, 0.06, 0.01]))
            tk["replies"] += tk["reopens"]
            if rng.random() < 0.33:
                score = 4.2 + agent[6] - 0.6 * complaint - 0.35 * (wait > 480) - 0.4 * tk["reopens"]
                tk["rating"] = int(np.clip(round(rng.normal(score, 0.9)), 1, 5))
        if complaint and priority in ("Urgent", "High") and rng.random() < 0.55:
            tk["escalated_at"] = t + dt.timedelta(hours=float(rng.uniform(1, 24)))
            if tk["solved"] and tk["escalated_at"] > tk["solved"]:
                tk["escalated_at"] = t + (tk["solved"] - t) / 2
        tickets.append(tk)
    return tickets


def ticket_status(rng: np.random.Generator, tk: dict[str, Any]) -> str:
    if tk["solved"]:
        return "Closed" if tk["solved"] + dt.timedelta(days=4) < AS_OF else "Solved"
    if tk["first_reply"] is None:
        return "New"
    return ["Open", "Pending", "On-hold"][int(rng.choice(3, p=[0.45, 0.4, 0.15]))]


def tickets_file(rng: np.random.Generator, tickets: list[dict[str, Any]]) -> bytes:
    header = ["Id", "Requester email", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
              "Ticket type", "Created at", "Solved at", "First reply time in minutes",
              "Full resolution time in minutes", "Replies", "Reopens", "Satisfaction rating",
              "First response target in minutes", "Escalated", "Escalated at"]
    rows = []
    for tk in tickets:
        mins = lambda end: "" if end is None else str(int((end - tk["at"]).total_seconds() // 60))  # noqa: E731
        email = tk["customer"]["email"] if tk["customer"] else f"guest{tk['id']}@example.net"
        tags = " ".join([tk["topic"], *(["escalated"] if tk["escalated_at"] else []),
                         *(["vip"] if tk["customer"] and tk["customer"]["plan"] == "Business" else [])])
        rows.append([tk["id"], email, tk["agent"][0], tk["agent"][1], SUBJECTS[tk["topic"]], tags,
                     ticket_status(rng, tk), tk["priority"], tk["channel"], tk["type"], ts(tk["at"]), ts(tk["solved"]),
                     mins(tk["first_reply"]), mins(tk["solved"]), tk["replies"], tk["reopens"],
                     "" if tk["rating"] is None else tk["rating"], SLA_TARGET_MIN[tk["priority"]],
                     yes(tk["escalated_at"] is not None), ts(tk["escalated_at"])])
    return csv_bytes(header, rows)


def messages_file(rng: np.random.Generator, tickets: list[dict[str, Any]]) -> bytes:
    """Message log of written tickets (every fourth email / web-form ticket with a reply)."""
    rows = []
    chosen = [tk for tk in tickets if tk["channel"] in ("Email", "Web form") and tk["first_reply"]][::4]
    for tk in chosen:
        who = tk["customer"]["first"] + " " + tk["customer"]["last"] if tk["customer"] else "Guest"
        # Zendesk counts whole minutes: the first agent message is that many minutes after creation.
        first = tk["at"] + dt.timedelta(minutes=(tk["first_reply"] - tk["at"]).total_seconds() // 60)
        msgs = [(tk["at"], "customer", who), (first, "agent", tk["agent"][0])]
        t = first
        for _ in range(tk["replies"] - 1):
            t += dt.timedelta(hours=float(rng.lognormal(np.log(3), 0.8)))
            if t > AS_OF:
                break
            msgs.append((t, "customer", who))
            t = next_open(t) + dt.timedelta(minutes=float(rng.lognormal(np.log(70), 0.8) * tk["agent"][5]))
            if t > AS_OF:
                break
            msgs.append((t, "agent", tk["agent"][0]))
        rows += [[tk["id"], ts(m[0]), m[1], m[2], tk["channel"]] for m in msgs]
    return csv_bytes(["Ticket ID", "Sent at", "Author role", "Author", "Channel"], rows)


# --- calls ---------------------------------------------------------------------------------------

CALL_TAGS = ["order status", "returns", "payment", "product advice", "complaint", "delivery change"]


def _inbound_call(rng: np.random.Generator, t: dt.datetime, number: str, repeat: bool) -> dict[str, Any]:
    call = {"at": t, "direction": "Inbound", "number": number, "wait": 0, "talk": 0, "hold": 0, "wrap": 0,
            "agent": "", "resolved": "", "tag": "", "line": "Sales line" if rng.random() < 0.15 else "Support line"}
    if not in_hours(t):
        call.update(type="Voicemail", answered=False, wait=int(rng.integers(8, 25)))
        return call
    if rng.random() < 0.015:
        call.update(type="Busy", answered=False)
        return call
    load = 2.2 if t.weekday() == 0 and t.hour < 12 else (1.4 if 9 <= t.hour < 12 else 1.0)
    wait = rng.lognormal(np.log(28 * load), 0.8)
    patience = rng.exponential(220) if rng.random() > 0.03 else rng.uniform(1, 4.9)
    if patience < wait:
        kind = "Missed" if rng.random() < 0.12 else "Abandoned"
        call.update(type=kind, answered=False, wait=max(1, int(patience)))
        return call
    agent = pick_agent(rng, t, "Phone desk" if rng.random() < 0.75 else "Customer care")
    resolved = rng.random() < (0.84 - 0.25 * (agent[5] - 1) - (0.15 if repeat else 0))
    call.update(type="Answered", answered=True, wait=int(wait), agent=agent[0],
                talk=int(rng.lognormal(np.log(210), 0.6) * agent[5]),
                hold=int(rng.uniform(15, 150)) if rng.random() < 0.3 else 0,
                wrap=int(rng.uniform(15, 90) * agent[5]), resolved=yes(resolved),
                tag=CALL_TAGS[int(rng.integers(len(CALL_TAGS)))])
    return call


def make_calls(rng: np.random.Generator, customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    calls = []
    for t in Clock(rng).arrivals(17.0, hours=Clock.PHONE):
        cust = pick_customer(rng, customers, t)
        number = cust["phone"] if cust and rng.random() < 0.85 else f"+3863{int(rng.integers(1000000, 9999999))}"
        call = _inbound_call(rng, t, number, repeat=False)
        calls.append(call)
        unhappy = not call["answered"] or call["resolved"] == "No"
        if unhappy and rng.random() < 0.45:
            again = next_open(t + dt.timedelta(hours=float(rng.uniform(0.2, 40))))
            if again < END:
                calls.append(_inbound_call(rng, again, number, repeat=True))
    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        if day.weekday() >= 5:
            continue
        for _ in range(int(rng.poisson(2.2))):
            t = day + dt.timedelta(hours=float(rng.uniform(9, 16.5)))
            agent = pick_agent(rng, t, "Phone desk")
            ok = rng.random() < 0.75
            cust = pick_customer(rng, customers, t)
            calls.append({"at": t.replace(microsecond=0), "direction": "Outbound", "type": "Outbound", "answered": ok,
                          "number": cust["phone"] if cust else "+38640000000", "wait": 0,
                          "talk": int(rng.lognormal(np.log(150), 0.5)) if ok else 0, "hold": 0,
                          "wrap": int(rng.uniform(10, 60)) if ok else 0, "agent": agent[0],
                          "resolved": yes(rng.random() < 0.9) if ok else "", "tag": "callback" if ok else "",
                          "line": "Support line"})
    calls.sort(key=lambda c: (c["at"], c["number"]))
    return calls


def calls_file(calls: list[dict[str, Any]]) -> bytes:
    header = ["Call ID", "Started at", "Direction", "Call type", "Answered", "Waiting time (s)", "Talk time (s)",
              "Hold time (s)", "Wrap-up time (s)", "Agent", "Line", "Caller number", "Resolved", "Tags"]
    rows = [[418203001 + 7 * k, ts(c["at"]), c["direction"], c["type"], yes(c["answered"]), c["wait"], c["talk"],
             c["hold"], c["wrap"], c["agent"], c["line"], c["number"], c["resolved"], c["tag"]]
            for k, c in enumerate(calls)]
    return csv_bytes(header, rows)


def _hms(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def intervals_file(calls: list[dict[str, Any]], sla_s: int = 60) -> bytes:
    """Half-hour ACD report (Genesys style) of the inbound calls that reached a queue.

    Offered = answered + abandoned + missed (busy calls never reached the queue and
    voicemail is the closed line), so the report reconciles with ``calls.csv``.
    """
    slots: dict[tuple[dt.datetime, str], list[dict[str, Any]]] = {}
    for c in calls:
        if c["direction"] == "Inbound" and c["type"] in ("Answered", "Abandoned", "Missed"):
            start = c["at"].replace(minute=0 if c["at"].minute < 30 else 30, second=0, microsecond=0)
            slots.setdefault((start, c["line"]), []).append(c)
    rows = []
    for (start, line), group in sorted(slots.items()):
        answered = [c for c in group if c["answered"]]
        within = sum(c["wait"] <= sla_s for c in answered)
        handle = sum(c["talk"] + c["hold"] + c["wrap"] for c in answered)
        rows.append([start.strftime("%Y-%m-%d %H:%M"), line, len(group), len(answered), len(group) - len(answered),
                     within, f"{100 * within / len(group):.2f}%",
                     _hms(sum(c["wait"] for c in answered) / len(answered)) if answered else "",
                     _hms(handle / len(answered)) if answered else ""])
    header = ["Interval Start", "Queue", "Offered", "Answered", "Abandoned", "Answered within SLA",
              "Service Level %", "ASA", "AHT"]
    return csv_bytes(header, rows)
