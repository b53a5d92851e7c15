"""Customer value: simple, historical and predictive CLV, engagement score, cash flow."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..column_groups import GroupedColumns, grouped_columns
from ..catalogue import kinds_text
from ..i18n import N_, Message
from .churn import annual_churn
from .model import MetricInputs, MetricResult, ParamSpec, RowTerms
from .params import ALL_PARAMS_KEY, coerce
from .periods import label, period_start
from .results import flag, has, missing_field, no_value
from .stats import quantiles


def _priced_orders(inputs: MetricInputs) -> pd.DataFrame | None:
    """Orders with a customer and an amount, of every date (CLV is period-aware: its customers and orders
    arrive uncut, so that the annual churn is read from the whole customer base)."""
    orders = inputs.frames.get("orders")
    if orders is None or not {"customer_id", "order_date", "amount"} <= set(orders.columns):
        return None
    ok = orders["customer_id"].notna() & orders["amount"].notna()
    return orders[ok.fillna(False).to_numpy(dtype=bool)]


def _no_orders_left(metric_id: str, unit: str, inputs: MetricInputs) -> MetricResult | None:
    """A "no value" result when the orders are loaded but the filters leave none of them (Channel: Chat, a shop's
    orders from the web), in Repurchase rate's words: a lifetime value is then not read from the customers' undated
    revenue instead (CLV went from €4,201 to €3,351 under a card saying the channel filter did not apply to
    customers, 28_filter_applied), nor said to need an amount the orders have."""
    orders = inputs.frames.get("orders")
    if orders is None or len(orders) or not {"customer_id", "amount"} <= set(orders.columns):
        return None
    return no_value(metric_id, unit, Message("no rows of {kinds} in the selected period and filters",
                                             {"kinds": kinds_text("orders")}))


def _orders(inputs: MetricInputs) -> pd.DataFrame | None:
    """Priced orders inside the measured period."""
    orders = _priced_orders(inputs)
    return None if orders is None else _between(orders, *(inputs.period or (None, None)))


def _between(orders: pd.DataFrame, start: Any, end: Any) -> pd.DataFrame:
    ok = pd.Series(True, index=orders.index)
    if start is not None:
        ok &= orders["order_date"] >= pd.Timestamp(start)
    if end is not None:
        ok &= orders["order_date"] < pd.Timestamp(end)
    return orders[ok.fillna(False).to_numpy(dtype=bool)]


# the one lifespan setting of both lifetime values (Customer lifetime value's; Predictive CLV reads it)
LIFESPAN_YEARS = ParamSpec(name="lifespan_years", default=None, label=N_("Average customer lifespan (years)"), minimum=0,
                           help=N_("Predictive CLV uses it too. Empty: 1 / annual churn, when churn is known."))
# how the annual churn behind a lifespan is read: one setting each for both lifetime values, as the lifespan
INACTIVITY_DAYS = ParamSpec(name="inactivity_days", default=90, label=N_("Inactive for (days) counts as lost"), kind="int",
                            minimum=1, help=N_("orders only: a customer with no order for this long has left"))
CHURN_FLAG_MONTHS = ParamSpec(name="churn_flag_months", default=12, label=N_("A churned flag covers (months)"), minimum=1)
CHURN_SETTINGS = (CHURN_FLAG_MONTHS, INACTIVITY_DAYS)


@dataclass(frozen=True)
class Purchases:
    """The orders a lifetime value counts purchases over (``orders``), the days they cover (``first`` to
    ``last``, the span purchases per year are read over) and, when dates were chosen, the chosen dates."""

    orders: pd.DataFrame
    first: pd.Timestamp
    last: pd.Timestamp
    chosen: bool = False
    why_none: Any = None              # why the chosen dates give no value (a Message), else None

    @property
    def span_years(self) -> float:
        return max(float((self.last - self.first) / pd.Timedelta(days=1)), 1.0) / 365.25

    def days(self) -> Any:
        """The days covered, named (``1 Nov 2025 – 31 Oct 2026``); ``last`` is a day's end when it closes chosen
        dates (exclusive), the last order's time otherwise."""
        from ..formatting_dates import PeriodName      # (here: the calculator imports this module without pandas)
        return PeriodName.of_days(self.first.date(), (self.last - pd.Timedelta(microseconds=1)).date())


