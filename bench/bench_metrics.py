"""KPI engine speed on 1,048,576 tickets, next to a plain hand-written pandas computation.

    python bench/bench_metrics.py [--rows 1048576] [--runs 3]

Builds a canonical ticket frame with numpy (no file reading), then times in the
same run:

* engine: every KPI of the registry (the ticket family is what the data allows),
  a monthly trend and a per-agent breakdown of the ticket KPIs;
* hand-written: the same ticket KPIs, the monthly trend and the per-agent split,
  written directly with pandas;
* a re-filter of the loaded frame (date range + one category).

Aims: engine <= 1.5 x hand-written; re-filter < 200 ms.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from metrics_core.metrics.engine import Filters, breakdown, compute_all
from metrics_core.metrics.engine_inputs import filter_frame
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.tickets import SPECS as TICKET_SPECS

TREND_KPIS = ("request_volume", "resolution_rate", "first_response_time", "resolution_time", "fcr", "sla_compliance",
              "reopen_rate", "interactions_per_ticket")


def make_tickets(n: int, seed: int = 1) -> pd.DataFrame:
    """A canonical tickets frame of ``n`` rows over two years."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2023-01-01T00:00:00", "s")
    created = np.sort(start + rng.integers(0, 730 * 86400, n).astype("timedelta64[s]")).astype("datetime64[us]")
    frt = rng.exponential(4 * 3600, n)
    res = frt + rng.exponential(2 * 86400, n)
    answered = rng.random(n) < 0.93
    resolved = rng.random(n) < 0.8
    status = np.where(resolved, np.where(rng.random(n) < 0.5, "solved", "closed"),
                      np.where(rng.random(n) < 0.5, "open", "pending"))
    frt_at = created + (frt * 1e6).astype("timedelta64[us]")
    res_at = created + (res * 1e6).astype("timedelta64[us]")
    cats = lambda values: pd.Categorical.from_codes(rng.integers(0, len(values), n), values).astype(str)  # noqa: E731
    return pd.DataFrame({
        "ticket_id": pd.Series(np.arange(n)).astype(str),
        "created_at": created,
        "first_response_at": np.where(answered, frt_at, np.datetime64("NaT")),
        "first_response_s": np.where(answered, frt, np.nan),
        "resolved_at": np.where(resolved, res_at, np.datetime64("NaT")),
        "resolution_s": np.where(resolved, res, np.nan),
        "status": pd.Series(status, dtype="str"),
        "channel": pd.Series(cats(["email", "chat", "phone", "web"]), dtype="str"),
        "agent": pd.Series(cats([f"agent{i:02d}" for i in range(40)]), dtype="str"),
        "priority": pd.Series(cats(["low", "normal", "high", "urgent"]), dtype="str"),
        "agent_replies": rng.integers(1, 6, n).astype(float),
        "interactions": rng.integers(1, 8, n).astype(float),
        "reopens": (rng.random(n) < 0.07).astype(float),
        "is_complaint": pd.array(rng.random(n) < 0.05, dtype="boolean"),
        "sla_first_response_s": np.full(n, 8 * 3600.0),
        "average_reply_s": rng.exponential(3 * 3600, n),
    })


def engine_run(frame: pd.DataFrame) -> dict:
    inputs = MetricInputs({"tickets": frame})
    results = compute_all(inputs)
    trend = {k: breakdown(inputs, k, "month") for k in TREND_KPIS}
    per_agent = {k: breakdown(inputs, k, "agent") for k in TREND_KPIS}
    return {"results": results, "trend": trend, "per_agent": per_agent}


def _secs(end: pd.Series, start: pd.Series) -> pd.Series:
    return (end - start).dt.total_seconds()


def _ticket_kpis(t: pd.DataFrame) -> dict:
    """The ticket KPIs, by hand."""
    out: dict = {}
    done = t["status"].isin(["solved", "closed"]) | t["resolution_s"].notna()
    out["request_volume"] = len(t)
    out["volume_by_channel"] = t["channel"].value_counts(normalize=True) * 100
    out["open_tickets"] = int((~t["status"].isin(["solved", "closed"])).sum())
    out["resolved_count"] = int(done.sum())
    out["resolution_rate"] = 100 * done.mean()
    for name, end in (("first_response_time", "first_response_at"), ("resolution_time", "resolved_at")):
        d = _secs(t[end], t["created_at"])
        d = d[d >= 0]
        out[name] = (d.mean(), d.median(), d.quantile(0.9))
    complaints = t[t["is_complaint"].fillna(False)]
    cd = _secs(complaints["resolved_at"], complaints["created_at"]).dropna()
    out["complaint_resolution_time"] = cd.mean()
    months = complaints["created_at"].dt.to_period("M").value_counts().sort_index()
    out["complaint_growth"] = 100 * (months.iloc[-1] - months.iloc[-2]) / months.iloc[-2]
    out["average_response_time"] = t["average_reply_s"].mean()
    r = t[done]
    out["fcr"] = 100 * ((r["agent_replies"] == 1) & (r["reopens"] == 0)).mean()
    out["reopen_rate"] = 100 * (r["reopens"] >= 1).mean()
    out["interactions_per_ticket"] = t["interactions"].mean()
    has_frt = t["first_response_s"].notna()
    out["sla_compliance"] = 100 * (t["first_response_s"][has_frt] <= t["sla_first_response_s"][has_frt]).mean()
    days = t.loc[done, "created_at"].dt.normalize()
    per_agent_day = t.loc[done].groupby([t.loc[done, "agent"], days]).size()
    out["agent_productivity"] = per_agent_day.sum() / len(per_agent_day)
    out["peak_hours"] = t.groupby([t["created_at"].dt.day_of_week, t["created_at"].dt.hour]).size().max()
    month_ends = pd.date_range(t["created_at"].min().normalize(), t["created_at"].max(), freq="MS")[1:]
    created = np.sort(t["created_at"].to_numpy())
    resolved_at = np.sort(t["resolved_at"].dropna().to_numpy())
    out["backlog"] = np.searchsorted(created, month_ends.to_numpy()) - np.searchsorted(resolved_at, month_ends.to_numpy())
    return out


