"""KPI settings read in the owner's language: every parameter's label and help, and every choice,
whose value (``when_no_resolved_column``) stays the contract of the settings file and the CLI."""

import re

import pytest

from metrics_core.i18n import language
from metrics_core.metrics.registry import REGISTRY
from metrics_core.metrics.ticket_durations import CLOSED_AS_RESOLVED

SPECS = list(REGISTRY.values()) if isinstance(REGISTRY, dict) else list(REGISTRY)
PARAMS = {p.name + ":" + ",".join(map(str, p.choices)): p for s in SPECS for p in s.params}


def test_closing_time_setting_is_translated():
    with language("sl"):
        assert CLOSED_AS_RESOLVED.translated_label == "Čas zaprtja šteje kot rešitev"
        assert CLOSED_AS_RESOLVED.choice_label("never") == "nikoli"
    with language("sr"):
        assert CLOSED_AS_RESOLVED.translated_label == "Време затварања се рачуна као решење"


@pytest.mark.parametrize("code", ["sl", "ro", "sv", "sr"])
def test_every_worded_choice_and_parameter_text_is_shown_translated(code):
    untranslated = []
    for param in PARAMS.values():
        with language("en"):
            english = [param.translated_label, param.translated_help] + [param.choice_label(c) for c in param.choices]
        with language(code):
            shown = [param.translated_label, param.translated_help] + [param.choice_label(c) for c in param.choices]
        for before, after in zip(english, shown):
            worded = re.search(r"[a-z]{3}", before) and before not in ("auto",)
            if worded and after == before and before not in ("Agent", "Status", "Period"):
                untranslated.append(f"{param.name}: {before}")
    assert not untranslated, untranslated
    with language(code):
        assert all("_" not in param.choice_label(c) for param in PARAMS.values() for c in param.choices)
