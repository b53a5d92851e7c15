"""A date axis without periods (pyqtgraph's own labels) names months and weekdays in the window's language."""

import datetime

import pytest
from pyqtgraph.graphicsItems.DateAxisItem import DAY_HOUR_ZOOM_LEVEL, YEAR_MONTH_ZOOM_LEVEL

from desktop_app.charts.time_axis import PeriodAxis, localised_strftime
from metrics_core.i18n import language

STARTS = [datetime.datetime(2026, m, 1, tzinfo=datetime.timezone.utc).timestamp() for m in (1, 5, 10)]


def _labels(axis, zoom, fmt):
    axis.zoomLevel = zoom
    spacing = next(s.spacing for s in zoom.tickSpecs if s.format == fmt)
    return axis.tickStrings(STARTS, 1.0, spacing)


@pytest.mark.parametrize("code, months, weekday", [
    ("en", ["Jan", "May", "Oct"], "Thu 01"),
    ("sl", ["jan.", "maj", "okt."], "čet. 01"),
    ("sr", ["јан", "мај", "окт"], "чет 01"),
    ("sv", ["jan.", "maj", "okt."], "tors 01"),
])
def test_month_and_weekday_ticks_follow_the_language(qapp, code, months, weekday):
    axis = PeriodAxis()
    with language(code):
        assert _labels(axis, YEAR_MONTH_ZOOM_LEVEL, "%b") == months
        assert _labels(axis, DAY_HOUR_ZOOM_LEVEL, "%a %d")[0] == weekday


def test_a_month_with_its_year_is_written_as_cldr_writes_it():
    with language("sr"):
        assert localised_strftime(datetime.datetime(2026, 6, 1), "%b %Y") == "јун 2026."
