"""Numbers as exports write them, and identifiers that must stay text."""

import numpy as np
import pandas as pd
import pytest

from metrics_core.ingest.types import infer_column


def infer(values, header="Amount", **kw):
    return infer_column(pd.Series(values, dtype=object), header, list(range(2, len(values) + 2)), **kw)


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["1.234,56", "2,5"], [1234.56, 2.5]),                 # decimal comma with thousands dot
        (["1,5", "0,25"], [1.5, 0.25]),                         # decimal comma
        (["1,234.56", "12.5"], [1234.56, 12.5]),                # thousands comma
        (["1 234,56", "12,00"], [1234.56, 12.0]),               # space thousands
        (["1\u00a0234,56", "7,1"], [1234.56, 7.1]),             # NBSP thousands
        (["1\u202f234,56", "7,1"], [1234.56, 7.1]),             # narrow NBSP thousands
        (["1'234.50", "99.95"], [1234.5, 99.95]),               # Swiss apostrophe
        (["€ 12,50", "€ 3,00"], [12.5, 3.0]),                   # euro sign before
        (["12.50 EUR", "3.10 EUR"], [12.5, 3.1]),               # code after
        (["$1,200", "$15.75"], [1200.0, 15.75]),                # dollars with thousands
        (["12 kr", "7,50 kr"], [12.0, 7.5]),                    # Swedish kronor
        (["1.200 RSD", "350,50 RSD"], [1200.0, 350.5]),          # dinars, thousands dot
        (["12,50 lei", "3 lei"], [12.5, 3.0]),                  # Romanian lei
        (["-5", "(3.25)", "−2"], [-5.0, -3.25, -2.0]),          # minus, parentheses, unicode minus
        (["-€12", "€-3"], [-12.0, -3.0]),                       # sign around currency
        (["3.0", "1.0", "5.0"], [3.0, 1.0, 5.0]),               # float strings (CSAT)
        (["1.234.567", "2.000.000"], [1234567.0, 2000000.0]),   # several thousands dots
    ],
)
def test_number_forms(cells, expected):
    typed, profile = infer(cells)
    assert profile.col_type == "number", profile
    assert profile.n_failed == 0
    assert typed.tolist() == pytest.approx(expected)
    assert typed.dtype == np.float64


def test_decimal_comma_named_in_detail():
    _, profile = infer(["1.234,56", "2,5"])
    assert "decimal comma" in profile.detail


def test_percent_strings():
    typed, profile = infer(["94.01%", "100.00%", "76.28%"], "Answer Rate")
    assert profile.col_type == "percent"
    assert typed.tolist() == pytest.approx([94.01, 100.0, 76.28])


def test_percent_with_decimal_comma():
    typed, profile = infer(["94,5 %", "12,25 %"], "Delež")
    assert profile.col_type == "percent"
    assert typed.tolist() == pytest.approx([94.5, 12.25])


def test_ambiguous_thousands_uses_hint():
    typed, profile = infer(["1,234", "2,500"], decimal=",")
    assert typed.tolist() == pytest.approx([1.234, 2.5])
    assert profile.ambiguous == ""
    typed, profile = infer(["1,234", "2,500"], decimal=".")
    assert typed.tolist() == pytest.approx([1234.0, 2500.0])


def test_ambiguous_thousands_without_hint_is_reported():
    typed, profile = infer(["1,234", "2,500"])
    assert typed.tolist() == pytest.approx([1234.0, 2500.0])
    assert "1,234" in profile.ambiguous


def test_values_decide_over_hint():
    typed, _ = infer(["1,5", "2,25", "3,125"], decimal=".")
    assert typed.tolist() == pytest.approx([1.5, 2.25, 3.125])


def test_hint_comma_reads_dotted_thousands():
    typed, _ = infer(["1.234", "12.500"], decimal=",")
    assert typed.tolist() == pytest.approx([1234.0, 12500.0])


def test_failures_have_source_rows():
    cells = ["1023", "300 or more", "400", "n/a", "500", "600", "700", "abc", "800", "900", "1000", "1100"]
    typed, profile = infer_column(pd.Series(cells, dtype=object), "Completed Surveys", list(range(5, 17)))
    assert profile.col_type == "number"
    assert profile.n_values == 11 and profile.n_missing == 1 and profile.n_failed == 2
    assert [(f.row, f.value) for f in profile.failures] == [(6, "300 or more"), (12, "abc")]
    assert np.isnan(typed.iloc[1]) and typed.iloc[2] == 400.0


