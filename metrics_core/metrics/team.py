"""Family E — team quality and people: IQS, staff turnover, self-service usage and success.

Quality criteria: the reviews frame keeps one numeric column per criterion.
The mapping names them, with an optional weight and maximum per criterion, in
``MetricInputs.groups`` (one group per review file: files with different review
forms keep each their own criteria and weights). Without them, every numeric
column that is not a canonical field counts as a criterion. A criterion's
default maximum is its observed maximum rounded up to 5, 10 or 100.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..catalogue import KINDS_BY_NAME
from ..column_groups import GroupedColumns, grouped_columns
from ..i18n import N_, Message
from .common import Terms, terms_compute, terms_rows
from .model import MetricInputs, MetricResult, MetricSpec, ParamSpec
from .results import bounds_details, flag, missing_field, no_value, period_bounds, ratio_result
from .ticket_volume import inbound_calls


def criteria(inputs: MetricInputs, reviews: pd.DataFrame, setting: str = "") -> GroupedColumns:
    """The criteria of a reviews frame: the parameter's columns, else the mapping's (per file), else every
    numeric non-canonical column."""
    chosen = [c.strip() for c in setting.split(",") if c.strip()] if setting else None
    return grouped_columns(reviews, inputs.column_groups("reviews", "criteria"), chosen, _numeric_columns)


def _numeric_columns(reviews: pd.DataFrame) -> list[str]:
    canonical = set(KINDS_BY_NAME["reviews"].field_names()) - {"criteria"}
    return [c for c in reviews.columns if c not in canonical and not c.startswith("_")
            and pd.api.types.is_numeric_dtype(reviews[c]) and not pd.api.types.is_bool_dtype(reviews[c])]


def default_maximum(observed: float) -> float:
    """The observed maximum rounded up to 5, 10 or 100.

    >>> default_maximum(4), default_maximum(7.5), default_maximum(64), default_maximum(250)
    (5.0, 10.0, 100.0, 250.0)
    """
    for cap in (5.0, 10.0, 100.0):
        if observed <= cap:
            return cap
    return float(observed)


def _iqs_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    reviews = inputs.frames.get("reviews")
    found = criteria(inputs, reviews, str(p.get("criteria") or "")) if reviews is not None else None
    if found is None or not found.columns:
        return missing_field("iqs", "%", ["criteria"], N_("one numeric column per quality criterion"))
    columns = found.columns
    scores = np.array(reviews[columns].apply(pd.to_numeric, errors="coerce"), dtype=float)   # a copy: written below
    scores[~found.member] = np.nan                 # a column that is not a criterion of that row's review form
    observed = [default_maximum(float(np.nanmax(scores[:, j]))) if np.isfinite(scores[:, j]).any() else 1.0
                for j in range(len(columns))]
    weights = found.weights
    maxima = np.where(np.isnan(found.maxima), np.array(observed), found.maxima)
    present = np.isfinite(scores)
    earned = np.where(present, scores * weights, 0.0).sum(axis=1)
    possible = np.where(present, weights * maxima, 0.0).sum(axis=1)
    rated = possible > 0
    per_review = np.divide(earned, possible, out=np.zeros_like(earned), where=rated) * 100.0
    kept = reviews.index[rated]
    by_criterion = {c: 100.0 * float(np.nansum(scores[:, i])) / float(maxima[present[:, i], i].sum())
                    for i, c in enumerate(columns) if present[:, i].any()}
    first_maxima = [m if m is not None else observed[j] for j, m in enumerate(found.first_maxima)]
    details: dict[str, Any] = {"criteria": columns, "weights": found.first_weights, "maxima": first_maxima,
                               "by_criterion": by_criterion}
    if "agent" in reviews.columns:
        per_agent = pd.Series(per_review[rated], index=kept).groupby(reviews.loc[kept, "agent"]).mean()
        details["by_agent"] = {str(k): float(v) for k, v in per_agent.items()}
    terms = Terms(reviews, per_review, np.ones(len(reviews)), rated, None, details=details, kind="reviews")
    if (~rated).sum():
        terms.excluded.append((int((~rated).sum()), N_("reviews without any criterion score")))
    return terms


def _present(staff: pd.DataFrame, t: pd.Timestamp) -> np.ndarray:
    """Agents on the team at the instant ``t``: hired before it and not yet left (a hire or a leave dated
    ``t`` belongs to the period that starts at ``t``, as for customers in :mod:`churn`)."""
    hired = staff["hired_at"] if "hired_at" in staff.columns else pd.Series(pd.NaT, index=staff.index)
    left = staff["left_at"]
    return ((hired.isna() | (hired < t)) & (left.isna() | (left >= t))).to_numpy(dtype=bool)


def turnover_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Agents who left in the period / average headcount × 100; staff retention in details."""
    staff = inputs.frames.get("staff")
    if staff is None or "left_at" not in staff.columns:
        return missing_field("employee_turnover", "%", ["left_at"], N_("the date each agent left"))
    bounds = period_bounds(inputs, float(p["lookback_months"]))
    if bounds is None:
        return missing_field("employee_turnover", "%", ["hired_at", "left_at"], N_("dates of staff changes"))
    start, end = bounds
    unrecorded = _before_leaves_recorded(_whole_staff(inputs, staff), end, float(p["lookback_months"]))
    if unrecorded is not None:
        return no_value("employee_turnover", "%", unrecorded, n=len(staff), details=bounds_details(bounds),
                        higher_is_better=False)
    left = int(((staff["left_at"] >= start) & (staff["left_at"] < end)).sum())
    present_end = _present(staff, end)
    at_start, at_end = int(_present(staff, start).sum()), int(present_end.sum())
    hired_in = (((staff["hired_at"] >= start) & (staff["hired_at"] < end)).to_numpy(dtype=bool)
                if "hired_at" in staff.columns else np.zeros(len(staff), dtype=bool))
    hired, hired_staying = int(hired_in.sum()), int((hired_in & present_end).sum())
    average = (at_start + at_end) / 2
    # staff retention = CRR over agents, (E - N) / S, N counting the hires still there at the end
    # (as retention_rate does), so a hire who also left in the period does not lower it
    details = {"left": left, "headcount_start": at_start, "headcount_end": at_end, "hired": hired,
               "average_headcount": average, **bounds_details(bounds),
               "staff_retention_pct": 100.0 * (at_end - hired_staying) / at_start if at_start else None}
    return ratio_result("employee_turnover", left, average, n=len(staff), proportion=False,
                        empty_reason=N_("no staff in the period"), details=details)