def _grouped(t: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    """The trend KPIs per group, by hand (Σ / Σ per group)."""
    done = t["status"].isin(["solved", "closed"]) | t["resolution_s"].notna()
    frt = _secs(t["first_response_at"], t["created_at"])
    res = _secs(t["resolved_at"], t["created_at"])
    parts = pd.DataFrame({
        "n": 1, "done": done, "frt": frt.where(frt >= 0), "res": res.where(res >= 0),
        "fcr": done & (t["agent_replies"] == 1) & (t["reopens"] == 0), "reopened": done & (t["reopens"] >= 1),
        "has_frt": t["first_response_s"].notna(),
        "in_sla": t["first_response_s"] <= t["sla_first_response_s"], "interactions": t["interactions"]})
    g = parts.groupby(key.to_numpy())
    sums = g.sum()
    return pd.DataFrame({"request_volume": sums["n"], "resolution_rate": 100 * sums["done"] / sums["n"],
                         "first_response_time": g["frt"].mean(), "resolution_time": g["res"].mean(),
                         "fcr": 100 * sums["fcr"] / sums["done"], "reopen_rate": 100 * sums["reopened"] / sums["done"],
                         "sla_compliance": 100 * sums["in_sla"] / sums["has_frt"],
                         "interactions_per_ticket": g["interactions"].mean()})


def hand_run(t: pd.DataFrame) -> dict:
    return {"results": _ticket_kpis(t), "trend": _grouped(t, t["created_at"].dt.to_period("M")),
            "per_agent": _grouped(t, t["agent"])}


def timed(fn, *args, runs: int = 1):
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_048_576)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    frame = make_tickets(args.rows)
    print(f"KPI engine benchmark: {len(frame):,} tickets (built in {time.perf_counter() - t0:.1f} s), "
          f"{len(TICKET_SPECS)} ticket KPIs + monthly trend + per-agent split of {len(TREND_KPIS)} KPIs")
    hand_times, engine_times = [], []
    for _ in range(args.runs):                  # alternate, so both see the same machine load
        seconds, hand = timed(hand_run, frame)
        hand_times.append(seconds)
        seconds, eng = timed(engine_run, frame)
        engine_times.append(seconds)
    hand_s, engine_s = min(hand_times), min(engine_times)
    print(f"  hand-written pandas : {hand_s:7.2f} s   (runs: {', '.join(f'{t:.2f}' for t in hand_times)})")
    print(f"  engine              : {engine_s:7.2f} s   (runs: {', '.join(f'{t:.2f}' for t in engine_times)})"
          f"   ratio {engine_s / hand_s:.2f} x  (aim <= 1.5 x)")
    r = eng["results"]
    for k in ("resolution_rate", "first_response_time", "resolution_time", "fcr", "sla_compliance", "reopen_rate"):
        h = hand["results"][k]
        h = h[0] if isinstance(h, tuple) else h
        print(f"    {k:24s} engine {r[k].value:14.4f}   hand {h:14.4f}")
    trend_hand = hand["trend"]["resolution_rate"].to_numpy()
    trend_engine = np.array([p.value for p in eng["trend"]["resolution_rate"]])
    print(f"    monthly resolution rate: {len(trend_engine)} months, max |engine - hand| = "
          f"{np.max(np.abs(trend_engine - trend_hand)):.2e}")
    filters = Filters("2024-03-01", "2024-05-31", {"channel": ["email", "chat"]})
    filter_s, part = timed(filter_frame, frame, "tickets", filters, runs=max(args.runs, 3))
    print(f"  re-filter (3 months, 2 channels): {1000 * filter_s:6.1f} ms -> {len(part):,} rows  (aim < 200 ms)")


if __name__ == "__main__":
    main()
