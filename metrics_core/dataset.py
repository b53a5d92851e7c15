"""A loaded dataset (file + mapping + canonical frame) and the bundle of all loaded datasets.

``load_dataset`` (in :mod:`metrics_core.loading`) reads a file, detects or applies a
mapping and builds the canonical frame; the desktop app and the command line
both go through it. :class:`DataBundle` groups the datasets by data kind, which
is what the KPI engine reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .catalogue import KINDS_BY_NAME
from .ingest.model import LoadedTable
from .mapping.model import Mapping


@dataclass
class Dataset:
    """One imported table.

    ``frame`` is the canonical frame: mapped fields under their canonical names
    with canonical types (see :mod:`metrics_core.catalogue`), plus every unmapped
    source column under its own (unique) name so it can be used to filter and
    break down; a column ``_row`` holds the source row number of each row.
    """

    name: str
    table: LoadedTable
    mapping: Mapping
    frame: pd.DataFrame
    validation: Any = None            # metrics_core.validation.ValidationReport

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

    def add(self, ds: Dataset) -> None:
        self.datasets.append(ds)

    def remove(self, name: str) -> None:
        self.datasets = [d for d in self.datasets if d.name != name]

    def kinds(self) -> list[str]:
        seen: list[str] = []
        for d in self.datasets:
            for k in d.kinds():
                if k not in seen:
                    seen.append(k)
        return seen

    def frame(self, kind: str) -> pd.DataFrame | None:
        """The canonical frame of ``kind``: every dataset of that kind, concatenated.

        A dataset that *also* feeds ``kind`` (a ticket file with CSAT scores feeding
        ``surveys``) contributes its rows too. A column ``_dataset`` names the source.
        """
        if kind not in KINDS_BY_NAME:
            raise KeyError(kind)
        parts = []
        for d in self.datasets:
            if kind in d.kinds():
                parts.append(d.frame.assign(_dataset=d.name))
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return pd.concat(parts, ignore_index=True, sort=False)

    def frames(self, kinds: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
        out: dict[str, pd.DataFrame] = {}
        for k in (kinds or self.kinds()):
            f = self.frame(k)
            if f is not None:
                out[k] = f
        return out
