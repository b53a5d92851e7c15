"""Slovenian texts an owner reads on the dashboard, as a Slovenian writes them.

Seen in the Slovenian window at 1366x768 (session 12): the staffing card said "Za 4,5 klicev na 30 min"
(a decimal needs "klica", 3 needs "klice", 5 "klicev": no single noun form follows a count that may be
any number, and these texts are not plural entries), "z 2 agenti" (dual: "agentoma"); the Conversion
card said "naročila za povezavo prek customer_id" (the field's internal id in a Slovenian sentence); a
bar for rows without an agent read "(brez: agent)"; the cash-flow card counted "premiki"."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from metrics_core.catalogue import KINDS
from metrics_core.i18n import language
from metrics_core.i18n.catalogue import DOMAINS, po_path

# placeholders holding a count that may be a decimal (4,5 calls per interval, 2,5 Erlangs) or any whole number
ANY_COUNT = ("calls", "agents", "seen", "traffic")
# parameter names typed on the command line, which a message names as typed
TYPED_NAMES = {"staffing: arrivals and aht_s must be 0 or more."}


def _messages(domain_name: str):
    domain = next(d for d in DOMAINS if d.name == domain_name)
    with po_path(domain, "sl").open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                yield message


def test_no_noun_follows_a_count_that_may_be_any_number() -> None:
    wrong = [f"{message.string[:90]!r}" for message in _messages("kpidesk") if not message.pluralizable
             and re.search(rf"\{{(?:{'|'.join(ANY_COUNT)})\}} [a-zčšž]", message.string)]
    assert wrong == [], "\n".join(wrong)


def test_the_staffing_card_line_reads_with_a_decimal_and_a_whole_number() -> None:
    from metrics_core.i18n import Message

    with language("sl"):
        lines = [Message("for {calls} calls per {minutes} min at {slot}",
                         {"calls": calls, "minutes": 30.0, "slot": "08:00"}).render() for calls in (4.5, 3)]
    assert lines == ["klicev na 30 min ob 08:00: 4,5", "klicev na 30 min ob 08:00: 3"]


def test_kpi_texts_name_no_internal_field_id() -> None:
    ids = {spec.name for kind in KINDS for spec in kind.fields}
    wrong = []
    for message in _messages("kpidesk"):
        if message.id in TYPED_NAMES or all(path.startswith("metrics_core/cli/") for path, _ in message.locations):
            continue
        text = re.sub(r"\{[^}]*\}", "", message.string if isinstance(message.string, str) else " ".join(message.string))
        wrong += [f"{word} in {text[:90]!r}" for word in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text) if word in ids]
    assert wrong == [], "\n".join(wrong)



def test_an_empty_cards_reason_says_first_that_no_file_has_it() -> None:
    """A card shows three short lines of its reason; "potrebuje polje ‘Ocena CSAT’ iz datoteke (vrsta: odgovori na
    ankete, zahtevki, klici…" was cut before "nobena ni naložena", the point. The Slovenian texts say it first."""
    from metrics_core.i18n import Message

    values = {"fields": "‘Odgovor na povratno informacijo’ ali ‘Čas odgovora na povratno informacijo’",
              "kinds": "odgovori na ankete, zahtevki, klici ali skupine odgovorov ankete", "what": "stranka vsakega klica"}
    with language("sl"):
        texts = [Message(msgid, values).render() for msgid in (
            "needs a file of {kinds}; none is loaded", "needs the field {fields} from a file of {kinds}; none is loaded",
            "needs the field {fields} ({what}), which no loaded file provides",
            "needs the field {fields}, which no loaded file provides")]
    late = [text for text in texts if not re.match(r"(\S+ ){0,3}(ni|nima)\b", text)]
    assert late == [], late
