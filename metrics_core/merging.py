"""Files of the same kind are one dataset: overlapping exports are counted once.

Owners export month by month, or in pieces when their helpdesk caps an export, and the
pieces overlap. When two or more files feed the same data kind and carry the same record
id field (``ticket_id``, ``call_id``, ``order_id``, ``response_id`` … — the kind's
``id_field``), a record that appears in several files is kept from **one** file only:

- the file whose row has the latest *updated* time for that record, when every file has a
  date-time column named like "Updated at", "Last modified" or "sys_updated_on";
- otherwise the file loaded later (the later export).

All the rows of that record in the winning file are kept (an order with several lines
stays whole); its rows in the other files are dropped and counted per file. Rows without
an id, and files without the id column, are never merged: they all count, and
:class:`MergeNote` says so when several such files of one kind are loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .deferred import np
from .deferred import pd

from .catalogue import kind_label
from .i18n import TextList, _, ngettext

UPDATED_HEADER = re.compile(r"updated|modified|last[ _.-]*(changed|update|activity)|changed[ _.-]*(at|on)",
                            re.IGNORECASE)


@dataclass(frozen=True)
class MergeNote:
    """What merging the files of one kind did: duplicates dropped per file, or files that could not be merged."""

    kind: str
    id_field: str
    dropped: dict[str, int] = field(default_factory=dict)     # file -> rows dropped from it
    files: tuple[str, ...] = ()                                # the files merged
    kept_by: str = ""                                          # "Updated at" column, or "" = the later file
    without_id: tuple[str, ...] = ()                           # files of this kind that have no id column

    @property
    def total(self) -> int:
        return int(sum(self.dropped.values()))

    def describe(self) -> str:
        """One sentence for people (CLI, window, report), in the current language.

        >>> MergeNote("tickets", "ticket_id", {"a.csv": 3, "b.csv": 0}, ("a.csv", "b.csv")).describe()
        'Tickets: 3 duplicate rows dropped (the same ticket_id in several files; the version in the later file kept): 3 from a.csv.'
        """
        label = kind_label(self.kind)
        if self.without_id and not self.total:
            return _("{kind}: {files} have no {id_field} column, so rows that appear in more than one of them "
                     "cannot be recognised; every row counts.", kind=label, files=_names(self.without_id),
                     id_field=self.id_field)
        per_file = ", ".join(_("{count} from {file}", count=n, file=name) for name, n in self.dropped.items() if n)
        if self.kept_by:
            return ngettext("{kind}: {count} duplicate row dropped (the same {id_field} in several files; the "
                            "version with the latest “{column}” kept): {files}.",
                            "{kind}: {count} duplicate rows dropped (the same {id_field} in several files; the "
                            "version with the latest “{column}” kept): {files}.", self.total, kind=label,
                            count=self.total, id_field=self.id_field, column=self.kept_by, files=per_file)
        return ngettext("{kind}: {count} duplicate row dropped (the same {id_field} in several files; the version "
                        "in the later file kept): {files}.",
                        "{kind}: {count} duplicate rows dropped (the same {id_field} in several files; the version "
                        "in the later file kept): {files}.", self.total, kind=label, count=self.total,
                        id_field=self.id_field, files=per_file)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON output."""
        return {"kind": self.kind, "id_field": self.id_field, "dropped": self.total,
                "dropped_by_file": {k: int(v) for k, v in self.dropped.items()}, "files": list(self.files),
                "kept_by": self.kept_by or "later file", "files_without_id": list(self.without_id),
                "text": self.describe()}


def _names(names: tuple[str, ...]) -> TextList:
    return TextList(tuple(names), "and")


def updated_column(frame: pd.DataFrame) -> str | None:
    """The date-time column that says when a record was last changed, if the export has one.

    >>> updated_column(pd.DataFrame({"Updated at": pd.to_datetime(["2024-01-01"]), "x": [1]}))
    'Updated at'
    """
    for column in frame.columns:
        if (isinstance(column, str) and UPDATED_HEADER.search(column)
                and pd.api.types.is_datetime64_any_dtype(frame[column].dtype)):
            return column
    return None


