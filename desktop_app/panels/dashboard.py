"""KPI cards grouped by family; a click selects a KPI for the charts."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from metrics_core.catalogue import kind_label
from metrics_core.i18n import _, ngettext
from metrics_core.metrics.model import FAMILIES

from .. import style
from ..app_state import AppState
from .elided_label import ElidedLabel
from .flow_layout import FlowLayout
from .kpi_card import CARD_WIDTH, WORKING_OUT, KpiCard

log = logging.getLogger(__name__)


THREE_ROWS = 3          # rows of cards the dashboard asks room for (when there are as many)
CARDS_SHARE = 0.6       # of the cards' and charts' height: what many cards may ask for beyond three rows


class DashboardPanel(QWidget):
    """Cards for the KPIs the loaded data can feed (or all, on request)."""

    wanted_height_changed = Signal()        # the cards shown changed: the height they ask for (wanted_height)

    def __init__(self, state: AppState, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = state
        self.cards: dict[str, KpiCard] = {}
        self._results: Any = None
        self._stale: set[str] = set()       # hidden cards not yet given ``_results`` (given when shown)
        self._given: dict[str, tuple] = {}   # what each card was given last (not given again)
        self._family_widgets: dict[str, QWidget] = {}
        self._family_rows: dict[str, tuple[QLabel, FlowLayout]] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # the summary and "Show all KPIs" on one line that the workspace puts beside its tabs (a row of its own,
        # two lines in Slovenian, cost the third row of cards on a 1280 x 720 laptop): the whole text in its tooltip
        self.header = TabCornerRow()
        top = QHBoxLayout(self.header)
        top.setContentsMargins(8, 0, 2, 2)
        self.summary_label = ElidedLabel("")
        self._summary = ("", "", "", "")          # headline, what more it says, why no change shows, the files' kinds
        self.summary_label.installEventFilter(self)
        self.show_all_box = QCheckBox(_("Show all KPIs"))
        self.show_all_box.setToolTip(_("Also show the KPIs your files cannot feed yet, with the column or file each needs."))
        self.show_all_box.toggled.connect(self._on_show_all_toggled)
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.show_all_box)
        # why no card shows a change ("All dates are shown, …"): on screen above the cards, wrapped, not cut from
        # the summary's end into its tooltip (s11 shots); the workspace gives the cards the room it takes
        self.hint_label = QLabel("")
        self.hint_label.setWordWrap(True)
        self.hint_label.setContentsMargins(6, 1, 6, 1)
        self.hint_label.hide()
        outer.addWidget(self.hint_label)
        self._scroll = QScrollArea()
        self._scroll.setAccessibleName(_("KPI cards"))
        self._scroll.setWidgetResizable(True)
        self._content = QWidget()
        self._content_layout = QVBoxLayout(self._content)
        self._content_layout.setContentsMargins(4, 2, 4, 2)
        self._content_layout.setSpacing(2)
        self._scroll.setWidget(self._content)
        outer.addWidget(self._scroll, 1)
        # a computation cancelled: no card goes on saying its value is being worked out (looked at once the
        # events of the moment are over: a new computation cancels the running one before it starts)
        self._after_busy = QTimer(self)
        self._after_busy.setSingleShot(True)
        self._after_busy.setInterval(0)
        self._after_busy.timeout.connect(self._stop_working_out)
        self._build_cards()
        state.results_changed.connect(self._on_state_results_changed)
        state.first_results_changed.connect(self._on_state_first_results_changed)
        state.on_screen = self.cards_on_screen
        state.dataset_loaded.connect(self._on_state_datasets_changed)
        state.dataset_removed.connect(self._on_state_datasets_changed)
        state.dataset_replaced.connect(self._on_state_datasets_changed)
        state.selection_changed.connect(self._on_state_selection_changed)
        state.sparklines_changed.connect(self._on_state_sparklines_changed)
        state.targets_changed.connect(self._on_state_targets_changed)
        state.busy_changed.connect(self._on_state_busy_changed)
        self._update_visibility()

    def _build_cards(self) -> None:
        from metrics_core.metrics.registry import REGISTRY

        describe = _describer()

        for family_id, family_label in FAMILIES:
            specs = [s for s in REGISTRY if s.family == family_id]
            if not specs:
                continue
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(1)
            heading = QLabel(_(family_label))
            heading.setStyleSheet("font-size:11pt; font-weight:600;")
            v.addWidget(heading)
            holder = QWidget()
            flow = FlowLayout(holder, fill_rows=True)     # no empty strip at the right
            for spec in specs:
                card = KpiCard(spec.id, _(spec.label), spec.unit, spec.higher_is_better)
                card.set_description(describe(spec.id, ids=False) if describe else _(spec.description))
                card.selected.connect(self._on_card_selected)
                card.rows_requested.connect(self._on_card_rows_requested)
                flow.addWidget(card)
                self.cards[spec.id] = card
            v.addWidget(holder)
            self._content_layout.addWidget(box)
            self._family_widgets[family_id] = box
            self._family_rows[family_id] = (heading, flow)
        self._content_layout.addStretch(1)
        self._specs = {s.id: s for s in REGISTRY}

    def relevant(self, metric_id: str) -> bool:
        """A KPI is shown when one of the kinds it reads is loaded (any data for KPIs of other KPIs)
        and the loaded files have the columns it needs."""
        spec = self._specs[metric_id]
        loaded = set(self.state.bundle.kinds())
        if not (set(spec.kinds) & loaded if spec.kinds else loaded):
            return False
        results = self.state.results.results if self.state.results is not None else {}
        result = results.get(metric_id)
        if result is None or result.value is not None:
            return True
        # a KPI about other KPIs (benchmark gap) waits for a setting: no empty card on top of the real ones
        return bool(spec.kinds) and not result.missing_fields

    def _update_visibility(self) -> None:
        show_all = self.show_all_box.isChecked()
        for family_id, box in self._family_widgets.items():
            any_visible = False
            for mid, card in self.cards.items():
                if self._specs[mid].family != family_id:
                    continue
                visible = show_all or self.relevant(mid)
                if visible and (mid in self._stale or mid not in self._given):
                    self._show_result(mid)
                card.setVisible(visible)
                any_visible |= visible
            box.setVisible(any_visible)
        self._fit_card_width()
        self._lay_out_now()
        shown = sum(1 for c in self.cards.values() if not c.isHidden())
        labels = [kind_label(k) for k in self.state.bundle.kinds()]
        hidden = sum(1 for mid in self.cards if not show_all and not self.relevant(mid))
        files = len(self.state.bundle.datasets)
        headline, more = _("No files loaded"), ""
        if labels:
            kpis = ngettext("{count} KPI", "{count} KPIs", shown, count=shown)
            headline = ngettext("{kpis} from {count} file", "{kpis} from {count} files", files, kpis=kpis, count=files)
            if hidden:
                more = ngettext("{count} more needs other columns or files (tick \u201cShow all KPIs\u201d)",
                                "{count} more need other columns or files (tick \u201cShow all KPIs\u201d)", hidden,
                                count=hidden)
        kinds = _("Data in the loaded files: {kinds}", kinds=", ".join(labels)) if labels else ""
        self._summary = (headline, more, self._comparison_gap() if labels else "", kinds)
        self._place_summary()
        self.wanted_height_changed.emit()

    def _lay_out_now(self) -> None:
        """The cards' page laid out at once, each shown family's row of cards first, then the family, then the page.
        Qt lays nested layouts out one posted request a level, each in a pass of its own of the event loop (the
        results come in a posted event, and the cards' fill keeps the loop busy): a frame painted between the passes
        showed a family at its height from before the results hid some of its cards, an empty band under its last
        row for 0.1-0.3 s (defects16 07_loading_dashboard, s19-gui). Showing a card lays its ancestors out at once
        (Qt does), hiding one does not."""
        for family_id, box in self._family_widgets.items():
            if not box.isHidden():
                self._family_rows[family_id][1].activate()
                box.layout().activate()
        self._content_layout.activate()

    def _place_summary(self) -> None:
        """The summary beside the tabs, whole when it fits there; else its headline there and what more it says in
        the hint row above the cards, with why no card shows a change (no words only in a tooltip)."""
        headline, more, gap, kinds = self._summary
        whole = _("{summary} \u2014 {comparison}", summary=headline, comparison=more) if more else headline
        room = self.summary_label.contentsRect().width()
        fits = self.summary_label.fontMetrics().horizontalAdvance(whole) <= room
        self.summary_label.setText(whole if fits else headline)
        self.summary_label.setToolTip("\n\n".join(t for t in (whole, kinds) if t))
        hint = "\n".join(t for t in ("" if fits else more[:1].upper() + more[1:], gap) if t)     # (its own line)
        if hint != self.hint_label.text() or self.hint_label.isHidden() == bool(hint):
            self.hint_label.setText(hint)
            self.hint_label.setStyleSheet(f"color:{style.secondary_text(self.palette())};")
            self.hint_label.setVisible(bool(hint))
            self.wanted_height_changed.emit()

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802
        if watched is self.summary_label and event.type() == QEvent.Type.Resize:
            self._place_summary()           # (a narrower or wider window: the summary's words placed again)
        return super().eventFilter(watched, event)

    def _fit_card_width(self) -> None:
        """Every card as wide as the longest shown title needs to be read whole on two lines, and the longest
        shown change on one (a change on two lines takes the title's second line): fewer cards a row in a
        language whose words are long, the same columns in every family."""
        shown = [card for card in self.cards.values() if not card.isHidden()]
        least = max((max(card.title_width(), card.change_width()) for card in shown), default=CARD_WIDTH)
        for card in self.cards.values():
            card.set_least_width(least)

    def wanted_height(self, room: int) -> int:
        """The height the cards ask for out of ``room`` (theirs and the charts'): all of them when they fit in
        :data:`CARDS_SHARE` of it, else that share, but at least their first :data:`THREE_ROWS` rows whole (one
        file's cards in one row left an empty card area above small charts; many files' need three rows)."""
        width = self._scroll.viewport().width()
        hint = self.hint_label.heightForWidth(self.width()) if not self.hint_label.isHidden() else 0
        extra = 2 * self._scroll.frameWidth() + max(0, hint)
        every = self.cards_height(width) + extra
        return min(every, max(self.cards_height(width, THREE_ROWS) + extra, int(room * CARDS_SHARE)))

    def cards_height(self, width: int, rows: int | None = None) -> int:
        """The height the shown cards take in the scrolled area ``width`` pixels wide: all of them, or down to the
        end of their first ``rows`` rows."""
        margins = self._content_layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        height, left = margins.top(), rows
        for family_id, box in self._family_widgets.items():
            if box.isHidden():
                continue
            heading, flow = self._family_rows[family_id]
            top = heading.sizeHint().height() + box.layout().spacing()
            bottoms = flow.line_bottoms(inner)
            if left is not None and len(bottoms) >= left:
                return height + top + bottoms[left - 1] + margins.bottom()
            height += top + (bottoms[-1] if bottoms else 0) + self._content_layout.spacing()
            left = None if left is None else left - len(bottoms)
        return height + margins.bottom()

    def _comparison_gap(self) -> str:
        """Why no card shows a change although a comparison is chosen ("" when there is nothing to say)."""
        from metrics_core.report_view.words import comparison_gap

        view = getattr(self._results, "view", None)
        return comparison_gap(view) if view is not None else ""

    def visible_metric_ids(self) -> list[str]:
        return [mid for mid, c in self.cards.items() if not c.isHidden()]

    def cards_on_screen(self) -> list[str]:
        """The KPIs whose cards can be seen now (inside the scrolled area's view): computed first."""
        return [mid for mid, c in self.cards.items() if not c.isHidden() and not c.visibleRegion().isEmpty()]

    def _on_show_all_toggled(self, _checked: bool) -> None:
        self._update_visibility()

    def _on_state_datasets_changed(self, _name: str) -> None:
        self._update_visibility()

    def _on_state_results_changed(self, results: Any) -> None:
        for card in self.cards.values():
            card.set_sparkline(None, self.state.filters.granularity)     # new ones follow; never a stale line
        self._results, self._stale = results, set(self.cards)
        self._update_visibility()           # (the cards shown get the results; a hidden one when it is shown)
        selected = results.results.get(self.state.selected_metric or "")
        if selected is None or not selected.ok or self.cards[selected.metric_id].isHidden():
            first = next((m for m in self.visible_metric_ids() if (r := results.results.get(m)) is not None and r.ok), None)
            if first:
                self.state.select_metric(first)

    def _on_state_first_results_changed(self, part: Any) -> None:
        """The cards on screen get their values before the others; the other cards shown that held a number
        say that theirs is being worked out (no number of the previous filters stays)."""
        for card in self.cards.values():
            card.set_sparkline(None, self.state.filters.granularity)
        self._results, self._stale = part, set(self.cards)
        for mid, card in self.cards.items():
            if not card.isHidden() and (mid in part.results or (self._given.get(mid) or (None,))[0] is not None):
                self._show_result(mid)

    def _show_result(self, metric_id: str) -> None:
        """The card's result, or that it is being worked out (a card without one while the values are computed:
        the files just loaded, or the cards on screen came first)."""
        results = self._results
        self._stale.discard(metric_id)
        result = results.results.get(metric_id) if results is not None else None
        if result is None and self.state.values_pending():
            if self._given.get(metric_id) is not WORKING_OUT:
                self._given[metric_id] = WORKING_OUT
                self.cards[metric_id].set_working_out()
            return
        if results is None:
            return                          # (nothing computed, nothing coming: the card's "—")
        given = (result, results.changes.get(metric_id), self.state.targets.get(metric_id),
                 results.outcome(metric_id), results.currency)
        if _same(given, self._given.get(metric_id)):
            return                          # (the cards on screen got them first)
        self._given[metric_id] = given
        self.cards[metric_id].set_result(*given)

    def _on_state_busy_changed(self, busy: bool, _text: str) -> None:
        if not busy:
            self._after_busy.start()

    def _stop_working_out(self) -> None:
        if self.state.values_pending():
            return
        for metric_id in [m for m, given in self._given.items() if given is WORKING_OUT]:
            del self._given[metric_id]
            if self._results is None:
                self.cards[metric_id].set_result(None)
            else:
                self._show_result(metric_id)

    def _on_state_sparklines_changed(self, sparks: dict[str, Any]) -> None:
        grain = self.state.filters.granularity
        for mid, card in self.cards.items():
            spark = sparks.get(mid)
            card.set_sparkline(spark, grain)

    def _on_state_targets_changed(self, _targets: Any) -> None:
        if self.state.results is not None:
            self._on_state_results_changed(self.state.results)

    def _on_state_selection_changed(self, metric_id: str) -> None:
        for mid, card in self.cards.items():
            card.set_selected(mid == metric_id)
        card = self.cards.get(metric_id)
        if card is not None and not card.isHidden():
            self._scroll.ensureWidgetVisible(card)

    def _on_card_selected(self, metric_id: str) -> None:
        self.state.select_metric(metric_id)

    def _on_card_rows_requested(self, metric_id: str) -> None:
        self.state.request_drilldown(metric_id)


class TabCornerRow(QWidget):
    """A row put in a tab widget's corner: as wide as the tabs leave (a corner asks for its width, and the
    summary's whole text would have squeezed the tabs)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        tabs = self.parentWidget()
        if isinstance(tabs, QTabWidget):
            hint.setWidth(max(self.minimumSizeHint().width(), tabs.width() - tabs.tabBar().sizeHint().width() - 8))
        return hint


def _same(given: tuple, before: tuple | None) -> bool:
    """Whether a card was given these very results (result, change and outcome objects), target and currency."""
    return (before is not None and given[0] is not None and all(a is b for a, b in zip(given[:2], before[:2]))
            and given[2] == before[2] and given[3] is before[3] and given[4] == before[4])


def _describer() -> Any:
    """``metrics_core.metrics.docs.describe`` (tooltip text), or ``None`` in a build without it."""
    try:
        from metrics_core.metrics.docs import describe
    except ImportError:
        log.warning("metrics_core.metrics.docs is missing: cards show the short description")
        return None
    return describe