def _purchases(inputs: MetricInputs) -> Purchases | None:
    """With all dates, every order, over the exact span from the first order to the last (METRICS.md's
    worked example: 5 orders a customer over 365.25 days are 5 a year). With chosen dates, the orders of
    the year up to their end (of the dates themselves when longer), not before the first order nor after
    the last: a customer who bought in one month has at least one order in it, so a month's orders per
    customer times twelve would be at least twelve purchases a year (the demo's October: €13,000 against
    €4,201 for all dates). Dates that end before the last order but have less than a year of orders before
    their end are not comparable, and dates without an order have none (``why_none``: the reason): not the
    customers' undated revenue, which would mix two measures in one trend. None without priced orders."""
    priced = _priced_orders(inputs)
    if priced is None or priced.empty or priced["order_date"].isna().all():
        return None
    first, last = priced["order_date"].min(), priced["order_date"].max()
    start, end = inputs.period or (None, None)
    if start is None and end is None:
        return Purchases(priced, first, last + pd.Timedelta(microseconds=1))
    if _between(priced, start, end).empty:        # not the customers' undated revenue instead: no value
        return Purchases(priced.iloc[:0], first, first, chosen=True,
                         why_none=Message("no orders in the chosen dates"))
    end = pd.Timestamp(end) if end is not None else last + pd.Timedelta(microseconds=1)
    year_before = end - pd.DateOffset(years=1)
    since = min(pd.Timestamp(start), year_before) if start is not None else first
    counted = Purchases(_between(priced, since, end), max(since, first),
                        min(end, last + pd.Timedelta(microseconds=1)), chosen=True)
    if end <= last and first > year_before:
        from ..formatting_dates import PeriodName
        return replace(counted, why_none=Message(
            "needs a year of orders up to the end of the chosen dates, to be comparable with other periods; "
            "your orders begin on {day}", {"day": PeriodName(pd.Timestamp(first).date())}))
    return counted


def _say_whose(details: dict[str, Any], bought: Purchases) -> dict[str, Any]:
    """``details`` with a caveat naming the days of the orders a lifetime value counts purchases over."""
    days = bought.days()
    detail = (Message("Purchases per customer and the average order are counted over the orders of {period}: the "
                      "year up to the end of the chosen dates, not the chosen dates alone, since customers who "
                      "bought in one month would otherwise count as buying every month.", {"period": days})
              if bought.chosen else
              Message("Purchases per customer and the average order are counted over every order in your files, "
                      "{period}.", {"period": days}))
    # what the card measures first (three CLV cards, €4,197, €95.12 and €4,197, told the owner nothing of which to
    # use: s15-shots-b 20/22), then whose orders it is counted from
    details.update(caveat=Message("expected per customer over a lifetime, from orders of {period}", {"period": days}),
                   caveat_detail=Message("{what} {why}", {"what": Message(LIFETIME_WORDS), "why": detail}))
    return details


#: What the two lifetime values (CLV, predictive CLV) measure, and what the historical one does: their cards' tooltips.
LIFETIME_WORDS = N_("A customer lifetime value: what one customer is expected to spend over their whole time as a "
                  "customer. Use it to judge what winning or keeping a customer is worth.")
#: Predictive CLV's line: with CLV's lifespan it is CLV counted by month (the two equal values), else its own.
SAME_AS_CLV_LINE = N_("expected over a lifetime: CLV counted by month")
OWN_LIFESPAN_LINE = N_("expected per customer over a lifetime, counted by month")
SPENT_WORDS = N_("Historical CLV: what customers have actually spent so far. It is far smaller than the lifetime "
                 "values, which look ahead over a customer's whole lifetime.")


