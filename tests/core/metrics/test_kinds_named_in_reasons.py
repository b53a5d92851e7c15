"""A reason naming several data kinds names them in the owner's language (s16-truth2): agent productivity without
an agent column read, in Slovenian, "… (v datoteki vrste „tickets or calls“)": the kinds were a fixed English
string, not the kinds' labels. Every reason built by ``missing_result`` / ``empty_result`` now takes kind ids."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.catalogue import kind_label
from metrics_core.i18n import language
from metrics_core.metrics.common import empty_result
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
        reason = str(result.reason)
        assert kind_label("tickets") in reason and kind_label("calls") in reason, reason
        if code != "en":
            assert "tickets" not in reason and "calls" not in reason, reason


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_contacts_at_all_names_the_kinds_in_the_language(code) -> None:
    result = empty_result("request_volume", "count", ("tickets", "calls", "social"), higher_is_better=None)
    with language(code):
        reason = str(result.reason)
        assert all(kind_label(k) in reason for k in ("tickets", "calls", "social")), reason
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
    from metrics_core.metrics.results import kind_label as kind_words

    with language(computed_in):
        result = compute_metric(bundle_of({loaded: make_frames(60)[loaded]}), metric_id)
    assert result.value is None and "none is loaded" in result.reason.english(), result.reason
    with language(shown_in):
        reason, words = str(result.reason), [str(kind_words(k)) for k in kinds]
    with language(computed_in):
        before = [str(kind_words(k)) for k in kinds]
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
