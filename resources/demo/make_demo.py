"""Write the demo business "Lipa Home d.o.o." (``resources/demo/``).

Lipa Home is a Ljubljana online shop for home goods with a six-person support
team. The files cover 1 May – 31 October 2026 and look like real exports
(Zendesk tickets, Aircall calls, Typeform survey, Shopify orders, a Slovenian
bank statement …); ``README.md`` says which KPIs each one feeds.

The output is deterministic (fixed seed, fixed formatting): running
``python resources/demo/make_demo.py`` again reproduces every file byte for
byte, and a test checks it. Files are written through ``metrics_core.atomic``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from metrics_core.atomic import write_bytes_atomic  # noqa: E402

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from demo_contacts import (calls_file, intervals_file, make_calls, make_tickets, messages_file,  # noqa: E402
                           tickets_file)
from demo_world import (AGENTS, AS_OF, COMMENTS_EN, COMMENTS_SL, DAYS, END, SEED, START, Clock,  # noqa: E402
                        active_agents, csv_bytes, customers_file, day_of, make_customers, make_orders, orders_file,
                        ts, yes)


# --- survey, QA reviews, social, self-service, staff, cash ---------------------------------------

NPS_Q = "How likely are you to recommend Lipa Home to a friend or colleague?"
CSAT_Q = "How would you rate your satisfaction with our support? (1-5)"
CES_Q = "How much effort did you personally have to put in to get your issue solved? (1 = very little, 7 = a lot)"
COMMENT_Q = "Any other feedback or comments?"


def to_utc(t: dt.datetime) -> dt.datetime:
    return t - dt.timedelta(hours=1 if t >= dt.datetime(2026, 10, 25, 3) else 2)


def survey_file(rng: np.random.Generator, tickets: list[dict[str, Any]]) -> bytes:
    header = ["#", NPS_Q, CSAT_Q, CES_Q, COMMENT_Q, "email", "agent", "channel", "Response Type", "Start Date (UTC)",
              "Submit Date (UTC)", "Network ID", "Feedback answered", "Feedback answered at"]
    rows = []
    for tk in tickets:
        if not (tk["solved"] and tk["customer"] and rng.random() < 0.36):
            continue
        sent = tk["solved"] + dt.timedelta(hours=float(rng.lognormal(np.log(5), 1.0)))
        if sent > AS_OF:
            continue
        latent = rng.normal(0, 1) + tk["agent"][6] + 0.12 * (sent.month - 5) - 0.8 * tk["complaint"]
        nps = int(np.clip(round(8.0 + 1.7 * latent), 0, 10))
        partial = rng.random() < 0.06
        comment = ""
        if not partial and rng.random() < 0.45:
            pool = (COMMENTS_SL if rng.random() < 0.3 else COMMENTS_EN)
            good = [c for c in pool if not any(w in c.lower() for w in ("late", "slow", "damaged", "zamujala", "poškodovana"))]
            bad = [c for c in pool if c not in good]
            comment = (good if latent > -0.3 else bad)[int(rng.integers(len(good if latent > -0.3 else bad)))]
        answered = comment and rng.random() < 0.65
        started = to_utc(sent) - dt.timedelta(seconds=int(rng.integers(30, 240)))
        tk["customer"]["nps"] = nps
        rows.append([hashlib.md5(f"lipa-{tk['id']}".encode()).hexdigest(), nps,
                     int(np.clip(round(4.1 + 0.8 * latent), 1, 5)),
                     "" if partial else int(np.clip(round(2.6 - 1.1 * latent), 1, 7)), comment, tk["customer"]["email"],
                     tk["agent"][0], tk["channel"], "partial" if partial else "completed", ts(started), ts(to_utc(sent)),
                     hashlib.sha1(tk["customer"]["email"].encode()).hexdigest()[:10],
                     ("Yes" if answered else "No") if comment else "",
                     ts(sent + dt.timedelta(hours=float(rng.lognormal(np.log(20), 0.7)))) if answered else ""])
    return csv_bytes(header, rows)


def reviews_file(rng: np.random.Generator) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": dt.datetime(2026, 11, 1, 8, 0), "author": "Lipa Home QA"})
    ws = wb.add_worksheet("QA reviews")
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    header = ["Review ID", "Agent", "Reviewed at", "Ticket ID", "Reviewer", "Greeting (0-5)", "Accuracy (0-10)",
              "Tone (0-5)", "Resolution (0-10)", "Comment"]
    ws.write_row(0, 0, header, wb.add_format({"bold": True}))
    row = 1
    for week in range(DAYS // 7):
        monday = START + dt.timedelta(days=7 * week + (7 - START.weekday()) % 7)
        for agent in active_agents(monday):
            for _ in range(2):
                at = monday + dt.timedelta(days=int(rng.integers(0, 5)), hours=float(rng.uniform(9, 16)))
                skill = 0.85 - 0.25 * (agent[5] - 1) + 0.2 * agent[6]
                score = lambda top: int(np.clip(round(rng.normal(skill * top, top * 0.12)), 0, top))  # noqa: E731
                ws.write(row, 0, f"QA-{1000 + row}")
                ws.write(row, 1, agent[0])
                ws.write_datetime(row, 2, at.replace(microsecond=0, second=0), when)
                ws.write_number(row, 3, 20451 + int(rng.integers(0, 4000)))
                ws.write(row, 4, "Maja Novak" if agent[0] != "Maja Novak" else "Luka Kranjc")
                for col, top in zip(range(5, 9), (5, 10, 5, 10)):
                    ws.write_number(row, col, score(top))
                ws.write(row, 9, ["", "Good empathy", "Check the return policy", "Missing order number"][row % 4])
                row += 1
    ws.autofilter(0, 0, row - 1, len(header) - 1)
    wb.close()
    return buf.getvalue()


def social_file(rng: np.random.Generator) -> bytes:
    platforms, topics = ["Instagram", "Facebook", "Google Reviews", "TikTok", "X"], \
        ["delivery", "product quality", "prices", "customer service", "returns", "summer sale"]
    rows = []
    for k, t in enumerate(Clock(rng).arrivals(3.6)):
        neg = 0.38 if t.month == 9 else 0.16
        sentiment = ["Positive", "Neutral", "Negative"][int(rng.choice(3, p=[0.7 - neg, 0.3, neg]))]
        technical = rng.random() < 0.15
        yn = lambda flag: "Y" if flag else "N"  # noqa: E731
        rows.append([f"M-{5001 + k}", ts(t), platforms[int(rng.choice(5, p=[0.4, 0.3, 0.15, 0.1, 0.05]))], sentiment,
                     topics[int(rng.integers(len(topics)))], yn(technical), yn(rng.random() < (0.6 if technical else 0.25)),
                     yn(rng.random() < 0.08), yn(rng.random() < (0.88 if sentiment == "Negative" else 0.62))])
    return csv_bytes(["Mention ID", "Posted at", "Platform", "Sentiment", "Topic", "Technical question",
                      "Answerable by help article", "Mentions competitor", "Answered"], rows)


def self_service_file(rng: np.random.Generator) -> bytes:
    rows = []
    for k, t in enumerate(Clock(rng).arrivals(15.0)):
        bot = rng.random() < 0.35
        solved = rng.random() < (0.58 if bot else 0.72) + 0.04 * (t.month - 5) / 5
        rows.append([f"S-{80001 + k}", ts(t), "Chatbot" if bot else "Help Center", yes(solved),
                     yes(not solved and rng.random() < (0.6 if bot else 0.35))])
    return csv_bytes(["Session ID", "Started at", "Channel", "Resolved without agent", "Escalated to agent"], rows)


def staff_file() -> bytes:
    rows = []
    for name, team, hired, left, *_ in AGENTS:
        lo = max(dt.datetime.fromisoformat(hired), START)
        hi = min(dt.datetime.fromisoformat(left) + dt.timedelta(days=1), END) if left else END
        workdays = sum((lo + dt.timedelta(days=d)).weekday() < 5 for d in range(max((hi - lo).days, 0)))
        rows.append([name, team, hired, left, f"{workdays * 7.5 * 0.9:.1f}"])
    return csv_bytes(["Agent", "Team", "Hired at", "Left at", "Hours worked"], rows)


def euro(x: float) -> str:
    """Slovenian number format: 1.234,56."""
    return f"{x:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def cash_file(rng: np.random.Generator, orders: list[dict[str, Any]]) -> bytes:
    sales: dict[dt.date, float] = {}
    for o in orders:
        sales[day_of(o["at"])] = sales.get(day_of(o["at"]), 0.0) + o["total"]
    fixed = {1: ("Najemnina skladišča Črnuče", 1850.0), 5: ("Naročnina Zendesk in Aircall", 412.8),
             18: ("Plače zaposlenih – podpora in skladišče", 15840.0), 20: ("DDV – plačilo FURS", 3900.0)}
    rows = []
    for d in range(DAYS):
        day = (START + dt.timedelta(days=d)).date()
        if day.weekday() < 5:
            paid = sum(sales.get(day - dt.timedelta(days=k), 0.0) for k in range(2, 5 if day.weekday() == 0 else 3))
            if paid:
                rows.append([day, "Izplačilo Shopify Payments", euro(paid * 0.981), ""])
            if day.weekday() == 3:
                rows.append([day, "Pošta Slovenije – poštnina", "", euro(float(rng.uniform(380, 620)))])
        if day.day in fixed:
            text, amount = fixed[day.day]
            rows.append([day, text, "", euro(amount * float(rng.uniform(0.97, 1.03)))])
        if day.day in (10, 25):
            rows.append([day, "Dobavitelj Keramika Šmarje d.o.o.", "", euro(float(rng.uniform(2500, 5200)))])
    refunds = [o for o in orders if o["refund"]]
    rows += [[(o["at"] + dt.timedelta(days=6)).date(), f"Vračilo kupcu – naročilo {o['name']}", "", euro(o["total"])]
             for o in refunds if o["at"] + dt.timedelta(days=6) < END]
    rows.sort(key=lambda r: (r[0], r[1]))
    out = [[r[0].strftime("%d.%m.%Y"), *r[1:]] for r in rows]
    return csv_bytes(["Datum", "Opis", "Priliv", "Odliv"], out, delimiter=";", encoding="cp1250", crlf=True)


# --- main ----------------------------------------------------------------------------------------

def build_all() -> dict[str, bytes]:
    """Every demo file's bytes, by file name (deterministic)."""
    rng = np.random.default_rng(SEED)
    customers = make_customers(rng)
    orders = make_orders(rng, customers)
    tickets = make_tickets(rng, customers)
    files = {"orders.csv": orders_file(orders), "tickets.csv": tickets_file(rng, tickets),
             "messages.csv": messages_file(rng, tickets)}
    calls = make_calls(rng, customers)
    files.update({"calls.csv": calls_file(calls), "call_intervals.csv": intervals_file(calls),
                  "survey_responses.csv": survey_file(rng, tickets)})
    files["customers.csv"] = customers_file(customers)     # after the survey: it carries the NPS given
    files.update({"quality_reviews.xlsx": reviews_file(rng), "social_mentions.csv": social_file(rng),
                  "self_service.csv": self_service_file(rng), "staff.csv": staff_file(),
                  "cash.csv": cash_file(rng, orders)})
    return files


def write_demo(out_dir: Path) -> list[Path]:
    """Write the demo files into ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    paths = []
    for name, data in build_all().items():
        write_bytes_atomic(out_dir / name, data)
        paths.append(out_dir / name)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: resources/demo)")
    write_demo(parser.parse_args(argv).out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
