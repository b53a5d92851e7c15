"""Columns that well-known exports add beside the mapped fields (Shopify's 'Financial Status', Typeform's
'Response Type', a review sheet's 'Reviewer', a call export's 'Tags') are offered as filters and
breakdowns: they are named in the owner's language like the mapped fields beside them."""

import pytest

from metrics_core.catalogue import field_label
from metrics_core.i18n import language


@pytest.mark.parametrize("header, slovenian", [
    ("Financial Status", "Stanje plačila"), ("financial_status", "Stanje plačila"),
    ("Fulfillment Status", "Stanje odpreme"), ("Response Type", "Vrsta odgovora"),
    ("Reviewer", "Ocenjevalec"), ("Tags", "Oznake"),
])
def test_known_export_columns_are_named_in_slovenian(header, slovenian):
    with language("sl"):
        assert field_label(header).casefold() == slovenian.casefold()


def test_other_headers_keep_the_file_s_own_words():
    with language("sl"):
        assert field_label("Billing Country") == "Billing Country"
        assert field_label("margin_band") == "margin band"