def _order_stats(bought: Purchases) -> dict[str, float]:
    """Orders, customers and average order value of ``bought``, and the span its days cover in years."""
    orders = bought.orders
    n_orders = orders["order_id"].nunique() if has(orders, "order_id") else len(orders)
    n_customers = orders["customer_id"].nunique()
    return {"orders": float(n_orders), "customers": float(n_customers),
            "avg_purchase_value": float(orders["amount"].sum()) / n_orders if n_orders else np.nan,
            "span_years": bought.span_years}


def _lifespan_years(inputs: MetricInputs, p: Mapping[str, Any], set_years: float | None,
                    bought: Purchases | None = None) -> tuple[float | None, str]:
    """The average customer lifespan in years and where it comes from: as set, else 1 / annual churn — over the
    twelve months up to the end of the orders counted (``bought``), when there are some: with all dates they ended
    a day later, at a survey answer of 1 Nov, and CLV read €4,201 beside €4,197 for October, both "orders of
    1 May – 31 Oct 2026" (20_dashboard_all, 25_latest_month)."""
    if set_years:
        return float(set_years), "set by you"
    churn = annual_churn(inputs, p, bought.last if bought is not None and len(bought.orders) else None)
    if churn:
        return 1.0 / churn, f"1 / annual churn ({100 * churn:.1f} %)"
    return None, ""


def clv_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Average purchase value × purchases per year × lifespan in years, over the orders of :func:`_purchases`."""
    if (none_left := _no_orders_left("clv", "currency", inputs)) is not None:
        return none_left
    bought = _purchases(inputs)
    customers = inputs.frames.get("customers")
    if bought is not None and bought.why_none is not None:
        return no_value("clv", "currency", bought.why_none, n=len(bought.orders))
    if bought is not None and len(bought.orders):
        s = _order_stats(bought)
        value_per, frequency, n = s["avg_purchase_value"], s["orders"] / s["customers"] / s["span_years"], int(s["orders"])
        basis = "orders"
    elif has(customers, "revenue_per_period"):
        value_per = float(customers["revenue_per_period"].mean())
        frequency, n, basis = float(p["periods_per_year"]), int(customers["revenue_per_period"].notna().sum()), "revenue per period"
    else:
        return missing_field("clv", "currency", ["amount", "revenue_per_period"], N_("order amounts or revenue per customer"))
    lifespan, how = _lifespan_years(inputs, p, p.get("lifespan_years"), bought if basis == "orders" else None)
    details = {"avg_purchase_value": value_per, "purchase_frequency_per_year": frequency, "basis": basis}
    if lifespan is None:
        return no_value("clv", "currency", N_("set the average customer lifespan (years): churn is not known"),
                        n=n, details=details)
    details.update(lifespan_years=lifespan, lifespan_from=how)
    if bought is not None and basis == "orders":
        details = _say_whose(details, bought)
    else:                       # customers.csv alone: a flat line of €3,347 for 45 months said nothing
        details.update(dates_ignored=True, caveat=Message("the same for any dates"),
                       caveat_detail=Message("Your customers file gives each customer's revenue per period, not "
                                             "dated purchases: the value is the same for any dates, so it has no "
                                             "trend over time."))
    return MetricResult("clv", value_per * frequency * lifespan, "currency", n=n, details=details)


def clv_historical_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Per customer: purchases × gross margin; mean and distribution."""
    if (none_left := _no_orders_left("clv_historical", "currency", inputs)) is not None:
        return none_left
    orders = _orders(inputs)
    customers = inputs.frames.get("customers")
    default_margin = float(p["gross_margin_pct"]) / 100.0
    if orders is not None and len(orders):
        margin = _margin(orders, default_margin)
        per_customer = (orders["amount"].to_numpy(dtype=float) * margin)
        values = pd.Series(per_customer).groupby(orders["customer_id"].astype("string").to_numpy()).sum().to_numpy()
    elif has(customers, "total_revenue"):
        values = customers["total_revenue"].dropna().to_numpy(dtype=float) * default_margin
    else:
        return missing_field("clv_historical", "currency", ["amount", "total_revenue"], N_("purchases per customer"))
    if values.size == 0:
        return no_value("clv_historical", "currency", N_("no purchases in the selected rows"))
    result = MetricResult("clv_historical", float(values.mean()), "currency", numerator=float(values.sum()),
                          denominator=float(values.size), n=int(values.size))
    result.median, result.p90 = quantiles(values)
    counts, edges = np.histogram(values, bins=10)
    result.details = {"gross_margin_pct": 100 * default_margin if not has(orders, "gross_margin") else "per order",
                      "p10": float(np.quantile(values, 0.1)), "p25": float(np.quantile(values, 0.25)),
                      "p75": float(np.quantile(values, 0.75)), "max": float(values.max()),
                      "histogram": {"counts": counts.tolist(), "edges": edges.tolist()}}
    days = _spent_over(orders, inputs.period) if orders is not None and len(orders) else None
    if days is not None:        # €95 for all dates beside €46-53 a month: a month's point is a month's spend
        result.details = result.details.with_(
            period_from=days.start.isoformat(), period_to=_last_day(days).isoformat(),
            caveat=Message("spent per customer over {period}", {"period": days}),
            caveat_detail=Message("{what} {why}", {"what": Message(SPENT_WORDS), "why": Message(
                "What customers spent over {period} (times the gross margin), on average per customer. Each point "
                "of its trend is what they spent in that period alone, so it is smaller.", {"period": days})}))
    return result


