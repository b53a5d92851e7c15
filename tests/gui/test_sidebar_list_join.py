"""The sidebar's "also …" names the other kinds a file feeds as a list in the language (s19-words): they were joined
by ", " in every language ("also Survey answers, Calls", no "and")."""

from __future__ import annotations

from metrics_core.i18n import language

from desktop_app.panels.dataset_sidebar import detail_text


def test_also_lists_the_other_kinds_with_the_languages_and() -> None:
    assert detail_text("Tickets", 4043, ["Survey answers", "Calls", "Orders"]).endswith(
        "also Survey answers, Calls, and Orders")
    with language("sl"):
        assert detail_text("Zahtevki", 2, ["Ankete", "Klici"]).endswith("Ankete in Klici")
