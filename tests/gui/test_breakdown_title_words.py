"""A breakdown chart's title names the category in the nominative, as the category list gives it: Slovenian
and Serbian must not read 'Povprečni čas čakanja (ASA) po: čakalna vrsta' (a preposition that needs another
case, patched with a colon)."""

import pytest

from metrics_core.i18n import _, language


@pytest.mark.parametrize("code, category, preposition", [
    ("sl", "čakalna vrsta", "po"), ("sr", "ред чекања", "по"), ("sr-Latn", "red čekanja", "po")])
def test_the_breakdown_title_puts_no_preposition_before_a_nominative(code, category, preposition, qapp):
    with language(code):
        title = _("{kpi} by {category}", kpi="ASA", category=category)
        empty = _("No {kpi} values per {category} for these filters.", kpi="ASA", category=category)
    assert title.startswith("ASA") and title.endswith(category)
    for text in (title, empty):
        assert f" {preposition} {category}" not in text and f" {preposition}: " not in text, text
