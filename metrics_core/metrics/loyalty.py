"""Family B — loyalty and value: retention, churn, CLV, repurchase, referral, conversion,
engagement and cash flow (the comparison with a benchmark is in :mod:`.benchmark`)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..i18n import N_, Message
from .churn import CustomerFlow, customer_flow
from .common import Terms, terms_compute, terms_rows
from .customer_value import (CHURN_FLAG_MONTHS, INACTIVITY_DAYS, LIFESPAN_YEARS, cash_flow_compute, cash_flow_terms,
                             clv_compute, clv_historical_compute, clv_predictive_compute, engagement_compute)
from .model import MetricInputs, MetricResult, MetricSpec, ParamSpec
from .periods import PERIODS
from .results import bounds_details, has, missing_field, no_value, ratio_result

_LOOKBACK = ParamSpec(name="lookback_months", default=12, label=N_("Period when no dates are chosen (months)"), kind="int", minimum=1,
                      help=N_("without a date filter, the period is this many months up to the latest date"))


def retention_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """((E − N) / S) × 100, N counting the new customers still there at the end (so new customers
    lost within the period do not push the rate below zero)."""
    flow = customer_flow("retention_rate", "%", inputs, p)
    if isinstance(flow, MetricResult):
        return flow
    result = ratio_result("retention_rate", flow.end - flow.retained_new, flow.start, n=flow.start,
                          empty_reason=N_("no customers at the start of the period"), details=flow.to_details())
    return result


def churn_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Customers lost in the period / customers at its start × 100."""
    flow = customer_flow("churn_rate", "%", inputs, p)
    if isinstance(flow, MetricResult):
        return flow
    return ratio_result("churn_rate", flow.lost, flow.start, n=flow.start,
                        empty_reason=N_("no customers at the start of the period"), details=flow.to_details())


def repurchase_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Customers with ≥ 2 orders / customers with ≥ 1 order × 100.

    Without an order id a file is a transaction log (CDNOW): a customer's rows of one day are one
    purchase, as the BTYD literature counts them, and the result's note says so."""
    orders = inputs.frames.get("orders")
    if orders is None or "customer_id" not in orders.columns:
        return missing_field("repurchase_rate", "%", ["customer_id"], N_("the customer of each order"))
    rows = orders[orders["customer_id"].notna()]
    ids = rows["customer_id"].astype("string").to_numpy()
    if has(rows, "order_id"):
        per_customer = rows["order_id"].groupby(ids).nunique()
        details = {"purchases_counted_as": "orders"}
    elif has(rows, "order_date"):
        per_customer = rows["order_date"].dt.normalize().groupby(ids).nunique(dropna=False)
        details = {"purchases_counted_as": "customer_days",
                   "note": Message("no order ID: one purchase per customer per day (a customer's rows of one day "
                                   "are one purchase)")}
    else:
        per_customer = pd.Series(ids).value_counts()
        details = {"purchases_counted_as": "rows", "note": Message("no order ID and no order date: each row is one purchase")}
    return ratio_result("repurchase_rate", int((per_customer >= 2).sum()), len(per_customer),
                        empty_reason=N_("no orders in the selected period"), details=details)


DEFAULT_REFERRAL_WORDS = ("referral, referred, refer, friend, recommend, word of mouth, priporoč, prijatelj, "
                          "recomand, prieten, rekommend, tips, vän, preporu, препору, пријатељ")


def _referral_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    customers = inputs.frames.get("customers")
    if customers is None or "referral_source" not in customers.columns:
        return missing_field("referral_rate", "%", ["referral_source"], N_("how each customer found you"))
    words = [w.strip().lower() for w in str(p["referral_words"]).split(",") if w.strip()]
    source = customers["referral_source"].astype("string").str.lower()
    pattern = "|".join(pd.Series(words).str.replace(r"([\\.^$|?*+()\[\]{}])", r"\\\1", regex=True))
    referred = source.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
    return Terms(customers, referred.astype(float), np.ones(len(customers)), np.ones(len(customers), dtype=bool), None,
                 details={"matched_words": words}, kind="customers")


