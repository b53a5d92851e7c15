"""Words a native owner reads badly, found reading the sl, ro, sv and sr cards and start page at 1366 x 768 once more
(s19-words, docs/screen_reviews/shots19-words.md). Each expected text is written out by hand.

- sv: the CLV caveats said "väntat per kund under livstiden" ("waited per customer over the lifetime"); "expected" is
  "förväntat" (the sv seed article: "förväntas spendera").
- sl: predictive CLV said "CLV, štet po mesecih" ("counted", of a value worked out month by month): "izračunan".
- ro: the backlog said "din orele de creare și rezolvare" ("from the hours of creation"; open tickets beside it says
  "după stare"): "după datele de creare și rezolvare"; cash flow counted "din 289 de mișcări" ("movements", where
  sl and sr say transactions): "tranzacții".
- sr: "Просечно време задржавања" (hold time) on the same dashboard as "Задржавање купаца (CRR)" (retention) read
  as a retention time: "Просечно време задржавања позива" (a call held, as a phone's Hold key is named)."""

from __future__ import annotations

from datetime import date

import pytest

from metrics_core.i18n import Message, _, language, ngettext
from metrics_core.metrics.registry import get_metric


def _period():
    from metrics_core.formatting_dates import PeriodName
    return PeriodName.of_days(date(2026, 5, 1), date(2026, 10, 31))


def test_swedish_clv_caveats_say_expected_not_waited() -> None:
    with language("sv"):
        texts = [str(Message("expected per customer over a lifetime, from orders of {period}", {"period": _period()})),
                 _("expected over a lifetime: CLV counted by month"),
                 _("expected per customer over a lifetime, counted by month")]
    assert texts == ["förväntat per kund under livstiden, från beställningar under 1 maj – 31 okt. 2026",
                     "förväntat under livstiden: CLV räknat per månad",
                     "förväntat per kund under livstiden, räknat per månad"], texts


def test_slovenian_predictive_clv_is_worked_out_not_counted() -> None:
    with language("sl"):
        assert _("expected over a lifetime: CLV counted by month") == \
            "pričakovano v življenjski dobi: CLV, izračunan po mesecih"
        assert _("expected per customer over a lifetime, counted by month") == \
            "pričakovano na stranko v življenjski dobi, izračunano po mesecih"


def test_romanian_backlog_and_cash_flow_words() -> None:
    with language("ro"):
        assert _("from created and resolved times, on {day}", day="31 oct. 2026") == \
            "după datele de creare și rezolvare, la 31 oct. 2026"
        assert ngettext("from {count} movement", "from {count} movements", 289, count=289) == "din 289 de tranzacții"
        assert ngettext("from {count} movement", "from {count} movements", 3, count=3) == "din 3 tranzacții"


@pytest.mark.parametrize("code", ["sr", "sr-Latn"])
def test_serbian_hold_time_does_not_read_as_retention(code) -> None:
    with language(code):
        hold, retention = _(get_metric("average_hold_time").label), _(get_metric("retention_rate").label)
    assert (hold, retention) == {"sr": ("Просечно време задржавања позива", "Задржавање купаца (CRR)"),
                                 "sr-Latn": ("Prosečno vreme zadržavanja poziva", "Zadržavanje kupaca (CRR)")}[code]

