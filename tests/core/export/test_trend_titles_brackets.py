"""A trend's chart title has no two brackets in a row (s18-deck): sl, sr and sr-Latn read "Rezultat zadovoljstva
strank (CSAT, % zadovoljnih) (mesec)" over every trend of the deck, the chart images and the workbook's charts."""

from __future__ import annotations

import pytest

from metrics_core.export.model import by_word
from metrics_core.i18n import _, language
from metrics_core.metrics.registry import get_metric


@pytest.mark.parametrize("code", ["en", "sl", "ro", "sv", "sr", "sr-Latn"])
def test_a_trend_title_does_not_put_brackets_after_brackets(code):
    with language(code):
        label = get_metric("csat").translated_label
        title = _("{kpi} by {period}", kpi=label, period=by_word("month"))
    assert label.endswith(")") and title.startswith(label)
    assert ") (" not in title, title
