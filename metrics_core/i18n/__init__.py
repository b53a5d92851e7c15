"""Words a person reads, in the owner's language.

Every text a person can read — in the window, on the command line, in a report or an error
message — is a *template with named values* looked up in a gettext catalogue, never a string
built by joining fragments::

    from metrics_core.i18n import _, ngettext, N_, Message

    _("Column '{column}' has {count} values that are not dates.", column=name, count=n)
    ngettext("{count} duplicate row was dropped", "{count} duplicate rows were dropped", n, count=n)

- ``_(msgid, **values)`` translates now, in the current language, and fills the ``{name}`` fields.
- ``ngettext(singular, plural, n, **values)`` picks the plural form of the current language
  (Slovenian has four, Romanian and Serbian three).
- ``N_(msgid)`` only marks a literal for extraction (labels in tables that are translated later,
  when they are shown).
- ``Message(msgid, values)`` / ``Message.plural(...)`` keep a text *unrendered*: results computed
  once are shown in the window's language and exported in the report's language. Store
  ``Message`` objects in results (reasons, notes) and call ``str(message)`` / ``message.render()``
  where the text is shown. Numbers among the values are written the current language's way.

The language is a process-wide default (:func:`set_language`, the window's choice) that a block of
code can override for itself with ``with language("sv"):`` (a report in another language, from a
worker thread) — the override is a context variable, so threads do not disturb each other.

Metric ids, canonical field names, JSON keys and CLI option names stay English: they are contracts.
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

__all__ = ["_", "ngettext", "pgettext", "N_", "Message", "LANGUAGES", "set_language",
           "current_language", "language", "language_from_environment", "normalise_language",
           "register_domain", "domains", "TextList", "as_message", "one_full_stop", "ShownMessage"]

DOMAIN = "kpidesk"
LOCALE_DIR = Path(__file__).with_name("locale")

#: The languages KPI Desk ships, with their names as their speakers write them.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "sl": "Slovenščina",
    "ro": "Română",
    "sv": "Svenska",
    "sr": "Српски",
    "sr-Latn": "Srpski (latinica)",
}
DEFAULT_LANGUAGE = "en"
#: A pseudo-language for testing layouts: every text about 40 % longer, with accents.
PSEUDO_LANGUAGE = "qps"

_process_language = DEFAULT_LANGUAGE
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("kpidesk_language", default=None)


def normalise_language(code: str | None) -> str:
    """The shipped language closest to a code such as ``sl_SI.UTF-8``, ``sr_RS@latin`` or ``sr-Latn``.

    >>> normalise_language("sl_SI.UTF-8"), normalise_language("sr_RS@latin"), normalise_language("de")
    ('sl', 'sr-Latn', 'en')
    """
    if not code:
        return DEFAULT_LANGUAGE
    text = code.strip().replace("_", "-")
    if text == PSEUDO_LANGUAGE:
        return text
    lowered = text.lower()
    base = lowered.split(".")[0].split("@")[0].split("-")[0]
    if base == "sr" and ("latin" in lowered or "latn" in lowered):
        return "sr-Latn"
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str | None) -> str:
    """Make ``code`` the process-wide language (the window's choice); returns the language used."""
    global _process_language
    _process_language = normalise_language(code)
    return _process_language


def current_language() -> str:
    """The language texts are rendered in here and now."""
    return _override.get() or _process_language


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Render in ``code`` inside the block (this thread/context only)."""
    token = _override.set(normalise_language(code))
    try:
        yield current_language()
    finally:
        _override.reset(token)


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``KPIDESK_LANG``, else the operating system's locale variables, else English."""
    env = os.environ if environ is None else environ
    if env.get("KPIDESK_LANG"):
        return normalise_language(env["KPIDESK_LANG"])
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise_language(value.split(":")[0])
    return DEFAULT_LANGUAGE


def catalogue_folder(code: str) -> str:
    """The folder name of a language's catalogue under :data:`LOCALE_DIR` (``sr-Latn`` -> ``sr_Latn``)."""
    return code.replace("-", "_")


#: Catalogue domains looked in after ``kpidesk``, in order: ``{domain: locale folder}``.
_extra_domains: dict[str, Path] = {}


def register_domain(domain: str, locale_dir: str | Path) -> None:
    """Look up texts also in ``domain``'s catalogues under ``locale_dir`` (``<lang>/LC_MESSAGES/<domain>.mo``).

    The desktop app keeps its own catalogue (``register_domain("kpidesk_app", …)``) so that its
    translations and metrics_core's are separate files; ``_()`` looks in ``kpidesk`` first, then in
    each registered domain in the order they were registered.
    """
    _extra_domains[domain] = Path(locale_dir)
    _translations.cache_clear()


def domains() -> dict[str, Path]:
    """Every catalogue domain with its locale folder, ``kpidesk`` first."""
    return {DOMAIN: LOCALE_DIR, **_extra_domains}


@lru_cache(maxsize=None)
def _translations(code: str) -> _gettext.NullTranslations:
    if code in (DEFAULT_LANGUAGE, PSEUDO_LANGUAGE):
        return _gettext.NullTranslations()
    chain = [_gettext.translation(domain, folder, languages=[catalogue_folder(code)], fallback=True)
             for domain, folder in domains().items()]
    for later in chain[1:]:
        chain[0].add_fallback(later)
    return chain[0]


def _fill(template: str, values: Mapping[str, Any]) -> str:
    if not values:
        return template
    return template.format(**{name: _as_text(value) for name, value in values.items()})


def _as_text(value: Any) -> str:
    if isinstance(value, (Message, TextList)):
        return value.render()
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, (int, float)):
        return plain_number(value)
    return str(value)


