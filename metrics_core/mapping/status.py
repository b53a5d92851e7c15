"""Normalise ticket statuses, call outcomes and rating labels.

Statuses become ``open`` / ``pending`` / ``solved`` / ``closed``; call outcomes
``answered`` / ``abandoned`` / ``missed`` / ``blocked`` / ``voicemail``. Values
are compared folded (lower case, accents removed, punctuation as spaces), so
"Awaiting User Info", "awaiting-user-info" and "Rešeno"/"Решено" all match.
Values nobody knows stay missing in the canonical column (the original stays in
``status_original``) and are listed by :func:`unknown_values`.

>>> normalise_values(pd.Series(["Solved", "Pending Customer Response", "Zaprto"]), STATUS_WORDS).tolist()
['solved', 'pending', 'closed']
"""

from __future__ import annotations

import pandas as pd

from ..column_facts import keep_taken_codes, present, text_codes
from ..ingest.header_analysis import analyse_header

STATUSES = ("open", "pending", "solved", "closed")
OUTCOMES = ("answered", "abandoned", "missed", "blocked", "voicemail")


def _table(spec: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, words in spec.items():
        for word in words.split("|"):
            key = fold_value(word)
            if key:
                out[key] = canonical
    return out


def fold_value(value: object) -> str:
    """The folded form of a cell value used for lookups."""
    return analyse_header(str(value)).folded if value is not None else ""


STATUS_WORDS = _table({
    "open": "open|new|active|in progress|work in progress|assigned|reopened|waiting on us|to do|todo|init|chatting|"
            "calling|unassigned|escalated|odprt|odprto|nov|novo|v obdelavi|deschis|nou|activ|in lucru|oppen|oppet|ny|"
            "pagaende|otvoren|otvoreno|novi|aktivan|u obradi|отворен|отворено|нови|у обради",
    "pending": "pending|on hold|on-hold|hold|waiting|waiting on contact|waiting on customer|awaiting user info|"
               "awaiting problem|awaiting vendor|awaiting evidence|awaiting change|pending customer response|"
               "postponed|snoozed|answered|v cakanju|na cakanju|caka|in asteptare|amanat|vantande|vantar|pausad|"
               "na cekanju|ceka|odlozeno|на чекању|чека",
    "solved": "solved|resolved|done|fixed|completed|complete|reseno|razreseno|resen|rezolvat|solutionat|lost|"
              "atgardad|klar|resen|reseno|решено|решен",
    "closed": "closed|close|cancelled|canceled|deleted|spam|zaprt|zaprto|inchis|anulat|stangd|stangt|avslutad|"
              "zatvoren|zatvoreno|otkazano|затворен|затворено",
})

OUTCOME_WORDS = _table({
    "answered": "answered|completed|connected|accepted|in progress|inbound answered|yes|y|true|da|ja|odgovorjen|"
                "odgovorjeno|sprejet|raspuns|preluat|besvarat|besvarad|odgovoren|odgovoreno|прихваћен|одговорено",
    "abandoned": "abandoned|canceled|cancelled|hung up|caller hung up|short abandoned|abandoned in ivr|"
                 "abandoned in classic|inbound abandoned|opuscen|opusceno|abandonat|avbrutet|overgivet|napusten|"
                 "napusteno|напуштен",
    "missed": "missed|no answer|no-answer|noanswer|not answered|unanswered|refused|out of business hours|"
              "out of opening hours|no available agent|agents did not answer|inbound missed|zgresen|neodgovorjen|"
              "pierdut|nepreluat|missat|obesvarat|propusten|neodgovoren|пропуштен",
    "blocked": "busy|failed|congestion|line busy|blocked|chanunavail|zaseden|ocupat|esuat|upptaget|misslyckat|"
               "zauzeto|zauzet|neuspesno|заузето",
    "voicemail": "voicemail|voice mail|inbound voicemail|glasovna posta|mesagerie vocala|rostbrevlada|"
                 "rostmeddelande|govorna posta|говорна пошта",
})

# Fields whose values are normalised when recognised and kept (as written) otherwise.
KEEP_UNKNOWN_WORDS = {
    "direction": _table({
        "inbound": "inbound|in|incoming|inbound call|dohodni|dohodni klic|intrare|apel primit|inkommande|"
                   "inkommande samtal|dolazni|долазни",
        "outbound": "outbound|out|outgoing|outbound api|outbound dial|odhodni|iesire|apel efectuat|utgaende|"
                    "odlazni|одлазни",
    }),
    "author_role": _table({
        "agent": "agent|staff|admin|operator|teammate|support|employee|user agent|zaposleni|operater|"
                 "agent suport|handlaggare|оператер",
        "customer": "customer|client|requester|end user|enduser|contact|visitor|lead|stranka|kund|kupac|"
                    "klijent|купац|клијент",
    }),
    "sentiment": _table({
        "positive": "positive|pos|good|pozitivno|pozitiv|positiv|pozitivan|позитивно",
        "neutral": "neutral|neu|mixed|nevtralno|neutru|neutralt|neutralno|неутрално",
        "negative": "negative|neg|bad|negativno|negativ|negativt|negativan|негативно",
    }),
}


def normalise_or_keep(values: pd.Series, words: dict[str, str], value_map: dict[str, str] | None = None) -> pd.Series:
    """Like :func:`normalise_values`, but a value nobody knows stays as written."""
    known = normalise_values(values, words, value_map)
    return known.fillna(values.astype("string"))


# Rating labels -> scores on a 1-5 scale (Zendesk Good/Bad, Help Scout Great/Okay/Not Good, Zoho Good/Okay/Bad).
RATING_WORDS = {
    fold_value(k): v for k, v in {
        "great": 5.0, "good": 5.0, "okay": 3.0, "ok": 3.0, "not good": 1.0, "bad": 1.0,
        "dobro": 5.0, "slabo": 1.0, "bun": 5.0, "rau": 1.0, "bra": 5.0, "daligt": 1.0, "lose": 1.0,
    }.items()
}
RATING_MISSING = {fold_value(k) for k in ("offered", "not offered", "unoffered", "not rated", "none")}

# Code tables that only apply when a preset (or the value shape) says so.
LIVEAGENT_STATUS = {"I": "open", "N": "open", "T": "open", "P": "open", "R": "solved", "X": "closed",
                    "B": "closed", "A": "pending", "C": "open", "W": "pending", "L": "closed"}
FRESHDESK_STATUS = {"2": "open", "3": "pending", "4": "solved", "5": "closed"}


def _lookup_unique(values: pd.Series, lookup) -> pd.Series:
    """Apply ``lookup(value) -> canonical | None`` once per distinct value (the column's codes: kept with it by
    the canonical frame, or made now), and keep the codes of the result when its values are few."""
    codes, uniques = text_codes(values)
    looked_up = pd.array([lookup(u) for u in uniques], dtype="string")
    return keep_taken_codes(pd.Series(looked_up.take(codes, allow_fill=True), index=values.index, name=values.name,
                                      dtype="string"), codes, looked_up)


def normalise_values(values: pd.Series, words: dict[str, str], value_map: dict[str, str] | None = None) -> pd.Series:
    """Map each value to its canonical word; ``value_map`` (exact, then folded) wins over ``words``.

    Unknown values become ``<NA>``.
    """
    exact = {str(k): v for k, v in (value_map or {}).items()}
    folded_map = {fold_value(k): v for k, v in exact.items()}

    def lookup(value: object) -> str | None:
        text = _as_text(value)
        if text in exact:
            return exact[text] or None
        key = fold_value(text)
        if key in folded_map:
            return folded_map[key] or None
        return words.get(key)

    return _lookup_unique(values, lookup)


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise_status(values: pd.Series, value_map: dict[str, str] | None = None) -> pd.Series:
    """Ticket statuses -> open / pending / solved / closed (``<NA>`` when unknown)."""
    return normalise_values(values, STATUS_WORDS, value_map)


def normalise_outcome(values: pd.Series, value_map: dict[str, str] | None = None) -> pd.Series:
    """Call outcomes -> answered / abandoned / missed / blocked / voicemail (``<NA>`` when unknown)."""
    return normalise_values(values, OUTCOME_WORDS, value_map)


def rating_scores(values: pd.Series, value_map: dict[str, str] | None = None) -> pd.Series:
    """Rating labels (Good/Bad, Great/Okay/Not Good) or numbers -> float scores; "Offered" -> missing."""
    exact = {str(k): v for k, v in (value_map or {}).items()}

    def lookup(value: object) -> float | None:
        text = _as_text(value)
        if text in exact:
            return _to_float(exact[text])
        key = fold_value(text)
        if key in RATING_MISSING:
            return None
        if key in RATING_WORDS:
            return RATING_WORDS[key]
        return _to_float(text.replace(",", "."))

    uniques = pd.unique(values.dropna())
    table = {u: lookup(u) for u in uniques}
    return pd.to_numeric(values.map(table), errors="coerce").astype(float)


def _to_float(text: object) -> float | None:
    try:
        return float(str(text)) if str(text).strip() != "" else None
    except ValueError:
        return None


def unknown_values(values: pd.Series, normalised: pd.Series) -> list[str]:
    """Distinct source values that did not map to a canonical word (first ten)."""
    codes, uniques = text_codes(values)         # (both columns' codes: kept with them by the canonical frame)
    mask = (codes >= 0) & ~present(normalised)
    return [str(uniques[code]) for code in pd.unique(codes[mask])[:10]]


def looks_like_rating_labels(values: pd.Series) -> bool:
    """True when the non-missing values are rating words (Good/Bad, Great/Okay/Not Good, Offered …)."""
    uniques = {fold_value(v) for v in pd.unique(values.dropna())[:50]}
    uniques.discard("")
    return bool(uniques) and uniques <= (set(RATING_WORDS) | RATING_MISSING) and bool(uniques & set(RATING_WORDS))


