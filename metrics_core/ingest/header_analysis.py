"""What a column's header says, worked out once: its words, its folded form, the unit and time zone it
names, and whether it names a date, a time of day, a length of time, an identifier or a quantity.

Typing (:mod:`.types` and its helpers) and the mapping (:mod:`metrics_core.mapping`) both read the one
:class:`HeaderAnalysis` of a header, so they cannot disagree about it: "Hours worked" names hours for
both, "Čas prvega odgovora v minutah" minutes for both.

The *folded* form is what the mapping compares with its synonyms: lower case, accents removed
(``č`` → ``c``, ``ș`` → ``s``, ``ö`` → ``o``), Serbian Cyrillic transliterated to Latin, camelCase split,
punctuation turned into spaces and a stated unit or time zone ("in minutes", "(in hrs)", "(UTC)") taken out.

>>> h = analyse_header("First reply time in minutes")
>>> (h.folded, h.unit, h.duration)
('first reply time', 'min', True)
>>> fold("Datum kreiranja") == fold("Датум креирања")
True
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# -- words -----------------------------------------------------------------------------------------
_LOWER_UPPER = re.compile(r"(?<=[a-z])(?=[A-Z])")
# A space before the last capital of a run followed by a lower-case letter ("IDNumber" -> "ID Number"):
# looked at one position at a time (the form "([A-Z]+)([A-Z][a-z])" is quadratic on long capital runs).
_ACRONYM_END = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")


def header_tokens(header: str) -> list[str]:
    """Lower-case words of a header, splitting camelCase and snake_case.

    >>> header_tokens("AvgTalkDuration (in hrs)")
    ['avg', 'talk', 'duration', 'in', 'hrs']
    >>> header_tokens("CustomerID")
    ['customer', 'id']
    """
    text = _LOWER_UPPER.sub(" ", str(header or ""))
    text = _ACRONYM_END.sub(" ", text)
    return [t for t in re.split(r"[^\w#%]+|_", text.lower()) if t]


# Serbian Cyrillic → Latin (after lower-casing); ђ/ћ/ч/ш/ж then lose their accents like Latin ones.
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "d", "е": "e", "ж": "z", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
})
_SPECIAL = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "œ": "oe"})
_LOWER_OR_DIGIT_UPPER = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")     # (digits too, unlike _LOWER_UPPER: "Tier2Agent")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, transliterate Cyrillic, drop accents; punctuation is kept."""
    text = str(text).lower().translate(_CYRILLIC).translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _words(text: str) -> str:
    text = text.replace("#", " number ").replace("%", " percent ")
    return " ".join(_NON_WORD.sub(" ", text).split())


_PIECE = re.compile(r"[#%]|[^\W_]+")


def _pieces(header: str) -> list[tuple[int, int, str]]:
    """The header's words as (start, end, folded text without spaces), camelCase split as :func:`fold` reads it."""
    out = []
    for m in _PIECE.finditer(header):
        word = m.group(0)
        cuts = [0, *sorted({c.start() for p in (_LOWER_OR_DIGIT_UPPER, _ACRONYM_END) for c in p.finditer(word)}),
                len(word)]
        for a, b in zip(cuts, cuts[1:]):
            if a < b:
                out.append((m.start() + a, m.start() + b, _words(fold(word[a:b])).replace(" ", "")))
    return out


def header_text_of(header: str, phrase: str) -> str:
    """The part of ``header``, as written, whose folded form is ``phrase`` (a synonym the mapping matched);
    ``phrase`` itself when no part folds to it.

    Whole words are looked for first, then the phrase inside a word (the word is given whole).

    >>> header_text_of("# Meeting notes", "number"), header_text_of("Datum kreiranja (UTC)", "datum kreiranja")
    ('#', 'Datum kreiranja')
    >>> header_text_of("SupportTicketID", "ticket id"), header_text_of("Датум", "datum")
    ('TicketID', 'Датум')
    """
    header, compact = str(header), phrase.replace(" ", "")
    pieces = [p for p in _pieces(header) if p[2]]
    if not compact:
        return phrase
    for i in range(len(pieces)):                       # whole words
        joined = ""
        for j in range(i, len(pieces)):
            joined += pieces[j][2]
            if joined == compact:
                return header[pieces[i][0]:pieces[j][1]]
            if not compact.startswith(joined):
                break
    ends = list(itertools.accumulate(len(p[2]) for p in pieces))
    at = "".join(p[2] for p in pieces).find(compact)    # inside a word
    if at < 0:
        return phrase
    first = next(i for i, end in enumerate(ends) if end > at)
    last = next(i for i, end in enumerate(ends) if end >= at + len(compact))
    return header[pieces[first][0]:pieces[last][1]]


