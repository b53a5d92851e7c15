"""The open-tickets and backlog caveats come in two forms, "…, on {day}" and "…, on {day}, the last date in your
tickets"; session 14 reworded the first in sl ("po časih nastanka in rešitve") and sv ("enligt tiderna …",
"enligt status") but not its twin, so the date-only Kaggle tickets read "iz časov …" / "efter tiderna …"
(s15-shots-a, sl 1280x720 64_issue_date_only_tickets). The longer form starts as the shorter one does."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from metrics_core.i18n.catalogue import DOMAINS, po_path

TWINS = [("from created and resolved times, on {day}", ", the last date in your tickets"),
         ("by status, on {day}", ", the last date in your tickets")]


@pytest.mark.parametrize("code", ["sl", "sv", "ro", "sr", "sr-Latn"])
def test_the_last_date_form_of_an_as_of_caveat_begins_as_its_short_form(code) -> None:
    domain = next(d for d in DOMAINS if d.name == "kpidesk")
    with po_path(domain, code).open("rb") as handle:
        catalog = read_po(handle)
    for short, tail in TWINS:
        brief, full = catalog.get(short).string, catalog.get(short + tail).string
        assert brief and full and full.startswith(brief), (code, brief, full)
