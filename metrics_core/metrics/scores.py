"""Survey scores wherever they appear, scale detection, and pre-aggregated survey buckets.

Scores (``csat_score``, ``nps_score``, ``ces_score``) are collected from the
survey answers and from score columns on tickets and calls. A file that feeds
two kinds (a ticket export with CSAT also feeds ``surveys``) is counted once:
rows are de-duplicated by the ``_dataset`` column the bundle adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..deferred import np
from ..deferred import pd

from ..progress import checkpoint
from ..column_facts import codes_isin, column_fact, kept_codes, kept_fact
from .engine_inputs import dated_columns, row_dates
from .model import MetricInputs

SCORE_KINDS = ("surveys", "tickets", "calls")
SCALES = {"1-5": (1.0, 5.0), "1-7": (1.0, 7.0), "1-10": (1.0, 10.0), "0-10": (0.0, 10.0),
          "0-1": (0.0, 1.0), "0-100": (0.0, 100.0)}
SCALE_CHOICES = ("auto", *SCALES)


def collect_scores(inputs: MetricInputs, field: str) -> pd.DataFrame:
    """Rows with a value in ``field`` from every score kind: columns ``score``, ``date`` and text columns.

    The index is a fresh range; ``_kind`` says which kind a row came from. Collected once per inputs
    and field (several KPIs read the same scores); the frame is shared: read it, do not change it.
    """
    return inputs.derived(f"answers:{field}", lambda: _answers(inputs, field)).frame


@dataclass(frozen=True)
class Answers:
    """The answers' frame (:func:`collect_scores`) and, per kind it holds answers of (in order), the rows of that
    kind's frame they come from (a boolean array) and the columns the answers took from them."""

    frame: pd.DataFrame
    rows: tuple[tuple[str, np.ndarray, tuple[tuple[str, Any], ...]], ...]


def _answers(inputs: MetricInputs, field: str) -> Answers:
    """The answers of ``inputs``: a filter's taken from the unfiltered answers when those are collected already
    (:func:`_taken_answers`), else collected from its frames."""
    taken = _taken_answers(inputs, field)
    return taken if taken is not None else _collect_answers(inputs, field)


def _answer_rows(inputs: MetricInputs, field: str) -> list[tuple[str, pd.DataFrame, np.ndarray]]:
    """Each score kind's frame and the rows of it that hold an answer, in order (a kind without any left out)."""
    out = []
    seen: set[str] = set()
    for kind in SCORE_KINDS:
        frame = inputs.frames.get(kind)
        if frame is None or field not in frame.columns:
            continue
        keep = frame[field].notna().to_numpy()       # (the rows cut once: a kind of the same file is left out
        if "_dataset" in frame.columns and seen:    # by its file's name before anything is copied)
            keep = keep & ~_named(frame["_dataset"], list(seen))
        if "_dataset" in frame.columns:
            seen.update(_names_in(frame["_dataset"]))
        if keep.any():
            out.append((kind, frame, keep))
    return out


def _collect_answers(inputs: MetricInputs, field: str) -> Answers:
    parts, rows = [], []
    for kind, frame, keep in _answer_rows(inputs, field):
        rows_kept = frame[keep]
        dates = row_dates(rows_kept, kind)
        part = {"score": pd.to_numeric(rows_kept[field], errors="coerce").astype(float).to_numpy(),
                "date": dates.to_numpy() if dates is not None else
                np.full(len(rows_kept), np.datetime64("NaT"), dtype="datetime64[us]"),
                "_kind": kind}
        for col in rows_kept.columns:                # every column a breakdown may group by
            checkpoint()
            if col not in part and col != field and _groupable(rows_kept[col]):
                part[col] = _answers_column(rows_kept[col])
        part = pd.DataFrame(part)
        parts.append(part)
        rows.append((kind, keep, tuple(part.dtypes.items())))
    if not parts:
        return Answers(pd.DataFrame({"score": pd.Series(dtype=float), "date": pd.Series(dtype="datetime64[us]")}),
                       tuple(rows))
    out = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True, sort=False)
    return Answers(out.reset_index(drop=True), tuple(rows))


