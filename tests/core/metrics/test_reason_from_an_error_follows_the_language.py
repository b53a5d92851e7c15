"""A KPI whose settings cannot be used has no value and says why: the reason is the error's Message, kept, so a
window that switches its language after computing says it in the new language (it was ``str(exc)``, the words of
the language it was computed in; s21-switch)."""

from __future__ import annotations

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
