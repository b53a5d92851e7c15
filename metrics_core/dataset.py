"""A loaded dataset (file + mapping + canonical frame) and the bundle of all loaded datasets.

``load_dataset`` (in :mod:`metrics_core.loading`) reads a file, detects or applies a
mapping and builds the canonical frame; the desktop app and the command line
both go through it. :class:`DataBundle` groups the datasets by data kind, which
is what the KPI engine reads; files of the same kind are one dataset, each record id
kept once (:mod:`metrics_core.merging`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .deferred import pd

from .catalogue import KINDS_BY_NAME
from .column_facts import one_value
from .column_groups import CanonicalFacts, ColumnGroup
from .ingest.model import LoadedTable
from .mapping.model import Mapping
from .merging import MergeNote, merge_parts


@dataclass
class Dataset:
    """One imported table.

    ``frame`` is the canonical frame: mapped fields under their canonical names
    with canonical types (see :mod:`metrics_core.catalogue`), plus every unmapped
    source column under its own (unique) name so it can be used to filter and
    break down; a column ``_row`` holds the source row number of each row. ``facts`` holds what the
    mapping knows beyond the columns (the columns of QA criteria with their weights, …).
    """

    name: str
    table: LoadedTable
    mapping: Mapping
    frame: pd.DataFrame
    validation: Any = None            # metrics_core.validation.ValidationReport
    facts: CanonicalFacts = field(default_factory=CanonicalFacts)

    @property
    def kind(self) -> str:
        return self.mapping.kind

    @property
    def path(self) -> Path:
        return self.table.path

    def kinds(self) -> list[str]:
        """The kind of this dataset and the other kinds it also feeds."""
        return [self.mapping.kind, *[k for k in self.mapping.also_kinds if k != self.mapping.kind]]


@dataclass
class DataBundle:
    """All loaded datasets, grouped by data kind for the KPI engine."""

    datasets: list[Dataset] = field(default_factory=list)
    _merged: dict[str, tuple[pd.DataFrame | None, list[MergeNote]]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _merged_for: tuple = field(default=(), init=False, repr=False, compare=False)
    _groups: dict[tuple, tuple[pd.DataFrame, MergeNote | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def add(self, ds: Dataset) -> None:
        self.datasets.append(ds)

    def remove(self, name: str) -> None:
        self.datasets = [d for d in self.datasets if d.name != name]
        # the merged frames held its rows: let them go now, not at the next merge (after the last file none comes)
        self._merged, self._groups, self._merged_for = {}, {}, ()

    def kinds(self) -> list[str]:
        seen: list[str] = []
        for d in self.datasets:
            for k in d.kinds():
                if k not in seen:
                    seen.append(k)
        return seen

    def frame(self, kind: str) -> pd.DataFrame | None:
        """The canonical frame of ``kind``: every dataset of that kind, concatenated, each record once.

        A dataset that *also* feeds ``kind`` (a ticket file with CSAT scores feeding
        ``surveys``) contributes its rows too. A column ``_dataset`` names the source.
        Files of one kind that share record ids (overlapping exports) are merged:
        see :mod:`metrics_core.merging` and :meth:`merge_notes`.
        """
        if kind not in KINDS_BY_NAME:
            raise KeyError(kind)
        return self._merge(kind)[0]

    def frames(self, kinds: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
        out: dict[str, pd.DataFrame] = {}
        for k in (kinds or self.kinds()):
            f = self.frame(k)
            if f is not None:
                out[k] = f
        return out

    def column_named(self, name: str) -> str | None:
        """The frame column a person means by ``name``: a canonical or unmapped column, or the file's own
        header of a mapped field (``"Market"`` -> ``"segment"``); exact spelling first, then any case."""
        wanted = str(name).strip()
        for same in (lambda a: a == wanted, lambda a: a.casefold() == wanted.casefold()):
            for d in self.datasets:
                for column in d.frame.columns:
                    if isinstance(column, str) and not column.startswith("_") and same(column):
                        return column
            for d in self.datasets:
                for field_name, fm in d.mapping.fields.items():
                    if field_name in d.frame.columns and any(same(str(c)) for c in fm.columns):
                        return field_name
        return None

    def column_groups(self) -> dict[str, tuple[ColumnGroup, ...]]:
        """Per data kind, the column groups of every dataset feeding it (each naming its dataset, whose rows
        the kind's frame marks in ``_dataset``)."""
        out: dict[str, tuple[ColumnGroup, ...]] = {}
        for d in self.datasets:
            for k in d.kinds():
                out[k] = out.get(k, ()) + d.facts.of_dataset(d.name)
        return out

    def headers(self) -> list[str]:
        """The files' own column headers (for messages that list what can be used)."""
        return list(dict.fromkeys(str(c) for d in self.datasets for c in d.table.frame.columns))

    def merge_notes(self) -> list[MergeNote]:
        """What merging files of the same kind did (duplicates dropped per file, files without ids)."""
        return [note for k in self.kinds() if k in KINDS_BY_NAME for note in self._merge(k)[1]]

    def _merge(self, kind: str) -> tuple[pd.DataFrame | None, list[MergeNote]]:
        signature = tuple((d.name, id(d.frame), len(d.frame), tuple(d.kinds())) for d in self.datasets)
        if signature != self._merged_for:
            self._merged, self._groups, self._merged_for = {}, {}, signature
        if kind not in self._merged:
            self._merged[kind] = _merge_kind(kind, self.datasets, self._groups)
        return self._merged[kind]


def _marked(dataset: Dataset) -> pd.DataFrame:
    """The dataset's frame with the column ``_dataset`` naming it (its codes known: the KPIs read its names)."""
    frame = dataset.frame.assign(_dataset=dataset.name)
    one_value(frame["_dataset"])
    return frame


def _merge_kind(kind: str, datasets: list[Dataset], groups: dict[tuple, tuple[pd.DataFrame, MergeNote | None]]
                ) -> tuple[pd.DataFrame | None, list[MergeNote]]:
    """The frame of ``kind`` from ``datasets``; files are merged with the other files of their own kind
    on that kind's record id. Notes are kept for the files' own kind only (a ticket file's duplicates
    are told once, not again for the surveys it also feeds). ``groups`` keeps each group of files merged
    once for every kind it feeds (the ticket files' frame is also their surveys' frame)."""
    by_own_kind: dict[str, list[Dataset]] = {}
    for d in datasets:
        if kind in d.kinds():
            by_own_kind.setdefault(d.kind, []).append(d)
    if not by_own_kind:
        return None, []
    frames, notes = [], []
    for own_kind, group in by_own_kind.items():
        key = (own_kind, *((d.name, id(d.frame)) for d in group))
        if key not in groups:
            spec = KINDS_BY_NAME.get(own_kind)
            id_field = spec.id_field if spec is not None and not spec.aggregated else None
            groups[key] = merge_parts(own_kind, id_field, [(d.name, _marked(d)) for d in group])
        frame, note = groups[key]
        frames.append(frame)
        if note is not None and own_kind == kind:
            notes.append(note)
    if len(frames) == 1:
        return frames[0], notes
    return pd.concat(frames, ignore_index=True, sort=False), notes
