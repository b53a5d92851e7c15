"""Every KPI's name on a compact card, in every language we ship: whole, or shortened after a word with
"…" and whole in the tooltip — never cut mid-letter, even when the card also shows a change on two
lines or a reason instead of a value (the fixed-height card squeezed a two-line Slovenian title to
one and a half lines)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from desktop_app.text_fit import wrapped_height
from desktop_app.panels.kpi_card import KpiCard
from metrics_core.metrics.model import MetricResult
from metrics_core.metrics.registry import REGISTRY

REASON = ("no rows under the current filters: nothing matches the chosen channel and agent in these dates, "
          "so there is no value to show")


class _Change:
    current, previous, absolute = 80.1, 77.8, 2.3
    period_from, period_to = "2026-10-01", "2026-10-31"
    previous_from, previous_to = "2025-10-01", "2025-10-31"       # "… vs Oct 2025": a long comparison


def _cut(label) -> str | None:
    """Why the label's text does not fit the rectangle it is drawn in (None when it fits)."""
    text, rect = label.text(), label.contentsRect()
    metrics = label.fontMetrics()
    if wrapped_height(text, metrics, rect.width()) > rect.height():
        return f"{text!r} needs {wrapped_height(text, metrics, rect.width())} px, has {rect.height()}"
    wide = [w for w in text.split() if metrics.horizontalAdvance(w) > rect.width()]
    return f"{text!r}: {wide} wider than {rect.width()} px" if wide else None


@pytest.mark.parametrize("language", ["sl", "sr", "ro", "sv", "en"])
def test_every_kpi_name_fits_its_card_or_is_shortened_with_the_whole_name_in_the_tooltip(qtbot, language) -> None:
    from desktop_app.i18n import apply_language

    apply_language(language)
    problems = []
    for spec in REGISTRY:
        name = spec.translated_label
        for state in ("value", "change", "reason"):
            card = KpiCard(spec.id, name, spec.unit, spec.higher_is_better)
            qtbot.addWidget(card)
            if state == "reason":
                card.set_result(MetricResult(spec.id, None, spec.unit, n=0, reason=REASON))
            else:
                card.set_result(MetricResult(spec.id, 12.5, spec.unit, n=140), _Change() if state == "change" else None)
            card.show()
            qtbot.waitExposed(card)
            title = card.title_label
            shown = title.text()
            if shown != name:
                if not (shown.endswith("\u2026") and title.toolTip() == name
                        and name.startswith(shown[:-1].rstrip())):
                    problems.append(f"{spec.id}/{state}: shortened to {shown!r} without the whole name")
            labels = [w for w in (title, card.value_label, card.change_label, card.reason_label, card.n_label)
                      if w.isVisible() and w.text()]
            for label in labels:
                why = _cut(label)
                if why:
                    problems.append(f"{spec.id}/{state}: {why}")
                inside = QRect(label.mapTo(card, label.rect().topLeft()), label.size())
                if not card.contentsRect().contains(inside):
                    problems.append(f"{spec.id}/{state}: {label.text()!r} leaves the card")
            tops = sorted((label.mapTo(card, label.rect().topLeft()).y(), label.height(), label.text())
                          for label in labels if label is not card.n_label)
            for (y1, h1, t1), (y2, _h2, t2) in zip(tops, tops[1:]):
                if y1 + h1 > y2:
                    problems.append(f"{spec.id}/{state}: {t1!r} runs into {t2!r}")
            if state == "reason" and card.reason_label.text() != REASON:
                assert REASON in card.reason_label.toolTip()
            card.close()
            card.deleteLater()
    assert not problems, "\n".join(problems[:30])