def _whole_staff(inputs: MetricInputs, staff: pd.DataFrame) -> pd.DataFrame:
    """The whole staff file, before a filter or a breakdown's group cut it to ``staff``: whether it records
    leaving dates is the file's fact, not a team's (a team nobody left has 0 %, shots16-c 10_09)."""
    whole = inputs.source.get("staff")
    return whole if whole is not None and "left_at" in whole.columns else staff


def _before_leaves_recorded(staff: pd.DataFrame, end: pd.Timestamp, lookback_months: float) -> Message | None:
    """Why a period that ends before the register records leaving has no turnover (None when it has one).

    A staff register's data for turnover are the leaving dates it records: long before the first are not months
    when nobody left (a register of current staff lists no one who left before it was kept), so a trend starts at
    the first period the register can value, not with years of zeros (as CLV's starts at its first period with
    orders: ``engine._from_first_value``). The register is taken to record leaving over one KPI period
    (``lookback_months``) before its first leaving date, as the card's figure takes it: the demo's five-year file,
    whose one leaving date is its last date, has 18.2 % over the 12 months to it, and its quarterly trend showed
    only the quarter of that date (s16 shots, 10_09) — now the quarters of those 12 months."""
    first = staff["left_at"].min()
    if pd.isna(first):
        return Message("no one in the staff file has a leaving date, so it cannot tell how many left")
    if end <= first - pd.DateOffset(months=int(round(lookback_months))):
        from ..formatting_dates import PeriodName
        return Message("the staff file records people leaving from {day}", {"day": PeriodName(first.date())})
    return None


def self_service_usage_compute(inputs: MetricInputs, p: Mapping[str, Any]) -> MetricResult:
    """Self-service sessions / (sessions + tickets + calls) × 100."""
    sessions = inputs.frames.get("self_service")
    if sessions is None:
        return missing_field("self_service_usage", "%", ["session_id"], N_("self-service sessions"))
    assisted = {k: len(inputs.frames[k]) for k in ("tickets", "calls") if inputs.frames.get(k) is not None}
    if "calls" in assisted:             # outbound calls and callbacks are not customers asking for help
        assisted["calls"] = int(inbound_calls(inputs.frames["calls"]).sum())
    if not assisted:
        return missing_field("self_service_usage", "%", ["ticket_id", "call_id"],
                             N_("tickets or calls to compare the sessions with"))
    return ratio_result("self_service_usage", len(sessions), len(sessions) + sum(assisted.values()),
                        empty_reason=N_("no sessions, tickets or calls in the period"),
                        details={"sessions": len(sessions), **{f"{k}": v for k, v in assisted.items()}})