def _taken_answers(inputs: MetricInputs, field: str) -> Answers | None:
    """The answers of a filter's cut (:attr:`MetricInputs.cut_from`) taken from the unfiltered answers by the
    rows the filter keeps, when those are collected already: the same frame as collecting them from the cut
    frames (row for row the same values, in the same order, the same columns and types), without copying every
    column of the cut again (30 ms of the first status of 1,048,576 tickets; issue 15, session 17). None where
    the two could differ: a kind whose answers the cut leaves out, another file left out as a kind of the same
    file, a column the cut's rows would type otherwise (:func:`_typed_alike`), dates filled from a date field of
    another type."""
    if inputs.cut_from is None:
        return None
    whole_inputs = inputs.cut_from[0]
    whole = whole_inputs.known(f"answers:{field}")
    answered = _answer_rows(inputs, field) if whole is not None else []
    if not answered or [kind for kind, _f, _k in answered] != [kind for kind, _k, _c in whole.rows]:
        return None
    picked = []
    for (kind, frame, keep), (_kind, whole_keep, columns) in zip(answered, whole.rows):
        cut = inputs.rows_cut(kind)
        if cut is None:
            return None
        # (each mask read at the other's positions: a million-row mask picked by another took 4-5 ms, twice)
        kept = whole_keep if cut is True else whole_keep[np.flatnonzero(cut)]
        if not np.array_equal(kept, keep) or \
                not _typed_alike(frame, keep, whole_inputs.frames[kind], whole_keep, kind, field, columns):
            return None
        picked.append(np.ones(int(np.count_nonzero(keep)), dtype=bool) if cut is True else
                      cut[np.flatnonzero(whole_keep)])
    out = whole.frame[np.concatenate(picked) if len(picked) > 1 else picked[0]].reset_index(drop=True)
    return Answers(out, tuple((kind, keep, columns) for (kind, _f, keep), (_k, _w, columns) in
                              zip(answered, whole.rows)))


def _typed_alike(frame: pd.DataFrame, keep: np.ndarray, whole: pd.DataFrame, whole_keep: np.ndarray, kind: str,
                 field: str, columns: tuple[tuple[str, Any], ...]) -> bool:
    """Whether the answers of ``frame``'s rows ``keep`` (a cut of ``whole``, whose rows ``whole_keep`` gave the
    answers' part of ``columns``: names and types) would have those columns and types: a float column is kept
    when its first thousand answers are whole numbers, a text column is text when one of its answers is, a
    nullable column is read as numbers or flags when none of its answers is missing; other types (objects,
    categories) are typed by their values: not taken. And the dates are not filled from a date field of another
    type (which might change their type where the unfiltered answers' are filled and the cut's are not)."""
    wanted = ["score", "date", "_kind"]
    types = dict(columns)
    rows = np.flatnonzero(keep)
    for col, dtype in frame.dtypes.items():        # (a column's Series made only where its values are read)
        if col in wanted or col == field:
            continue
        if isinstance(dtype, pd.StringDtype):
            series = frame[col]
            if _has_text(series, rows) != isinstance(types.get(col), pd.StringDtype):
                return False
        elif isinstance(dtype, _nullable()):
            if bool(frame[col].isna().to_numpy()[keep].any()) != bool(whole[col].isna().to_numpy()[whole_keep].any()):
                return False
        elif not (isinstance(dtype, np.dtype) and dtype.kind in "biufmM"):
            return False
        groupable = _groupable_type(dtype)
        if groupable is None:
            groupable = _groupable(_first_answers(frame[col], rows))
        if groupable:
            wanted.append(col)
    dated = dated_columns(frame, kind)
    filled_alike = len({str(frame[c].dtype) for c in dated}) <= 1 or \
        not whole[dated[0]].isna().to_numpy()[whole_keep].any()       # (:func:`row_dates` fills none of them)
    return tuple(wanted) == tuple(types) and filled_alike


def _has_text(series: pd.Series, rows: np.ndarray) -> bool:
    """Whether the rows ``rows`` (positions) of a text column hold a text: from its codes when made already (a
    cut's are renumbered only for a KPI that counts them), else the first text found ends the search (as
    :func:`_answers_column`'s); a thousand rows at a time."""
    known = kept_fact(series, "codes")
    values = np.asarray(series.array) if known is None else None
    for start in range(0, len(rows), TEXT_SEARCH):
        part = rows[start:start + TEXT_SEARCH]
        if (bool((known[0][part] >= 0).any()) if known is not None else
                any(isinstance(v, str) for v in values[part])):
            return True
    return False


