"""Yes/no columns in our users' languages and 0/1 flag columns."""

import datetime as dt

import pandas as pd
import pytest

from metrics_core.ingest.types import infer_column


def infer(values, header="Flag", **kw):
    return infer_column(pd.Series(values, dtype=object), header, list(range(2, len(values) + 2)), **kw)


@pytest.mark.parametrize(
    "yes, no",
    [("Yes", "No"), ("Y", "N"), ("TRUE", "FALSE"), ("True", "False"), ("Da", "Ne"), ("Ja", "Nej"),
     ("Да", "Не"), ("Sí", "No"), ("Oui", "Non"), ("Da", "Nu"), ("yes", "NO")],
)
def test_language_pairs(yes, no):
    typed, profile = infer([yes, no, no, "", yes], "Resolved")
    assert profile.col_type == "boolean"
    assert str(typed.dtype) == "boolean"
    assert typed.tolist() == [True, False, False, pd.NA, True]


def test_da_ne_gives_true_false():
    typed, _ = infer(["Da", "Ne"], "Rešeno")
    assert typed.tolist() == [True, False]


def test_zero_one_with_flag_like_header_is_boolean():
    typed, profile = infer(["0", "1", "0", "0"], "SeniorCitizen")
    assert profile.col_type == "boolean"
    assert typed.tolist() == [False, True, False, False]


def test_zero_one_native_numbers_are_boolean():
    typed, profile = infer([0, 1, 1], "Is Escalated")
    assert profile.col_type == "boolean"
    assert typed.tolist() == [False, True, True]


@pytest.mark.parametrize("header", ["Reopens", "Number of Reopen", "Satisfaction rating", "Replies", "Quantity"])
def test_zero_one_counts_stay_numbers(header):
    typed, profile = infer(["0", "1", "1", "0"], header)
    assert profile.col_type == "number"
    assert typed.tolist() == [0.0, 1.0, 1.0, 0.0]


def test_only_zeros_are_not_a_flag():
    _, profile = infer(["0", "0", "0"], "Escalated")
    assert profile.col_type == "number"


def test_x_or_blank_is_not_boolean():
    typed, profile = infer(["x", "", "x", "", "x", "x"], "Escalated")
    assert profile.col_type != "boolean"
    assert typed.tolist()[0] == "x"


def test_three_valued_answers_are_category():
    _, profile = infer(["Yes", "No", "No internet service", "Yes", "No", "Yes"], "OnlineSecurity")
    assert profile.col_type == "category"


def test_workbook_booleans():
    typed, profile = infer([True, False, None], "made_sla")
    assert profile.col_type == "boolean"
    assert typed.tolist() == [True, False, pd.NA]


def test_header_phone_does_not_hide_yes_no():
    _, profile = infer(["Yes", "No"], "PhoneService")
    assert profile.col_type == "boolean"


def test_not_offered_is_a_value_not_missing():
    typed, profile = infer(["Good", "Not Offered", "Bad", "Good", "Offered", "Good", "Bad", "Good"], "Satisfaction Score")
    assert profile.col_type == "category" and profile.n_missing == 0
    assert typed.iloc[1] == "Not Offered"


def test_forced_boolean_counts_failures():
    typed, profile = infer(["1", "0", "maybe", "1"], "Flag", forced_type="boolean")
    assert profile.col_type == "boolean"
    assert profile.n_failed == 1 and profile.failures[0].row == 4 and profile.failures[0].value == "maybe"
    assert typed.tolist() == [True, False, pd.NA, True]


def test_workbook_date_not_taken_for_boolean():
    _, profile = infer([dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2)], "Flag")
    assert profile.col_type == "datetime"