def merge_parts(kind: str, id_field: str | None, parts: list[tuple[str, pd.DataFrame]]
                ) -> tuple[pd.DataFrame, MergeNote | None]:
    """Concatenate the frames ``parts`` = [(file name, frame)] of ``kind``, each record id kept once.

    ``id_field`` is the record id of the files' own kind (a ticket file feeding ``surveys``
    is merged on ``ticket_id``). Returns the frame and a note (None when nothing was merged
    and nothing needs saying).

    >>> a = pd.DataFrame({"ticket_id": ["1", "2", None]})
    >>> b = pd.DataFrame({"ticket_id": ["2", "3", None]})
    >>> frame, note = merge_parts("tickets", "ticket_id", [("a.csv", a), ("b.csv", b)])
    >>> frame["ticket_id"].fillna("-").tolist(), note.dropped
    (['1', '-', '2', '3', '-'], {'a.csv': 1, 'b.csv': 0})
    """
    frame = pd.concat([part for _name, part in parts], ignore_index=True, sort=False) if len(parts) > 1 else parts[0][1]
    names = tuple(name for name, _part in parts)
    if len(parts) < 2 or not id_field:
        return frame, None
    with_id = [i for i, (_name, part) in enumerate(parts) if id_field in part.columns]
    without = tuple(names[i] for i in range(len(parts)) if i not in with_id)
    if len(with_id) < 2:
        return frame, (MergeNote(kind, id_field or "", files=names, without_id=without) if len(without) > 1 else None)
    sizes = [len(part) for _name, part in parts]
    file_no = np.repeat(np.arange(len(parts)), sizes)
    ids = frame[id_field].astype("string") if id_field in frame.columns else pd.Series(pd.NA, index=frame.index)
    candidate = ids.notna().to_numpy() & np.isin(file_no, with_id)
    versions, kept_by = _versions(parts, with_id, sizes)
    codes, distinct = pd.factorize(ids[candidate].to_numpy())      # each id hashed once; then whole numbers
    order = pd.DataFrame({"id": codes, "file": file_no[candidate]})
    sort_keys = ["file"]
    if versions is not None:
        order["version"] = versions[candidate]
        sort_keys = ["version", "file"]
    winner = order.sort_values(sort_keys, kind="stable", na_position="first").groupby("id", sort=False)["file"].last()
    winner_of_id = np.empty(len(distinct), dtype=file_no.dtype)
    winner_of_id[winner.index.to_numpy()] = winner.to_numpy()
    keep = np.ones(len(frame), dtype=bool)
    keep[candidate] = winner_of_id[codes] == order["file"].to_numpy()
    dropped = {names[i]: int((~keep & (file_no == i)).sum()) for i in with_id}
    note = MergeNote(kind, id_field, dropped, tuple(names[i] for i in with_id), kept_by, without)
    if keep.all():
        return frame, (note if without else None)
    return frame[keep].reset_index(drop=True), note


def _versions(parts: list[tuple[str, pd.DataFrame]], with_id: list[int], sizes: list[int]
              ) -> tuple[np.ndarray | None, str]:
    """Each row's updated time when every merged file has an updated column; else (None, "")."""
    columns = {i: updated_column(parts[i][1]) for i in with_id}
    if any(c is None for c in columns.values()):
        return None, ""
    out = np.full(sum(sizes), np.datetime64("NaT"), dtype="datetime64[us]")
    start = np.concatenate([[0], np.cumsum(sizes)])
    for i, column in columns.items():
        values = pd.to_datetime(parts[i][1][column])
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        out[start[i]:start[i + 1]] = values.to_numpy(dtype="datetime64[us]")
    names = list(dict.fromkeys(columns.values()))
    return out, ", ".join(str(n) for n in names)
