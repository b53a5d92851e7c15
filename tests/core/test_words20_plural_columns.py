"""A duration KPI whose timestamps hold dates only names every such column before its verb: with two or more, the
verb is plural in each language ("“Created at” and “Resolved at” have no times of day"), as its plural forms say
(sl has a dual, sr and ro three forms). Session 19 left them joined with ", " before a singular verb
(docs/screen_reviews/shots19-words.md). Each expected text is written out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics_core.i18n import language
from metrics_core.metrics.model import MetricInputs
from metrics_core.metrics.plausibility import date_only_caveat
from metrics_core.metrics.registry import get_metric


def _inputs(*columns: str) -> MetricInputs:
    days = pd.to_datetime(["2026-05-01", "2026-05-03", "2026-05-04"])
    frame = pd.DataFrame({"ticket_id": ["a", "b", "c"], **{c: days for c in columns}})
    return MetricInputs(frames={"tickets": frame})


def _line(code: str, *columns: str) -> tuple[str, str]:
    with language(code):                     # (the columns' labels are named when the KPI is computed)
        line, detail = date_only_caveat(get_metric("resolution_time"), _inputs(*columns))
        return str(line), str(detail)


VERBS = {  # (one column, two columns): the line's verb and the detail's
    "en": (("has no times", "holds dates"), ("have no times", "hold dates")),
    "sl": (("nima ur", "vsebuje datume"), ("nimata ur", "vsebujeta datume")),
    "ro": (("nu are ora", "conține date"), ("nu au ora", "conțin date")),
    "sv": (("saknar klockslag", "innehåller datum"), ("saknar klockslag", "innehåller datum")),
    "sr": (("нема време", "садржи датуме"), ("немају време", "садрже датуме")),
    "sr-Latn": (("nema vreme", "sadrži datume"), ("nemaju vreme", "sadrže datume")),
}


@pytest.mark.parametrize("code", sorted(VERBS))
def test_one_column_takes_a_singular_verb_and_two_a_plural(code) -> None:
    (one_line, one_detail), (two_line, two_detail) = VERBS[code]
    line, detail = _line(code, "created_at")
    assert one_line in line and one_detail in detail, (line, detail)
    line, detail = _line(code, "created_at", "resolved_at")
    assert two_line in line and two_detail in detail, (line, detail)


def test_the_columns_are_joined_as_the_language_joins_a_list() -> None:
    assert _line("en", "created_at", "resolved_at")[0] == "“Created at” and “Resolved at” have no times of day: approximate"
    assert _line("sl", "created_at", "resolved_at")[0].startswith("„Čas nastanka“ in „Trenutek rešitve“ nimata ur"), \
        _line("sl", "created_at", "resolved_at")[0]
    assert _line("sr", "created_at", "resolved_at")[0].endswith("немају време у дану: приближно")
    assert _line("sr", "created_at", "resolved_at")[0].startswith("„Време настанка“ и „Тренутак решења“ ")