def _first_answers(series: pd.Series, rows: np.ndarray) -> pd.Series:
    """The values of a float column at ``rows`` (positions), or as many of the first of them as hold the first
    thousand values :func:`_groupable` reads."""
    values = series.to_numpy()
    first = values[rows[:4 * TEXT_SEARCH]]
    if np.count_nonzero(~np.isnan(first)) >= 1000:
        return pd.Series(first, copy=False)
    return pd.Series(values[rows], copy=False)


TEXT_SEARCH = 1024          # rows read at a time when looking for a text


def _nullable() -> tuple[type, ...]:
    """pandas' flags and whole numbers that may be missing (objects or floats then); a function, not a constant, so
    that importing this module loads no pandas (`kpidesk calc`)."""
    return (pd.BooleanDtype, pd.Int8Dtype, pd.Int16Dtype, pd.Int32Dtype, pd.Int64Dtype, pd.UInt8Dtype, pd.UInt16Dtype,
            pd.UInt32Dtype, pd.UInt64Dtype)


def _answers_column(series: pd.Series) -> Any:
    """``series`` as the answers' frame holds it: what pandas makes of ``series.to_numpy()``. A text column with
    a value is the inferred text type at once (pandas would read every value to find it: 9 ms for 100,000
    distinct ticket ids); one all missing stays objects, as pandas makes it."""
    if isinstance(series.dtype, pd.StringDtype) and any(isinstance(v, str) for v in np.asarray(series.array)):
        return series.array.astype(pd.StringDtype(na_value=np.nan))     # (the first text found ends the search)
    return series.to_numpy()


def _named(series: pd.Series, names: list) -> np.ndarray:
    """The rows of ``series`` (a file-name column) that hold one of ``names``, from its codes when kept."""
    by_codes = codes_isin(series, names)
    return series.isin(names).to_numpy(dtype=bool) if by_codes is None else by_codes


def _names_in(series: pd.Series) -> list:
    """The distinct values of a column that usually holds one (the dataset a file's rows came from).

    >>> _names_in(pd.Series(["a.csv", "a.csv"])), _names_in(pd.Series(["a.csv", None, "b.csv"]))
    (['a.csv'], ['a.csv', 'b.csv'])
    """
    known = kept_codes(series)                  # (a file's own frame: its one name known when it was marked)
    if known is not None:
        return known[1].tolist()
    return list(column_fact(series, "distinct names", lambda: _distinct_names(series)))   # (the ticket file's
                                                                                          # column read twice)


def _distinct_names(series: pd.Series) -> tuple:
    values = series.to_numpy(dtype=object, na_value=None)
    if len(values) and isinstance(values[0], str) and bool(np.equal(values, values[0], dtype=object).all()):
        return (values[0],)
    return tuple(series.dropna().unique().tolist())


def _groupable(series: pd.Series) -> bool:
    """Text, categories, flags and whole numbers (a quarter, a store number); not timestamps or measures."""
    by_type = _groupable_type(series.dtype)
    if by_type is not None:
        return by_type
    sample = series.dropna().iloc[:1000]               # whole numbers stored as floats (a column with gaps)
    return bool(sample.size) and bool((sample == sample.round()).all())


def _groupable_type(dtype: Any) -> bool | None:
    """Whether a column of this type is grouped by (:func:`_groupable`); None for floats, judged by their values."""
    if _is_text_type(dtype) or pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return True
    return None if pd.api.types.is_float_dtype(dtype) else False


def _is_text(series: pd.Series) -> bool:
    return _is_text_type(series.dtype)


def _is_text_type(dtype: Any) -> bool:
    return dtype == object or pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype)


