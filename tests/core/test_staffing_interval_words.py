"""A staffing interval that is neither the busiest nor a time of day is named in the window's words (s16-words):
the card and the exports said 'must be "busiest" or a time like 10:30', the command line's value, where the
settings offer "the busiest interval"; the command line keeps its value ("busiest" is what it takes)."""

from __future__ import annotations

import pytest

from metrics_core.cli.compute_cmd import load_bundle
from metrics_core.i18n import _, language
from metrics_core.report_view import KpiView, compute_view
from metrics_core.report_view.words import readable_reason
from metrics_core.resources import demo_dir


@pytest.mark.parametrize("code", ("en", "sl", "ro", "sv", "sr", "sr-Latn"))
def test_a_bad_interval_names_the_settings_choice(code) -> None:
    calls = load_bundle([str(demo_dir() / "calls.csv")], None, {})
    result = compute_view(calls, {"staffing": {"interval": "abc"}}, KpiView(kpis=("staffing",))).results["staffing"]
    assert result.value is None
    assert str(result.reason) == 'The staffing interval must be "busiest" or a time like 10:30, not "abc".'
    with language(code):
        shown = readable_reason(result)
        busiest = _("the busiest interval")
        assert busiest in shown and "abc" in shown, shown
        assert "busiest\"" not in shown and "“busiest”" not in shown, shown
        if code != "en":
            assert "staffing interval" not in shown, shown          # translated
