"""A KPI whose settings cannot be used has no value and says why: the reason is the error's Message, kept, so a
window that switches its language after computing says it in the new language (it was ``str(exc)``, the words of
the language it was computed in; s21-switch)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics_core.i18n import language
from metrics_core.metrics.engine import _safe_run
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.registry import get_metric
from metrics_core.report_view.words import readable_reason


def _computed_in(code: str):
    spec = get_metric("staffing")
    calls = pd.DataFrame({"call_id": ["1", "2"], "started_at": pd.to_datetime(["2024-01-08 10:00", "2024-01-08 10:05"]),
                          "outcome": "answered", "wait_s": 5.0, "talk_s": 180.0})
    with language(code):
        return _safe_run(spec, MetricInputs({"calls": calls}), {**spec.defaults(), "interval": "soon"})


def test_a_settings_error_reason_is_said_in_the_language_it_is_shown_in() -> None:
    in_english = _computed_in("en")
    assert in_english.value is None
    assert str(in_english.reason) == 'The staffing interval must be "busiest" or a time like 10:30, not "soon".'
    assert readable_reason(in_english) == ("The staffing interval must be “the busiest interval” or a time like "
                                           "10:30, not “soon”.")
    with language("sl"):                        # (a real translation, the window's words)
        assert readable_reason(in_english) == ("Interval kadrovanja mora biti „najbolj obremenjen interval“ ali ura, "
                                               "kot je 10:30, ne „soon“.")
    for code in ("sl", "sr", "ro", "sv", "sr-Latn"):
        in_code = _computed_in(code)            # computed in that language: the words to expect there
        with language(code):
            assert str(in_english.reason) == str(in_code.reason) != in_english.reason.english(), code
            assert readable_reason(in_english) == readable_reason(in_code), code
    assert in_english.reason.to_dict()["text"] == str(in_english.reason)      # (JSON: the English text)


def _staffing(code: str, calls: pd.DataFrame, **params):
    spec = get_metric("staffing")
    with language(code):
        return _safe_run(spec, MetricInputs({"calls": calls}), {**spec.defaults(), **params})


def test_staffing_s_words_are_kept_unrendered_and_said_in_the_language_shown() -> None:
    """Staffing's caveat names where its interval comes from ("30-min slots of the call log …, averaged over 2 days")
    and its reasons say why it has no value; both were rendered when computed (``_``/``ngettext``), so a card kept
    across a switch said them in the old language (found comparing every KPI of the demo computed in English and
    shown in Slovenian with the same computed in Slovenian: only this one differed)."""
    from metrics_core.formatting import result_caveat

    day = pd.Timestamp("2024-01-08 10:00") + pd.to_timedelta(np.arange(40) * 45, unit="s")
    calls = pd.DataFrame({"call_id": [str(i) for i in range(80)], "started_at": day.append(day + pd.Timedelta(days=1)),
                          "outcome": "answered", "wait_s": 30.0, "talk_s": 180.0})
    dates_only = calls.assign(started_at=calls["started_at"].dt.normalize())
    in_english, no_times = _staffing("en", calls), _staffing("en", dates_only)
    assert in_english.value is not None and "30-min slots of the call log" in result_caveat(in_english)[1]
    assert no_times.value is None and str(no_times.reason).startswith("The calls carry dates without a time of day.")
    for code in ("sl", "sr", "ro", "sv", "sr-Latn"):
        with language(code):
            assert result_caveat(in_english) == result_caveat(_staffing(code, calls)), code
            assert str(no_times.reason) == str(_staffing(code, dates_only).reason) != no_times.reason.english(), code
    with language("sl"):
        assert "slots of the call log" not in result_caveat(in_english)[1]