def detect_scale(scores: np.ndarray, setting: str = "auto") -> tuple[float, float]:
    """The scale of the scores: the setting, or the smallest usual scale that holds every value.

    >>> detect_scale(np.array([1.0, 4.0, 5.0]))
    (1.0, 5.0)
    >>> detect_scale(np.array([0.0, 7.0, 10.0]))
    (0.0, 10.0)
    >>> detect_scale(np.array([0.0, 3.0, 5.0]))
    (1.0, 5.0)
    """
    if setting != "auto":
        return SCALES[setting]
    values = scores[np.isfinite(scores)]
    if values.size == 0:
        return SCALES["1-5"]
    low, high = float(values.min()), float(values.max())
    if low == 0 and high <= 1:
        return SCALES["0-1"]
    if low >= 0 and high <= 5:          # 0-5 is no usual scale: a 1-5 question whose export writes 0 for
        return SCALES["1-5"]            # "not rated" (the zeros fall outside the scale and are reported)
    if low >= 1 and high <= 7:
        return SCALES["1-7"]
    if low >= 1 and high <= 10:
        return SCALES["1-10"]
    if low >= 0 and high <= 10:
        return SCALES["0-10"]
    return (min(0.0, low), max(100.0, high))


def top_two_threshold(scale: tuple[float, float]) -> float:
    """The default "satisfied" threshold: the top two points of the scale (the top one on a 0-1 scale)."""
    low, high = scale
    return high if high - low <= 1 else high - 1


def in_scale(scores: np.ndarray, scale: tuple[float, float]) -> np.ndarray:
    return np.isfinite(scores) & (scores >= scale[0]) & (scores <= scale[1])


@dataclass
class BucketShares:
    """Per-row shares of pre-aggregated survey buckets and the weight of each row."""

    frame: pd.DataFrame        # columns: bottom, middle, top (shares 0..1), weight, date, + text columns
    weighting: str             # "responses", "counts" or "equal"


def bucket_shares(inputs: MetricInputs) -> BucketShares | None:
    """Shares of bottom / middle / top box per row of ``survey_buckets``, with the weight to use.

    A row whose boxes add up to 100 ± 2 holds percentages (read as published,
    shares = box / 100); otherwise counts (shares = box / sum of boxes).
    Rows are weighted by ``responses`` when given, by their counts when the
    boxes are counts, else equally (and the result says so).
    """
    frame = inputs.frames.get("survey_buckets")
    if frame is None or "top_box" not in frame.columns or "bottom_box" not in frame.columns:
        return None
    bottom = pd.to_numeric(frame["bottom_box"], errors="coerce").to_numpy(dtype=float)
    top = pd.to_numeric(frame["top_box"], errors="coerce").to_numpy(dtype=float)
    middle = (pd.to_numeric(frame["middle_box"], errors="coerce").fillna(0).to_numpy(dtype=float)
              if "middle_box" in frame.columns else np.zeros(len(frame)))
    total = bottom + middle + top
    ok = np.isfinite(total) & (total > 0)
    percent_rows = ok & (np.abs(total - 100.0) <= 2.0)
    responses = (pd.to_numeric(frame["responses"], errors="coerce").to_numpy(dtype=float)
                 if "responses" in frame.columns else np.full(len(frame), np.nan))
    if np.isfinite(responses[ok]).any():
        weight, weighting = responses, "responses"
        ok &= np.isfinite(responses) & (responses > 0)
    elif ok.any() and not percent_rows[ok].all():
        weight, weighting = total, "counts"
    else:
        weight, weighting = np.ones(len(frame)), "equal"
    safe_total = np.where(percent_rows, 100.0, np.where(ok, total, 1.0))   # percentages are read as published
    date_field = "period"
    data = {"bottom": bottom / safe_total, "middle": middle / safe_total, "top": top / safe_total,
            "weight": weight,
            "date": frame[date_field].to_numpy() if date_field in frame.columns
            else np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[us]")}
    for col in frame.columns:
        if col not in data and _is_text(frame[col]):
            data[col] = frame[col].to_numpy()
    out = pd.DataFrame(data, index=frame.index)[ok]
    return BucketShares(out, weighting)


WEIGHTING_NOTES = {
    "responses": "bucket rows weighted by their number of responses",
    "counts": "bucket rows hold counts; each answer counts once",
    "equal": "bucket rows hold percentages and no response counts: every row weighs the same",
}
