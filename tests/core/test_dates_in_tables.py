"""Dates in the data view's cells and in short texts are written as the window's language writes a day
(CLDR): ``4. 3. 2021`` in Slovenian, ``04.03.2021`` in Romanian, ``2021-03-04`` in Swedish and English."""

from datetime import datetime, timedelta

import pandas as pd
import pytest
from babel.dates import format_skeleton

from desktop_app.formatting import format_cell
from metrics_core.formatting import format_date, format_date_time
from metrics_core.i18n import language


@pytest.mark.parametrize("code, day, moment", [
    ("en", "2021-03-04", "2021-03-04 09:05:01"),
    ("sl", "4. 3. 2021", "4. 3. 2021 09:05:01"),
    ("ro", "04.03.2021", "04.03.2021 09:05:01"),
    ("sv", "2021-03-04", "2021-03-04 09:05:01"),
    ("sr", "4. 3. 2021.", "4. 3. 2021. 09:05:01"),
])
def test_table_cells_write_dates_the_languages_way(code, day, moment):
    with language(code):
        assert format_cell(pd.Timestamp("2021-03-04")) == day
        assert format_cell(pd.Timestamp("2021-03-04 09:05:01")) == moment


@pytest.mark.parametrize("code", ["sl", "ro", "sv", "sr", "sr-Latn"])
def test_numeric_dates_agree_with_cldr_on_every_day_of_a_year(code):
    days = [datetime(2024, 1, 1) + timedelta(days=i) for i in range(366)]
    with language(code):
        ours = [format_date(d) for d in days]
    assert ours == [format_skeleton("yMd", d, locale=code.replace("-", "_")) for d in days]


def test_a_moment_at_midnight_is_a_day():
    with language("ro"):
        assert format_date_time(datetime(2021, 3, 4)) == "04.03.2021"