# -- units -----------------------------------------------------------------------------------------
UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "days": 86400.0}
# Unit words written after "in" / "v" / "i" / "u", in brackets or at the end ("(in hrs)", "v minutah",
# "u satima", "(секунде)"), in the folded form.
STATED_UNITS = {
    "ms": "ms", "msec": "ms", "msecs": "ms", "millisecond": "ms", "milliseconds": "ms", "milisekunde": "ms",
    "milisekund": "ms", "millisekunder": "ms", "milisecunde": "ms",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s", "sekunde": "s", "sekundah": "s",
    "secunde": "s", "secunda": "s", "sekunder": "s", "sekundama": "s", "sekundi": "s", "sekund": "s", "sek": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min", "minutah": "min", "minuter": "min",
    "minutima": "min", "minuta": "min", "minuti": "min", "minut": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "urah": "h", "ure": "h", "ura": "h", "ore": "h",
    "timmar": "h", "timme": "h", "tim": "h", "satima": "h", "sati": "h", "sat": "h",
    "day": "days", "days": "days", "dni": "days", "zile": "days", "dagar": "days", "dana": "days",
}
# Unit words that name the unit on their own, anywhere in the header ("Hours worked", "Talk minutes",
# "Ore lucrate"); short or ambiguous words ("s", "h", "day", "tim" = team) count only where stated.
_BARE_UNITS = frozenset(
    "ms msec msecs millisecond milliseconds milisekunde milisekund millisekunder milisecunde "
    "sec secs second seconds sekunde sekund sekunder sekundi secunde secunda sek "
    "min mins minute minutes minuter minuti minuta minut "
    "hr hrs hour hours ure ura ore timmar timme sati sat "
    "days dagar dni dana zile".split())
_UNIT_ALT = "|".join(sorted(map(re.escape, STATED_UNITS), key=len, reverse=True))
# "(in hrs)", "[min]", "(m)"; "(s)" glued to a word is a plural ("Product(s)"), not seconds
_UNIT_BRACKET = re.compile(rf"[(\[]\s*(?:in|v|i|u)?\s*({_UNIT_ALT}|m)\s*[)\]]")
_UNIT_PHRASE = re.compile(rf"\b(?:in|v|i|u)\s+({_UNIT_ALT})\b")
_UNIT_TAIL = re.compile(r"[\s_\-](ms|sec|secs|mins|hrs)\s*$")
# "business hours", "within office hours", "in SLA hours": a calendar, not the unit of the values
CALENDAR_PHRASE = re.compile(
    r"(?i)(?:(?:only\s+)?(?:within|in|during)\s+)?"
    r"(business|office|working|sla|poslovnih|delovnih|arbets|lucr\w*|radnih)\s+(hours|hrs|timmar|ure|ore|sati|tid)"
)
_TZ = re.compile(r"\(\s*((?:utc|gmt)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[a-z]+/[a-z_]+(?:/[a-z_]+)?)\s*\)")

# -- what the words say ----------------------------------------------------------------------------
_NOT_DURATION = frozenset({"level", "%", "rate", "percent", "pct", "share", "count", "number", "calls", "#",
                           "within", "under", "answered", "abandoned", "offered"})
_DURATION_WORDS = frozenset(
    {
        "duration", "wait", "waiting", "talk", "hold", "handle", "handling", "speed", "response", "resolution",
        "aht", "asa", "att", "acw", "wrap", "spent", "tracked", "billsec", "ring", "reply", "trajanje", "durata",
        "durată", "varaktighet", "längd", "čakanje",
    }
)
_TIME_QUALIFIERS = frozenset({"to", "first", "total", "average", "avg", "mean", "queue"})
_TIME_OF_DAY_WORDS = frozenset({"time", "ura", "čas", "klockslag", "ora", "vrijeme", "kl"})
_MINUTES_SECONDS_WORDS = frozenset({"talk", "hold", "wait", "waiting", "handle", "aht", "asa", "ring", "speed",
                                    "queue", "call", "answer", "min", "mins", "minutes", "minuter", "minute", "ss"})
_HOURS_WORDS = frozenset({"hrs", "hours", "hh", "tracked", "h"})
_DATE_WORDS = frozenset(
    {
        "date", "datum", "dátum", "data", "датум", "timestamp", "created", "updated", "opened", "closed",
        "resolved", "solved", "submitted", "modified", "day", "dag", "dan", "zi", "ziua", "at", "on",
        "start", "end", "started", "ended", "paid", "fulfilled", "cancelled", "due", "temporal", "when",
    }
)
_STRONG_DATE_WORDS = frozenset({"date", "datum", "dátum", "data", "датум", "timestamp", "temporal"})
_ID_WORDS = frozenset({"id", "ids", "uuid", "guid", "sku", "#", "sid", "ean", "isbn", "iban"})
# Words that name an identifier only as the last word ("Order number", "Zip code", but not "PhoneService").
_ID_LAST_WORDS = frozenset(
    {
        "key", "nr", "no", "zip", "postcode", "code", "kod", "šifra", "sifra", "številka", "stevilka", "broj",
        "nummer", "număr", "numar", "number", "phone", "telefon", "tel", "mobile", "gsm",
    }
)
# Header words that say a 0/1 column counts or measures something, so it stays numeric.
_QUANTITY_WORDS = frozenset(
    {
        "count", "number", "num", "qty", "quantity", "total", "sum", "amount", "score", "rating", "rate",
        "reopens", "reopen", "replies", "reassign", "reassignment", "interactions", "stations", "calls",
        "tickets", "orders", "price", "level", "rank", "priority", "nps", "csat", "ces", "tenure", "age",
        "minutes", "seconds", "hours", "value", "revenue", "charges", "items", "#", "n", "index", "week",
        "month", "year", "day", "hour", "grade", "points", "stars",
    }
)