def babel_locale(code: str | None = None):
    """babel's Locale of a language code (``sr-Latn`` -> ``sr_Latn``; the pseudo-language is English)."""
    from babel import Locale
    code = code or current_language()
    return Locale.parse(DEFAULT_LANGUAGE if code == PSEUDO_LANGUAGE else code.replace("-", "_"))


def plain_number(value: float) -> str:
    """A count or amount inside a sentence, in the current language: grouped, at most two decimals,
    no trailing zeros, a real minus sign (``1,612``, ``4.25``; ``1.612`` in Slovenian)."""
    from babel.numbers import format_decimal
    small = 0 < abs(value) < 0.01                    # 0.004 stays 0.004, not 0
    text = format_decimal(abs(value), format="#,##0.######" if small else "#,##0.##", locale=babel_locale())
    return ("\u2212" if value < 0 and text.strip("0.,\u00a0") else "") + text


def _(msgid: str, **values: Any) -> str:
    """``msgid`` in the current language, its ``{name}`` fields filled from ``values``."""
    code = current_language()
    text = _translations(code).gettext(msgid)
    if code == PSEUDO_LANGUAGE:
        text = pseudo_translate(text)
    return _fill(text, values)


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    """The plural form for ``n`` in the current language, its fields filled from ``values``."""
    code = current_language()
    text = _translations(code).ngettext(singular, plural, n)
    if code == PSEUDO_LANGUAGE:
        text = pseudo_translate(text)
    return _fill(text, values)