def conversion_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Contacted customers who ordered within N days after a contact / contacted customers × 100."""
    orders = inputs.frames.get("orders")
    sources = _contact_sources(inputs)
    if not sources:
        return missing_field("conversion_after_contact", "%", ["customer_id", "caller_id"], N_("the customer of each ticket or call"))
    if orders is None or not {"customer_id", "order_date"} <= set(orders.columns):
        return missing_field("conversion_after_contact", "%", ["order_date"], N_("orders to match on the customer ID"))
    contacts = _contacts(sources)       # (the ids as text: only now, with orders to match them to)
    buys = pd.DataFrame({"customer": orders["customer_id"].astype("string").to_numpy(),
                         "bought": _microseconds(orders["order_date"])}).astype({"customer": "string"}).dropna()
    contacts, excluded = _joinable(contacts, buys)
    if inputs.period:
        start, end = inputs.period
        keep = np.ones(len(contacts), dtype=bool)
        if start is not None:
            keep &= (contacts["at"] >= start).to_numpy()
        if end is not None:
            keep &= (contacts["at"] < end).to_numpy()
        contacts = contacts[keep]
    if contacts.empty:
        result = no_value("conversion_after_contact", "%", N_("no contacts with a known customer in the period"))
        result.excluded = excluded
        return result
    buys = buys.sort_values("bought")
    contacts = contacts.sort_values("at")
    window = pd.Timedelta(days=float(p["window_days"]))
    joined = pd.merge_asof(contacts, buys, left_on="at", right_on="bought", by="customer",
                           direction="forward", tolerance=window)
    converted = joined["bought"].notna().groupby(joined["customer"]).any()
    details = {"window_days": float(p["window_days"])}
    if inputs.period:
        details.update(bounds_details((inputs.period[0] or contacts["at"].min(), inputs.period[1] or contacts["at"].max())))
    result = ratio_result("conversion_after_contact", int(converted.sum()), len(converted), details=details)
    result.excluded = excluded
    return result


def _joinable(contacts: pd.DataFrame, buys: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Contacts of the kinds whose identifiers appear among the orders' customers.

    Calls usually carry a phone number while orders are keyed by e-mail or customer number: such callers can
    never be joined, and counting them would add every caller as a second, never-converting customer.
    """
    known = contacts["customer"].isin(set(buys["customer"])).to_numpy(dtype=bool)
    excluded: list[tuple[int, str]] = []
    keep = np.ones(len(contacts), dtype=bool)
    for kind, label in (("tickets", N_("ticket customers")), ("calls", N_("callers"))):
        rows = (contacts["kind"] == kind).to_numpy(dtype=bool)
        if rows.any() and not known[rows].any():
            keep &= ~rows
            count = contacts.loc[rows, "customer"].nunique()
            excluded.append((count, Message("{who} whose ID never appears as an order's customer ID (cannot be matched)",
                                     {"who": Message(label)})))
    return contacts[keep], excluded


def _contact_sources(inputs: MetricInputs) -> list[tuple[str, pd.DataFrame, str, str]]:
    """The frames of contacts with a customer: (kind, frame, id column, date column)."""
    sources = []
    for kind, id_col, date_col in (("tickets", "customer_id", "created_at"), ("calls", "caller_id", "started_at")):
        frame = inputs.frames.get(kind)
        if frame is not None and id_col in frame.columns and date_col in frame.columns:
            sources.append((kind, frame, id_col, date_col))
    return sources


def _contacts(sources: list[tuple[str, pd.DataFrame, str, str]]) -> pd.DataFrame:
    parts = [pd.DataFrame({"customer": frame[id_col].astype("string").to_numpy(),
                           "at": _microseconds(frame[date_col]), "kind": kind})
             for kind, frame, id_col, date_col in sources]
    return pd.concat(parts, ignore_index=True).astype({"customer": "string"}).dropna()


