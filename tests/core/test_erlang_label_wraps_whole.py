"""A card title wraps between words: 'Agenter som behövs (Erlang' / 'C)' was seen (sv, 1366 x 768). The model's
name keeps its letter in every shipped language."""

import pytest

from metrics_core.i18n import language
from metrics_core.metrics.registry import get_metric


@pytest.mark.parametrize("code", ("sl", "ro", "sv", "sr", "sr-Latn"))
def test_erlang_c_is_never_split_in_the_card_title(code):
    with language(code):
        label = get_metric("staffing").translated_label
    assert "Erlang\u00a0C" in label and "Erlang C" not in label, label
