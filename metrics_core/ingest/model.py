"""What reading a file produces: the table, how it was read, and each column's type.

``read_table(path, options) -> LoadedTable`` (in :mod:`metrics_core.ingest.reader`)
is the single entry point; everything the user may override lives in
:class:`ReadOptions`, and everything that was decided is reported back in
:class:`LoadedTable` so the import dialog can show it and offer the override.
"""

from __future__ import annotations

from dataclasses import dataclass, field, asdict
from pathlib import Path
from typing import Any

from ..deferred import np, pd

COLUMN_TYPES = (
    "empty",      # every value missing
    "id",         # identifiers kept as text
    "number",     # plain numbers (decimal comma / thousands / currency handled)
    "percent",    # "94.01%" -> 94.01
    "datetime",   # dates, date-times, Excel serials, text dates
    "time",       # time of day only ("3:53:50 PM") -> seconds after midnight
    "duration",   # "0:02:14", "MM:SS", day fractions, ms/s/min/h by header -> seconds
    "boolean",    # Yes/No, Y/N, TRUE/FALSE, 1/0, Da/Ne, Ja/Nej, Да/Не
    "category",   # text with few distinct values
    "text",       # free text
)


@dataclass
class ReadOptions:
    """Choices the user may force; ``None`` means detect."""

    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None          # ",", ";", "\t", "|", or "whitespace"
    decimal: str | None = None            # "." or ","
    dayfirst: bool | None = None          # date order for ambiguous dates
    header_row: int | None = None         # 0-based row of the (last) header row; -1 = no header
    header_rows: int | None = None        # number of header rows (SurveyMonkey 2, Qualtrics 3)
    column_types: dict[str, str] = field(default_factory=dict)  # column name -> forced COLUMN_TYPES value
    currency: str | None = None           # the currency of the file's amounts ("£"); None: what the file names

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ReadOptions":
        data = dict(data or {})
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class ParseIssue:
    """One value that could not be read as the column's type."""

    row: int            # row number as the user sees it in the source (1-based line / sheet row)
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "value": self.value}


@dataclass
class ColumnProfile:
    """How one column was typed, decided from the whole column."""

    name: str                       # unique column name in ``LoadedTable.frame``
    header: str                     # original header text (joined multi-row header)
    col_type: str                   # one of COLUMN_TYPES
    detail: str = ""                # e.g. "day-first %d-%m-%Y %H:%M", "milliseconds (from values)", "decimal comma"
    n_values: int = 0               # non-missing source values
    n_missing: int = 0
    n_failed: int = 0               # non-missing values that did not parse as col_type
    failures: list[ParseIssue] = field(default_factory=list)   # first few, with row numbers
    n_distinct: int = 0
    examples: list[str] = field(default_factory=list)          # a few raw values
    ambiguous: str = ""             # e.g. "day/month order could not be decided; day-first assumed"
    unit: str | None = None         # durations: "s", "ms", "min", "h", "days" (unit that was applied)
    dayfirst: bool | None = None    # datetimes: the order used
    date_format: str | None = None  # datetimes: the strftime format used, when one format fits
    tz_offset: bool = False         # datetimes: values carried a UTC offset (converted to naive local)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failures"] = [f.to_dict() for f in self.failures]
        return d


@dataclass
class LoadedTable:
    """A table read from a file, typed column by column.

    ``source`` holds the source text of every cell with the same index and columns as ``frame``: strings
    (``None`` where empty), or, for a text file's ids, timestamps and repeating values, compactly as the
    parser gave them (bytes, categories; see :mod:`metrics_core.ingest.source_text`). Read it through
    :meth:`text` (one column) and :meth:`text_rows` (some rows); :attr:`raw` makes it all strings.
    ``frame`` holds typed values:
    ``datetime64`` for datetimes, float seconds for durations and times, float
    for numbers and percents, pandas ``boolean`` for booleans, and strings for
    ids, categories and text. ``row_numbers[i]`` is the source row number of
    ``frame.iloc[i]`` (1-based as in a text editor or a spreadsheet).
    """

    path: Path
    file_format: str                    # "csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"
    frame: pd.DataFrame
    source: pd.DataFrame | None
    columns: list[ColumnProfile]
    row_numbers: "pd.Index | list[int]"
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    encoding_note: str = ""             # e.g. "utf-8 (with BOM)", "cp1250 (detected; cp1252 also fits)"
    encoding_doubtful: bool = False     # the note asks to check the preview (another code page fits, bytes replaced)
    delimiter: str | None = None
    decimal: str = "."
    header_rows: list[int] = field(default_factory=list)   # 0-based source rows used as the header; [] = no header
    first_data_row: int = 1             # source row number (1-based) of the first data row
    notes: list[str] = field(default_factory=list)          # what was skipped or decided ("3 title rows skipped")
    options: ReadOptions = field(default_factory=ReadOptions)

    @property
    def raw(self) -> pd.DataFrame | None:
        """The source text of every cell as strings (``None`` where empty): ``source`` itself unless a column
        is held compactly, then a frame made now (read one column with :meth:`text` instead)."""
        from .source_text import text_frame

        return None if self.source is None else text_frame(self.source)

    def text(self, column: str) -> pd.Series | None:
        """The source text of ``column`` (strings, ``None`` where empty; made now when it is held compactly),
        or ``None`` when the table holds none for it."""
        from .source_text import text_series

        if self.source is None or column not in self.source:
            return None
        return text_series(self.source[column])

    def text_bytes(self, column: str) -> "np.ndarray | None":
        """The source text of ``column`` as the text parser's fixed-width UTF-8 bytes (``b""`` where empty),
        when it is held so; else ``None`` (read :meth:`text`)."""
        if self.source is None or column not in self.source or self.source[column].dtype.kind != "S":
            return None
        return self.source[column].to_numpy()

    def text_rows(self, labels: pd.Index) -> pd.DataFrame | None:
        """The source text of the rows ``labels`` (index labels) as strings, ``None`` when there is none."""
        from .source_text import text_frame

        if self.source is None or not len(self.source):
            return None
        rows = self.source if self.source.index.equals(labels) else self.source.loc[labels]
        return text_frame(rows)

    def drop_text(self, column: str) -> None:
        """Let go of the source text of ``column`` (nothing reads it any more)."""
        if self.source is not None and column in self.source:
            del self.source[column]

    def profile(self, name: str) -> ColumnProfile:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description of how the file was read (no data rows)."""
        return {
            "path": str(self.path),
            "format": self.file_format,
            "sheet": self.sheet,
            "sheets": list(self.sheets),
            "encoding": self.encoding,
            "encoding_note": self.encoding_note,
            "delimiter": self.delimiter,
            "decimal": self.decimal,
            "header_rows": list(self.header_rows),
            "first_data_row": self.first_data_row,
            "rows": int(len(self.frame)),
            "notes": list(self.notes),
            "columns": [c.to_dict() for c in self.columns],
        }
