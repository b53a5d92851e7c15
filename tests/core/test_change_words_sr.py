"""A worse change in Serbian does not read as a direction (s18-deck): the sr deck's summary and the card said
"▼ −2,0 п. п., горе" for customer retention, and "горе" is also "up", beside a down arrow."""

from __future__ import annotations

import pytest

from metrics_core.i18n import _, language


@pytest.mark.parametrize("code, worse", [("sr", "лошије"), ("sr-Latn", "lošije")])
def test_a_worse_change_says_worse_not_up(code, worse):
    with language(code):
        text = _("{arrow} {change}, worse", arrow="▼", change="−2,0 п. п.")
    assert text.endswith(f", {worse}") and "горе" not in text and "gore" not in text
