"""What a KPI's inputs can support, checked before its value is shown ("plausible or silent").

- A duration computed from a column that holds dates without times of day is counted in whole days:
  the result carries a caveat (``details["caveat"]`` / ``details["caveat_detail"]``, shown by the
  window and the reports through :func:`metrics_core.formatting.result_caveat`).
- A value with no rows behind it under the current filters is not a value: it becomes "no rows".

Peak hours (no times of day) and the share by channel (no channel) refuse in their own modules
(:mod:`metrics_core.metrics.ticket_volume`), with :func:`date_only` from here.
"""

from __future__ import annotations

from ..deferred import pd

from ..catalogue import KINDS_BY_NAME, field_label
from ..formatting import numbers_kept_with_units, quoted
from ..i18n import Message, TextList
from .model import MetricInputs, MetricResult, MetricSpec
from .results import HAS_HEAD as HEAD, no_value
from .stats import wilson_interval


def date_only(values: pd.Series) -> bool:
    """True when a datetime column's values all fall at midnight: dates without times of day.

    >>> date_only(pd.Series(pd.to_datetime(["2024-03-01", "2024-03-02"])))
    True
    >>> date_only(pd.Series(pd.to_datetime(["2024-03-01", "2024-03-02 09:12"], format="ISO8601")))
    False
    """
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        return False
    if _at_midnight(values.iloc[:HEAD]) is False:       # (a time of day among the first rows decides it)
        return False
    return bool(_at_midnight(values))


def _at_midnight(values: pd.Series) -> bool | None:
    """Whether every present value falls at midnight (``None``: none is present)."""
    present = values.dropna()
    if present.empty:
        return None
    stamps = present.to_numpy(dtype="datetime64[us]")
    return bool((stamps == stamps.astype("datetime64[D]")).all())


def date_only_fields(spec: MetricSpec, inputs: MetricInputs) -> list[tuple[str, str]]:
    """``(kind, field)`` of the timestamp fields a duration KPI reads that hold dates without times."""
    found = []
    for kind in spec.kinds:
        frame = inputs.frames.get(kind)
        kind_spec = KINDS_BY_NAME.get(kind)
        if frame is None or frame.empty or kind_spec is None:
            continue
        for field in kind_spec.fields:
            if field.value_type == "datetime" and field.name in frame.columns and date_only(frame[field.name]):
                found.append((kind, field.name))
    return found


def date_only_caveat(spec: MetricSpec, inputs: MetricInputs) -> tuple[Message, Message] | None:
    """A duration KPI's caveat (a card's line, its explanation) when a timestamp it reads holds dates without times
    of day; None otherwise. The card (:func:`review`) and its charts (:func:`chart_note`) carry the same one."""
    if not spec.duration:
        return None
    fields = date_only_fields(spec, inputs)
    if not fields:
        return None
    names = TextList(tuple(quoted(field_label(f, k)) for k, f in fields), "and")    # several take a plural verb
    return (Message.plural("{columns} has no times of day: approximate",
                           "{columns} have no times of day: approximate", len(fields), columns=names),
            Message.plural("{columns} holds dates without times of day, so each duration is counted from midnight "
                           "and may be up to a day off. Map a column with times of day for exact durations.",
                           "{columns} hold dates without times of day, so each duration is counted from midnight "
                           "and may be up to a day off. Map a column with times of day for exact durations.",
                           len(fields), columns=names))


def chart_note(spec: MetricSpec, inputs: MetricInputs) -> str:
    """The line a KPI's trend and breakdown charts carry under their axis (``ChartData.note``) for what its inputs
    cannot support, numbers kept with their units: the card's own date-only caveat (a first response time falling
    "1,230 -> 560 days" from purchase dates was drawn as a measured fall, 64_issue_date_only_tickets; its breakdown
    had no note while its trend had one), or ''. The window's charts, the deck's and the chart images take this one
    text."""
    caveat = date_only_caveat(spec, inputs)
    return "" if caveat is None else numbers_kept_with_units(str(caveat[0]))


#: Fewer units than this behind a rate (people, answers, calls: ``MetricResult.n``) and the rate carries a visible
#: note. 30 because below it one unit moves a rate by more than 3 points and a share's 95 % margin of error is at
#: least 1.96 * sqrt(0.25 / 30) = +-18 points at 50 % (Wilson: 3 % to 56 % for 1 leaver in 6 staff, the demo's
#: "16.7 % from 7 people") — wider than any change an owner would act on; it is also the usual point below which
#: the normal approximation a reader's "16.7 %" assumes does not hold (n * p >= 5 needs 30 units for a 17 % rate).
FEW_UNITS = 30


def few_units(spec: MetricSpec, result: MetricResult) -> bool:
    """Whether ``result`` is a rate (``MetricSpec.rate``; every "%" KPI unless it says otherwise) from fewer than
    :data:`FEW_UNITS` units: it is shown with a note, as NPS with its margin of error.

    >>> from metrics_core.metrics.registry import get_metric
    >>> few_units(get_metric("employee_turnover"), MetricResult("employee_turnover", 16.7, "%", n=7))
    True
    >>> few_units(get_metric("csat"), MetricResult("csat", 80.1, "%", n=2588))
    False
    """
    is_rate = spec.rate if spec.rate is not None else spec.unit == "%"
    return bool(is_rate) and result.value is not None and 0 < int(result.n or 0) < FEW_UNITS


def rate_range(result: MetricResult) -> tuple[float, float] | None:
    """The 95 % interval of a rate: its own (Wilson, for a share of rows), else Wilson's of its numerator over its
    denominator when the first is a part of the second (1 leaver in an average of 6 staff: 3.0 % to 56.4 %)."""
    if result.ci_low is not None and result.ci_high is not None:
        return float(result.ci_low), float(result.ci_high)
    num, den = result.numerator, result.denominator
    if num is None or den is None or not den > 0 or not 0 <= num <= den:
        return None
    low, high = wilson_interval(float(num), float(den))
    return None if low is None or high is None else (low, high)


def review(spec: MetricSpec, inputs: MetricInputs, result: MetricResult) -> MetricResult:
    """``result``, with a caveat when its inputs cannot carry it fully, or "no rows" instead of a value
    that no row supports."""
    if result.value is None:
        return result
    if spec.kinds and result.n == 0 and not spec.series_only:
        return no_value(spec.id, spec.unit, str(Message("no rows under the current filters")),
                        details=dict(result.details))
    if spec.duration and "caveat" not in result.details:
        caveat = date_only_caveat(spec, inputs)
        if caveat is not None:
            result.details = result.details.with_(caveat=caveat[0], caveat_detail=caveat[1])
    return result


__all__ = ["FEW_UNITS", "chart_note", "date_only", "date_only_caveat", "date_only_fields", "few_units", "rate_range", "review"]
