"""The world of the demo business "Lipa Home d.o.o.": its calendar, people, customers and orders.

Shared by ``make_demo.py`` (which writes the files) and ``demo_contacts.py`` (tickets, messages,
calls). Everything is drawn from one ``numpy`` generator passed in, so the output is deterministic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import numpy as np

SEED = 20260501
START, END = dt.datetime(2026, 5, 1), dt.datetime(2026, 11, 1)   # END exclusive
AS_OF = dt.datetime(2026, 10, 31, 18, 0)
DAYS = (END - START).days
OPEN_H, CLOSE_H = 8, 17                                          # support desk hours, Mon–Fri

# name, team, hired, left, share of tickets, speed factor (<1 = faster), CSAT shift
AGENTS = [
    ("Maja Novak", "Customer care", "2021-03-01", "", 1.0, 0.75, 0.25),
    ("Luka Kranjc", "Customer care", "2022-09-12", "", 1.0, 1.05, 0.0),
    ("Ana Zupančič", "Customer care", "2023-02-01", "", 1.1, 0.9, 0.15),
    ("Jure Horvat", "Customer care", "2024-06-03", "2026-08-14", 0.9, 1.45, -0.35),
    ("Tina Kos", "Phone desk", "2025-01-15", "", 1.0, 1.0, 0.05),
    ("Rok Potočnik", "Phone desk", "2025-11-03", "", 0.9, 1.2, -0.1),
    ("Eva Vidmar", "Customer care", "2026-08-03", "", 1.0, 1.25, 0.0),
]
FIRST = ["Janez", "Marija", "Franc", "Ana", "Marko", "Irena", "Andrej", "Mojca", "Peter", "Nataša", "Tomaž", "Petra",
         "Matej", "Katja", "Gregor", "Urška", "Boštjan", "Tjaša", "Aleš", "Špela", "Nejc", "Živa", "Jožef", "Barbara"]
LAST = ["Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kovač", "Mlakar", "Kos", "Vidmar", "Golob",
        "Turk", "Božič", "Kralj", "Korošec", "Zupan", "Bizjak", "Hribar", "Kotnik", "Kavčič", "Rozman", "Žagar"]
CITIES = ["Ljubljana", "Maribor", "Celje", "Kranj", "Koper", "Novo mesto", "Velenje", "Ptuj", "Nova Gorica", "Murska Sobota"]
PRODUCTS = [  # name, price EUR (VAT incl.), margin %
    ("Linen tablecloth", 49.90, 46), ("Ceramic mug set (4)", 29.90, 52), ("Oak cutting board", 34.50, 41),
    ("Wool throw blanket", 79.00, 38), ("Scented candle – lipa", 14.90, 63), ("Cotton bath towel", 19.90, 44),
    ("Glass storage jar", 9.90, 57), ("Rattan basket", 39.00, 35), ("Cast-iron pot", 119.00, 31),
    ("Bamboo bed sheets", 89.00, 40), ("Stoneware plate", 12.50, 55), ("Table lamp Bled", 129.00, 33),
    ("Doormat Alpe", 24.90, 48), ("Herb planter", 27.50, 50), ("Kitchen towel set", 15.90, 58),
]
TOPICS = ["delivery", "returns", "payment", "product_info", "damaged_item", "invoice", "account"]
SUBJECTS = {"delivery": "Where is my order?", "returns": "Return request", "payment": "Payment problem",
            "product_info": "Question about a product", "damaged_item": "Item arrived damaged",
            "invoice": "Invoice needed", "account": "Cannot log in"}
COMMENTS_EN = ["Fast delivery and friendly staff", "Friendly staff, quick answer", "Great quality products",
               "Delivery was late", "Damaged packaging, but quick refund", "Slow reply to my email",
               "Very helpful support", "Easy return process", "Beautiful products, fast delivery"]
COMMENTS_SL = ["Hitra dostava, prijazno osebje", "Zelo prijazna podpora", "Poškodovana embalaža",
               "Dostava je zamujala", "Odlična kakovost izdelkov", "Hiter odgovor, hvala"]


# --- small helpers -------------------------------------------------------------------------------

def ts(t: dt.datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S") if t else ""


def yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def day_of(t: dt.datetime) -> dt.date:
    return t.date()


def in_hours(t: dt.datetime) -> bool:
    return t.weekday() < 5 and OPEN_H <= t.hour < CLOSE_H


def next_open(t: dt.datetime) -> dt.datetime:
    """``t`` if the desk is open, else the next opening time."""
    if in_hours(t):
        return t
    d = t.replace(hour=OPEN_H, minute=0, second=0)
    if t.hour >= OPEN_H or t.weekday() >= 5:
        d += dt.timedelta(days=1)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def ascii_name(text: str) -> str:
    return text.lower().translate(str.maketrans("čšžćđ ", "szzcd."))


def csv_bytes(header: list[str], rows: list[list[Any]], *, delimiter: str = ",", encoding: str = "utf-8",
              crlf: bool = False) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)


class Clock:
    """Arrival times with weekday / hour seasonality (Monday mornings peak)."""

    WEEKDAY = np.array([1.45, 1.15, 1.0, 0.95, 0.85, 0.35, 0.3])
    HOURS = np.array([1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 13, 11, 12, 12, 11, 10, 8, 7, 6, 6, 5, 3, 2], float)
    MONDAY = HOURS * np.array([1.0] * 8 + [1.5, 1.6, 1.4, 1.2] + [1.0] * 12)

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    PHONE = np.array([0] * 7 + [1, 10, 16, 15, 13, 10, 11, 11, 10, 8, 1.5, 0.8, 0.4] + [0] * 4, float)

    def arrivals(self, per_day: float, bumps: dict[int, float] | None = None,
                 hours: np.ndarray | None = None) -> list[dt.datetime]:
        out: list[dt.datetime] = []
        for d in range(DAYS):
            day = START + dt.timedelta(days=d)
            trend = 1.0 + 0.15 * d / DAYS + (bumps or {}).get(day.month, 0.0)
            n = self.rng.poisson(per_day * self.WEEKDAY[day.weekday()] * trend)
            prof = self.MONDAY if day.weekday() == 0 else self.HOURS
            if hours is not None:
                prof = hours * (self.MONDAY / self.HOURS if day.weekday() == 0 else 1.0)
            picked = self.rng.choice(24, size=n, p=prof / prof.sum())
            secs = self.rng.integers(0, 3600, size=n)
            out += [day + dt.timedelta(hours=int(h), seconds=int(s)) for h, s in zip(picked, secs)]
        return sorted(out)


def active_agents(t: dt.datetime, team: str | None = None) -> list[tuple]:
    def on(a: tuple) -> bool:
        hired = dt.datetime.fromisoformat(a[2])
        left = dt.datetime.fromisoformat(a[3]) + dt.timedelta(days=1) if a[3] else END
        return hired <= t < left and (team is None or a[1] == team)
    return [a for a in AGENTS if on(a)]


def pick_agent(rng: np.random.Generator, t: dt.datetime, team: str | None = None) -> tuple:
    pool = active_agents(t, team) or active_agents(t)
    w = np.array([a[4] for a in pool])
    return pool[int(rng.choice(len(pool), p=w / w.sum()))]


# --- customers and orders ------------------------------------------------------------------------

def make_customers(rng: np.random.Generator, n: int = 1700) -> list[dict[str, Any]]:
    sources = ["Google", "Instagram", "Facebook", "Referral", "Newsletter", "Direct"]
    people = []
    for i in range(n):
        first, last = FIRST[rng.integers(len(FIRST))], LAST[rng.integers(len(LAST))]
        before = rng.random() < 0.62
        if before:
            joined = dt.datetime(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, (START - dt.datetime(2023, 1, 1)).days)))
        else:
            joined = START + dt.timedelta(days=int(DAYS * rng.random() ** 0.85))
        loyal = rng.random() < 0.3
        plan = "Business" if rng.random() < 0.05 else ("Lipa Club" if loyal else "Standard")
        rate = rng.lognormal(np.log(0.22), 0.6) * (1.8 if loyal else 1.0) * (2.5 if plan == "Business" else 1.0)
        churned = None
        if rng.random() < 0.11:
            lo = max(joined, START) + dt.timedelta(days=20)
            if lo < END - dt.timedelta(days=5):
                churned = lo + dt.timedelta(days=int(rng.integers(0, (END - lo).days)))
                rate *= 0.6
        people.append({
            "id": f"C{10001 + i}", "first": first, "last": last,
            "email": f"{ascii_name(first)}.{ascii_name(last)}{i + 1}@example.{['com', 'net', 'org'][i % 3]}",
            "phone": f"+3864{int(rng.integers(0, 2))}{int(rng.integers(100000, 999999))}",
            "city": CITIES[min(int(rng.exponential(2.5)), len(CITIES) - 1)], "joined": joined, "churned": churned,
            "source": sources[int(rng.choice(6, p=[0.3, 0.2, 0.12, 0.14, 0.1, 0.14]))], "loyal": loyal,
            "trained": rng.random() < (0.25 if loyal else 0.07), "plan": plan, "rate": rate,
            "logins": int(rng.poisson(1.5 + 10 * rate)), "orders": [], "nps": None,
        })
    return people


def window(c: dict[str, Any]) -> tuple[dt.datetime, dt.datetime]:
    return max(c["joined"], START), min(c["churned"] or END, END)


def make_orders(rng: np.random.Generator, customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    orders = []
    hours = np.array([0, 0, 0, 0, 0, 0, 1, 2, 4, 6, 7, 7, 8, 7, 6, 6, 6, 7, 8, 10, 11, 10, 7, 3], float)
    for c in customers:
        lo, hi = window(c)
        months = max((hi - lo).days, 0) / 30.4
        for _ in range(int(rng.poisson(c["rate"] * months))):
            day = lo + dt.timedelta(days=int(rng.integers(0, max((hi - lo).days, 1))))
            t = day.replace(hour=int(rng.choice(24, p=hours / hours.sum())), minute=int(rng.integers(60)),
                            second=int(rng.integers(60)))
            if not lo <= t < min(hi, AS_OF):
                continue
            picks = rng.choice(len(PRODUCTS), size=min(1 + int(rng.poisson(0.6)), 4), replace=False)
            lines = [(PRODUCTS[int(p)], 1 if rng.random() < 0.8 else int(rng.integers(2, 4))) for p in picks]
            orders.append({"customer": c, "at": t, "lines": lines, "discount": rng.random() < 0.1,
                           "refund": rng.random() < 0.04})
    orders.sort(key=lambda o: (o["at"], o["customer"]["id"]))
    for k, o in enumerate(orders):
        o["name"] = f"#{1001 + k}"
        o["customer"]["orders"].append(o)
    return orders


def shopify_stamp(t: dt.datetime) -> str:
    offset = "+0100" if t >= dt.datetime(2026, 10, 25, 3) else "+0200"
    return f"{ts(t)} {offset}"


def orders_file(orders: list[dict[str, Any]]) -> bytes:
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal", "Shipping",
              "Taxes", "Total", "Discount Code", "Discount Amount", "Created at", "Lineitem quantity", "Lineitem name",
              "Lineitem price", "Lineitem sku", "Billing City", "Billing Country", "Margin %", "Source"]
    rows = []
    for o in orders:
        subtotal = sum(p[1] * q for p, q in o["lines"])
        discount = round(subtotal * 0.1, 2) if o["discount"] else 0.0
        shipping = 0.0 if subtotal >= 50 else 3.90
        total = round(subtotal - discount + shipping, 2)
        margin = sum(p[1] * q * p[2] for p, q in o["lines"]) / subtotal
        o["total"] = total
        status = "refunded" if o["refund"] else "paid"
        fulfil = "unfulfilled" if o["at"] > AS_OF - dt.timedelta(days=2) else "fulfilled"
        stamp = shopify_stamp(o["at"])
        for k, (prod, qty) in enumerate(o["lines"]):
            first = k == 0
            rows.append([o["name"], o["customer"]["email"], status if first else "", stamp if first else "",
                         fulfil if first else "", "EUR" if first else "", f"{subtotal:.2f}" if first else "",
                         f"{shipping:.2f}" if first else "", f"{total * 22 / 122:.2f}" if first else "",
                         f"{total:.2f}" if first else "", "LIPA10" if first and o["discount"] else "",
                         f"{discount:.2f}" if first else "", stamp, qty, prod[0], f"{prod[1]:.2f}",
                         f"LH-{PRODUCTS.index(prod) + 101}", o["customer"]["city"] if first else "",
                         "SI" if first else "", f"{margin:.1f}" if first else "", "web" if first else ""])
    return csv_bytes(header, rows)


def customers_file(customers: list[dict[str, Any]]) -> bytes:
    header = ["Customer ID", "Email", "First Name", "Last Name", "Phone", "City", "Joined at", "Churned at",
              "Referral source", "Loyalty member", "Training participant", "Plan", "Monthly revenue",
              "Logins per month", "Orders count", "NPS given"]
    rows = []
    for c in customers:
        lo, hi = window(c)
        months = max((hi - lo).days / 30.4, 1.0)
        spend = sum(o["total"] for o in c["orders"]) / months
        rows.append([c["id"], c["email"], c["first"], c["last"], c["phone"], c["city"], c["joined"].strftime("%Y-%m-%d"),
                     c["churned"].strftime("%Y-%m-%d") if c["churned"] else "", c["source"], yes(c["loyal"]),
                     yes(c["trained"]), c["plan"], f"{spend:.2f}", c["logins"], len(c["orders"]),
                     "" if c["nps"] is None else c["nps"]])
    return csv_bytes(header, rows)