def _success_terms(inputs: MetricInputs, p: Mapping[str, Any]) -> Terms | MetricResult:
    sessions = inputs.frames.get("self_service")
    if sessions is None or not ({"resolved_without_agent", "escalated"} & set(sessions.columns)):
        return missing_field("self_service_success", "%", ["resolved_without_agent", "escalated"],
                             N_("whether each session ended without an agent"))
    if "resolved_without_agent" in sessions.columns:
        success = flag(sessions["resolved_without_agent"])
        basis = "resolved without an agent"
    else:
        success = ~flag(sessions["escalated"]) & sessions["escalated"].notna().to_numpy()
        basis = "not escalated to an agent"
    return Terms(sessions, success.astype(float), np.ones(len(sessions)), np.ones(len(sessions), dtype=bool), None,
                 details={"basis": basis}, kind="self_service")


def _calc_turnover(t: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
    average = (float(t["headcount_start"]) + float(t["headcount_end"])) / 2
    return ratio_result("employee_turnover", float(t["left"]), average, proportion=False, empty_reason=N_("no staff"))


def _calc_div(metric_id: str, num_key: str, den_keys: tuple[str, ...]):
    def calc(t: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
        return ratio_result(metric_id, float(t[num_key]), sum(float(t[k]) for k in den_keys),
                            empty_reason=N_("the denominator is zero"))
    return calc


# IQS is a mean of per-review percentages, not a share of reviews: no proportion's confidence interval
_iqs_compute = terms_compute("iqs", "%", 1.0, True, _iqs_terms, proportion=False, empty_reason=N_("no quality reviews"))
_ss_compute = terms_compute("self_service_success", "%", 100.0, True, _success_terms,
                            empty_reason=N_("no self-service sessions"))
_iqs_rows, _ss_rows = terms_rows(_iqs_terms, 1.0), terms_rows(_success_terms, 100.0)

SPECS: tuple[MetricSpec, ...] = (
    MetricSpec(id="iqs", label=N_("Internal quality score (IQS)"), family="team_quality", unit="%", higher_is_better=True,
               kinds=("reviews",), required_fields=(), source="S0 S2",
               description=N_("Per review: the weighted sum of criterion scores divided by the weighted sum of their maxima, times 100; "
                           "IQS is the mean over reviews, also per agent and per criterion."),
               compute=_iqs_compute, row_terms=_iqs_rows,
               calculator=lambda t, p: ratio_result("iqs", float(t["points"]), float(t["max_points"]), proportion=False,
                                                    empty_reason=N_("max_points is zero")), calculator_inputs=("points", "max_points"),
               params=(ParamSpec(name="criteria", default="", label=N_("Criteria columns (comma-separated)"), kind="text",
                          help=N_("default: the columns mapped as quality criteria")),)),
    MetricSpec(id="employee_turnover", label=N_("Staff turnover"), family="team_quality", unit="%", higher_is_better=False,
               kinds=("staff",), required_fields=("left_at",), source="S3",
               description=N_("Agents who left in the period divided by the average headcount, times 100; staff retention uses the CRR formula."),
               compute=turnover_compute,
               calculator=_calc_turnover, calculator_inputs=("left", "headcount_start", "headcount_end"),
               period_aware=True,
               params=(ParamSpec(name="lookback_months", default=12, label=N_("Period when no dates are chosen (months)"), kind="int", minimum=1),)),
    MetricSpec(id="self_service_usage", label=N_("Self-service usage"), family="team_quality", unit="%", higher_is_better=True,
               kinds=("self_service", "tickets", "calls"), required_fields=(), source="S1",
               description=N_("Self-service sessions divided by sessions plus assisted tickets and inbound calls, times 100."),
               compute=self_service_usage_compute,
               calculator=_calc_div("self_service_usage", "sessions", ("sessions", "assisted")), calculator_inputs=("sessions", "assisted")),
    MetricSpec(id="self_service_success", label=N_("Self-service success rate"), family="team_quality", unit="%", higher_is_better=True,
               kinds=("self_service",), required_fields=(), source="S1",
               description=N_("Self-service sessions resolved without an agent divided by all sessions, times 100."),
               compute=_ss_compute, row_terms=_ss_rows,
               calculator=_calc_div("self_service_success", "resolved", ("sessions",)), calculator_inputs=("resolved", "sessions")),
)

__all__ = ["SPECS", "criteria", "default_maximum"]
