"""The demo business in ``resources/demo``: reproducible, plausible, consistent across files,
and recognised as the intended data kinds.

Every check here is computed independently with the ``csv`` module (or openpyxl for
the workbook), not with the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
import pytest

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
START, END = dt.datetime(2026, 5, 1), dt.datetime(2026, 11, 1)
DATA_FILES = ["tickets.csv", "messages.csv", "calls.csv", "call_intervals.csv", "survey_responses.csv", "customers.csv", "orders.csv",
              "quality_reviews.xlsx", "social_mentions.csv", "self_service.csv", "staff.csv", "cash.csv"]
OPEN_STATUSES = {"New", "Open", "Pending", "On-hold"}


def rows(name: str, encoding: str = "utf-8", delimiter: str = ",") -> list[dict[str, str]]:
    text = (DEMO / name).read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def when(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


@pytest.fixture(scope="module")
def tickets() -> list[dict[str, str]]:
    return rows("tickets.csv")


@pytest.fixture(scope="module")
def calls() -> list[dict[str, str]]:
    return rows("calls.csv")


def _generator():
    spec = importlib.util.spec_from_file_location("make_demo", DEMO / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_is_reproducible_byte_for_byte(tmp_path: Path) -> None:
    written = _generator().write_demo(tmp_path)
    assert sorted(p.name for p in written) == sorted(DATA_FILES)
    for path in written:
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), f"{path.name} differs from the committed file"


def test_demo_is_modest_in_size_and_documented() -> None:
    assert sum((DEMO / n).stat().st_size for n in DATA_FILES) < 3_000_000
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    for name in DATA_FILES:
        assert f"`{name}`" in readme, f"README.md does not describe {name}"


def test_tickets_cover_the_period_with_monday_morning_peaks(tickets: list[dict[str, str]]) -> None:
    assert 3500 <= len(tickets) <= 4500
    created = [when(t["Created at"]) for t in tickets]
    assert min(created) >= START and max(created) < END
    assert len({c.month for c in created}) == 6
    per_weekday = Counter(c.weekday() for c in created)
    assert per_weekday.most_common(1)[0][0] == 0, per_weekday
    monday_hours = Counter(c.hour for c in created if c.weekday() == 0)
    assert 8 <= monday_hours.most_common(1)[0][0] <= 11
    assert len({t["Id"] for t in tickets}) == len(tickets)


def test_every_agent_has_tickets_and_the_leaver_stops(tickets: list[dict[str, str]]) -> None:
    staff = rows("staff.csv")
    per_agent = Counter(t["Assignee"] for t in tickets)
    for person in staff:
        assert per_agent[person["Agent"]] >= 50, person["Agent"]
    leavers = [p for p in staff if p["Left at"]]
    assert len(leavers) == 1
    left = dt.datetime.strptime(leavers[0]["Left at"], "%Y-%m-%d") + dt.timedelta(days=1)
    assert START < left < END
    assert all(when(t["Created at"]) < left for t in tickets if t["Assignee"] == leavers[0]["Agent"])


def test_ticket_states_and_durations_are_consistent(tickets: list[dict[str, str]]) -> None:
    still_open = [t for t in tickets if t["Status"] in OPEN_STATUSES]
    assert 20 <= len(still_open) <= 400
    assert all(t["Solved at"] == "" and t["Full resolution time in minutes"] == "" for t in still_open)
    solved = [t for t in tickets if t["Status"] in ("Solved", "Closed")]
    assert len(solved) + len(still_open) == len(tickets)
    for t in solved:
        minutes = (when(t["Solved at"]) - when(t["Created at"])).total_seconds() // 60
        assert int(t["Full resolution time in minutes"]) == minutes
        assert 0 <= int(t["First reply time in minutes"]) <= minutes
    assert sum(int(t["Reopens"]) > 0 for t in solved) >= 50
    complaints = [t for t in tickets if t["Ticket type"] == "Complaint"]
    assert len(complaints) >= 100
    escalated = [t for t in complaints if t["Escalated"] == "Yes"]
    assert escalated and all(when(t["Escalated at"]) >= when(t["Created at"]) for t in escalated)
    ratings = [int(t["Satisfaction rating"]) for t in tickets if t["Satisfaction rating"]]
    assert len(ratings) > 500 and set(ratings) <= {1, 2, 3, 4, 5}
    assert {t["Via"] for t in tickets} == {"Email", "Web form", "Chat", "Phone", "Social"}


def test_messages_match_their_tickets(tickets: list[dict[str, str]]) -> None:
    by_id = {t["Id"]: t for t in tickets}
    msgs = rows("messages.csv")
    assert len(msgs) > 1000
    assert {m["Author role"] for m in msgs} == {"customer", "agent"}
    threads: dict[str, list[dict[str, str]]] = defaultdict(list)
    for m in msgs:
        threads[m["Ticket ID"]].append(m)
    for ticket_id, thread in threads.items():
        ticket = by_id[ticket_id]
        assert thread[0]["Author role"] == "customer" and thread[0]["Sent at"] == ticket["Created at"]
        first_agent = next(m for m in thread if m["Author role"] == "agent")
        delay = (when(first_agent["Sent at"]) - when(ticket["Created at"])).total_seconds() / 60
        assert delay == int(ticket["First reply time in minutes"])
        assert [m["Sent at"] for m in thread] == sorted(m["Sent at"] for m in thread)


def test_calls_have_abandons_busies_and_repeat_callers(calls: list[dict[str, str]]) -> None:
    assert 2500 <= len(calls) <= 5000
    inbound = [c for c in calls if c["Direction"] == "Inbound"]
    types = Counter(c["Call type"] for c in inbound)
    abandoned = [c for c in inbound if c["Call type"] == "Abandoned"]
    assert 0.05 <= len(abandoned) / len(inbound) <= 0.25, types
    assert 0 < sum(int(c["Waiting time (s)"]) < 5 for c in abandoned) < len(abandoned) / 2
    assert types["Busy"] > 0 and types["Voicemail"] > 0 and types["Missed"] > 0
    for c in inbound:
        answered = c["Call type"] == "Answered"
        assert (c["Answered"] == "Yes") == answered
        assert (int(c["Talk time (s)"]) > 0) == answered and bool(c["Agent"]) == answered
    seen: dict[str, dt.datetime] = {}
    repeats = 0
    for c in inbound:
        t = when(c["Started at"])
        if c["Caller number"] in seen and t - seen[c["Caller number"]] <= dt.timedelta(hours=72):
            repeats += 1
        seen[c["Caller number"]] = t
    assert repeats >= 50
    assert any(c["Direction"] == "Outbound" for c in calls)


def test_call_intervals_reconcile_with_the_call_log(calls: list[dict[str, str]]) -> None:
    queued = [c for c in calls if c["Direction"] == "Inbound" and c["Call type"] in ("Answered", "Abandoned", "Missed")]
    intervals = rows("call_intervals.csv")
    assert sum(int(r["Offered"]) for r in intervals) == len(queued)
    assert sum(int(r["Answered"]) for r in intervals) == sum(c["Call type"] == "Answered" for c in queued)
    per_slot = Counter()
    for c in queued:
        t = when(c["Started at"])
        per_slot[(t.replace(minute=t.minute // 30 * 30, second=0).strftime("%Y-%m-%d %H:%M"), c["Line"])] += 1
    for r in intervals:
        assert int(r["Offered"]) == int(r["Answered"]) + int(r["Abandoned"]) == per_slot[(r["Interval Start"], r["Queue"])]
        assert int(r["Answered within SLA"]) <= int(r["Answered"])
        assert r["Service Level %"].endswith("%")
    waits = [int(c["Waiting time (s)"]) for c in queued if c["Call type"] == "Answered"]
    weighted_asa = sum(int(r["Answered"]) * sum(int(x) * 60 ** k for k, x in enumerate(reversed(r["ASA"].split(":"))))
                       for r in intervals if r["ASA"]) / len(waits)
    assert abs(weighted_asa - sum(waits) / len(waits)) < 1.0        # per-interval ASA is rounded to whole seconds


def test_customers_orders_and_contacts_join(tickets: list[dict[str, str]]) -> None:
    customers = rows("customers.csv")
    emails = {c["Email"] for c in customers}
    orders = rows("orders.csv")
    order_rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in orders:
        order_rows[line["Name"]].append(line)
    per_email = Counter(lines[0]["Email"] for lines in order_rows.values())
    for c in customers:
        assert int(c["Orders count"]) == per_email.get(c["Email"], 0)
    assert sum(n >= 2 for n in per_email.values()) >= 100
    for lines in order_rows.values():
        head, rest = lines[0], lines[1:]
        assert head["Total"] and all(r["Total"] == "" and r["Financial Status"] == "" for r in rest)
        total = float(head["Subtotal"]) - float(head["Discount Amount"]) + float(head["Shipping"])
        assert abs(total - float(head["Total"])) < 0.005
        assert 0 < float(head["Margin %"]) < 100
        assert head["Created at"][-6:] in (" +0200", " +0100")
    known = [t for t in tickets if t["Requester email"] in emails]
    assert len(known) / len(tickets) > 0.8
    order_days = defaultdict(list)
    for lines in order_rows.values():
        order_days[lines[0]["Email"]].append(dt.datetime.strptime(lines[0]["Created at"][:19], "%Y-%m-%d %H:%M:%S"))
    converted = {t["Requester email"] for t in known
                 if any(dt.timedelta(0) < o - when(t["Created at"]) <= dt.timedelta(days=30)
                        for o in order_days[t["Requester email"]])}
    assert len(converted) >= 100
    joined = [dt.datetime.strptime(c["Joined at"], "%Y-%m-%d") for c in customers]
    assert any(j < START for j in joined) and any(START <= j < END for j in joined)
    churned = [dt.datetime.strptime(c["Churned at"], "%Y-%m-%d") for c in customers if c["Churned at"]]
    assert len(churned) >= 50 and all(START <= d < END for d in churned)
    assert any(c["Referral source"] == "Referral" for c in customers)
    assert {c["Loyalty member"] for c in customers} == {"Yes", "No"}


def test_survey_answers_are_on_their_scales() -> None:
    answers = rows("survey_responses.csv")
    header = list(answers[0])
    nps, csat, ces, comment = header[1:5]
    assert 800 <= len(answers) <= 2000
    assert {int(a[nps]) for a in answers} <= set(range(11))
    assert {int(a[csat]) for a in answers} <= set(range(1, 6))
    assert {int(a[ces]) for a in answers if a[ces]} <= set(range(1, 8))
    assert any(a[ces] == "" for a in answers)          # partial responses
    assert any(ch in a[comment] for a in answers for ch in "čšž")   # some comments in Slovenian
    for a in answers:
        assert bool(a["Feedback answered at"]) == (a["Feedback answered"] == "Yes")
        assert a["Feedback answered"] == "" or a[comment]


def test_side_files_are_plausible() -> None:
    book = openpyxl.load_workbook(DEMO / "quality_reviews.xlsx", read_only=True)
    sheet = book.worksheets[0]
    grid = list(sheet.iter_rows(values_only=True))
    book.close()
    header = list(grid[0])
    assert header[:3] == ["Review ID", "Agent", "Reviewed at"]
    maxima = {i: int(h.split("(0-")[1].rstrip(")")) for i, h in enumerate(header) if "(0-" in str(h)}
    assert len(maxima) == 4
    for row in grid[1:]:
        assert isinstance(row[2], dt.datetime) and START <= row[2] < END
        assert all(0 <= row[i] <= top for i, top in maxima.items())
    assert {r[1] for r in grid[1:]} == {s["Agent"] for s in rows("staff.csv")}
    social = rows("social_mentions.csv")
    assert {s["Sentiment"] for s in social} == {"Positive", "Neutral", "Negative"}
    assert {s["Technical question"] for s in social} == {"Y", "N"}
    sessions = rows("self_service.csv")
    assert {s["Resolved without agent"] for s in sessions} == {"Yes", "No"}
    assert all(not (s["Resolved without agent"] == "Yes" and s["Escalated to agent"] == "Yes") for s in sessions)


def test_readme_stories_hold(tickets: list[dict[str, str]], calls: list[dict[str, str]]) -> None:
    complaints = Counter(when(t["Created at"]).month for t in tickets if t["Ticket type"] == "Complaint")
    others = [n for month, n in complaints.items() if month != 9]
    assert complaints[9] > 1.5 * max(others), complaints
    ratings: dict[str, list[int]] = defaultdict(list)
    for t in tickets:
        if t["Satisfaction rating"] and t["Group"] == "Customer care":
            ratings[t["Assignee"]].append(int(t["Satisfaction rating"]))
    mean_rating = {agent: sum(r) / len(r) for agent, r in ratings.items()}
    assert min(mean_rating, key=mean_rating.get) == "Jure Horvat", mean_rating
    waits: dict[int, list[int]] = defaultdict(list)
    for c in calls:
        if c["Call type"] == "Answered" and c["Direction"] == "Inbound":
            waits[when(c["Started at"]).weekday()].append(int(c["Waiting time (s)"]))
    mean_wait = {day: sum(w) / len(w) for day, w in waits.items()}
    assert max(mean_wait, key=mean_wait.get) == 0, mean_wait
    negative = Counter(when(s["Posted at"]).month for s in rows("social_mentions.csv") if s["Sentiment"] == "Negative")
    assert negative.most_common(1)[0][0] == 9, negative


def test_cash_is_a_slovenian_bank_export() -> None:
    raw = (DEMO / "cash.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\r\n" in raw
    lines = rows("cash.csv", encoding="cp1250", delimiter=";")
    assert list(lines[0]) == ["Datum", "Opis", "Priliv", "Odliv"]
    assert any(ch in line["Opis"] for line in lines for ch in "čšžČŠŽ")
    money = lambda s: float(s.replace(".", "").replace(",", ".")) if s else 0.0  # noqa: E731
    inflow = sum(money(line["Priliv"]) for line in lines)
    outflow = sum(money(line["Odliv"]) for line in lines)
    assert inflow > 100_000 and outflow > 50_000
    assert any("." in line["Priliv"] and "," in line["Priliv"] for line in lines)   # 1.234,56
    days = [dt.datetime.strptime(line["Datum"], "%d.%m.%Y") for line in lines]
    assert min(days) >= START and max(days) < END


EXPECTED_KINDS = {
    "tickets.csv": ("tickets", ["ticket_id", "created_at", "first_response_s", "resolved_at", "status", "channel",
                                "agent", "customer_id", "reopens", "type", "csat_score", "escalated_at"]),
    "messages.csv": ("messages", ["ticket_id", "sent_at", "author_role"]),
    "calls.csv": ("calls", ["call_id", "started_at", "direction", "outcome", "wait_s", "talk_s", "hold_s", "wrap_s",
                            "agent", "caller_id", "resolved"]),
    "call_intervals.csv": ("call_intervals", ["period", "queue", "offered", "answered", "abandoned",
                                              "answered_within_threshold", "asa_s", "aht_s"]),
    "survey_responses.csv": ("surveys", ["submitted_at", "nps_score", "csat_score", "ces_score", "comment",
                                         "customer_id", "feedback_answered"]),
    "customers.csv": ("customers", ["customer_id", "joined_at", "churned_at", "referral_source", "loyalty_member",
                                    "training_participant", "revenue_per_period", "engagement_inputs"]),
    "orders.csv": ("orders", ["customer_id", "order_date", "amount", "gross_margin", "order_id"]),
    "quality_reviews.xlsx": ("reviews", ["agent", "reviewed_at", "criteria"]),
    "social_mentions.csv": ("social", ["posted_at", "platform", "sentiment", "is_technical", "answerable_by_content",
                                       "mentions_competitor", "answered"]),
    "self_service.csv": ("self_service", ["started_at", "resolved_without_agent", "escalated"]),
    "staff.csv": ("staff", ["agent", "hired_at", "left_at", "hours_worked"]),
    "cash.csv": ("cash", ["date", "inflow", "outflow"]),
}


@pytest.fixture(scope="module")
def demo_datasets() -> dict:
    from metrics_core.loading import load_dataset

    return {name: load_dataset(DEMO / name) for name in DATA_FILES}


@pytest.mark.parametrize("name", DATA_FILES)
def test_demo_file_is_detected_as_its_kind(demo_datasets: dict, name: str) -> None:
    assert demo_datasets[name].kind == EXPECTED_KINDS[name][0]


@pytest.mark.parametrize("name", DATA_FILES)
def test_demo_file_maps_the_fields_its_kpis_need(demo_datasets: dict, name: str) -> None:
    mapping = demo_datasets[name].mapping
    missing = [f for f in EXPECTED_KINDS[name][1] if f not in mapping.fields]
    assert not missing, f"{name}: fields not mapped: {missing}"
    if name == "quality_reviews.xlsx":
        assert mapping.fields["criteria"].columns == ["Greeting (0-5)", "Accuracy (0-10)", "Tone (0-5)",
                                                      "Resolution (0-10)"]


def test_every_kpi_has_data_in_the_demo(demo_datasets: dict) -> None:
    from metrics_core.dataset import DataBundle
    from metrics_core.metrics.engine import compute_all
    from metrics_core.metrics.registry import REGISTRY

    bundle = DataBundle(list(demo_datasets.values()))
    results = compute_all(bundle)
    needs_user_input = {"benchmark_gap"}          # compares a KPI with a benchmark the user types in
    empty = [spec.id for spec in REGISTRY if spec.id not in needs_user_input and results[spec.id].value is None]
    assert not empty, {m: results[m].excluded for m in empty}