def _microseconds(dates: pd.Series) -> np.ndarray:
    """Dates as ``datetime64[us]`` whatever unit they were read in (merge_asof needs equal key dtypes)."""
    return pd.to_datetime(dates, errors="coerce").to_numpy(dtype="datetime64[us]")


def _calc_div(metric_id: str, num, den, scale: float = 100.0, unit: str = "%"):
    def calc(t: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
        t = {k: float(v) for k, v in t.items()}
        return ratio_result(metric_id, num(t), den(t), unit=unit, scale=scale, proportion=scale == 100.0,
                            empty_reason=N_("the denominator is zero"))
    return calc


def _calc_product(metric_id: str, keys: tuple[str, ...]):
    def calc(t: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
        return MetricResult(metric_id, math.prod(float(t[k]) for k in keys), "currency")
    return calc


_ref_compute = terms_compute("referral_rate", "%", 100.0, True, _referral_terms, empty_reason=N_("no new customers"))
_ref_rows = terms_rows(_referral_terms, 100.0)
_ORDERS_CUSTOMERS = ("orders", "customers")

SPECS: tuple[MetricSpec, ...] = (
    MetricSpec(id="retention_rate", label=N_("Customer retention rate (CRR)"), family="loyalty_value", unit="%", higher_is_better=True,
               kinds=("customers", "orders"), required_fields=("customer_id",), source="S0 S2 S3", counts="customers",
               description=N_("((customers at the end − new customers) / customers at the start) × 100."),
               compute=retention_compute,
               calculator=_calc_div("retention_rate", lambda t: t["end"] - t["new"], lambda t: t["start"]), calculator_inputs=("start", "end", "new"),
               period_aware=True,
               params=(_LOOKBACK, INACTIVITY_DAYS)),
    MetricSpec(id="churn_rate", label=N_("Customer churn rate"), family="loyalty_value", unit="%", higher_is_better=False,
               kinds=("customers", "orders"), required_fields=("customer_id",), source="S0 S1 S2", counts="customers",
               description=N_("Customers lost in the period divided by customers at its start, times 100."),
               compute=churn_compute,
               calculator=_calc_div("churn_rate", lambda t: t["lost"], lambda t: t["start"]), calculator_inputs=("lost", "start"),
               period_aware=True,
               params=(_LOOKBACK, INACTIVITY_DAYS)),
    MetricSpec(id="clv", label=N_("Customer lifetime value"), family="loyalty_value", unit="currency", higher_is_better=True,
               kinds=_ORDERS_CUSTOMERS, required_fields=(), source="S0 S2",
               description=N_("Average purchase value × purchases per year × average customer lifespan in years (set, or 1 / annual churn). Purchases are counted over every order, or over the year up to the end of chosen dates."),
               compute=clv_compute,
               calculator=_calc_product("clv", ("avg_purchase_value", "purchase_frequency", "lifespan_years")), calculator_inputs=("avg_purchase_value", "purchase_frequency", "lifespan_years"),
               period_aware=True,
               params=(LIFESPAN_YEARS,
                      ParamSpec(name="periods_per_year", default=12, label=N_("Revenue periods per year"), minimum=1),
                      CHURN_FLAG_MONTHS, INACTIVITY_DAYS)),
    MetricSpec(id="clv_historical", label=N_("Historical CLV"), family="loyalty_value", unit="currency", higher_is_better=True,
               kinds=_ORDERS_CUSTOMERS, required_fields=(), source="S0", counts="customers", sums_its_days=True,
               description=N_("Per customer: the sum of purchases × gross margin; the mean over customers, with the distribution."),
               compute=clv_historical_compute,
               calculator=_calc_div("clv_historical", lambda t: t["revenue"] * t["margin_pct"] / 100, lambda t: t["customers"],
                                    1.0, "currency"), calculator_inputs=("revenue", "customers", "margin_pct"),
               params=(ParamSpec(name="gross_margin_pct", default=100.0, label=N_("Gross margin % (when no margin column)"), minimum=0, maximum=100),)),
    MetricSpec(id="clv_predictive", label=N_("Predictive CLV"), family="loyalty_value", unit="currency", higher_is_better=True,
               kinds=_ORDERS_CUSTOMERS, required_fields=(), source="S0",
               description=N_("(Average monthly transactions × average order value) × average lifespan in months; the lifespan, and how churn is read for it, are those set for Customer lifetime value."),
               compute=clv_predictive_compute,
               calculator=_calc_product("clv_predictive", ("monthly_transactions", "avg_order_value", "lifespan_months")), calculator_inputs=("monthly_transactions", "avg_order_value", "lifespan_months"),
               period_aware=True,
               # CLV's settings (one each for both lifetime values); these names stay for the command line
               params=(ParamSpec(name="lifespan_months", default=None, label=N_("Average customer lifespan (months)"), minimum=0,
                                 shown=False),
                      replace(CHURN_FLAG_MONTHS, shown=False), replace(INACTIVITY_DAYS, shown=False))),
    MetricSpec(id="repurchase_rate", label=N_("Repurchase rate"), family="loyalty_value", unit="%", higher_is_better=True,
               kinds=("orders",), required_fields=("customer_id",), source="S1", counts="customers",
               description=N_("Customers with two or more orders in the period divided by customers with at least one, times 100."),
               compute=repurchase_compute,
               calculator=_calc_div("repurchase_rate", lambda t: t["repeat_customers"], lambda t: t["customers"]), calculator_inputs=("repeat_customers", "customers")),
    MetricSpec(id="referral_rate", label=N_("Referral rate"), family="loyalty_value", unit="%", higher_is_better=True,
               kinds=("customers",), required_fields=("referral_source",), source="S0 S2",
               description=N_("New customers whose source is a referral divided by all new customers, times 100."),
               compute=_ref_compute, row_terms=_ref_rows,
               calculator=_calc_div("referral_rate", lambda t: t["referred"], lambda t: t["new_customers"]), calculator_inputs=("referred", "new_customers"),
               params=(ParamSpec(name="referral_words", default=DEFAULT_REFERRAL_WORDS, label=N_("Source values that mean a referral"), kind="text"),)),
    MetricSpec(id="conversion_after_contact", label=N_("Conversion after support contact"), family="loyalty_value", unit="%", higher_is_better=True,
               kinds=("tickets", "calls", "orders"), required_fields=(), source="S3", counts="customers",
               description=N_("Contacted customers who ordered within N days after a contact divided by contacted customers, times 100."),
               compute=conversion_compute,
               calculator=_calc_div("conversion_after_contact", lambda t: t["converted"], lambda t: t["contacted"]), calculator_inputs=("converted", "contacted"),
               period_aware=True,
               params=(ParamSpec(name="window_days", default=30, label=N_("Order within (days)"), kind="int", minimum=0),)),
    MetricSpec(id="engagement_score", label=N_("Customer engagement score"), family="loyalty_value", unit="score", higher_is_better=True,
               kinds=("customers",), required_fields=(), source="S0 S2",
               description=N_("Weighted mean of the chosen inputs, each scaled 0-100 across customers; the portfolio score is the mean. "
                           "Also loyalty-programme and training participation rates."),
               compute=engagement_compute,
               params=(ParamSpec(name="inputs", default="", label=N_("Engagement columns (comma-separated)"), kind="text"),
                      ParamSpec(name="weights", default="", label=N_("Weights (column=weight, …)"), kind="text"))),
    MetricSpec(id="cash_flow", label=N_("Cash flow"), family="loyalty_value", unit="currency", higher_is_better=True,
               kinds=("cash",), required_fields=("date",), source="S3",
               description=N_("Inflows minus outflows, per period and as a running total."),
               compute=cash_flow_compute, row_terms=cash_flow_terms,
               calculator=_calc_div("cash_flow", lambda t: t["inflow"] - t["outflow"], lambda t: 1.0, 1.0, "currency"), calculator_inputs=("inflow", "outflow"),
               params=(ParamSpec(name="period", default="month", label=N_("Period"), kind="choice", choices=PERIODS),)),
)

__all__ = ["SPECS", "CustomerFlow"]
