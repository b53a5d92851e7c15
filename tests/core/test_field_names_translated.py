"""Canonical field names stay English as contracts, but their labels and descriptions — what the mapping
editor, the import dialog and the data view show — are read in the owner's language."""

import pytest
from babel.messages.pofile import read_po

from metrics_core.catalogue import KINDS
from metrics_core.i18n import _, language
from metrics_core.i18n.catalogue import DOMAINS, extract, po_path

SHIPPED = ("sl", "ro", "sv", "sr", "sr-Latn")


def _field_texts() -> set[str]:
    texts = set()
    for spec in KINDS:
        for f in spec.fields:
            texts.add(f.label)
            if f.description:
                texts.add(f.description)
    return texts


def test_every_field_label_and_description_is_marked_for_the_catalogue():
    extracted = {m.id for m in extract(DOMAINS[0]) if m.id}
    missing = sorted(_field_texts() - extracted)
    assert not missing, f"field texts not marked with N_(): {missing[:10]}"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_field_label_and_description_has_a_translation(code):
    with po_path(DOMAINS[0], code).open("rb") as handle:
        catalog = read_po(handle)
    untranslated = sorted(t for t in _field_texts() if catalog.get(t) is None or not catalog.get(t).string)
    assert not untranslated, f"{code}: {untranslated[:10]}"


@pytest.mark.parametrize("code, created, wait", [
    ("sl", "Čas nastanka", "Čas čakanja"), ("ro", "Creat la", "Timp de așteptare"),
    ("sv", "Skapat", "Väntetid"), ("sr", "Време настанка", "Време чекања"), ("sr-Latn", "Vreme nastanka", "Vreme čekanja"),
])
def test_field_labels_are_shown_in_the_language(code, created, wait):
    tickets = next(k for k in KINDS if k.name == "tickets")
    calls = next(k for k in KINDS if k.name == "calls")
    with language(code):
        assert _(tickets.field("created_at").label) == created
        assert _(calls.field("wait_s").label) == wait


@pytest.mark.parametrize("code", SHIPPED)
def test_no_two_fields_of_a_kind_read_the_same(code):
    """"First response at" and "First response time" side by side in the mapping editor must differ."""
    clashes = []
    with language(code):
        for spec in KINDS:
            seen: dict[str, str] = {}
            for f in spec.fields:
                shown = _(f.label)
                if shown in seen:
                    clashes.append(f"{spec.name}: {seen[shown]} and {f.name} both read '{shown}'")
                seen[shown] = f.name
    assert not clashes, clashes