def test_failures_listed_at_most_five():
    cells = [str(i) for i in range(60)] + [f"bad {i}" for i in range(8)]
    _, profile = infer(cells, "Count")
    assert profile.n_failed == 8 and len(profile.failures) == 5


# ---- identifiers -------------------------------------------------------------------------------

def test_leading_zeros_stay_text():
    typed, profile = infer(["00001", "00002", "00153"], "Customer")
    assert profile.col_type == "id"
    assert typed.tolist() == ["00001", "00002", "00153"]


def test_shopify_apostrophe_removed_and_text_kept():
    typed, profile = infer(["'00123", "'1234AB", "'456"], "Billing Zip")
    assert profile.col_type == "id"
    assert typed.tolist() == ["00123", "1234AB", "456"]


def test_shopify_apostrophe_without_id_header():
    typed, profile = infer(["'123", "'124", "'5551"], "Client")
    assert profile.col_type == "id"
    assert typed.tolist() == ["123", "124", "5551"]


def test_eighteen_digit_ids_stay_exact():
    ids = ["412345678901234567", "412345678901234568"]
    typed, profile = infer(ids, "Ticket")
    assert profile.col_type == "id"
    assert typed.tolist() == ids


def test_mixed_numbers_and_codes_are_ids():
    typed, profile = infer(["573415", "C567940", "573416", "573417"], "Invoice")
    assert profile.col_type == "id"
    assert typed.tolist() == ["573415", "C567940", "573416", "573417"]
    _, profile = infer(["21166", "85123A", "22516", "84879"], "Stock")
    assert profile.col_type == "id"


@pytest.mark.parametrize("header", ["Ticket ID", "Requester id", "CustomerID", "Order #", "InvoiceNo", "Številka",
                                    "Order Nr", "Zip code", "Issue key", "Phone Number", "#"])
def test_id_headers_keep_integers_as_text(header):
    typed, profile = infer(["101", "102", "103"], header)
    assert profile.col_type == "id"
    assert typed.tolist() == ["101", "102", "103"]


@pytest.mark.parametrize("header", ["Number of Reopen", "# of calls", "Incoming Calls", "Paid"])
def test_count_headers_are_numbers(header):
    _, profile = infer(["101", "102", "103"], header)
    assert profile.col_type == "number"


def test_workbook_integers_with_id_header_are_text_without_decimals():
    typed, profile = infer([13607.0, 17841.0, None], "CustomerID")
    assert profile.col_type == "id"
    assert typed.tolist()[:2] == ["13607", "17841"]
    assert pd.isna(typed.iloc[2])


def test_workbook_numbers():
    typed, profile = infer([2.08, 3, -1.5], "UnitPrice")
    assert profile.col_type == "number"
    assert typed.tolist() == [2.08, 3.0, -1.5]


def test_workbook_numbers_mixed_with_text():
    typed, profile = infer([1023, 400, 500, 600, "300 or more"], "Completed Surveys")
    assert profile.col_type == "number" and profile.n_failed == 1
    assert profile.failures[0].row == 6 and profile.failures[0].value == "300 or more"
    assert typed.tolist()[:4] == [1023.0, 400.0, 500.0, 600.0]


def test_forced_text_keeps_numbers_as_written():
    typed, profile = infer(["3.0", "4.50"], "Score", forced_type="text")
    assert profile.col_type == "text"
    assert typed.tolist() == ["3.0", "4.50"]


def test_forced_number_counts_failures():
    typed, profile = infer(["12", "C12", "14"], "StockCode", forced_type="number")
    assert profile.col_type == "number" and profile.n_failed == 1
    assert typed.tolist()[0] == 12.0 and np.isnan(typed.iloc[1])


def test_unknown_forced_type_is_refused():
    with pytest.raises(ValueError, match="unknown column type"):
        infer(["1"], forced_type="money")


def test_phone_numbers_with_spaces_are_not_numbers():
    typed, profile = infer(["+386 41 123 456", "+386 31 555 444", "+46 8 123 45"], "Contact")
    assert profile.col_type == "text"
    assert typed.tolist()[0] == "+386 41 123 456"


def test_space_grouped_thousands_still_read():
    typed, _ = infer(["1 234 567,50", "12 kr", "-2 000"], "Znesek")
    assert typed.tolist() == [1234567.5, 12.0, -2000.0]