def pgettext(context: str, msgid: str, **values: Any) -> str:
    """Like :func:`_` for a short text whose meaning depends on ``context`` ("Open" a file vs "open" tickets)."""
    code = current_language()
    text = _translations(code).pgettext(context, msgid)
    if code == PSEUDO_LANGUAGE:
        text = pseudo_translate(text)
    return _fill(text, values)


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalogue without translating it yet."""
    return msgid


@dataclass(frozen=True, eq=False)
class Message:
    """A text kept as its template and values, rendered when and where it is shown.

    >>> m = Message("{count} rows without a date", {"count": 1612})
    >>> str(m)
    '1,612 rows without a date'
    >>> Message.plural("{count} agent", "{count} agents", 1, count=1).render()
    '1 agent'
    """

    msgid: str
    values: Mapping[str, Any] = field(default_factory=dict)
    plural_msgid: str | None = None
    n: int | None = None
    context: str | None = None

    @classmethod
    def plural(cls, singular: str, plural: str, n: int, **values: Any) -> "Message":
        return cls(singular, values, plural, n)

    def render(self) -> str:
        if self.plural_msgid is not None:
            return ngettext(self.msgid, self.plural_msgid, int(self.n or 0), **self.values)
        if self.context is not None:
            return pgettext(self.context, self.msgid, **self.values)
        return _(self.msgid, **self.values)

    def __str__(self) -> str:
        return self.render()

    def english(self) -> str:
        """The text in English, the source language (JSON output, logs)."""
        with language(DEFAULT_LANGUAGE):
            return self.render()

    # A Message stands where a plain string stood (reasons in results): it equals its English text
    # and answers ``in`` on the text it shows now, so code and tests written for strings keep working.
    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.english() == other
        if isinstance(other, Message):
            return (self.msgid, dict(self.values), self.plural_msgid, self.n, self.context) == (
                other.msgid, dict(other.values), other.plural_msgid, other.n, other.context)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.english())

    def __contains__(self, part: str) -> bool:
        return part in self.render()

    def __len__(self) -> int:
        return len(self.render())

    def __add__(self, other: str) -> str:
        return self.render() + other

    def __radd__(self, other: str) -> str:
        return other + self.render()

    def to_dict(self) -> dict[str, Any]:
        """A JSON form: the English text plus the template and its values (for machines)."""
        text = self.english()
        return {"text": text, "template": self.msgid,
                "values": {k: (v.english() if isinstance(v, Message) else v) for k, v in self.values.items()}}


@dataclass(frozen=True)
class TextList:
    """Several texts joined as the language joins them: ``tickets or calls``, ``sl: tickets ali klici``.

    Kept unrendered like :class:`Message` (its items may be Messages); every language, English too, joins as
    CLDR's list patterns say (babel's bundled data, offline): ``tickets, calls, or social mentions``, sl
    ``zahtevki, klici ali omembe``. The one way a list of words is joined into a sentence.

    >>> str(TextList(("tickets", "calls"), "or")), str(TextList(("tickets", "calls", "social mentions"), "or"))
    ('tickets or calls', 'tickets, calls, or social mentions')
    """

    items: tuple[Any, ...]
    conjunction: str = "and"            # "and" or "or"

    def render(self) -> str:
        texts = [_as_text(item) for item in self.items]
        if len(texts) < 2:
            return "".join(texts)
        from babel.lists import format_list
        return format_list(texts, style="standard" if self.conjunction == "and" else "or", locale=babel_locale())

    def __str__(self) -> str:
        return self.render()


def one_full_stop(text: str) -> str:
    """``text`` without the second of two full stops that a value ending in one ("9 ore 03 min.", "31. окт
    2026.") and the template's own make.

    >>> one_full_stop("Timp de prim răspuns a fost 9 ore 03 min.."), one_full_stop("Период: 31. окт 2026.. Направљено")
    ('Timp de prim răspuns a fost 9 ore 03 min.', 'Период: 31. окт 2026. Направљено')
    """
    return re.sub(r"(?<=\.)\.(?=\s|$)", "", text)


@dataclass(frozen=True, eq=False)
class ShownMessage(Message):
    """A reason the command line says with its option values ("busiest") and the window and the reports with the
    settings' names ("the busiest interval"): :attr:`shown`, read by ``report_view.words.readable_reason``."""

    shown: Any = None


def as_message(text: "str | Message | None") -> "Message | None":
    """A reason or note as a :class:`Message`: a plain string becomes the template of one (looked up when shown)."""
    if text is None or isinstance(text, Message):
        return text
    return Message(str(text))


_ACCENTED = str.maketrans("aceinorsuyzACEINORSUYZ", "àçéîñöřšüýžÀÇÉÎÑÖŘŠÜÝŽ")
#: What the pseudo-language leaves as it is: ``{fields}`` and ``%`` codes (``%s``, ``%(prog)s``, ``%r``).
_FIELDS = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")


PADDING_WORD = 12          # the longest run of the pseudo-language's padding dots


def pseudo_translate(text: str) -> str:
    """The pseudo-language: accented, about 40 % longer, ``{fields}`` and ``%`` codes kept intact.

    >>> pseudo_translate("Open {count} files")
    '⟦Öpéñ {count} fîléš ·······⟧'
    >>> pseudo_translate("%(prog)s: error: %s")
    '⟦%(prog)s: éřřöř: %s ········⟧'
    """
    out: list[str] = []
    last = 0
    for field_match in _FIELDS.finditer(text):
        out.append(text[last:field_match.start()].translate(_ACCENTED))
        out.append(field_match.group())
        last = field_match.end()
    out.append(text[last:].translate(_ACCENTED))
    body = "".join(out)
    dots = max(1, round(len(text) * 0.4))
    # in words of at most 12 dots, as a long text's extra length wraps in a real language: one run of 120 dots
    # was a word no line could hold (a chart's empty-state note grew the window to 2,250 px, s12-shots-svqps)
    padding = " ".join("·" * min(PADDING_WORD, dots - i) for i in range(0, dots, PADDING_WORD))
    return f"⟦{body} {padding}⟧"
