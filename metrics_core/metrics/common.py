"""Helpers of the ticket and call families (C, D): parameters, booleans, elapsed
times, duration summaries and per-row terms. Results are built by
:mod:`metrics_core.metrics.results` (the one ``no_value`` and ``ratio_result``).

Every helper is vectorised (numpy / pandas); none loops over rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from ..deferred import np
from ..deferred import pd

from ..catalogue import kinds_text
from ..i18n import N_, Message
from . import results
from ..column_facts import label_codes, naive_stamps, row_fact, text_codes
from .left_out import left_out
from .model import MetricInputs, MetricResult, ParamSpec, RowTerms
from .results import frame_of, has, no_value, ratio_result
from .stats import quantiles
from .terms import result_from_sums, result_from_terms, total

CalculatorFn = Callable[[Mapping[str, float], Mapping[str, Any]], MetricResult]


# ----------------------------------------------------------------- parameters
def with_defaults(params: Mapping[str, Any] | None, specs: Iterable[ParamSpec]) -> dict[str, Any]:
    """``params`` completed with the defaults of ``specs`` (the engine merges them too;
    this makes a direct call with missing parameters behave the same)."""
    merged = {p.name: p.default for p in specs}
    merged.update({k: v for k, v in (params or {}).items() if v is not None})
    return merged


def distinct_lower(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes of the column's values (-1: missing) and its distinct values, stripped and lower-case: a
    question about the text is then asked once per distinct value (see :func:`per_row`). The codes are the
    column's own (:func:`~metrics_core.column_facts.text_codes`, read-only)."""
    codes, uniques = text_codes(series)
    return codes, pd.Series(uniques, dtype="object").astype("string").str.strip().str.lower()


def per_row(of_distinct: pd.Series, codes: np.ndarray) -> np.ndarray:
    """A boolean answer per distinct value (:func:`distinct_lower`) spread to the rows; False where missing."""
    return np.append(of_distinct.fillna(False).to_numpy(dtype=bool), False)[codes]


def text_lower(series: pd.Series) -> pd.Series:
    """Lower-case stripped text (missing stays missing); each distinct value is converted once."""
    codes, lowered = distinct_lower(series)
    values = np.append(lowered.to_numpy(dtype=object, na_value=pd.NA), pd.NA)
    return pd.Series(values[codes], index=series.index, dtype="string")


