"""While the dashboard is computed (issue 14: "no placeholder axes while loading, a clear loading state
instead"): the cards say their values are being worked out, not a bare "—" that reads as "no value", and the
busy bar visibly moves, in the light and the dark palette (an empty bar at 0 looked like a blank text box:
s10-layout v2/1280x720-sl/07_loading_dashboard)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.formatting import DASH
from desktop_app.panels.busy_bar import BusyBar
from desktop_app.panels.dashboard import DashboardPanel
from metrics_core.i18n import _

from .conftest import wait_results
from .helpers import make_dataset, tickets_frame
from .test_laptop_fit_dark import contrast, palette  # noqa: F401  (the light / dark fixture)


def test_cards_say_they_are_being_worked_out_until_their_values_come(qtbot, state) -> None:
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.resize(1030, 600)
    panel.show()
    seen: dict[str, str] = {}
    state.dataset_loaded.connect(lambda _name: seen.update(
        {m: panel.cards[m].value_label.text() for m in panel.visible_metric_ids()}))
    results = wait_results(qtbot, state, lambda: state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80))))
    working = _("Working out\u2026")
    assert seen and set(seen.values()) == {working}, seen
    card = panel.cards["first_response_time"]
    assert results.results["first_response_time"].value is not None
    assert card.value_label.text() not in (working, DASH)
    assert card.value_label.styleSheet() == ""            # the value in the card's own colour, not muted


def test_a_cancelled_computation_leaves_no_card_working_out(qtbot, state) -> None:
    panel = DashboardPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    state.add_dataset(make_dataset("tickets", "tickets", tickets_frame(80)))
    shown = panel.visible_metric_ids()
    assert shown and all(panel.cards[m].value_label.text() == _("Working out\u2026") for m in shown)
    state._recompute_timer.stop()            # (the computation it scheduled never starts: as if cancelled)
    state.cancel()
    state.busy_changed.emit(False, "")
    qtbot.waitUntil(lambda: all(panel.cards[m].value_label.text() == DASH for m in shown), timeout=2000)


def test_the_busy_bar_moves_until_the_work_says_how_far_it_is(qtbot, palette) -> None:  # noqa: F811
    bar = BusyBar()
    qtbot.addWidget(bar)
    bar.resize(600, 34)
    bar.set_busy(True, "Computing KPIs")
    progress = bar._bar
    assert (progress.minimum(), progress.maximum()) == (0, 0)      # indeterminate: a moving fill
    qtbot.waitExposed(bar)
    qtbot.wait(120)
    QApplication.processEvents()
    image = progress.grab().toImage()
    fill = QColor(progress.palette().color(QPalette.ColorRole.Highlight))
    ground = QColor(progress.palette().color(QPalette.ColorRole.Base))
    filled = [(x, image.height() // 2) for x in range(image.width())
              if contrast(image.pixelColor(x, image.height() // 2), ground) > 1.5
              and contrast(image.pixelColor(x, image.height() // 2), fill) < 1.5]
    assert len(filled) >= image.width() // 10, f"{palette}: {len(filled)} px of fill in {image.width()}"
    bar.set_progress(0.0, "Computing CSAT")
    assert progress.maximum() == 0                                   # 0 says nothing yet: still moving
    bar.set_progress(0.02, "Reading tickets.csv")
    assert progress.maximum() == 0 and bar.progress() == 0.02       # a sliver of fill read as an empty box
    bar.set_progress(0.4, "Computing NPS")
    assert progress.maximum() == 1000 and progress.value() == 400 and bar.progress() == 0.4