@dataclass(frozen=True)
class HeaderAnalysis:
    """Everything typing and mapping ask of one header (see :func:`analyse_header`)."""

    original: str
    tokens: tuple[str, ...]          # lower-case words (camelCase and snake_case split), not folded
    folded: str                      # what the mapping compares: folded, the stated unit and time zone out
    unit: str | None = None          # the unit of the values it names: "ms", "s", "min", "h" or "days"
    tz: str | None = None            # a time zone it names ("UTC", "america/new_york")
    duration: bool = False           # names a length of time (talk, wait, response … or a unit)
    time_of_day: bool = False        # names a clock time ("Time", "Ura") and no length of time
    date: bool = False               # names a date or a moment ("Created at", "Datum")
    strong_date: bool = False        # … with a word that can only mean a date ("date", "datum", "timestamp")
    identifier: bool = False         # names an identifier ("Ticket ID", "InvoiceNo", "Order #")
    quantity: bool = False           # names a count or a measure, so 0/1 values are numbers, not flags
    minutes_seconds: bool = False    # "1:30" in this column is more likely minutes:seconds than hours:minutes
    names_hours: bool = False        # "1:30" here is surely hours:minutes

    @property
    def unit_seconds(self) -> float | None:
        """Seconds per unit of the values, or ``None`` when the header names no unit."""
        return UNIT_SECONDS.get(self.unit) if self.unit else None


@lru_cache(maxsize=4096)
def analyse_header(header: str) -> HeaderAnalysis:
    """The :class:`HeaderAnalysis` of ``header`` (worked out once per header text).

    >>> a = analyse_header("Hours worked")
    >>> (a.unit, a.duration, a.folded)
    ('h', True, 'hours worked')
    >>> analyse_header("Service Level (20 Seconds)").unit is None      # a threshold, not a unit
    True
    >>> analyse_header("Product(s)").unit is None                        # a plural, not seconds
    True
    """
    original = str(header)
    tokens = tuple(header_tokens(original))
    folded, unit, tz = _fold_out_unit(original)
    timed = header_tokens(CALENDAR_PHRASE.sub(" ", original))       # the words, a calendar phrase left out
    if unit is None:
        unit = _bare_unit(timed)
    timed_tokens = set(timed)
    duration = not (timed_tokens & _NOT_DURATION) and (
        bool(timed_tokens & _DURATION_WORDS) or unit is not None
        or ("time" in timed_tokens and bool(timed_tokens & _TIME_QUALIFIERS)))
    words = set(tokens)
    return HeaderAnalysis(
        original=original, tokens=tokens, folded=folded, unit=unit, tz=tz, duration=duration,
        time_of_day=bool(words & _TIME_OF_DAY_WORDS) and not duration,
        date=bool(words & _DATE_WORDS), strong_date=bool(words & _STRONG_DATE_WORDS),
        identifier="of" not in words and "per" not in words and (
            bool(words & _ID_WORDS) or (bool(tokens) and tokens[-1] in _ID_LAST_WORDS)),
        quantity=bool(words & _QUANTITY_WORDS),
        minutes_seconds=bool(words & _MINUTES_SECONDS_WORDS) and "hh" not in original.lower(),
        names_hours=bool(words & _HOURS_WORDS),
    )


def _fold_out_unit(header: str) -> tuple[str, str | None, str | None]:
    """(folded text without a stated unit or time zone, the stated unit, the time zone)."""
    text = fold(_ACRONYM_END.sub(" ", _LOWER_OR_DIGIT_UPPER.sub(" ", header.strip())))
    tz = None
    if m := _TZ.search(text):
        tz = m.group(1).upper() if m.group(1).startswith(("utc", "gmt")) else m.group(1)
        text = text[: m.start()] + " " + text[m.end():]
    # a calendar ("in business hours") names no unit: searched with it blanked out, same positions
    searched = CALENDAR_PHRASE.sub(lambda c: " " * len(c.group(0)), text)
    for pattern in (_UNIT_BRACKET, _UNIT_PHRASE):
        for m in pattern.finditer(searched):
            word = m.group(1)
            if pattern is _UNIT_BRACKET and word == "s" and m.start() and text[m.start() - 1].isalpha():
                continue                                       # "Product(s)"
            unit = "min" if word == "m" else STATED_UNITS[word]
            return _words(text[: m.start()] + " " + text[m.end():]), unit, tz
    if m := _UNIT_TAIL.search(searched):
        return _words(text[: m.start()]), STATED_UNITS[m.group(1)], tz
    return _words(text), None, tz


def _bare_unit(tokens: list[str]) -> str | None:
    """The first unit word that is not a threshold ("Hours worked": h; "Service level 20 seconds": none)."""
    for i, token in enumerate(tokens):
        if token in _BARE_UNITS and not (i and tokens[i - 1].replace(".", "").isdigit()):
            return STATED_UNITS[token]
    return None