def _spent_over(orders: pd.DataFrame, period: tuple[Any, Any] | None) -> Any:
    """The days whose spending Historical CLV adds up: the chosen dates, else the first to the last order."""
    from ..formatting_dates import PeriodName
    start, end = period or (None, None)
    first = pd.Timestamp(start) if start is not None else orders["order_date"].min()
    last = pd.Timestamp(end) - pd.Timedelta(days=1) if end is not None else orders["order_date"].max()
    if pd.isna(first) or pd.isna(last):
        return None
    return PeriodName.of_days(first.date(), last.date())


def _last_day(period: Any) -> Any:
    """The last day of a span of :func:`_spent_over` (a whole month is named as its month)."""
    if period.end is not None or period.by == "day":
        return period.end or period.start
    return (pd.Timestamp(period.start) + pd.offsets.MonthEnd(0)).date()


def _margin(orders: pd.DataFrame, default: float) -> np.ndarray:
    if not has(orders, "gross_margin"):
        return np.full(len(orders), default)
    m = orders["gross_margin"].to_numpy(dtype=float)
    if np.nanmax(m) > 1.5:
        m = m / 100.0
    return np.where(np.isfinite(m), m, default)


def clv_predictive_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """(Average monthly transactions × average order value) × lifespan in months, over the orders of
    :func:`_purchases`; the lifespan is the one setting of Customer lifetime value (:func:`_one_lifespan`)."""
    if (none_left := _no_orders_left("clv_predictive", "currency", inputs)) is not None:
        return none_left
    bought = _purchases(inputs)
    if bought is not None and bought.why_none is not None:
        return no_value("clv_predictive", "currency", bought.why_none, n=len(bought.orders))
    if bought is None or bought.orders.empty:
        return missing_field("clv_predictive", "currency", ["amount"], N_("order amounts per customer"))
    s = _order_stats(bought)
    monthly = s["orders"] / s["customers"] / (s["span_years"] * 12)
    lifespan_years, how = _lifespan_years(inputs, _clv_churn_settings(p), _one_lifespan(p), bought)
    details = {"monthly_transactions": monthly, "avg_order_value": s["avg_purchase_value"]}
    if lifespan_years is None:
        return no_value("clv_predictive", "currency", N_("set the average customer lifespan (years): churn is not known"),
                        n=int(s["orders"]), details=details)
    details.update(lifespan_months=12 * lifespan_years, lifespan_from=how)
    value = monthly * s["avg_purchase_value"] * 12 * lifespan_years
    details = _say_whose(details, bought)        # beside CLV with the same value, it read as one KPI twice
    own = bool(p.get("lifespan_months"))          # (a lifespan of its own, given on the command line: not CLV's value)
    details.update(caveat=Message(OWN_LIFESPAN_LINE if own else SAME_AS_CLV_LINE), caveat_detail=Message(
        "Predictive CLV counts purchases a month times the lifespan in months, so with the one lifespan setting "
        "it equals Customer lifetime value, which counts purchases a year times the lifespan in years. {why}",
        {"why": details["caveat_detail"]}))
    return MetricResult("clv_predictive", value, "currency", n=int(s["orders"]), details=details)


