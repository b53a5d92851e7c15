"""First response time counts tickets (s16-truth2): it reads tickets or messages, so its card's line said
"from 4,030 rows"; each of its durations is one ticket's, whichever file gives the first reply."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.i18n import language, ngettext
from metrics_core.metrics.engine import compute_metric
from metrics_core.report_view.words import basis_words
from metrics_core.resources import demo_dir


@pytest.mark.parametrize("code", ("en", "sl"))
def test_the_count_line_says_tickets(code) -> None:
    bundle = load_bundle([str(demo_dir() / "tickets.csv"), str(demo_dir() / "messages.csv")], None, {})
    result = compute_metric(bundle, "first_response_time")
    raw = pd.read_csv(demo_dir() / "tickets.csv")
    answered = int(raw["First reply time in minutes"].notna().sum())       # the tickets with a first reply
    assert result.n == answered == 4030
    with language(code):
        assert basis_words(result.n, "first_response_time") == ngettext(
            "from {count} ticket", "from {count} tickets", answered, count="4,030" if code == "en" else "4.030")
