"""The few-units note is whole on a narrow card (shots16-c: "från 7 personer, för få för a…" at sv 200 % and 1366,
"från 3 kunder, för få för att …"): the words that say the number cannot be trusted were the ones the card cut
when it shortened its rows line beside a target state. The note now reads whole at every width a card gets, with
or without a target state and a change; the count part gives way first (whole in the tooltip)."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop_app.i18n import apply_language
from desktop_app.panels.kpi_card import CARD_HEIGHT, CARD_MAX_WIDTH, CARD_WIDTH, KpiCard
from metrics_core.i18n import _
from metrics_core.metrics.engine import Change
from metrics_core.metrics.model import MetricResult
from metrics_core.report_view.compute import KpiOutcome

from .helpers import shown
from .test_layout_cards_whole import _plain, cut_texts

CASES = (("employee_turnover", "Staff turnover", False, 100 / 5.5, 7, 5.5),      # the demo's staff.csv: 1 of 5.5
         ("repurchase_rate", "Repurchase rate", True, 100 / 3, 3, 3))             # 1 of 3 customers


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_the_few_units_note_is_whole_on_every_width(qtbot, lang, case) -> None:
    metric_id, label, higher, value, n, average = case
    apply_language(lang)
    note = _plain(_("too few to be sure"))
    card = shown(qtbot, KpiCard(metric_id, _(label), "%", higher), CARD_WIDTH, CARD_HEIGHT)
    plain = MetricResult(metric_id, value, "%", n=n, numerator=1.0, denominator=average)
    # as the whole demo gives staff turnover: a caveat line naming its period (it gives way to the note when
    # there is no room for both, into the rows line's tooltip)
    over = MetricResult(metric_id, value, "%", n=n, numerator=1.0, denominator=average,
                        details={"caveat": "over 1 May – 31 Oct 2026"})
    # (sv 1366, the demo's staff.csv alone: "under 15 aug. 2025 – 14 aug. 2026" on two lines hid the rows line)
    long_over = MetricResult(metric_id, value, "%", n=n, numerator=1.0, denominator=average,
                             details={"caveat": "under 15 aug. 2025 – 14 aug. 2026 over 15 Aug 2025"})
    change = Change(value, value * 0.8, value * 0.2, None, pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"),
                    pd.Timestamp("2026-09-01"), pd.Timestamp("2026-09-30"))
    seen = []
    for result, target, moved in ((r, t, m) for r in (plain, over, long_over) for t in (None, value * 1.1, value * 0.9)
                                  for m in (None, change)):
        outcome = KpiOutcome(metric_id, result, moved, None, target)
        for width in range(CARD_WIDTH, CARD_MAX_WIDTH + 1, 6):
            card.resize(width, CARD_HEIGHT)
            card.set_result(result, moved, target, outcome)
            card.layout().activate()
            texts = [_plain(l.text()) for l in (card.n_label, card.reason_label, card.target_label)
                     if l.isVisibleTo(card)]
            where = f"{width} px, target {target is not None}, change {moved is not None}, caveat {result is not plain}"
            if not any(note in t for t in texts):
                seen.append(f"{where}: {texts}")
            if result is not plain and not card.reason_label.isVisibleTo(card):
                assert _plain(result.details.caveat) in _plain(card.n_label.toolTip()), where
            seen += cut_texts(card)
    assert seen == [], f"{len(seen)}:\n" + "\n".join(seen[:20])
