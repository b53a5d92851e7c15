"""What the mapping knows about a canonical frame beyond its columns, as typed values carried next to it.

A field fed by several columns (a quality review's criteria, a customer file's engagement inputs) is a
:class:`ColumnGroup`: the frame columns, with an optional weight and maximum per column. A
:class:`CanonicalFacts` holds a frame's groups and how many source rows it was built from.

These used to ride in ``frame.attrs``; ``pd.concat`` drops attributes that differ, so two review
files with different criteria lost their weights when combined. Now the mapping returns them
(:func:`metrics_core.mapping.canonical.build_canonical`), each :class:`~metrics_core.dataset.Dataset`
keeps them, and the KPI engine gets them per data kind in ``MetricInputs.groups``, each group naming
the dataset whose rows it describes (the frame's ``_dataset`` column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .deferred import np, pd


@dataclass(frozen=True)
class ColumnGroup:
    """The columns of one multiple-column field, with a weight and a maximum per column when set.

    >>> g = ColumnGroup("criteria", ("Greeting", "Empathy"), weights=(1.0, 2.0))
    >>> g.weight("Empathy"), g.weight("Other"), g.maximum("Greeting")
    (2.0, None, None)
    """

    field: str
    columns: tuple[str, ...]
    weights: tuple[float, ...] | None = None
    maxima: tuple[float, ...] | None = None
    dataset: str | None = None          # the rows whose ``_dataset`` is this; None: every row of the frame

    def weight(self, column: str) -> float | None:
        return _at(self.weights, self.columns, column)

    def maximum(self, column: str) -> float | None:
        return _at(self.maxima, self.columns, column)


def _at(values: tuple[float, ...] | None, columns: tuple[str, ...], column: str) -> float | None:
    if values is None or len(values) != len(columns) or column not in columns:
        return None
    value = values[columns.index(column)]
    return None if value is None else float(value)


@dataclass(frozen=True)
class CanonicalFacts:
    """A canonical frame's column groups, the number of source rows and, when the rows of an event
    log or of order lines were collapsed, the sentence that says so."""

    groups: tuple[ColumnGroup, ...] = ()
    source_rows: int | None = None
    collapsed: Any = ""              # a Message (read in the language of the moment), "" when nothing was collapsed

    def of_dataset(self, name: str) -> tuple[ColumnGroup, ...]:
        """The groups, each naming dataset ``name`` as the rows it describes."""
        return tuple(ColumnGroup(g.field, g.columns, g.weights, g.maxima, name) for g in self.groups)


@dataclass(frozen=True)
class GroupedColumns:
    """One multiple-column field over a (possibly combined) frame: the union of its groups' columns, and per
    row and column whether the column belongs to the field for that row, with its weight and maximum."""

    columns: list[str]
    member: np.ndarray                   # bool, rows x columns
    weights: np.ndarray                  # float, rows x columns (1.0 where not set)
    maxima: np.ndarray                   # float, rows x columns (NaN where not set)
    first_weights: list[float] = field(default_factory=list)     # per column, as the first group that has it says
    first_maxima: list[float | None] = field(default_factory=list)


def grouped_columns(frame: pd.DataFrame, groups: Iterable[ColumnGroup], chosen: list[str] | None = None,
                    fallback: Callable[[pd.DataFrame], list[str]] | None = None) -> GroupedColumns:
    """Where each row of ``frame`` finds the columns of a multiple-column field.

    ``chosen`` (a parameter naming the columns) applies to every row; else the ``groups`` say, each for the
    rows of its dataset; with neither, ``fallback(frame)`` names columns that apply to every row.

    >>> f = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, None], "_dataset": ["x.csv", "y.csv"]})
    >>> g = grouped_columns(f, [ColumnGroup("criteria", ("a", "b"), (1.0, 2.0), None, "x.csv"),
    ...                         ColumnGroup("criteria", ("a",), (3.0,), None, "y.csv")])
    >>> g.columns, g.member.tolist(), g.weights.tolist()
    (['a', 'b'], [[True, True], [True, False]], [[1.0, 2.0], [3.0, 1.0]])
    """
    groups = [g for g in groups if any(c in frame.columns for c in g.columns)]
    if chosen:
        columns = [c for c in chosen if c in frame.columns]
    elif groups:
        columns = list(dict.fromkeys(c for g in groups for c in g.columns if c in frame.columns))
    else:
        columns = [c for c in (fallback(frame) if fallback else []) if c in frame.columns]
    rows = len(frame)
    member = np.full((rows, len(columns)), bool(chosen) or not groups)
    weights = np.ones((rows, len(columns)))
    maxima = np.full((rows, len(columns)), np.nan)
    sources = frame["_dataset"].astype("string").to_numpy(dtype=object, na_value=None) \
        if "_dataset" in frame.columns else None
    for g in reversed(groups):                 # the first group that names a column wins where groups overlap
        rows_of = np.ones(rows, dtype=bool) if g.dataset is None or sources is None else sources == g.dataset
        for j, column in enumerate(columns):
            if column not in g.columns:
                continue
            if not chosen:
                member[rows_of, j] = True
            weight, maximum = g.weight(column), g.maximum(column)
            if weight is not None:
                weights[rows_of, j] = weight
            if maximum is not None:
                maxima[rows_of, j] = maximum
    first_w = [next((g.weight(c) for g in groups if g.weight(c) is not None), 1.0) for c in columns]
    first_m = [next((g.maximum(c) for g in groups if g.maximum(c) is not None), None) for c in columns]
    return GroupedColumns(columns, member, weights, maxima, first_w, first_m)