def _one_lifespan(p: Mapping[str, Any]) -> float | None:
    """The average customer lifespan in years, one setting for both lifetime values: Customer lifetime value's
    (``clv.lifespan_years``, or ``global.lifespan_years``). Predictive CLV's own ``lifespan_months`` (a
    command-line name kept) wins when given."""
    if p.get("lifespan_months"):
        return float(p["lifespan_months"]) / 12.0
    return _clv_setting(p, LIFESPAN_YEARS)


def _clv_churn_settings(p: Mapping[str, Any]) -> dict[str, Any]:
    """Predictive CLV's parameters with how churn is read (:data:`CHURN_SETTINGS`) as set for Customer lifetime
    value: one setting for both lifetime values (``clv.inactivity_days``, or ``global.inactivity_days`` …).
    Predictive CLV's own (command-line names kept) win when given."""
    own = (p.get(ALL_PARAMS_KEY) or {}).get("clv_predictive")
    out = dict(p)
    for spec in CHURN_SETTINGS:
        if isinstance(own, Mapping) and own.get(spec.name) not in (None, ""):
            continue                                 # (merged into ``p`` already)
        value = _clv_setting(p, spec)
        out[spec.name] = spec.default if value is None else value
    return out


def _clv_setting(p: Mapping[str, Any], spec: ParamSpec) -> Any:
    """Customer lifetime value's setting ``spec`` in the whole parameters (its own entry, else the global one),
    or None when neither sets it."""
    doc = p.get(ALL_PARAMS_KEY) or {}
    for entry in (doc.get("clv"), doc.get("global")):
        if isinstance(entry, Mapping) and entry.get(spec.name) not in (None, ""):
            return coerce("clv", spec, entry[spec.name])
    return None


