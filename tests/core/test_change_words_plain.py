"""A change whose noise cannot be measured read '▼ −€4,494 (noise not measured)': jargon an owner cannot act on
(issue 14, shot 25_latest_month). It now says, in plain words, that it may be chance."""

from __future__ import annotations

import pytest

from metrics_core.i18n import language
from metrics_core.metrics.engine import Change
from metrics_core.metrics.model import MetricResult
from metrics_core.report_view.compute import KpiOutcome
from metrics_core.report_view.words import change_words

from ..spacing import read


def _untested() -> KpiOutcome:
    result = MetricResult("clv", 8695.0, "currency", higher_is_better=True)
    return KpiOutcome("clv", result, Change(8695.0, 13189.0, -4494.0, None, None, None), None)


def test_an_untested_change_says_it_may_be_chance() -> None:
    assert read(change_words(_untested())) == "▼ −€4,494, may be chance"


@pytest.mark.parametrize("code, words", [("sl", "morda naključje"), ("ro", "poate fi întâmplător"),
                                         ("sv", "kan vara slumpen"), ("sr", "можда случајно"),
                                         ("sr-Latn", "možda slučajno")])
def test_every_language_says_it_plainly(code, words) -> None:
    with language(code):
        assert change_words(_untested()).endswith(words)
