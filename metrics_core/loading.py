"""Load a file into a :class:`~metrics_core.dataset.Dataset`: read → detect the mapping
(the user's choices win) → canonical frame → validation; and save / load mappings.

The desktop app and the command line both go through :func:`load_dataset`.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import fields as dc_fields
from pathlib import Path

from .i18n import Message, _
from .atomic import write_text_atomic
from .dataset import Dataset
from .errors import FileReadError, MappingError
from .ingest.model import LoadedTable, ReadOptions
from .mapping.canonical import build_canonical
from .mapping.detect import Detection, detect_mapping
from .mapping.model import Mapping
from .mapping.source_use import columns_read_as_text
from .progress import Reporter
from .validation import validate

log = logging.getLogger(__name__)


def merged_options(options: ReadOptions | None, mapping: Mapping | None) -> ReadOptions:
    """The mapping's saved read options, overridden by every option set in ``options``.

    >>> m = Mapping("tickets", read_options={"delimiter": ";", "encoding": "cp1250"})
    >>> o = merged_options(ReadOptions(encoding="utf-8"), m)
    >>> (o.delimiter, o.encoding)
    (';', 'utf-8')
    """
    base = ReadOptions.from_dict(mapping.read_options if mapping else None)
    if options is None:
        return base
    for f in dc_fields(ReadOptions):
        value = getattr(options, f.name)
        if value is not None and value != {}:
            setattr(base, f.name, value)
    return base


def build_dataset(table: LoadedTable, mapping: Mapping | None = None, kind: str | None = None,
                  name: str | None = None, reporter: Reporter | None = None,
                  source_rows: bool = True, detection: Detection | None = None) -> Dataset:
    """Detect (or apply) the mapping of an already read ``table`` and build its dataset.

    ``detection``, when the caller ranked the table's kinds already (``kpidesk inspect``), is reused.

    With ``source_rows=False`` the dataset's table keeps its columns, profiles and row numbers but
    none of its rows (the KPIs work from the canonical frame alone). The source text of each column the
    canonical frame takes typed is let go as soon as the mapping is known, and each column once its field is
    converted (:mod:`~metrics_core.mapping.source_use`): the caller must hold no other reference to
    ``table``. A table that money KPIs read keeps its rows all the same: the currency of its amounts may be
    named only in its cells (:func:`~metrics_core.ingest.currency.table_currency` reads them).
    """
    reporter = reporter or Reporter()
    reporter.step(0.0, _("Mapping columns"))
    detected = detect_mapping(table, kind=kind, user=mapping, detection=detection)
    source_rows = source_rows or _read_for_money(detected)
    empty = None if source_rows else without_rows(table)
    if not source_rows:
        table = _typed_only(table, detected)
    reporter.step(0.4, _("Assembling the table"))
    canonical = build_canonical(table, detected, release=not source_rows)
    reporter.step(0.8, _("Checking values"))
    report = validate(table, detected, canonical.frame, facts=canonical.facts)
    reporter.step(1.0, _("Loaded"))
    return Dataset(name or table.path.name, table if empty is None else empty, detected, canonical.frame, report,
                   canonical.facts)


def _read_for_money(mapping: Mapping) -> bool:
    """True when a KPI in money (unit ``currency``) reads one of the kinds ``mapping`` feeds."""
    from .metrics.currencies import money_kinds

    return bool(money_kinds() & {mapping.kind, *mapping.also_kinds})


def without_rows(table: LoadedTable) -> LoadedTable:
    """``table`` with its columns, profiles and row numbers but no rows of cells (copies: a slice of the
    full frames would keep them alive)."""
    return dataclasses.replace(table, frame=table.frame.iloc[0:0].copy(), source=table.source.iloc[0:0].copy())


def _typed_only(table: LoadedTable, mapping: Mapping) -> LoadedTable:
    """``table`` (frames of its own, which building the canonical frame may delete columns from) without the
    source text of the columns the canonical frame and the validation read typed only."""
    text = columns_read_as_text(table, mapping)
    source = None if table.source is None else table.source[[c for c in table.source.columns if c in text]]
    return dataclasses.replace(table, frame=table.frame.copy(deep=False), source=source)


def load_dataset(path: str | Path, options: ReadOptions | None = None, mapping: Mapping | None = None,
                 kind: str | None = None, reporter: Reporter | None = None, name: str | None = None,
                 source_rows: bool = True) -> Dataset:
    r"""Read ``path`` and turn it into a :class:`Dataset`.

    Parameters
    ----------
    path : the file (CSV, TXT, XLSX …); it is never written.
    options : read choices that override detection (and the mapping's saved ``read_options``).
    mapping : the user's mapping; its user fields, unmapped fields and value maps win over detection.
    kind : force a data kind.
    reporter : progress and cancellation.
    name : the dataset's name (default: the file name).
    source_rows : ``False`` keeps no rows of the source table in the dataset (its columns, profiles and
        row numbers stay), for callers that work from the canonical frame alone; the peak memory of a
        large file is lower (see :func:`build_dataset`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "calls.csv"
    >>> write_text_atomic(path, "Call ID,Start time,Answered\nc1,2024-01-02 10:00,Yes\nc2,2024-01-02 10:05,No\n")
    >>> ds = load_dataset(path)
    >>> ds.kind, ds.frame["answered"].tolist(), ds.frame["outcome"].tolist()
    ('calls', [True, False], ['answered', 'abandoned'])
    """
    from .ingest.reader import read_table

    reporter = reporter or Reporter()
    path = Path(path)
    if not path.exists():
        raise FileReadError(Message("The file “{path}” does not exist.", dict(path=path)), path=path)
    tables = [read_table(path, merged_options(options, mapping), reporter.scaled(0.0, 0.7))]
    return build_dataset(tables.pop(), mapping, kind, name, reporter.scaled(0.7, 1.0),  # (no reference kept here)
                         source_rows=source_rows)


def save_mapping(mapping: Mapping, path: str | Path) -> None:
    """Write ``mapping`` as JSON to ``path`` (atomically); :func:`load_mapping` reads it back.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "zendesk.kpimap.json"
    >>> m = Mapping("tickets")
    >>> m.set_user("created_at", "Ustvarjeno")
    >>> save_mapping(m, path)
    >>> load_mapping(path).column_for("created_at")
    'Ustvarjeno'
    """
    write_text_atomic(path, mapping.to_json() + "\n")


def load_mapping(path: str | Path) -> Mapping:
    """Read a mapping saved by :func:`save_mapping`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileReadError(Message("The mapping file “{path}” does not exist.", dict(path=path)), path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FileReadError(Message("The mapping file “{path}” cannot be read ({name}).", dict(path=path, name=exc.__class__.__name__)), path=path) from exc
    try:
        return Mapping.from_json(text)
    except MappingError as exc:
        raise MappingError(Message("{name}: {exc}", dict(name=path.name, exc=exc)), path=path) from exc