def bool_values(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(True-values, known) boolean arrays of a canonical ``boolean`` column (or 0/1, Y/N text)."""
    if pd.api.types.is_bool_dtype(series.dtype) or isinstance(series.dtype, pd.BooleanDtype):
        b = series.astype("boolean")
    elif pd.api.types.is_numeric_dtype(series.dtype):
        b = (series != 0).astype("boolean").mask(series.isna())
    else:
        t = text_lower(series)
        b = t.isin(["true", "yes", "y", "1", "da", "ja"]).astype("boolean").mask(
            ~t.isin(["true", "yes", "y", "1", "da", "ja", "false", "no", "n", "0", "ne", "nej", "nu"]))
    known = b.notna().to_numpy().copy()
    return b.fillna(False).to_numpy(dtype=bool).copy(), known


def numbers(series: pd.Series) -> np.ndarray:
    """Float values of a column (NaN for missing)."""
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def datetimes(series: pd.Series) -> pd.Series:
    """A column as naive ``datetime64`` (time-zone-aware values keep their wall time)."""
    s = series if pd.api.types.is_datetime64_any_dtype(series.dtype) else pd.to_datetime(series, errors="coerce")
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_localize(None)
    return s


def epoch_seconds(series: pd.Series) -> np.ndarray:
    """Seconds since 1970 as float (NaN for missing) — unit-safe for pandas 3 (PITFALLS.md). A column of
    time stamps (naive ``datetime64``: each row's seconds its own) is worked out once and kept (given read-only),
    a filter's cut of it taken from the unfiltered column's (:func:`~metrics_core.column_facts.row_fact`)."""
    if naive_stamps(series):
        return row_fact(series, "epoch seconds", _epoch_seconds)
    return _epoch_seconds(series)


def _epoch_seconds(series: pd.Series) -> np.ndarray:
    stamps = datetimes(series).dt.as_unit("us").to_numpy()
    out = stamps.view("int64").astype(float) / 1e6
    out[np.isnat(stamps)] = np.nan
    return out


KEY_PIECE = 1 << 20                 # texts read as numbers at a time


def comparable_ids(*columns: pd.Series) -> list[pd.Series]:
    """:func:`metrics_core.plain_ids.comparable_ids` (imported when used: pandas is)."""
    from ..plain_ids import comparable_ids as comparable

    return comparable(*columns)


def contact_keys(who: pd.Series) -> np.ndarray:
    """An int64 per row, the same exactly where the texts of ``who`` are the same (-1: missing).

    Texts that are all plain whole numbers (a caller's number: ASCII digits, no sign, space or leading zero) are
    their own keys: such a text and its number make each other, and no table of millions of texts is hashed
    (10,000,000 calls from 6,300,000 callers: about 250 MB and several seconds). Other texts are factorized;
    ids held as numbers (:mod:`metrics_core.plain_ids`) are their keys already."""
    from ..plain_ids import is_plain_ids, plain_numbers_of      # (pandas: imported when used)

    if is_plain_ids(who):
        return who.array.keys()
    missing = who.isna().to_numpy()
    texts = who.to_numpy(dtype=object)
    present = np.flatnonzero(~missing) if missing.any() else None
    keys = np.full(len(texts), -1, dtype=np.int64)
    for start in range(0, len(texts) if present is None else len(present), KEY_PIECE):
        rows = slice(start, start + KEY_PIECE) if present is None else present[start:start + KEY_PIECE]
        numbers = plain_numbers_of(texts[rows])
        if numbers is None:
            return pd.factorize(who, use_na_sentinel=True)[0]
        keys[rows] = numbers
    return keys


def seconds_to_next_contact(who: pd.Series, when: pd.Series, among: np.ndarray | None = None) -> np.ndarray:
    """Seconds from each contact to the same person's next contact (NaN: none, or no person/time). ``among``:
    the rows that are contacts (the others get NaN and are nobody's next contact).

    Each step lets go of what it read (10,000,000 calls: eight arrays of 80 MB at once before)."""
    person = contact_keys(who)
    if among is not None:
        person[~among] = -1
    t = epoch_seconds(when)
    unknown = (person < 0) | np.isnan(t)
    if unknown.any() or not (t[1:] >= t[:-1]).all():
        order = np.lexsort((t, person))
    else:                               # in time order already (a log): by person, each one's contacts in turn
        order = np.argsort(person, kind="stable")
    p_sorted = person[order]
    del person
    same = p_sorted[1:] == p_sorted[:-1]
    same &= p_sorted[:-1] >= 0
    del p_sorted
    t_sorted = t[order]
    del t
    step = t_sorted[1:] - t_sorted[:-1]
    del t_sorted
    gaps = np.full(len(order), np.nan)
    gaps[order[:-1][same]] = step[same]
    gaps[unknown] = np.nan
    return gaps


def elapsed_seconds(start: pd.Series, end: pd.Series, calendar: Any = None) -> np.ndarray:
    """``end − start`` in seconds (NaN where either is missing); open seconds only when a
    business-hours ``calendar`` is given. Negative values are kept (callers exclude them)."""
    if calendar is not None:
        return calendar.seconds_between(datetimes(start), datetimes(end))
    return epoch_seconds(end) - epoch_seconds(start)


# ------------------------------------------------------------------ results
def missing_result(metric_id: str, unit: str, fields: Iterable[str], kind: str | tuple[str, ...], *,
                   higher_is_better: bool | None) -> MetricResult:
    """The result when a needed field is not in the loaded data of ``kind`` (or of any of several kinds)."""
    where = Message("in a file of {kinds}", {"kinds": kinds_text(kind)})
    result = results.missing_field(metric_id, unit, fields, where)
    result.higher_is_better = higher_is_better
    return result


def empty_result(metric_id: str, unit: str, kind: str | tuple[str, ...], *,
                 higher_is_better: bool | None) -> MetricResult:
    """The result when no rows of ``kind`` (or of any of several kinds) are loaded (or left after filtering)."""
    return no_value(metric_id, unit, Message("no rows of {kinds} in the selected period and filters",
                                             {"kinds": kinds_text(kind)}),
                    higher_is_better=higher_is_better)


def add_excluded(excluded: list[tuple[int, str]], count: int | np.integer, reason: str) -> None:
    """Append ``(count, reason)`` when ``count`` > 0."""
    if int(count) > 0:
        excluded.append((int(count), reason))


def duration_summary(values: np.ndarray) -> dict[str, float | None]:
    """Mean, median and 90th percentile of finite values (None when there are none)."""
    v = values[np.isfinite(values)]
    if v.size == 0:
        return {"mean": None, "median": None, "p90": None, "n": 0}
    median, p90 = quantiles(v)
    return {"mean": float(v.mean()), "median": median, "p90": p90, "n": int(v.size)}


def clean_durations(values: np.ndarray, excluded: list[tuple[int, str]], rows: str) -> np.ndarray:
    """Boolean mask of usable durations; negative ones are reported in ``excluded`` (never clamped).
    ``rows`` names what the values measure, a key of :data:`.left_out.LEFT_OUT` (``tickets``, ``answered_calls`` …)."""
    finite = np.isfinite(values)
    negative = finite & (values < 0)
    add_excluded(excluded, negative.sum(), left_out(rows, "negative"))
    return finite & ~negative


def duration_result(metric_id: str, values: np.ndarray, *, excluded: list[tuple[int, str]],
                    details: dict[str, Any] | None = None, higher_is_better: bool | None = False,
                    empty_reason: str = "No durations to average.") -> MetricResult:
    """Mean headline (Σ seconds / durations) with median and p90 of already-cleaned durations (seconds)."""
    usable = np.isfinite(values)
    if not usable.any():
        return no_value(metric_id, "seconds", empty_reason, higher_is_better=higher_is_better,
                        excluded=excluded, details=details)
    kept = values[usable]
    return result_from_sums(metric_id, "seconds", total(kept), float(kept.size), int(kept.size), kept,
                            scale=1.0, excluded=list(excluded), proportion=False, empty_reason=empty_reason,
                            details=details, higher_is_better=higher_is_better)


def group_durations(values: np.ndarray, groups: pd.Series) -> dict[str, dict[str, float | None]]:
    """Mean / median / p90 / n of ``values`` per group label (missing label → "(none)"), the labels in sorted
    order; each group's values in row order."""
    codes, uniques = label_codes(groups)
    usable = np.isfinite(values)
    codes, kept = codes[usable], values[usable]
    present = np.flatnonzero(np.bincount(codes + 1, minlength=len(uniques) + 1)) - 1
    labels = ["(none)" if code < 0 else str(uniques[code]) for code in present.tolist()]
    names = sorted(set(labels))                              # ("(none)" may be written in the column too: one group)
    position = {name: i for i, name in enumerate(names)}
    group_of = np.full(len(uniques) + 1, -1)
    group_of[present + 1] = [position[label] for label in labels]
    rows = group_of[codes + 1]
    if len(names) <= np.iinfo(np.int16).max:        # (numbers of 16 bits: numpy's stable sort is a radix sort,
        rows = rows.astype(np.int16)                # 262,000 rows of 5 channels 1.9 ms against 8 ms)
    order = np.argsort(rows, kind="stable")          # one sort: each group's values in row order
    ends = np.cumsum(np.bincount(rows, minlength=len(names)))
    return {name: duration_summary(kept[order[end - size:end]])
            for name, size, end in zip(names, np.diff(ends, prepend=0).tolist(), ends.tolist())}


def row_terms(frame: pd.DataFrame, mask: np.ndarray, num: np.ndarray, den: np.ndarray, dates: pd.Series | None,
              *, kind: str, val: np.ndarray | None = None, scale: float = 1.0,
              excluded: list[tuple[int, str]] | None = None, columns: dict[str, Any] | None = None) -> RowTerms:
    """Per-row terms of the rows in ``mask``, keeping ``frame``'s index (the engine joins
    category columns by it); column ``date`` dates each row for period breakdowns; ``columns``
    (per row of ``frame``) go along for breakdowns."""
    data: dict[str, Any] = {"num": _cut(num, mask), "den": _cut(den, mask)}
    if val is not None:
        data["val"] = _cut(val, mask)
    if dates is not None:
        data["date"] = datetimes(dates).to_numpy()[mask]
    data.update({name: (values if isinstance(values, pd.api.extensions.ExtensionArray) else np.asarray(values))[mask]
                 for name, values in (columns or {}).items()})
    terms = pd.DataFrame(data, index=frame.index[mask])
    return RowTerms(terms, scale=scale, kind=kind, excluded=list(excluded or []))


def _cut(values: Any, mask: np.ndarray) -> np.ndarray:
    """The float values of the rows in ``mask`` (cut first: a term held as booleans is made floats for those only)."""
    return np.asarray(np.asarray(values)[mask], dtype=float)


def ratio_calculator(metric_id: str, num_name: str, den_name: str, *, unit: str = "%", scale: float = 100.0,
                     higher_is_better: bool | None = True) -> CalculatorFn:
    """A calculator ``scale × totals[num_name] / totals[den_name]``."""

    def calculate(totals: Mapping[str, float], params: Mapping[str, Any]) -> MetricResult:
        return ratio_result(metric_id, float(totals[num_name]), float(totals[den_name]), unit=unit, scale=scale,
                            higher_is_better=higher_is_better,
                            empty_reason=Message("{name} is 0, so there is nothing to divide by.", {"name": den_name}))

    return calculate


def auto_period(dates: pd.Series) -> str:
    """day for up to 31 days of data, week up to about 6 months, month beyond."""
    d = datetimes(dates).dropna()
    if d.empty:
        return "month"
    span = (d.max() - d.min()).days
    return "day" if span <= 31 else "week" if span <= 190 else "month"


# ------------------------------------------------- ratio KPIs from row terms
@dataclass
class Terms:
    """Per-row numerator and denominator of a KPI over ``frame`` (``val``: per-row durations). ``num`` and
    ``den`` are numbers or booleans (a count: 1 or 0), one per row of ``frame``."""

    frame: pd.DataFrame
    num: np.ndarray
    den: np.ndarray
    used: np.ndarray                       # rows that count
    dates: pd.Series | None
    excluded: list[tuple[int, str]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    kind: str = "tickets"
    val: np.ndarray | None = None
    columns: dict[str, Any] = field(default_factory=dict)   # per-row columns breakdowns group by, when the
                                                            # rows are not ``kind``'s (scores collected from kinds)

    def row_terms(self, scale: float) -> RowTerms:
        """The rows that count as :class:`RowTerms` (what the engine sums per period or group)."""
        return row_terms(self.frame, self.used, self.num, self.den, self.dates, kind=self.kind, val=self.val,
                         scale=scale, excluded=self.excluded, columns=self.columns)

    def result(self, metric_id: str, unit: str, scale: float, **how: Any) -> MetricResult:
        """The headline of the rows that count (``how``: :func:`.terms.result_from_sums`'s options), summed
        from the arrays: :meth:`row_terms`' frame would copy the index, the dates and each term first
        (at 10,000,000 calls about 600 MiB for a rate)."""
        used = np.asarray(self.used)
        values = None if self.val is None else _cut(self.val, used)
        return result_from_sums(metric_id, unit, total(np.asarray(self.num)[used]), total(np.asarray(self.den)[used]),
                                int(np.count_nonzero(used)), values, scale=scale, excluded=self.excluded, **how)


TermsSource = Callable[[MetricInputs, Mapping[str, Any]], "Terms | MetricResult"]
ComputeFn = Callable[[MetricInputs, Mapping[str, Any]], MetricResult]
FinishFn = Callable[[MetricResult, RowTerms, Mapping[str, Any]], None]


def terms_compute(metric_id: str, unit: str, scale: float, hib: bool | None, source: TermsSource,
                  extra: Callable[[Terms], dict[str, Any]] | None = None, *, proportion: bool | None = None,
                  empty_reason: str = N_("No rows to compute this from."), finish: FinishFn | None = None) -> ComputeFn:
    """``compute`` of a KPI that is ``scale × Σnum / Σden`` over the rows ``source`` returns
    (for seconds, median and p90 of ``val`` when per-row values exist).

    ``proportion`` (default: a ``%`` unit) gives the value a confidence interval; ``finish`` adds what
    only this KPI reports (NPS's margin of error) to a result that has a value."""

    def compute(inputs: MetricInputs, params: Mapping[str, Any]) -> MetricResult:
        t = source(inputs, params)
        if isinstance(t, MetricResult):
            return t
        details = dict(t.details)
        if extra is not None:
            details.update(extra(t))
        how = {"proportion": unit == "%" if proportion is None else proportion, "details": details,
               "higher_is_better": hib, "empty_reason": empty_reason}
        if finish is None:
            return t.result(metric_id, unit, scale, **how)
        terms = t.row_terms(scale)
        result = result_from_terms(metric_id, unit, terms, **how)
        if result.value is not None:
            finish(result, terms, params)
        return result

    return compute


def terms_rows(source: TermsSource, scale: float) -> Callable[[MetricInputs, Mapping[str, Any]], RowTerms | None]:
    """``row_terms`` of a KPI built on ``source``."""

    def terms(inputs: MetricInputs, params: Mapping[str, Any]) -> RowTerms | None:
        t = source(inputs, params)
        return None if isinstance(t, MetricResult) else t.row_terms(scale)

    return terms
