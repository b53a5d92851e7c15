"""Header synonyms in six scripts/languages, folding, units and the scoring order."""

import pytest

from metrics_core.mapping.detect import detect_mapping
from metrics_core.ingest.header_analysis import analyse_header, fold
from metrics_core.mapping.synonyms import header_match, phrase_score

from .helpers import make_table


@pytest.mark.parametrize("header", ["Created at", "Date created", "opened_at", "Ustvarjeno", "Datum nastanka",
                                    "Creat la", "Data creării", "Skapad", "Skapat", "Kreirano", "Datum kreiranja",
                                    "Креирано", "Датум креирања", "USTVARJENO"])
def test_created_at_in_every_language(header):
    score, _ = header_match("tickets", "created_at", header)
    assert score == 1.0


@pytest.mark.parametrize("header", ["Satisfaction", "CSAT", "Ocena zadovoljstva", "Zadovoljstvo", "Satisfacție",
                                    "Nöjdhet", "Betyg", "Задовољство"])
def test_csat_in_every_language(header):
    assert header_match("surveys", "csat_score", header)[0] >= 0.8


@pytest.mark.parametrize("field,header", [("status", "Stanje"), ("status", "Stare"), ("status", "Статус"),
                                          ("channel", "Kanal"), ("channel", "Canal"), ("priority", "Prioriteta"),
                                          ("priority", "Prioritate"), ("resolved_at", "Rešeno"),
                                          ("resolved_at", "Löst"), ("closed_at", "Închis la"),
                                          ("closed_at", "Stängd"), ("closed_at", "Затворено")])
def test_other_ticket_fields_in_other_languages(field, header):
    assert header_match("tickets", field, header)[0] == 1.0


def test_folding_removes_accents_and_transliterates_cyrillic():
    assert fold("Ustvarjeno") == fold("ustvarjeno") == "ustvarjeno"
    assert fold("Data creării") == "data crearii"
    assert fold("Nöjdhet") == "nojdhet"
    assert fold("Ђорђе Ћирић") == "dorde ciric"


@pytest.mark.parametrize("header,folded,unit", [
    ("First reply time in minutes", "first reply time", "min"),
    ("Resolution time (in hrs)", "resolution time", "h"),
    ("First response time (seconds)", "first response time", "s"),
    ("Duration (in seconds)", "duration", "s"),
    ("handle_time_ms", "handle time", "ms"),
    ("Čas prvega odgovora v minutah", "cas prvega odgovora", "min"),
    ("Vreme rešavanja (sati)", "vreme resavanja", "h"),
    ("Service Level (20 Seconds)", "service level 20 seconds", None),     # a threshold, not a unit
    ("Product(s)", "product s", None),
])
def test_units_are_stripped_and_kept(header, folded, unit):
    info = analyse_header(header)
    assert (info.folded, info.unit) == (folded, unit)


def test_time_zone_suffix_is_stripped():
    info = analyse_header("Conversation started at (America/New_York)")
    assert info.folded == "conversation started at" and info.tz == "america/new_york"
    assert analyse_header("Start Date (UTC)").tz == "UTC"


def test_camel_case_and_hash():
    assert analyse_header("customerID").folded == "customer id"
    assert analyse_header("AvgTalkDuration").folded == "avg talk duration"
    assert analyse_header("Ticket #").folded == "ticket number"


def test_exact_beats_whole_word_beats_contains():
    exact = phrase_score("created at", "created at")
    word = phrase_score("sys created at", "created at")
    inside = phrase_score("customersatisfaction", "satisfaction")
    assert exact == 1.0 > word > inside > 0
    assert phrase_score("status", "stat") < word          # too short to count inside a word


def test_slovenian_ticket_table_is_mapped():
    t = make_table({
        "Številka zahtevka": ["101", "102", "103", "104"],
        "Ustvarjeno": ["2024-03-01 09:00", "2024-03-02 10:00", "2024-03-03 11:00", "2024-03-04 12:00"],
        "Rešeno": ["2024-03-01 12:00", None, "2024-03-03 15:00", "2024-03-05 08:00"],
        "Stanje": ["Zaprto", "Odprto", "Rešeno", "Zaprto"],
        "Kanal": ["E-pošta", "Telefon", "Klepet", "E-pošta"],
    })
    m = detect_mapping(t)
    assert m.kind == "tickets"
    assert [m.column_for(f) for f in ("ticket_id", "created_at", "resolved_at", "status", "channel")] == \
        ["Številka zahtevka", "Ustvarjeno", "Rešeno", "Stanje", "Kanal"]


def test_serbian_cyrillic_ticket_table_is_mapped():
    t = make_table({
        "Број тикета": ["1", "2", "3"],
        "Креирано": ["2024-03-01 09:00", "2024-03-02 10:00", "2024-03-03 11:00"],
        "Статус": ["Отворено", "Решено", "Затворено"],
        "Оператер": ["Ана", "Марко", "Ана"],
    })
    m = detect_mapping(t)
    assert m.kind == "tickets"
    assert (m.column_for("ticket_id"), m.column_for("created_at"), m.column_for("status"), m.column_for("agent")) == \
        ("Број тикета", "Креирано", "Статус", "Оператер")


def _every_synonym_scored(kind: str, field: str, header: str) -> tuple[float, str]:
    """The matcher as it was before the phrase index: every synonym scored against the header."""
    from metrics_core.mapping.synonyms import synonyms_for

    folded = analyse_header(header).folded
    best, best_phrase = 0.0, ""
    for phrase, weight in synonyms_for(kind, field):
        if (score := phrase_score(folded, phrase) * weight) > best:
            best, best_phrase = score, phrase
    return best, best_phrase


def test_indexed_matching_gives_what_scoring_every_synonym_gives():
    """Headers are matched through an index of the synonyms' first letters; the result must be
    what scoring each synonym gives, for every field of every kind (inside words, whole words,
    short synonyms, other scripts, headers that name nothing)."""
    from metrics_core.catalogue import KINDS

    headers = ["Ticket ID", "Created at", "sys_created_on", "Customer Satisfaction Rating", "TicketNumber",
               "Čas prvega odgovora", "Време чекања", "Data creării", "SL %", "id", "Wait (s)", "col17", "x",
               "First Response Time (in minutes)", "Handle time avg", "Abandoned calls", "Call ID", "ko",
               "Agent name", "Order #", "Total charges", "tid", "Answered Y/N", "Survey date", "NPS score",
               "réponse", "Datum", "Time of day", "Hours worked", "Top Box %", "lineitem_price", "sla met?"]
    checked = 0
    for header in headers:
        for kind in KINDS:
            for field in [*kind.field_names(), "date", "time"]:
                assert header_match(kind.name, field, header) == _every_synonym_scored(kind.name, field, header), \
                    (kind.name, field, header)
                checked += 1
    assert checked > 5000
