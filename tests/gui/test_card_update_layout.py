"""A card given new values on a dashboard that is on screen (a re-filter) does not lay out its row of cards and
every layout above it at each line it shows: Qt lays out a shown label's ancestors at once, up to the window, and
the card's size is fixed (session 19, s19-cards: the cards' update was 16-19 ms of the GUI thread's CPU on a
re-filter, part of it these layouts). What the card shows is the same once the events are over."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.panels.flow_layout import FlowLayout
from desktop_app.panels.kpi_card import CARD_HEIGHT, KpiCard
from metrics_core.metrics.model import MetricResult


class Counter(QObject):
    """Counts the Show and Hide events of the objects it is installed on."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str]] = []

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.seen.append((watched.objectName(), event.type().name))
        return False


class CountedFlow(FlowLayout):
    """The dashboard's row of cards, counting its layouts."""

    laid_out = 0

    def setGeometry(self, rect) -> None:  # noqa: N802 - Qt's name
        type(self).laid_out += 1
        super().setGeometry(rect)


def _row(qtbot, *cards: KpiCard) -> QWidget:
    """Cards in a row as the dashboard puts them (a flow in a holder in a family box), on screen, laid out."""
    box = QWidget()
    QVBoxLayout(box)
    holder = QWidget()
    flow = CountedFlow(holder, fill_rows=True)
    for card in cards:
        flow.addWidget(card)
    box.layout().addWidget(holder)
    qtbot.addWidget(box)
    box.resize(900, CARD_HEIGHT + 20)
    box.show()
    qtbot.waitExposed(box)
    return box


def _caveat(value: float, line: str) -> MetricResult:
    return MetricResult("staffing", value, "count", n=500, details={"caveat": line, "caveat_detail": line + "."})


def test_a_caveat_given_again_keeps_its_line_on_the_card(qtbot, qapp) -> None:
    """A card with a caveat given a new value with a caveat: its caveat's label is not hidden and shown again in
    the update (each show laid out the row of cards and up to the window at once). On main: hidden, then shown."""
    card = KpiCard("staffing", "Agents needed", "count", None)
    box = _row(qtbot, card)
    card.set_result(_caveat(4.0, "4 agents would reach 80 % in 20 s"))
    qapp.processEvents()
    assert card.reason_label.isVisible() and card.reason_label.text().startswith("4 agents")
    counter = Counter()
    card.reason_label.setObjectName("caveat")
    card.reason_label.installEventFilter(counter)
    card.set_result(_caveat(5.0, "5 agents would reach 80 % in 20 s"))
    assert counter.seen == []
    assert card.reason_label.isVisible() and card.reason_label.text().startswith("5 agents")
    card.set_result(MetricResult("staffing", 6.0, "count", n=500))      # no caveat: its line hidden
    assert card.reason_label.isHidden() and card.reason_label.text() == ""
    assert box.isVisible()


def test_a_line_shown_on_a_card_does_not_lay_out_its_row_at_once(qtbot, qapp) -> None:
    """Lines shown on cards that are on screen (a caveat where there was none, a rows line): the row of cards is
    not laid out inside the update, once after it; the cards' places are the same as when laid out at once. On
    main: the row laid out once for each line shown, inside the update."""
    cards = [KpiCard("staffing", f"Agents needed {i}", "count", None) for i in range(3)]
    box = _row(qtbot, *cards)
    for card in cards:
        card.set_result(MetricResult("staffing", 3.0, "count"))
    qapp.processEvents()
    places = [card.geometry() for card in cards]
    CountedFlow.laid_out = 0
    for i, card in enumerate(cards):
        card.set_result(_caveat(4.0 + i, f"{4 + i} agents would reach 80 % in 20 s"))
        assert not card.reason_label.isHidden() and not card.n_label.isHidden()
    assert CountedFlow.laid_out == 0
    qapp.processEvents()
    assert CountedFlow.laid_out <= 1
    assert [card.geometry() for card in cards] == places
    assert all(card.reason_label.isVisible() for card in cards)
    assert box.isVisible()


def test_a_second_update_does_not_measure_the_title_again(qtbot, qapp, monkeypatch) -> None:
    """The title, its width and its font are the same at every re-filter: a card given a new value measures its
    title no more (on main: fitted again each time, ``elide_to_lines`` and ``wrapped_height`` over the title); a
    card resized fits it to its new width, as when fitted afresh."""
    import desktop_app.panels.kpi_card as kpi_card

    title = "Agents needed to answer within the service level"
    card = KpiCard("staffing", title, "count", None)
    box = _row(qtbot, card)
    card.set_result(_caveat(4.0, "4 agents would reach 80 % in 20 s"))
    qapp.processEvents()
    measured: list[str] = []
    for name in ("elide_to_lines", "wrapped_height"):
        real = getattr(kpi_card, name)
        monkeypatch.setattr(kpi_card, name, lambda text, *a, real=real: measured.append(text) or real(text, *a))
    shown, tip = card.title_label.text(), card.title_label.toolTip()
    card.set_result(_caveat(5.0, "5 agents would reach 80 % in 20 s"))
    assert [t for t in measured if t in (title, shown)] == []
    assert (card.title_label.text(), card.title_label.toolTip()) == (shown, tip)
    assert measured, "nothing measured at all: the test would not see the title's"
    for width in (198, 240, 198):
        box.resize(width + 10, box.height())
        card.setFixedWidth(width)
        qapp.processEvents()
        card.set_result(_caveat(6.0, "6 agents would reach 80 % in 20 s"))
        fresh = KpiCard("staffing", title, "count", None)
        fresh_box = _row(qtbot, fresh)
        fresh_box.resize(width + 10, box.height())
        fresh.setFixedWidth(width)
        qapp.processEvents()
        fresh.set_result(_caveat(6.0, "6 agents would reach 80 % in 20 s"))
        assert (card.title_label.text(), card.title_label.toolTip(), card.reason_label.text()) == \
            (fresh.title_label.text(), fresh.title_label.toolTip(), fresh.reason_label.text()), width
        assert fresh_box.isVisible()
