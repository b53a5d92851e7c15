"""Why a column was mapped onto a field, or why a table was taken for a data kind.

Each reason is a translatable template with named values (:class:`~metrics_core.i18n.Message`),
kept unrendered so that the import dialog shows it in the window's language; several reasons are
shown one after another, separated by semicolons. Saved mappings and ``--json`` carry the English text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import N_, Message, _, as_message

#: How a column was found for a field (``FieldMapping.source``), as a person reads it.
FOUND_BY = {"user": N_("your choice"), "preset": N_("export preset"), "header": N_("column header"),
            "values": N_("column values"), "derived": N_("worked out from other columns")}


def found_by(source: str) -> str:
    """How a column was found (``preset``, ``header`` …), in the current language.

    >>> found_by("preset"), found_by("elsewhere")
    ('export preset', 'elsewhere')
    """
    return _(FOUND_BY[source]) if source in FOUND_BY else source


@dataclass(frozen=True, eq=False)
class Evidence:
    """One or more reasons, each a :class:`Message`, read in the language of the moment.

    >>> e = Evidence.of(Message("values are call outcomes")) + Message("header names the unit ({unit})", {"unit": "s"})
    >>> str(e)
    'values are call outcomes; header names the unit (s)'
    """

    parts: tuple[Message, ...] = ()

    @classmethod
    def of(cls, reason: "Evidence | Message | str | None") -> "Evidence":
        if isinstance(reason, Evidence):
            return reason
        if reason is None or (isinstance(reason, str) and not reason):
            return cls()
        return cls((as_message(reason),))

    def __add__(self, other: "Evidence | Message | str") -> "Evidence":
        return Evidence(self.parts + Evidence.of(other).parts)

    def render(self) -> str:
        return "; ".join(part.render() for part in self.parts)

    def english(self) -> str:
        return "; ".join(part.english() for part in self.parts)

    def without(self, msgid: str) -> "Evidence":
        """These reasons less those made from the template ``msgid``."""
        return Evidence(tuple(p for p in self.parts if p.msgid != msgid))

    def __str__(self) -> str:
        return self.render()

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __contains__(self, text: str) -> bool:
        return text in self.render() or text in self.english()

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, str):
            return self.english() == other
        if isinstance(other, Evidence):
            return self.parts == other.parts
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.english())
