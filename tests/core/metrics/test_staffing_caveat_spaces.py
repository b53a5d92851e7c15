"""The Erlang card's short caveat wraps on a narrow card: a number keeps its unit on its line ('measured 20'
above a lone '%' was seen at 1280 x 720 in English and at 1366 in Romanian)."""

import re
from types import SimpleNamespace

import pytest

from metrics_core.i18n import language
from metrics_core.metrics.call_staffing import _caveat


@pytest.mark.parametrize("code", ("en", "sl", "ro", "sv", "sr", "sr-Latn"))
def test_no_breakable_space_between_a_number_and_its_unit(code):
    load = SimpleNamespace(arrivals=4.5, interval_s=1800, slot="09:00", aht_s=240, assumed="", typed=False,
                           measured_within_pct=20.0, agents_seen=None)
    short, _long = _caveat(2, SimpleNamespace(service_level_pct=86.0), load, 20)
    with language(code):
        text = str(short)
    assert "86" in text and "20" in text
    assert not re.search(r"\d [%sс]", text), text
