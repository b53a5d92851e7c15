"""Why a column was mapped is read in the window's language; saved mappings keep the English text."""

from metrics_core.i18n import language
from metrics_core.ingest.reader import read_table
from metrics_core.mapping.detect import detect_mapping
from metrics_core.mapping.model import FieldMapping

from .helpers import make_table


def _table():
    return make_table({"Ticket ID": ["T1", "T2", "T3"], "Created": ["2026-03-03 10:15", "2026-03-04 11:20", "2026-03-05 14:05"],
                       "Status": ["open", "solved", "closed"]})


def test_field_evidence_is_a_template_shown_in_the_language():
    mapping = detect_mapping(_table(), kind="tickets")
    evidence = mapping.fields["created_at"].evidence
    assert str(evidence).startswith("header “Created”")
    with language("sl"):
        assert str(evidence).startswith("glava „Created“") and "header" not in str(evidence)
    with language("sr"):
        assert str(evidence).startswith("заглавље „Created“")
    assert mapping.to_dict()["fields"]["created_at"]["evidence"].startswith("header “Created”")


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


def test_field_evidence_shows_the_headers_own_words_not_the_folded_synonym(tmp_path):
    """'# Meeting notes' matched the synonym 'number' ('#' folds to it): the reason quotes the '#' the header
    holds, in every language (issue 14, the import dialog's 'Why' on a file that is no export)."""
    path = tmp_path / "notes.md"
    path.write_text("# Meeting notes\n\n- call the supplier\n- customers: 12 new this week\n"
                    "- ask Ana about the refund\n\nNext meeting Monday.\n", encoding="utf-8")
    reasons = [fm.evidence for fm in detect_mapping(read_table(path)).fields.values()
               if fm.columns == ["# Meeting notes"]]
    assert reasons
    for lang in ("en", "sl", "ro", "sv", "sr", "sr-Latn"):
        with language(lang):
            text = " ".join(str(r) for r in reasons)
        assert "number" not in text and "#" in text.replace("# Meeting notes", ""), (lang, text)


def test_a_header_that_is_a_synonym_whole_is_quoted_once():
    table = make_table({"TicketID": ["T1", "T2"], "Datum kreiranja (UTC)": ["2026-03-03 10:15", "2026-03-04 11:20"]})
    fields = detect_mapping(table, kind="tickets").fields
    assert str(fields["ticket_id"].evidence) == "header “TicketID” names this field"
    assert str(fields["created_at"].evidence).startswith("header “Datum kreiranja (UTC)” names this field")
    with language("sl"):
        assert str(fields["ticket_id"].evidence) == "glava „TicketID“ je ime tega polja"