def engagement_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Weighted mean of min-max scaled inputs per customer (0-100); portfolio mean; participation sub-rates."""
    customers = inputs.frames.get("customers")
    if customers is None:
        return missing_field("engagement_score", "score", ["engagement_inputs"], N_("numeric engagement columns"))
    details = _participation(customers)
    found = _engagement_columns(inputs, customers, p)
    columns = found.columns
    if not columns:
        result = missing_field("engagement_score", "score", ["engagement_inputs"], N_("numeric engagement columns"))
        result.details = details
        return result
    weights = _weights(columns, p.get("weights")) if p.get("weights") else found.first_weights
    row_weights = np.broadcast_to(np.array(weights, dtype=float), found.weights.shape) if p.get("weights") \
        else found.weights
    scaled_sum = np.zeros(len(customers))
    weight_sum = np.zeros(len(customers))
    for j, col in enumerate(columns):
        x = np.array(pd.to_numeric(customers[col], errors="coerce"), dtype=float)      # a copy: written below
        x[~found.member[:, j]] = np.nan             # not an engagement input of that row's file
        low, high = np.nanmin(x), np.nanmax(x)
        scaled = np.full_like(x, 50.0) if high == low else 100.0 * (x - low) / (high - low)
        present = np.isfinite(scaled)
        scaled_sum += np.where(present, row_weights[:, j] * scaled, 0.0)
        weight_sum += np.where(present, row_weights[:, j], 0.0)
    scores = np.divide(scaled_sum, weight_sum, out=np.full(len(customers), np.nan), where=weight_sum > 0)
    used = scores[np.isfinite(scores)]
    details.update(inputs=columns, weights=weights)
    if used.size == 0:
        return no_value("engagement_score", "score", N_("no customer has a value in the engagement inputs"), details=details)
    result = MetricResult("engagement_score", float(used.mean()), "score", numerator=float(used.sum()),
                          denominator=float(used.size), n=int(used.size), details=details)
    result.median, result.p90 = quantiles(used)
    return result


def _participation(customers: pd.DataFrame) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col, name in (("loyalty_member", "loyalty_participation_pct"), ("training_participant", "training_participation_pct")):
        if col in customers.columns and len(customers):
            out[name] = 100.0 * float(flag(customers[col]).sum()) / len(customers)
    return out


_NOT_ENGAGEMENT = {"tenure_months", "revenue_per_period", "total_revenue", "_row"}


def _engagement_columns(inputs: MetricInputs, customers: pd.DataFrame, p: Mapping[str, Any]) -> GroupedColumns:
    """The parameter's columns, else the mapping's (per file), else the numeric columns that are not values."""
    chosen = p.get("inputs")
    if isinstance(chosen, str):
        chosen = [c.strip() for c in chosen.split(",") if c.strip()]
    return grouped_columns(customers, inputs.column_groups("customers", "engagement_inputs"), list(chosen or []),
                           _unmapped_engagement_columns)


def _unmapped_engagement_columns(customers: pd.DataFrame) -> list[str]:
    if "engagement_inputs" in customers.columns:
        return ["engagement_inputs"]
    return [c for c in customers.columns if c not in _NOT_ENGAGEMENT and not c.startswith("_")
            and pd.api.types.is_numeric_dtype(customers[c]) and not pd.api.types.is_bool_dtype(customers[c])]


def _weights(columns: list[str], setting: Any) -> list[float]:
    if isinstance(setting, str) and setting.strip():
        pairs = dict(part.split("=", 1) for part in setting.split(",") if "=" in part)
        return [float(pairs.get(c, 1.0)) for c in columns]
    if isinstance(setting, (list, tuple)) and len(setting) == len(columns):
        return [float(w) for w in setting]
    return [1.0] * len(columns)


def cash_flow_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Inflows − outflows, per period with a running total in details."""
    cash = inputs.frames.get("cash")
    if cash is None or not ({"amount", "inflow", "outflow"} & set(cash.columns)):
        return missing_field("cash_flow", "currency", ["amount", "inflow", "outflow"], N_("cash movements"))
    inflow, outflow = _flows(cash)
    net = inflow - outflow
    result = MetricResult("cash_flow", float(net.sum()), "currency", numerator=float(inflow.sum()),
                          denominator=float(outflow.sum()), n=len(cash), higher_is_better=True)
    result.details = {"inflow": float(inflow.sum()), "outflow": float(outflow.sum())}
    if "date" in cash.columns and cash["date"].notna().any():
        keys = period_start(cash["date"], p["period"])
        per = pd.DataFrame({"in": inflow, "out": outflow, "key": keys.to_numpy()}).groupby("key")[["in", "out"]].sum()
        running = (per["in"] - per["out"]).cumsum()
        result.details = result.details.with_(series=[
            {"period": label(k, p["period"]), "inflow": float(r["in"]), "outflow": float(r["out"]),
             "net": float(r["in"] - r["out"]), "running_total": float(running[k])} for k, r in per.iterrows()])
    return result


def _flows(cash: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    inflow = np.zeros(len(cash))
    outflow = np.zeros(len(cash))
    if "amount" in cash.columns:
        amount = pd.to_numeric(cash["amount"], errors="coerce").fillna(0).to_numpy(dtype=float)
        inflow += np.where(amount > 0, amount, 0.0)
        outflow += np.where(amount < 0, -amount, 0.0)
    if "inflow" in cash.columns:
        inflow += pd.to_numeric(cash["inflow"], errors="coerce").fillna(0).to_numpy(dtype=float)
    if "outflow" in cash.columns:
        outflow += np.abs(pd.to_numeric(cash["outflow"], errors="coerce").fillna(0).to_numpy(dtype=float))
    return inflow, outflow


def cash_flow_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> RowTerms | None:
    """Net amount per movement (a sum KPI: no ``den``), dated by ``date``."""
    cash = inputs.frames.get("cash")
    if cash is None or not ({"amount", "inflow", "outflow"} & set(cash.columns)):
        return None
    inflow, outflow = _flows(cash)
    return RowTerms(pd.DataFrame({"num": inflow - outflow}, index=cash.index), 1.0, "cash")
