"""The translation layer's own rules: language choice, overrides per context, plurals and the pseudo-language."""

import threading

from metrics_core import i18n
from metrics_core.i18n import Message, _, language, ngettext


def test_language_codes_are_normalised_to_shipped_languages():
    assert i18n.normalise_language("sl_SI.UTF-8") == "sl"
    assert i18n.normalise_language("sr_RS") == "sr"
    assert i18n.normalise_language("sr-Latn-RS") == "sr-Latn"
    assert i18n.normalise_language("ro-RO") == "ro"
    assert i18n.normalise_language("de_DE") == "en"
    assert i18n.normalise_language(None) == "en"


def test_environment_prefers_kpidesk_lang_then_locale():
    assert i18n.language_from_environment({"KPIDESK_LANG": "sv", "LANG": "sl_SI.UTF-8"}) == "sv"
    assert i18n.language_from_environment({"LANG": "sl_SI.UTF-8"}) == "sl"
    assert i18n.language_from_environment({"LANG": "C.UTF-8"}) == "en"


def test_override_is_local_to_its_thread():
    seen = {}

    def other_thread():
        seen["other"] = i18n.current_language()

    with language("sv"):
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        seen["here"] = i18n.current_language()
    assert seen == {"here": "sv", "other": "en"}
    assert i18n.current_language() == "en"


def test_english_plural_and_named_values():
    assert ngettext("{count} agent", "{count} agents", 1, count=1) == "1 agent"
    assert ngettext("{count} agent", "{count} agents", 1612, count=1612) == "1,612 agents"
    assert _("{a} before {b}", b="second", a="first") == "first before second"


def test_message_renders_when_shown_and_keeps_its_template():
    message = Message("{count} rows without a date", {"count": 3})
    with language(i18n.PSEUDO_LANGUAGE):
        assert str(message).startswith("⟦") and "3" in str(message)
    assert message.to_dict() == {"text": "3 rows without a date", "template": "{count} rows without a date",
                                 "values": {"count": 3}}


def test_pseudo_language_keeps_fields_and_is_longer():
    text = "Average wait time for {period}"
    pseudo = i18n.pseudo_translate(text)
    assert "{period}" in pseudo
    assert len(pseudo) >= len(text) * 1.4


def test_pseudo_language_padding_wraps_like_words():
    """One run of 120 padding dots after a long note was a word no line could hold: two empty charts' notes
    grew the qps window to 2,250 px at 1366 x 768 (s12-shots-svqps 62_issue_acd_daily)."""
    pseudo = i18n.pseudo_translate("Staffing needs intra-day figures, and these rows have no times of day. " * 4)
    assert max(len(word) for word in pseudo.split()) <= i18n.PADDING_WORD + 1       # (+ the closing mark)
    assert len(pseudo) >= len("Staffing needs intra-day figures, and these rows have no times of day. " * 4) * 1.4
