"""Call KPIs from pre-aggregated ACD rows (``call_intervals``), re-weighted by volume.

Each row already holds averages and percentages of its interval; they are never
averaged row by row. Counts are summed, averages are turned back into totals
with the volume they average over, e.g. ASA = Σ(asa_s × answered) / Σanswered,
and a service-level percentage becomes "answered within threshold" calls by
multiplying it with the count it was taken over (answered or offered).
"""

from __future__ import annotations

from typing import Any, Mapping

from ..deferred import np
from ..deferred import pd

from ..catalogue import kind as kind_spec
from ..i18n import N_, Message
from .common import Terms, add_excluded, empty_result, frame_of, has, missing_result, no_value, numbers, with_defaults
from .model import MetricInputs, MetricResult, ParamSpec

SL_BASE_PARAM = ParamSpec(
    name="service_level_base", default="auto", label=N_("A file's service level % is of"), kind="choice",
    choices=("auto", "answered", "offered"),
    help=N_("Pre-aggregated files only. “automatic”: answered calls when some row's service level is above its answer rate "
         "(impossible if it were of offered calls), else offered calls."))


def _rows(inputs: MetricInputs, metric_id: str, unit: str, hib: bool | None,
          needs_offered: bool = False) -> pd.DataFrame | MetricResult:
    rows = frame_of(inputs, "call_intervals")
    if rows is None or rows.empty:
        return empty_result(metric_id, unit, "calls", higher_is_better=hib)
    if needs_offered and (missing := without_offered(rows, metric_id, unit, hib)) is not None:
        return missing
    return rows


def without_offered(rows: pd.DataFrame, metric_id: str, unit: str, hib: bool | None) -> MetricResult | None:
    """The "needs 'offered'" result for interval rows without the offered count (an import may leave that
    required field unmapped), else None."""
    if has(rows, "offered"):
        return None
    return missing_result(metric_id, unit, ["offered"], "call_intervals", higher_is_better=hib)


def answered_counts(rows: pd.DataFrame) -> np.ndarray | None:
    """Answered calls per row: the count, else answer rate % × offered."""
    if has(rows, "answered"):
        return numbers(rows["answered"])
    if has(rows, "answer_rate_pct") and has(rows, "offered"):
        return numbers(rows["answer_rate_pct"]) / 100.0 * numbers(rows["offered"])
    return None


def _weighted(rows: pd.DataFrame, num: np.ndarray, den: np.ndarray, unknown: "str | Message", details=None) -> Terms:
    """Terms over the rows where both sums are known; ``unknown`` says which rows are left out."""
    used = ~np.isnan(num) & ~np.isnan(den)
    excluded: list[tuple[int, str]] = []
    add_excluded(excluded, (~used).sum(), unknown)
    dates = rows["period"] if "period" in rows.columns else None
    return Terms(rows, np.nan_to_num(num), np.nan_to_num(den), used, dates, excluded,
                 {"pre_aggregated": True, **(details or {})}, kind="call_intervals")


def share_rows(inputs: MetricInputs, metric_id: str, column: str, hib: bool) -> Terms | MetricResult:
    """Σ``column`` / Σoffered (answer rate with ``answered``, abandonment with ``abandoned``)."""
    rows = _rows(inputs, metric_id, "%", hib, needs_offered=True)
    if isinstance(rows, MetricResult):
        return rows
    part = answered_counts(rows) if column == "answered" else (numbers(rows[column]) if has(rows, column) else None)
    if part is None:
        return missing_result(metric_id, "%", [column], "call_intervals", higher_is_better=hib)
    return _weighted(rows, part, numbers(rows["offered"]), Message("interval rows without {column} and offered counts",
                                                                    {"column": Message(kind_spec("call_intervals").field(column).label)}))


def service_level_base(rows: pd.DataFrame, answered: np.ndarray, choice: str) -> str:
    """Which count a file's service-level % was taken over (see :data:`SL_BASE_PARAM`)."""
    if choice != "auto":
        return choice
    pct = numbers(rows["service_level_pct"])
    offered = numbers(rows["offered"])
    with np.errstate(divide="ignore", invalid="ignore"):
        answer_pct = 100.0 * answered / offered
    above = pct > answer_pct + 0.01
    return "answered" if bool(np.any(above[np.isfinite(above)])) else "offered"


def service_level_rows(inputs: MetricInputs, params: Mapping[str, Any], threshold_s: float,
                       denominator: str) -> Terms | MetricResult:
    """Answered-within-threshold calls (counted, or rebuilt from the %) over offered or answered calls."""
    p = with_defaults(params, (SL_BASE_PARAM,))
    rows = _rows(inputs, "service_level", "%", True, needs_offered=True)
    if isinstance(rows, MetricResult):
        return rows
    answered = answered_counts(rows)
    details: dict[str, Any] = {"threshold_s": "the file's own threshold (pre-aggregated data)",
                               "denominator": denominator}
    if has(rows, "answered_within_threshold"):
        within = numbers(rows["answered_within_threshold"])
    elif has(rows, "service_level_pct") and answered is not None:
        base = service_level_base(rows, answered, p["service_level_base"])
        counts = answered if base == "answered" else numbers(rows["offered"])
        within = numbers(rows["service_level_pct"]) / 100.0 * counts
        details["service_level_pct_of"] = base
    else:
        return missing_result("service_level", "%", ["answered_within_threshold", "service_level_pct"],
                              "call_intervals", higher_is_better=True)
    if denominator == "answered":
        if answered is None:
            return missing_result("service_level", "%", ["answered"], "call_intervals", higher_is_better=True)
        den = answered
    elif denominator == "offered":
        den = numbers(rows["offered"])
    else:
        return no_value("service_level", "%", N_("Pre-aggregated rows do not say how many calls were abandoned after "
                        "the threshold; choose “offered calls” or “answered calls” for “Out of”."), higher_is_better=True)
    return _weighted(rows, within, den, N_("interval rows without a service level and call counts"), details)


def average_rows(inputs: MetricInputs, metric_id: str, sources: tuple[tuple[str, bool], ...]) -> Terms | MetricResult:
    """A per-answered-call average, re-weighted: Σ(avg × answered) / Σanswered.

    ``sources`` are ``(column, is_total)`` in order of preference: an average column is
    multiplied by the answered count, a total column is taken as is.
    """
    rows = _rows(inputs, metric_id, "seconds", False)
    if isinstance(rows, MetricResult):
        return rows
    answered = answered_counts(rows)
    column = next((c for c, _ in sources if has(rows, c)), None)
    if column is None or answered is None:
        return missing_result(metric_id, "seconds", [c for c, _ in sources] if column is None else ["answered"],
                              "call_intervals", higher_is_better=False)
    is_total = dict(sources)[column]
    values = numbers(rows[column])
    total = values if is_total else values * answered
    return _weighted(rows, total, answered, Message("interval rows without {column} and answered counts",
                                                        {"column": Message(kind_spec("call_intervals").field(column).label)}), {"source": f"the {column} column"})


WAIT_SOURCES = (("asa_s", False), ("wait_total_s", True), ("wait_avg_s", False))
HANDLE_SOURCES = (("aht_s", False), ("talk_avg_s", False))
