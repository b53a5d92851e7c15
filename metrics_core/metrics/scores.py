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
from ..column_facts import codes_isin, column_fact, kept_codes
from .engine_inputs import row_dates
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
    return inputs.derived(f"scores:{field}", lambda: _collect_scores(inputs, field))


def _collect_scores(inputs: MetricInputs, field: str) -> pd.DataFrame:
    parts = []
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
        if not keep.any():
            continue
        rows = frame[keep]
        dates = row_dates(rows, kind)
        part = {"score": pd.to_numeric(rows[field], errors="coerce").astype(float).to_numpy(),
                "date": dates.to_numpy() if dates is not None else
                np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[us]"),
                "_kind": kind}
        for col in rows.columns:                     # every column a breakdown may group by
            checkpoint()
            if col not in part and col != field and _groupable(rows[col]):
                part[col] = _answers_column(rows[col])
        parts.append(pd.DataFrame(part))
    if not parts:
        return pd.DataFrame({"score": pd.Series(dtype=float), "date": pd.Series(dtype="datetime64[us]")})
    out = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True, sort=False)
    return out.reset_index(drop=True)


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
    if _is_text(series) or pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        return True
    if pd.api.types.is_float_dtype(series.dtype):
        sample = series.dropna().iloc[:1000]           # whole numbers stored as floats (a column with gaps)
        return bool(sample.size) and bool((sample == sample.round()).all())
    return False


def _is_text(series: pd.Series) -> bool:
    return series.dtype == object or pd.api.types.is_string_dtype(series) or isinstance(series.dtype, pd.CategoricalDtype)


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
