"""Rows left out of a KPI are named by whole translated sentences, not a noun dropped into a slot: the
words around the noun agree with it (Slovenian "zaprti zahtevki" but "zaprte pritožbe")."""

import pandas as pd
import pytest

from metrics_core.errors import ParameterError
from metrics_core.i18n import language
from metrics_core.metrics.business_hours import BusinessCalendar
from metrics_core.metrics.engine import compute_metric
from metrics_core.metrics.model import MetricInputs


def _complaints():
    return MetricInputs({"tickets": pd.DataFrame({
        "ticket_id": ["1", "2"], "created_at": pd.to_datetime(["2024-03-04 10:00", "2024-03-04 10:00"]),
        "resolved_at": pd.to_datetime(["2024-03-06 10:00", None]),
        "closed_at": pd.to_datetime(["2024-03-06 10:00", "2024-03-07 10:00"]),
        "is_complaint": pd.array([True, True], dtype="boolean")})})


def _reasons(result, code):
    with language(code):
        return [str(reason) for _count, reason in result.excluded]


def test_complaints_left_out_agree_with_their_noun():
    result = compute_metric(_complaints(), "complaint_resolution_time")
    assert any(r.startswith("complaints closed without a resolved time") for r in _reasons(result, "en"))
    assert any(r.startswith("pritožbe, zaprte brez časa rešitve") for r in _reasons(result, "sl"))
    assert any(r.startswith("жалбе затворене без времена решења") for r in _reasons(result, "sr"))
    assert any(r.startswith("reclamații închise fără oră de rezolvare") for r in _reasons(result, "ro"))


def test_tickets_left_out_name_the_setting_as_the_settings_page_does():
    result = compute_metric(_complaints(), "resolution_time")
    assert any("zahtevki, zaprti brez časa rešitve" in r and "„Čas zaprtja šteje kot rešitev“" in r
               for r in _reasons(result, "sl"))


def test_a_missing_interval_column_names_the_data_kind_in_the_language():
    rows = pd.DataFrame({"period": pd.to_datetime(["2024-03-04"]), "offered": [10.0]})
    result = compute_metric(MetricInputs({"call_intervals": rows}), "abandonment_rate")
    with language("sv"):
        assert "i en fil med samtalsintervall (ACD)" in str(result.reason)     # (the kind's word mid-sentence, s18-words)


@pytest.mark.parametrize("times, english, slovenian", [
    ({"closes": "25:00"}, "The closing time", "Čas zaprtja"),
    ({"opens": "8:7x"}, "The opening time", "Čas odprtja"),
])
def test_a_wrong_opening_or_closing_time_is_named_in_a_whole_sentence(times, english, slovenian):
    with pytest.raises(ParameterError) as caught:
        BusinessCalendar(**times)
    assert str(caught.value).startswith(english)
    with language("sl"):                # (the error keeps its Message: said in the language it is shown in)
        with pytest.raises(ParameterError) as caught:
            BusinessCalendar(**times)
        assert str(caught.value).startswith(slovenian)
