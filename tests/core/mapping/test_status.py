"""Status, call outcome and rating-label normalisation."""

import pandas as pd
import pytest

from metrics_core.mapping.status import (FRESHDESK_STATUS, LIVEAGENT_STATUS, normalise_outcome, normalise_status,
                                         rating_scores, unknown_values)


@pytest.mark.parametrize("value,expected", [
    ("Open", "open"), ("New", "open"), ("Pending", "pending"), ("On-hold", "pending"), ("Solved", "solved"),
    ("Closed", "closed"),
    ("Active", "open"), ("Awaiting User Info", "pending"), ("Resolved", "solved"),            # ServiceNow
    ("Pending Customer Response", "pending"),                                                  # Kaggle
    ("Waiting on contact", "pending"), ("Waiting on us", "open"),                              # HubSpot stages
    ("To Do", "open"), ("Done", "solved"), ("spam", "closed"),
    ("Odprto", "open"), ("V čakanju", "pending"), ("Rešeno", "solved"), ("Zaprto", "closed"),   # Slovenian
    ("Deschis", "open"), ("În așteptare", "pending"), ("Rezolvat", "solved"), ("Închis", "closed"),  # Romanian
    ("Öppen", "open"), ("Väntande", "pending"), ("Löst", "solved"), ("Stängd", "closed"),     # Swedish
    ("Otvoren", "open"), ("Na čekanju", "pending"), ("Rešeno", "solved"), ("Zatvoren", "closed"),  # Serbian
    ("Отворено", "open"), ("На чекању", "pending"), ("Решено", "solved"), ("Затворено", "closed"),
])
def test_status_words(value, expected):
    assert normalise_status(pd.Series([value])).iloc[0] == expected


def test_liveagent_codes_and_freshdesk_numbers_through_value_maps():
    codes = pd.Series(list("INTPRXBACWL"))
    got = normalise_status(codes, LIVEAGENT_STATUS).tolist()
    assert got == ["open", "open", "open", "open", "solved", "closed", "closed", "pending", "open", "pending",
                   "closed"]
    assert normalise_status(pd.Series([2.0, 3.0, 4.0, 5.0]), FRESHDESK_STATUS).tolist() == \
        ["open", "pending", "solved", "closed"]


def test_value_map_wins_and_unknown_values_are_reported():
    values = pd.Series(["Open", "Parked", "Weird", None])
    got = normalise_status(values, {"Open": "pending", "Parked": "pending"})
    assert got.iloc[0] == "pending" and got.iloc[1] == "pending"
    assert got.isna().tolist() == [False, False, True, True]
    assert unknown_values(values, got) == ["Weird"]


@pytest.mark.parametrize("value,expected", [
    ("ANSWERED", "answered"), ("NO ANSWER", "missed"), ("BUSY", "blocked"), ("FAILED", "blocked"),
    ("CONGESTION", "blocked"),                                                                  # Asterisk
    ("completed", "answered"), ("busy", "blocked"), ("failed", "blocked"), ("no-answer", "missed"),
    ("canceled", "abandoned"),                                                                  # Twilio
    ("Answered", "answered"), ("Abandoned", "abandoned"), ("Missed", "missed"), ("Voicemail", "voicemail"),
    ("Out of business hours", "missed"),                                                        # Aircall
    ("Zgrešen", "missed"), ("Ocupat", "blocked"), ("Besvarat", "answered"), ("Пропуштен", "missed"),
])
def test_outcomes(value, expected):
    assert normalise_outcome(pd.Series([value])).iloc[0] == expected


def test_rating_labels():
    got = rating_scores(pd.Series(["Good", "Bad", "Offered", "Not Offered", None, "Great", "Okay", "Not Good", "4"]))
    assert got.tolist()[:2] == [5.0, 1.0]
    assert got.iloc[2:5].isna().all()
    assert got.iloc[5:].tolist() == [5.0, 3.0, 1.0, 4.0]
