"""Customer flow over a period — customers at the start (S), at the end (E), new (N) and lost.

Three sources, in this order:

1. customers with ``churned_at`` dates (and ``joined_at`` when known);
2. a customers snapshot with a ``churned`` flag: every row is a customer at the
   start, the flagged ones were lost;
3. orders only: a customer is active while their last order is less than the
   inactivity window old.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..i18n import N_
from .model import MetricInputs, MetricResult
from .results import bounds_details, flag, has, missing_field, period_bounds


@dataclass
class CustomerFlow:
    """S, E, N and lost customers of one period, and where they came from."""

    start: int
    end: int
    new: int
    lost: int
    source: str
    new_at_end: int | None = None     # new customers still there at the end (None: all of them)
    details: dict[str, Any] = field(default_factory=dict)

    def to_details(self) -> dict[str, Any]:
        return {"customers_at_start": self.start, "customers_at_end": self.end, "new_customers": self.new,
                "new_customers_at_end": self.retained_new, "lost_customers": self.lost, "source": self.source,
                **self.details}

    @property
    def retained_new(self) -> int:
        return self.new if self.new_at_end is None else self.new_at_end


def customer_flow(metric_id: str, unit: str, inputs: MetricInputs, p: Mapping[str, Any]) -> CustomerFlow | MetricResult:
    """The flow of customers over the measured period, or a result saying what is missing."""
    customers = inputs.frames.get("customers")
    lookback = float(p.get("lookback_months", 12))
    if has(customers, "churned_at"):
        bounds = period_bounds(inputs, lookback)
        return _dated_flow(customers, bounds) if bounds else _no_dates(metric_id, unit)
    if customers is not None and "churned" in customers.columns:
        lost = int(flag(customers["churned"]).sum())
        n = len(customers)
        return CustomerFlow(n, n - lost, 0, lost, "customer snapshot with a churned flag",
                            details={"note": "every row counts as a customer at the start of the period"})
    orders = inputs.frames.get("orders")
    if orders is not None and {"customer_id", "order_date"} <= set(orders.columns):
        bounds = period_bounds(inputs, lookback)
        if bounds is None:
            return _no_dates(metric_id, unit)
        return _orders_flow(orders, bounds, float(p.get("inactivity_days", 90)))
    return missing_field(metric_id, unit, ["churned_at", "churned", "order_date"],
                         N_("customers with a churn date or flag, or orders"))


def _no_dates(metric_id: str, unit: str) -> MetricResult:
    return missing_field(metric_id, unit, ["joined_at", "churned_at"], N_("dates to place customers in the period"))


def _dated_flow(customers: pd.DataFrame, bounds: tuple[pd.Timestamp, pd.Timestamp]) -> CustomerFlow:
    start, end = bounds
    joined = customers["joined_at"] if "joined_at" in customers.columns else pd.Series(pd.NaT, index=customers.index)
    churned = customers["churned_at"]
    joined_before = lambda t: (joined.isna() | (joined < t)).to_numpy()     # noqa: E731 - two uses below
    alive_at = lambda t: (churned.isna() | (churned >= t)).to_numpy()       # noqa: E731
    at_start = joined_before(start) & alive_at(start)
    lost = at_start & (churned >= start).to_numpy() & (churned < end).to_numpy()
    new = ((joined >= start) & (joined < end)).to_numpy()
    at_end = joined_before(end) & alive_at(end)
    return CustomerFlow(int(at_start.sum()), int(at_end.sum()), int(new.sum()), int(lost.sum()),
                        "customers with join and churn dates", details=bounds_details(bounds),
                        new_at_end=int((new & at_end).sum()))


def _orders_flow(orders: pd.DataFrame, bounds: tuple[pd.Timestamp, pd.Timestamp], window_days: float) -> CustomerFlow:
    start, end = bounds
    window = pd.Timedelta(days=window_days)
    ids = orders["customer_id"].astype("string")
    dates = orders["order_date"]
    ok = ids.notna() & dates.notna()
    ids, dates = ids[ok], dates[ok]
    first = dates.groupby(ids).min()
    at_start_ids = _active_at(ids, dates, start, window)
    at_end_ids = _active_at(ids, dates, end, window)
    # lost: active at the start, inactive at the end (their last order + the window fell in the period);
    # N in (E - N) / S: customers active at the end who were not at the start (new, or won back)
    lost = int((~at_start_ids.isin(at_end_ids)).sum())
    is_new = (first >= start) & (first < end)
    arrived = ~at_end_ids.isin(at_start_ids)
    won_back = arrived & ~at_end_ids.isin(first.index[is_new.to_numpy()])
    joined_at_end = int(arrived.sum())
    details = {**bounds_details(bounds), "inactivity_days": window_days, "won_back_customers": int(won_back.sum()),
               "note": f"a customer counts as lost {window_days:g} days after their last order"}
    return CustomerFlow(len(at_start_ids), len(at_end_ids), int(is_new.sum()), lost, "order activity", details=details,
                        new_at_end=joined_at_end)


def _active_at(ids: pd.Series, dates: pd.Series, t: pd.Timestamp, window: pd.Timedelta) -> pd.Index:
    """Customers with an order in ``[t - window, t)``: still active at the instant ``t``."""
    recent = (dates >= t - window) & (dates < t)
    return pd.Index(ids[recent].unique())


def annual_churn(inputs: MetricInputs, p: Mapping[str, Any], until: Any = None) -> float | None:
    """Share of customers lost per year (0..1), estimated from the last 12 months; None when unknown. ``until``:
    the (exclusive) end of the orders a lifetime value counts, where those months end (not later than "as of")."""
    shifted = inputs.with_frames(inputs.frames, period=None)
    if until is not None:
        last = pd.Timestamp(until) - pd.Timedelta(microseconds=1)
        shifted = replace(shifted, as_of=last if inputs.as_of is None else min(pd.Timestamp(inputs.as_of), last))
    flow = customer_flow("clv", "currency", shifted, {**p, "lookback_months": 12})
    if isinstance(flow, MetricResult) or flow.start == 0:
        return None
    share = flow.lost / flow.start
    if flow.source.startswith("customer snapshot"):
        share *= 12.0 / float(p.get("churn_flag_months", 12))
    return float(np.clip(share, 0.0, None)) or None
