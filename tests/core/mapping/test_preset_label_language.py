"""A preset named inside a reason reads in the language the reason is shown in (defects15, s15-deck): the workbook's
Sources 'Why' column and the import dialog said 'glava „Total“ (izvoz Shopify orders)' — the English label frozen
into the Message at mapping time. The label is a nested Message, rendered with its text."""

from __future__ import annotations

from metrics_core.i18n import language
from metrics_core.mapping.detect import detect_mapping
from metrics_core.mapping.presets import match_preset

from .helpers import make_table


def _shopify():
    headers = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal",
               "Shipping", "Taxes", "Total", "Discount Code", "Created at", "Lineitem quantity", "Lineitem name",
               "Lineitem price", "Billing Name"]
    match = match_preset(headers)
    assert match is not None and match.preset.label == "Shopify orders"
    return match


def test_a_presets_evidence_names_the_export_in_the_shown_language() -> None:
    match = _shopify()
    evidence = next(iter(match.evidence.values()))
    with language("sl"):
        slovenian = str(evidence)
        label = match.preset.translated_label
    assert label != "Shopify orders" and label in slovenian and "Shopify orders" not in slovenian
    assert "Shopify orders" in evidence.english()        # not frozen at mapping time: English still reads English


def test_the_kind_guess_names_the_export_in_the_shown_language() -> None:
    headers = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal",
               "Shipping", "Taxes", "Total", "Discount Code", "Created at", "Lineitem quantity", "Lineitem name",
               "Lineitem price", "Billing Name"]
    row = ["#1001", "a@b.si", "paid", "2026-03-03 10:15", "fulfilled", "EUR", "20", "3", "4", "27", "", "2026-03-03 10:15",
           "1", "Mug", "20", "Ana"]
    mapping = detect_mapping(make_table({h: [v, v] for h, v in zip(headers, row)}))
    assert "Shopify orders" in str(mapping.kind_evidence)
    with language("sl"):
        assert "Shopify (naročila)" in str(mapping.kind_evidence) and "Shopify orders" not in str(mapping.kind_evidence)
        assert all("Shopify orders" not in str(fm.evidence) for fm in mapping.fields.values())


def test_the_json_form_of_a_reason_is_english_throughout() -> None:
    evidence = next(iter(_shopify().evidence.values()))
    with language("sl"):
        form = evidence.to_dict()
    assert form["values"]["preset"] == "Shopify orders" and "Shopify orders" in form["text"]
