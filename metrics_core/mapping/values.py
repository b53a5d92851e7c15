"""Evidence from the values of a column, for headers nobody recognises.

Each column gets a :class:`ColumnShape` (computed once, vectorised), and
:func:`value_candidates` turns shapes into weak field candidates: a 0–10 whole
number column is an NPS score candidate, 1–5 a CSAT candidate, a column with
≥ 90 % distinct values an id candidate, status words a status candidate, and
datetime columns are ordered (created < first response < resolved).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..catalogue import KindSpec
from ..i18n import N_, Message
from ..ingest.model import LoadedTable
from .status import OUTCOME_WORDS, STATUS_WORDS, fold_value, looks_like_rating_labels
from ..ingest.header_analysis import analyse_header

# Header words that forbid reading a small-integer column as a survey score.
_NOT_A_SCORE = re.compile(
    r"\b(month|quarter|year|week|day|age|id|number|count|qty|quantity|index|zip|code|tenure|hour|minute|size|"
    r"level|rank|priority|impact|urgency|reopen|reopens|replies|calls|sys|mod|citizen|senior|dependents|"
    r"mesec|luna|manad|kvartal|leto|an|ar|godina|stevilka|broj|numar|antal)\b")
_CHANNEL_WORDS = {fold_value(w) for w in ("email", "e-mail", "phone", "chat", "web", "web form", "portal", "sms",
                                          "social media", "facebook", "twitter", "whatsapp", "telefon", "mail")}
_YYYYMMDD = re.compile(r"^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


@dataclass
class ColumnShape:
    """What the values of one column look like."""

    name: str
    header: str
    col_type: str
    n: int                      # non-missing values
    distinct: int
    unique_ratio: float
    whole: bool = False         # numbers: all whole
    vmin: float | None = None
    vmax: float | None = None
    median_ts: float | None = None     # datetimes: median as epoch seconds
    date_only: bool = False            # datetimes: no time part anywhere
    yyyymmdd: bool = False             # numbers/ids written as YYYYMMDD
    status_share: float = 0.0          # share of values that are status words
    outcome_share: float = 0.0
    channel_share: float = 0.0
    rating_labels: bool = False
    zero_one: bool = False
    examples: tuple[str, ...] = ()     # up to 50 raw values
    small_ints: bool = False           # the raw values are whole numbers 0..10 (a score, whatever the typing said)


NUMBER_BLOCK = 256            # numeric columns counted together (a sample of 20,000 rows: 41 MB of floats)


def column_shapes(table: LoadedTable) -> dict[str, ColumnShape]:
    """One :class:`ColumnShape` per column of ``table`` (from a sample of up to 20,000 rows).

    Numeric columns are counted a block at a time on one float array; the other columns one by one on
    plain arrays, sets and counters (not one pandas call per question): at 2,000 columns the per-call
    overhead of pandas took seconds, at 16,384 minutes.
    """
    frame = table.frame
    sample = frame if len(frame) <= 20000 else frame.sample(20000, random_state=0)
    raw = table.text_rows(sample.index)
    raw_cells = raw.to_numpy(dtype=object) if raw is not None else None
    raw_at = {name: i for i, name in enumerate(raw.columns)} if raw is not None else {}
    dtypes = sample.dtypes
    numeric = [p.name for p in table.columns if _plain_number(dtypes[p.name])]
    counted = _count_numbers(sample, numeric)
    shapes = {}
    for prof in table.columns:
        at, numbers = raw_at.get(prof.name), counted.get(prof.name)
        values = sample[prof.name] if numbers is None or at is None else None    # (counted with raw text: not read)
        shapes[prof.name] = _shape(prof.name, prof.header, prof.col_type, values,
                                   raw_cells[:, at] if at is not None else None, numbers)
    return shapes


def _plain_number(dtype: object) -> bool:
    """Numbers (NumPy or nullable), not booleans or date-times."""
    return (pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
            and str(dtype) != "boolean" and not pd.api.types.is_timedelta64_dtype(dtype))


@dataclass
class _Numbers:
    """What :func:`_count_numbers` found in one numeric column."""

    n: int
    distinct: int
    vmin: float
    vmax: float
    whole: bool
    zero_one: bool


def _count_numbers(sample: pd.DataFrame, names: list[str]) -> dict[str, _Numbers]:
    """Count, bound and check the numeric columns ``names`` a block at a time (sorted once per block)."""
    out: dict[str, _Numbers] = {}
    for start in range(0, len(names), NUMBER_BLOCK):
        block = names[start:start + NUMBER_BLOCK]
        values = sample[block].to_numpy(dtype=float, na_value=np.nan)
        ordered = np.sort(values, axis=0)                           # NaN last in every column
        present = ~np.isnan(values)
        counts = present.sum(axis=0)
        with np.errstate(invalid="ignore"):                         # (inf % 1 is NaN: not whole)
            whole = np.all((np.mod(values, 1) == 0) | ~present, axis=0)
        zero_one = np.all((values == 0) | (values == 1) | ~present, axis=0)
        steps = (ordered[1:] != ordered[:-1]) & ~np.isnan(ordered[1:])
        distinct = steps.sum(axis=0) + (counts > 0)
        for j, name in enumerate(block):
            n = int(counts[j])
            out[name] = _Numbers(n, int(distinct[j]), float(ordered[0, j]) if n else float("nan"),
                                 float(ordered[n - 1, j]) if n else float("nan"), bool(whole[j]), bool(zero_one[j]))
    return out


def _share_at_least(cells: list, pattern: re.Pattern, share: float) -> bool:
    """Whether at least ``share`` of ``cells``, as stripped text, match ``pattern``; stops once that cannot be
    reached (most columns after a few cells)."""
    total, misses = len(cells), 0
    for cell in cells:
        if not pattern.match(str(cell).strip()):
            misses += 1
            if (total - misses) / total < share:
                return False
    return bool(total) and (total - misses) / total >= share


def _shape(name: str, header: str, col_type: str, values: pd.Series | None, raw: np.ndarray | None,
           numbers: _Numbers | None = None) -> ColumnShape:
    """The shape of one column; ``numbers`` when :func:`_count_numbers` already counted it (``values`` is then
    only needed without ``raw``)."""
    cells = values.to_numpy(dtype=object) if values is not None and values.dtype == object else None
    present = present_cells = None
    if numbers is not None:
        n, distinct = numbers.n, numbers.distinct
    elif cells is not None:
        present_cells = cells[~pd.isna(cells)]
        n = len(present_cells)
        distinct = len(set(present_cells.tolist())) if n else 0
    else:
        present = values.dropna()
        n = len(present)
        distinct = int(present.nunique()) if n else 0
    shape = ColumnShape(name, header, col_type, n, distinct, distinct / n if n else 0.0)
    raw_cells = None
    if raw is not None:
        raw_cells = raw[~pd.isna(raw)]
        shape.examples = tuple(str(v) for v in raw_cells[:50].tolist())
        shape.small_ints = bool(shape.examples) and all(e.strip().isdigit() and int(e) <= 10 for e in shape.examples)
    if not n:
        return shape
    if numbers is not None:
        shape.vmin, shape.vmax = numbers.vmin, numbers.vmax
        shape.whole, shape.zero_one = numbers.whole, numbers.zero_one
    elif present is not None:
        if pd.api.types.is_datetime64_any_dtype(present):
            ts = present.astype("datetime64[s]")
            shape.median_ts = float(ts.astype("int64").median())
            shape.date_only = bool((ts == ts.dt.normalize()).all())
            return shape
        if pd.api.types.is_bool_dtype(present) or str(present.dtype) == "boolean":
            return shape
        present_cells = present.to_numpy(dtype=object)
    if shape.whole or col_type in ("id", "number", "category", "text"):
        source = raw_cells if raw_cells is not None else \
            present_cells if present_cells is not None else values.dropna().to_numpy(dtype=object)
        shape.yyyymmdd = _share_at_least(source.tolist(), _YYYYMMDD, 0.98)
    if present_cells is not None and col_type in ("category", "text", "id", "boolean", "number") and distinct <= 200:
        # (numbers are never status, outcome, channel or rating words: only text columns are counted)
        counts = Counter(map(str, present_cells.tolist()))
        total = sum(counts.values())
        folded = {value: fold_value(value) for value in counts}
        statuses, outcomes = set(STATUS_WORDS), set(OUTCOME_WORDS)
        shape.status_share = sum(c for v, c in counts.items() if folded[v] in statuses) / total
        shape.outcome_share = sum(c for v, c in counts.items() if folded[v] in outcomes) / total
        shape.channel_share = sum(c for v, c in counts.items() if folded[v] in _CHANNEL_WORDS) / total
        shape.rating_labels = looks_like_rating_labels(pd.Series(list(counts), dtype=object))
    return shape


@dataclass
class Candidate:
    """A possible (field, column) pair with its score and the reason."""

    field: str
    column: str
    score: float
    evidence: Message
    source: str = "values"
    unit: str | None = None


def score_header_allowed(header: str) -> bool:
    """False when the header names something that is not a survey score (month, age, id …)."""
    return not _NOT_A_SCORE.search(analyse_header(header).folded)


def value_candidates(kind: KindSpec, shapes: dict[str, ColumnShape]) -> list[Candidate]:
    """Weak candidates from value shapes for the fields of ``kind``."""
    names = set(kind.field_names())
    out: list[Candidate] = []
    for s in shapes.values():
        if not s.n:
            continue
        out.extend(_score_candidates(s, names))
        if "status" in names and s.status_share >= 0.9 and s.distinct >= 2:
            out.append(Candidate("status", s.name, 0.6, Message("values are ticket statuses")))
        if "outcome" in names and s.outcome_share >= 0.9 and s.col_type != "boolean":
            out.append(Candidate("outcome", s.name, 0.6, Message("values are call outcomes")))
        if "channel" in names and s.channel_share >= 0.8:
            out.append(Candidate("channel", s.name, 0.5, Message("values are contact channels")))
        if kind.name == "calls" and s.col_type == "boolean":
            out.append(Candidate("answered", s.name, 0.38, Message("values are yes/no flags (answered?)")))
        if kind.name == "calls" and s.col_type == "duration":
            out.append(Candidate("talk_s", s.name, 0.36, Message("values are durations (talk time?)")))
        if kind.name == "reviews" and s.col_type != "id" and s.unique_ratio < 0.9 \
                and (s.col_type == "number" or s.small_ints) and score_header_allowed(s.header):
            out.append(Candidate("criteria", s.name, 0.6, Message("numeric column: a quality criterion")))
        if kind.id_field and s.unique_ratio >= 0.9 and s.n >= 20 and s.col_type in ("id", "number", "text", "category") \
                and (s.col_type != "number" or s.whole):
            out.append(Candidate(kind.id_field, s.name, 0.42, Message("{share} % of the values are distinct", {"share": round(s.unique_ratio * 100)})))
    out.extend(_datetime_order(kind, shapes))
    return out


def _score_candidates(s: ColumnShape, names: set[str]) -> list[Candidate]:
    if s.rating_labels and "csat_score" in names:
        return [Candidate("csat_score", s.name, 0.6, Message("values are rating labels (Good / Bad …)"))]
    if s.col_type != "number" or not s.whole or s.distinct < 3 or not score_header_allowed(s.header):
        return []
    if s.vmin is not None and s.vmin >= 0 and s.vmax == 10 and s.vmin <= 6 and "nps_score" in names:
        return [Candidate("nps_score", s.name, 0.5, Message("values are 0–10 whole numbers"))]
    if s.vmin is not None and s.vmin >= 1 and s.vmax == 5 and "csat_score" in names:
        return [Candidate("csat_score", s.name, 0.45, Message("values are 1–5 whole numbers"))]
    if s.vmin is not None and s.vmin >= 1 and s.vmax == 7 and "ces_score" in names:
        return [Candidate("ces_score", s.name, 0.35, Message("values are 1–7 whole numbers"))]
    return []


_MAX_GAP_S = 90 * 86400
#: Why a column was taken from the order of the table's date-time columns (earliest, in between, latest).
DATETIME_ORDER = (N_("date and time columns in order: “{header}” is the earliest"),
                  N_("date and time columns in order: “{header}” is in between"),
                  N_("date and time columns in order: “{header}” is the latest"))
_CHAINS = {
    "tickets": ("created_at", "first_response_at", "resolved_at"),
    "calls": ("started_at", "answered_at", "ended_at"),
}


def _datetime_order(kind: KindSpec, shapes: dict[str, ColumnShape]) -> list[Candidate]:
    """Order datetime columns by their median: earliest = created/started, latest = resolved/ended."""
    chain = _CHAINS.get(kind.name)
    dts = sorted((s for s in shapes.values() if s.median_ts is not None and s.n), key=lambda s: s.median_ts)
    if not chain or len(dts) < 2:
        return []
    picks = [(chain[-1], dts[-1])]
    if dts[1].median_ts - dts[0].median_ts <= _MAX_GAP_S:      # a purchase date two years earlier is no creation time
        picks.append((chain[0], dts[0]))
    if len(dts) >= 3:
        picks.append((chain[1], dts[1]))
    earliest, between, latest = DATETIME_ORDER
    return [Candidate(f, s.name, 0.3, Message(earliest if s is dts[0] else latest if s is dts[-1] else between,
                                              {"header": s.header}))
            for f, s in picks]


_FALLBACK_FORMATS = ("%Y%m%d", "%m_%Y", "%Y_%m", "%Y-%m", "%m/%Y", "%m-%Y", "%d.%m.%Y", "%d.%m.%Y %H:%M",
                     "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d")


def parse_datetime_fallback(values: pd.Series) -> tuple[pd.Series, str | None]:
    """Parse text (or YYYYMMDD numbers) the column typing left as text: release labels
    ``07_2015``, compact ``19970101`` … Returns the parsed series and the format, or
    all-NaT and ``None`` when fewer than 90 % of the values fit one format.

    >>> parse_datetime_fallback(pd.Series(["07_2015", "01_2016"]))[0].dt.strftime("%Y-%m").tolist()
    ['2015-07', '2016-01']
    """
    text = values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    present = text.dropna()
    sample = present.head(2000)
    for fmt in _FALLBACK_FORMATS:
        if not len(sample):
            break
        parsed = pd.to_datetime(sample, format=fmt, errors="coerce")
        if parsed.notna().mean() >= 0.9:
            return pd.to_datetime(text, format=fmt, errors="coerce"), fmt
    return pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]"), None
