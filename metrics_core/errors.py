"""Typed errors with messages a shop owner can act on.

Every error raised on purpose by ``metrics_core`` derives from
:class:`KpiDeskError`; its ``str()`` is a complete sentence that says what is
wrong and where ("row 14, column 'Created at': 'n/a' is not a date").

Its :attr:`~KpiDeskError.message` is kept as a :class:`~metrics_core.i18n.Message` (a template and its values)
where it is raised, and rendered when it is shown: ``str()`` in the language of that moment, so a window that
switches its language says a message it kept in the new language (the command line prints it at once: the same
text as before).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .i18n import Message


class KpiDeskError(Exception):
    """Base class of every error ``metrics_core`` raises on purpose. ``message``: a :class:`Message` (rendered when
    shown) or a text already rendered."""

    def __init__(self, message: "str | Message", *, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return str(self.message)


class FileReadError(KpiDeskError):
    """The file does not exist, cannot be opened, or is not a table we can read."""


class EmptyFileError(FileReadError):
    """The file (or the chosen sheet) holds no rows."""


class UnsupportedFormatError(FileReadError):
    """The file's content is not a spreadsheet or delimited text (e.g. binary data named .csv)."""


class WorkbookError(FileReadError):
    """A workbook is corrupt, password-protected, or the sheet asked for does not exist."""


class LimitExceededError(FileReadError):
    """The file goes past a safety limit no real export reaches (a zip bomb, a stray far-away cell,
    a line of millions of characters); ``limit`` names which one ("expanded_size", "sheet_cells" …)."""

    def __init__(self, message: "str | Message", *, limit: str, path: str | Path | None = None) -> None:
        super().__init__(message, path=path)
        self.limit = limit


class EncodingError(FileReadError):
    """The text cannot be decoded with the encoding found or asked for."""


class MappingError(KpiDeskError):
    """A column mapping cannot be applied (unknown field, missing column, bad JSON)."""


class MissingFieldError(KpiDeskError):
    """A KPI needs a canonical field that no loaded dataset provides."""

    def __init__(self, metric_id: str, fields: list[str], message: "str | Message | None" = None) -> None:
        self.metric_id = metric_id
        self.fields = list(fields)
        text = message or (
            f"{metric_id} needs the field{'s' if len(fields) > 1 else ''} "
            + ", ".join(repr(f) for f in fields)
            + ", which no loaded file provides"
        )
        super().__init__(text)


class ParameterError(KpiDeskError):
    """A KPI parameter has a value that cannot be used. ``shown``: the same in the window's words, a setting and
    its choices named as the settings dialog names them (the message itself names the command line's values)."""

    def __init__(self, message: "str | Message", *, shown: Any = None) -> None:
        super().__init__(message)
        self.shown = shown


class ExportError(KpiDeskError):
    """A report, workbook, deck or chart image cannot be written (bad path, file open elsewhere)."""


class OperationCancelled(KpiDeskError):
    """Long work was cancelled by the user."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)
