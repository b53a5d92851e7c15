"""Why a column was mapped is read in the window's language; saved mappings keep the English text."""

from metrics_core.i18n import language
from metrics_core.mapping.detect import detect_mapping
from metrics_core.mapping.model import FieldMapping

from .helpers import make_table


def _table():
    return make_table({"Ticket ID": ["T1", "T2", "T3"], "Created": ["2026-03-03 10:15", "2026-03-04 11:20", "2026-03-05 14:05"],
                       "Status": ["open", "solved", "closed"]})


def test_field_evidence_is_a_template_shown_in_the_language():
    mapping = detect_mapping(_table(), kind="tickets")
    evidence = mapping.fields["created_at"].evidence
    assert str(evidence).startswith("header 'Created'")
    with language("sl"):
        assert str(evidence).startswith("glava „Created“") and "header" not in str(evidence)
    with language("sr"):
        assert str(evidence).startswith("заглавље „Created“")
    assert mapping.to_dict()["fields"]["created_at"]["evidence"].startswith("header 'Created'")


def test_kind_evidence_counts_with_the_languages_plural_forms():
    mapping = detect_mapping(_table())
    with language("sl"):
        text = str(mapping.kind_evidence)
    assert "najdena 3 polja" in text and "fields matched" not in text
    with language("ro"):
        assert "3 câmpuri găsite" in str(mapping.kind_evidence)
    assert "3 fields matched" in mapping.to_dict()["kind_evidence"]


def test_a_saved_mapping_set_by_the_user_reads_in_the_language():
    field = FieldMapping.from_dict("created_at", {"columns": ["Created"], "source": "user", "evidence": "set by you"})
    with language("sv"):
        assert str(field.evidence) == "angivet av dig"
    assert field.to_dict()["evidence"] == "set by you"
