"""A reason naming several data kinds names them in the owner's language (s16-truth2): agent productivity without
an agent column read, in Slovenian, "… (v datoteki vrste „tickets or calls“)": the kinds were a fixed English
string, not the kinds' labels. Every reason built by ``missing_result`` / ``empty_result`` now takes kind ids.

Session 18 (s18-words): the kinds were then named two ways, the labels mid-sentence in those reasons ("(in a file
of the kind “Tickets or Calls”)", sl "„Zahtevki ali Klici“") and lower-case words in the engine's ("needs a file of
tickets or messages"). ``catalogue.kinds_text`` is now the one way a sentence names kinds (its own msgids, so each
language writes the case it writes there); ``catalogue.kind_label`` the one way a label does."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.catalogue import KIND_WORDS, KINDS, kind_label, kinds_text
from metrics_core.i18n import language
from metrics_core.metrics.common import empty_result, missing_result
from metrics_core.metrics.engine import compute_metric

from .builders import bundle_of, make_frames

LANGUAGES = ("en", "sl", "ro", "sv", "sr", "sr-Latn")


@pytest.mark.parametrize("code", LANGUAGES)
def test_agent_productivity_without_an_agent_names_the_kinds_in_the_language(code) -> None:
    tickets = make_frames(120)["tickets"]          # an agent on each ticket, but no date to count working days by
    tickets = tickets.drop(columns=[c for c in ("resolved_at", "closed_at", "resolution_s") if c in tickets.columns])
    tickets["created_at"] = pd.NaT
    result = compute_metric(bundle_of({"tickets": tickets}), "agent_productivity")
    assert result.value is None and result.missing_fields == ["created_at"], result.reason
    with language(code):
        reason, words = str(result.reason), str(kinds_text(("tickets", "calls")))
        assert words in reason, (reason, words)
        assert kind_label("tickets") not in reason and kind_label("calls") not in reason, reason
        if code != "en":
            assert "tickets" not in reason and "calls" not in reason, reason


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_contacts_at_all_names_the_kinds_in_the_language(code) -> None:
    result = empty_result("request_volume", "count", ("tickets", "calls", "social"), higher_is_better=None)
    with language(code):
        reason, words = str(result.reason), str(kinds_text(("tickets", "calls", "social")))
        assert words in reason and not any(kind_label(k) in reason for k in ("tickets", "calls", "social")), reason
        if code != "en":            # (ro "sociale", sv "sociala": the word, not the kind's id)
            assert "tickets" not in reason and " social " not in f" {reason} ", reason


NONE_LOADED = (           # (KPI, the only file loaded, the kinds its "…; none is loaded" reason names)
    ("first_response_time", "surveys", ("tickets", "messages")),          # needs the field … from a file of …
    ("average_handle_time", "surveys", ("calls", "call_intervals")),       # needs a file of …
    ("first_response_time", "messages", ("tickets",)),                    # the loaded kind cannot carry the field
)


@pytest.mark.parametrize("computed_in, shown_in", (("en", "sl"), ("sl", "sv"), ("sv", "ro"), ("ro", "sr"),
                                                   ("sr", "en")))
@pytest.mark.parametrize("metric_id, loaded, kinds", NONE_LOADED)
def test_a_none_is_loaded_reason_is_in_the_language_it_is_shown_in(computed_in, shown_in, metric_id, loaded,
                                                                    kinds) -> None:
    """The engine's "needs a file of …; none is loaded" reasons name the kinds when shown, not when computed:
    the owner switches the window's language and the cards keep their results (MainWindow.set_language)."""
    with language(computed_in):
        result = compute_metric(bundle_of({loaded: make_frames(60)[loaded]}), metric_id)
    assert result.value is None and "none is loaded" in result.reason.english(), result.reason
    with language(shown_in):
        reason, words = str(result.reason), [str(kinds_text(k)) for k in kinds]
    with language(computed_in):
        before = [str(kinds_text(k)) for k in kinds]
    assert all(w in reason for w in words), (reason, words)
    assert not any(b in reason for b in before if b not in words), (reason, before)


@pytest.mark.parametrize("code", ("sl", "sv", "sr"))
def test_a_breakdown_by_a_column_nobody_has_names_the_kpi_in_the_language(code) -> None:
    """The breakdown's "No loaded file has a column … to break {label} down by." put the KPI's English name
    ("First response time") inside the owner's sentence."""
    from metrics_core.errors import ParameterError
    from metrics_core.i18n import _
    from metrics_core.metrics.engine import breakdown
    from metrics_core.metrics.registry import get_metric

    with language(code), pytest.raises(ParameterError) as raised:
        breakdown(bundle_of({"tickets": make_frames(60)["tickets"]}), "first_response_time", "no_such_column")
    with language(code):
        name = _(get_metric("first_response_time").label)
        text = str(raised.value)
    assert name != "First response time" and name in text and "First response time" not in text, text


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_kind_has_a_label_and_a_word_for_inside_a_sentence(code) -> None:
    """Each kind, in each language: its label with a capital ("Zahtevki", a list's entry, "{kind}: 120 rows") and its
    word for inside a sentence in small letters (the languages we speak write nouns so there), translated on its own
    (not the label's first letter made small: "call intervals (ACD)" keeps its capitals)."""
    assert set(KIND_WORDS) == {k.name for k in KINDS}
    with language(code):
        for kind in KINDS:
            label, word = kind_label(kind.name), str(kinds_text(kind.name))
            assert label[0].isupper() and word[0].islower() and label != word, (kind.name, label, word)
            if code != "en":
                assert word != kind.name.replace("_", " "), (kind.name, word)


MID_SENTENCE = (          # (the reason's maker, the kinds it names): each of the ways a reason names kinds
    (lambda: missing_result("agent_productivity", "count", ["agent"], ("tickets", "calls"), higher_is_better=True),
     ("tickets", "calls")),
    (lambda: empty_result("first_response_time", "seconds", "tickets", higher_is_better=False), ("tickets",)),
    (lambda: compute_metric(bundle_of({"surveys": make_frames(60)["surveys"]}), "average_handle_time"),
     ("calls", "call_intervals")),
)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("case", range(len(MID_SENTENCE)))
def test_reasons_name_kinds_in_one_way_mid_sentence(code, case) -> None:
    """The reasons of ``missing_result`` and ``empty_result`` and the engine's name kinds the same way: the kinds'
    words, never their labels (on main: "in a file of the kind “Tickets or Calls”", sl "„Zahtevki ali Klici“",
    beside the engine's "needs a file of calls or call intervals (ACD)")."""
    make, kinds = MID_SENTENCE[case]
    result = make()
    with language(code):
        reason, words = str(result.reason), str(kinds_text(kinds))
        labels = [kind_label(k) for k in kinds]
    assert words in reason and not any(label in reason for label in labels), (reason, words, labels)
