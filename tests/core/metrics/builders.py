"""Canonical frames of every data kind, built by hand for the metric tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from metrics_core.catalogue import KINDS
from metrics_core.column_groups import ColumnGroup
from metrics_core.dataset import DataBundle, Dataset
from metrics_core.ingest.model import LoadedTable
from metrics_core.mapping.model import Mapping

START = pd.Timestamp("2024-01-01")


def _times(rng: np.random.Generator, n: int, days: int = 365) -> pd.Series:
    seconds = rng.integers(0, days * 86400, n)
    return pd.Series(START + pd.to_timedelta(np.sort(seconds), unit="s")).astype("datetime64[us]")


def _bools(rng: np.random.Generator, n: int, p: float = 0.5) -> pd.Series:
    return pd.Series(rng.random(n) < p, dtype="boolean")


def _pick(rng: np.random.Generator, n: int, values: list[str]) -> pd.Series:
    return pd.Series(rng.choice(values, n), dtype="str")


def _ids(prefix: str, n: int) -> pd.Series:
    return pd.Series([f"{prefix}{i:05d}" for i in range(n)], dtype="str")


# the mapping's column groups for make_frames' frames (MetricInputs.groups)
GROUPS = {"reviews": (ColumnGroup("criteria", ("tone", "accuracy")),),
          "customers": (ColumnGroup("engagement_inputs", ("logins", "purchases")),)}


def make_frames(n: int = 240, seed: int = 0) -> dict[str, pd.DataFrame]:
    """One frame per kind with every canonical field filled plausibly."""
    rng = np.random.default_rng(seed)
    created = _times(rng, n)
    frt = rng.exponential(3600, n)
    res = frt + rng.exponential(86400, n)
    customers = _ids("C", max(n // 2, 1))
    agents = ["Ana", "Bor", "Cene", "Dana"]
    tickets = pd.DataFrame({
        "ticket_id": _ids("T", n), "created_at": created,
        "first_response_at": created + pd.to_timedelta(frt, unit="s"), "first_response_s": frt,
        "resolved_at": created + pd.to_timedelta(res, unit="s"), "resolution_s": res,
        "closed_at": created + pd.to_timedelta(res + 3600, unit="s"),
        "status": _pick(rng, n, ["open", "pending", "solved", "closed"]),
        "channel": _pick(rng, n, ["email", "chat", "phone"]), "agent": _pick(rng, n, agents),
        "team": _pick(rng, n, ["A", "B"]), "priority": _pick(rng, n, ["low", "normal", "high"]),
        "queue": _pick(rng, n, ["q1", "q2"]), "customer_id": pd.Series(rng.choice(customers, n), dtype="str"),
        "subject": _pick(rng, n, ["Refund", "Login problem"]), "agent_replies": rng.integers(1, 5, n).astype(float),
        "interactions": rng.integers(1, 6, n).astype(float), "reopens": rng.integers(0, 2, n).astype(float),
        "type": _pick(rng, n, ["question", "complaint"]), "tags": _pick(rng, n, ["a", "b"]),
        "is_complaint": _bools(rng, n, 0.2), "escalated": _bools(rng, n, 0.1),
        "escalated_at": created + pd.to_timedelta(frt / 2, unit="s"), "fcr_flag": _bools(rng, n, 0.6),
        "sla_met": _bools(rng, n, 0.8), "sla_first_response_s": np.full(n, 4 * 3600.0),
        "average_reply_s": rng.exponential(1800, n), "handle_s": rng.exponential(600, n),
        "csat_score": rng.integers(1, 6, n).astype(float), "nps_score": rng.integers(0, 11, n).astype(float),
        "ces_score": rng.integers(1, 8, n).astype(float),
    })
    m = 2 * n
    msg_ticket = np.repeat(tickets["ticket_id"].to_numpy(), 2)
    messages = pd.DataFrame({
        "ticket_id": pd.Series(msg_ticket, dtype="str"),
        "sent_at": pd.Series(np.repeat(created.to_numpy(), 2)) + pd.to_timedelta(np.tile([0, 1800], n), unit="s"),
        "author_role": pd.Series(np.tile(["customer", "agent"], n), dtype="str"),
        "agent": _pick(rng, m, agents), "channel": _pick(rng, m, ["email", "chat"])})
    started = _times(rng, n)
    answered = _bools(rng, n, 0.85)
    wait = rng.exponential(40, n)
    calls = pd.DataFrame({
        "call_id": _ids("K", n), "started_at": started, "date": started.dt.normalize(),
        "time": (started - started.dt.normalize()).dt.total_seconds(),
        "direction": _pick(rng, n, ["inbound", "inbound", "outbound"]),
        # (one unanswered call in five met a busy line: a log whose outcomes can record a block, so blocking has a value)
        "outcome": pd.Series(np.where(answered.to_numpy(dtype=bool), "answered",
                                      np.where(np.cumsum(~answered.to_numpy(dtype=bool)) % 5 == 0, "busy",
                                               "abandoned")), dtype="str"),
        "answered": answered, "answered_at": started + pd.to_timedelta(wait, unit="s"),
        "ended_at": started + pd.to_timedelta(wait + 300, unit="s"), "wait_s": wait,
        "talk_s": rng.exponential(240, n), "hold_s": rng.exponential(20, n), "wrap_s": rng.exponential(30, n),
        "duration_s": wait + 300, "agent": _pick(rng, n, agents), "queue": _pick(rng, n, ["sales", "support"]),
        "topic": _pick(rng, n, ["billing", "tech"]), "caller_id": pd.Series(rng.choice(customers, n), dtype="str"),
        "resolved": _bools(rng, n, 0.7), "channel": _pick(rng, n, ["phone"]),
        "csat_score": rng.integers(1, 6, n).astype(float), "nps_score": rng.integers(0, 11, n).astype(float),
        "ces_score": rng.integers(1, 8, n).astype(float)})
    submitted = _times(rng, n)
    surveys = pd.DataFrame({
        "response_id": _ids("R", n), "submitted_at": submitted,
        "csat_score": rng.integers(1, 6, n).astype(float), "nps_score": rng.integers(0, 11, n).astype(float),
        "ces_score": rng.integers(1, 8, n).astype(float),
        "comment": _pick(rng, n, ["Fast delivery and friendly staff", "slow delivery", "Hitra dostava, prijazno osebje",
                                  "Personal vänlig och snabb leverans", "livrare rapidă"]),
        "customer_id": pd.Series(rng.choice(customers, n), dtype="str"), "agent": _pick(rng, n, agents),
        "channel": _pick(rng, n, ["email", "chat"]), "segment": _pick(rng, n, ["SI", "RO", "SE"]),
        "responded_at": submitted.where(rng.random(n) < 0.6), "feedback_answered": _bools(rng, n, 0.6)})
    c = len(customers)
    joined = _times(rng, c, 500) - pd.Timedelta(days=200)
    churned_at = (joined + pd.to_timedelta(rng.integers(30, 400, c), unit="D")).where(rng.random(c) < 0.3)
    customers_frame = pd.DataFrame({
        "customer_id": customers, "joined_at": joined, "churned_at": churned_at,
        "churned": pd.Series(churned_at.notna().to_numpy(), dtype="boolean"),
        "tenure_months": rng.integers(1, 60, c).astype(float), "revenue_per_period": rng.uniform(10, 100, c),
        "total_revenue": rng.uniform(10, 5000, c), "referral_source": _pick(rng, c, ["referral", "ads", "search"]),
        "loyalty_member": _bools(rng, c, 0.4), "training_participant": _bools(rng, c, 0.2),
        "segment": _pick(rng, c, ["basic", "pro"]), "logins": rng.integers(0, 50, c).astype(float),
        "purchases": rng.integers(0, 10, c).astype(float)})
    orders = pd.DataFrame({
        "customer_id": pd.Series(rng.choice(customers, n), dtype="str"), "order_date": _times(rng, n),
        "amount": rng.uniform(5, 200, n).round(2), "quantity": rng.integers(1, 4, n).astype(float),
        "unit_price": rng.uniform(5, 50, n), "gross_margin": rng.uniform(0.2, 0.5, n), "order_id": _ids("O", n),
        "channel": _pick(rng, n, ["web", "shop"]), "country": _pick(rng, n, ["SI", "RO", "SE", "RS"])})
    reviews = pd.DataFrame({
        "review_id": _ids("Q", n), "agent": _pick(rng, n, agents), "reviewed_at": _times(rng, n),
        "tone": rng.integers(1, 6, n).astype(float), "accuracy": rng.integers(0, 11, n).astype(float)})
    social = pd.DataFrame({
        "mention_id": _ids("S", n), "posted_at": _times(rng, n), "platform": _pick(rng, n, ["x", "fb"]),
        "sentiment": _pick(rng, n, ["positive", "neutral", "negative"]), "topic": _pick(rng, n, ["price", "support"]),
        "is_technical": _bools(rng, n, 0.3), "answerable_by_content": _bools(rng, n, 0.4),
        "mentions_competitor": _bools(rng, n, 0.1), "answered": _bools(rng, n, 0.5)})
    self_service = pd.DataFrame({
        "session_id": _ids("W", n), "started_at": _times(rng, n), "resolved_without_agent": _bools(rng, n, 0.6),
        "escalated": _bools(rng, n, 0.3), "channel": _pick(rng, n, ["bot", "faq"])})
    s = 12
    hired = _times(rng, s, 300) - pd.Timedelta(days=300)
    staff = pd.DataFrame({
        "agent": pd.Series(agents + [f"Agent{i}" for i in range(s - 4)], dtype="str"), "hired_at": hired,
        "left_at": (hired + pd.Timedelta(days=400)).where(rng.random(s) < 0.4),
        "hours_worked": rng.uniform(100, 200, s), "team": _pick(rng, s, ["A", "B"])})
    cash = pd.DataFrame({
        "date": _times(rng, n), "amount": rng.normal(50, 200, n).round(2), "inflow": np.nan, "outflow": np.nan,
        "category": _pick(rng, n, ["sales", "rent"])})
    periods = pd.Series(pd.date_range("2024-01-01", periods=n, freq="h")).astype("datetime64[us]")
    offered = rng.integers(10, 100, n).astype(float)
    ans = np.floor(offered * rng.uniform(0.7, 1.0, n))
    call_intervals = pd.DataFrame({
        "period": periods, "queue": _pick(rng, n, ["sales", "support"]), "agent": _pick(rng, n, agents),
        "offered": offered, "answered": ans, "abandoned": offered - ans,
        "answered_within_threshold": np.floor(ans * 0.8), "service_level_pct": np.full(n, 80.0),
        "answer_rate_pct": 100 * ans / offered, "asa_s": rng.uniform(5, 60, n), "aht_s": rng.uniform(100, 400, n),
        "talk_avg_s": rng.uniform(80, 300, n), "wait_avg_s": rng.uniform(5, 60, n), "wait_total_s": rng.uniform(100, 900, n)})
    buckets = pd.DataFrame({
        "period": pd.Series(pd.to_datetime(["2023-07-01", "2024-07-01"] * 3)).astype("datetime64[us]"),
        "group": pd.Series(["H_RECMND"] * 6, dtype="str"), "region": pd.Series(["AK", "AK", "AL", "AL", "AZ", "AZ"], dtype="str"),
        "bottom_box": [5.0, 6, 4, 5, 7, 6], "middle_box": [25.0, 24, 26, 25, 23, 24], "top_box": [70.0, 70, 70, 70, 70, 70],
        "responses": [100.0, 200, 300, 400, 500, 600]})
    frames = {"tickets": tickets, "messages": messages, "calls": calls, "surveys": surveys, "customers": customers_frame,
              "orders": orders, "reviews": reviews, "social": social, "self_service": self_service, "staff": staff,
              "cash": cash, "call_intervals": call_intervals, "survey_buckets": buckets}
    assert set(frames) == {k.name for k in KINDS}
    return frames


def dataset(kind: str, frame: pd.DataFrame, name: str | None = None, also: list[str] | None = None) -> Dataset:
    """A :class:`Dataset` around a canonical frame (no file behind it)."""
    name = name or f"{kind}.csv"
    table = LoadedTable(Path(name), "csv", frame, frame.astype("string"), [], list(range(2, len(frame) + 2)))
    return Dataset(name, table, Mapping(kind, also_kinds=list(also or [])), frame)


def bundle_of(frames: dict[str, pd.DataFrame]) -> DataBundle:
    """A bundle with one dataset per frame."""
    return DataBundle([dataset(k, f) for k, f in frames.items()])
