"""The export dialog's note on the last complete month is a sentence: in every language it starts with a
capital letter, although month names are written in lower case in Slovenian, Romanian, Swedish and Serbian
('oktober 2026 je zadnji mesec …' was shown)."""

import pandas as pd
import pytest

from metrics_core.formatting import format_month
from metrics_core.i18n import _, language

NOTE = ("{month} is the latest month your files cover from its first to its last day; a month still "
        "running would compare a few days with a whole month.")


@pytest.mark.parametrize("code", ("en", "sl", "ro", "sv", "sr", "sr-Latn"))
def test_the_note_starts_with_a_capital_and_names_the_month(code):
    with language(code):
        month = format_month(pd.Timestamp("2026-10-01"), "wide")
        note = _(NOTE, month=month)
    assert note[0].isupper(), note
    assert month in note
