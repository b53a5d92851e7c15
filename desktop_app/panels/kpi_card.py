"""One KPI: value with unit, change vs the previous period, target and n."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtGui import Qt as GuiQt       # (Qt's text functions: convertFromPlainText)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QSizePolicy, QVBoxLayout

from metrics_core.formatting import has_change, quoted, result_caveat, result_currency, result_text
from metrics_core.formatting_dates import format_period, keep_dates_whole, short_periods
from metrics_core.i18n import _
from metrics_core.metrics.params import DEFAULT_CURRENCY
from metrics_core.report_view.words import (basis_line, basis_words, change_words, colour, few_units_detail,
                                            few_units_words, interval_words, margin_words, partial_change_detail,
                                            readable_reason, target_short, target_words)

from .. import style
from ..ink_room import accent_room, without_room
from ..text_fit import elide_to_lines, shortened_line, wrapped_height
from .sparkline import MIN_DRAWN_WIDTH, Sparkline
from ..formatting import (DASH, change_arrow, comparison_text, format_change, format_number, format_value,
                          headline_term, short_comparison)

CARD_WIDTH = 198         # the narrowest a card gets; the dashboard widens a row's cards to fill the row
CARD_MAX_WIDTH = 300     # the widest a title or a change makes a card's least width; a row may widen it further
CARD_HEIGHT = 100        # compact: three rows of cards fit a 1366 x 768 laptop
SPARK_HEIGHT = 26        # the trend line beside the value
TITLE_LINES = 2
TITLE_SLACK = 2          # px a title is measured narrower than it is drawn when the card's width is chosen
REASON_COLOUR = "#8a6d3b"     # amber: why a card has no value, or what to doubt in it
WORKING_OUT = ("working out",)    # what a card shows while its value is computed (KpiCard.set_working_out)
LINE_LEAST = MIN_DRAWN_WIDTH + 8     # px the trend line keeps beside the value at least
VALUE_LEAST_POINTS = 11              # the value gets no smaller beside its trend line (else the line goes under it)
# the KPIs whose caveat explains a figure that seems to contradict another (Erlang's 2 agents beside a service level
# of 55 %): read whole on the card, it may take the title's second line. Any other caveat is shortened first (whole
# in its tooltip): "Životna vrednost kupca…" beside "Istorijski CLV" lost what told the cards apart (shots16-d)
CONTRADICTION_CAVEATS = frozenset({"staffing"})
# What gives way first when a card's lines do not all fit its fixed height and its width, least important first.
# The card shows every line at its fullest (the target state on a line of its own when the rows line is too long
# beside it), then one fitting loop (KpiCard._fit_lines) takes these steps in this order, each only where it
# applies, until the card fits. Whatever a step takes off the card is whole in a tooltip. Never on the list: the
# value (fitted to its row first: its font smaller, then the whole row with the trend line on the rows line), the
# title's and the change's first lines, the target state, and a few-units note ("too few to be sure": it says the
# number cannot be trusted, shots16-c), which the trend line under a wide value leaves room for.
NOTE_FORMS = ("whole", "two lines", "note")       # the rows line's forms that show a few-units note whole
GIVES_WAY = (
    "target_beside",            # the target state beside the rows line, no longer on a line of its own
    "rows_shortened",           # a rows line too wide: shortened after a word, never inside a number ("from
                                # 4,030…", not "from 4,03…"), else off the card; a few-units line on two lines
    "title_for_contradiction",  # a caveat that explains a contradiction (CONTRADICTION_CAVEATS: Erlang's 2 agents
                                # beside a service level of 55 %) takes the title's second line when it then reads
                                # whole (else the card lost half its name for nothing, s13-shots-rosr); before the
                                # rows line gives way, which keeps its place (sr 200 %, eight cards a row)
    "small_text_short_dates",   # the caveat or reason with its periods in their short form ("maj–okt. 2026" for
                                # "1. maj – 31. okt. 2026", CLDR's intervals: format_day_range_short), whole in
                                # its tooltip: a period is never cut ("iz naročil: 1. maj –…", sl 1920 × 1080)
    "rows_for_small_text",      # the rows line gives its line to a caveat or a reason (its words in their tooltip);
                                # a few-units line its count only, its note stays
    "small_text_shortened",     # the caveat or reason shortened to the lines left, at least one (whole in its
                                # tooltip): a title keeps two lines before a caveat keeps its third (shots16-d)
    "title_one_line",           # the title's second line (whole in its tooltip): to a two-line change, or to the
                                # first line of a shortened caveat or reason (a two-line title over the value, 200 %)
    "change_one_line",          # the change's second line (whole in its tooltip: ro "▲ +2,2 p.p., poate fi
                                # întâmplător (lună parțială)" above a caveat and a target state)
    "note_alone",               # a few-units line's count (in its tooltip), the note alone
    "caveat_in_tooltip",        # the caveat into the rows line's tooltip: the few-units note says more of the number
    "rows_dropped",             # a rows line with no note off the card, whole in the value's tooltip
    "note_shortened",           # last of all: a few-units note on one line, shortened (whole in its tooltip), when
                                # even its own lines do not fit (sr at 198 px beside a change and a target state)
)


class KpiCard(QFrame):
    """A clickable card; hovering shows what the KPI means."""

    selected = Signal(str)
    rows_requested = Signal(str)

    def __init__(self, metric_id: str, label: str, unit: str, higher_is_better: bool | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.metric_id = metric_id
        self.unit = unit
        self.higher_is_better = higher_is_better
        self._currency = DEFAULT_CURRENCY          # the currency of the results shown (set_result)
        self.setObjectName("kpiCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedHeight(CARD_HEIGHT)
        self.setMinimumWidth(CARD_WIDTH)        # (no maximum: three 300 px cards a row left an empty strip, ro 1280)
        self.resize(CARD_WIDTH, CARD_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._shown: tuple[Any, ...] | None = None      # what set_result was last given: shown again when widened
        self._rows: tuple[str, str, tuple[str, ...]] = ("", "", ())   # the rows line: whole, its few-units note,
        self._rows_form = ""            # its tooltip's other lines; its form on the card (_show_rows)
        self._small: tuple[str, str, str, str] | None = None    # the caveat or reason: shown, plain, tooltip, kind
        self._shorten: Callable[[], str] | None = None     # makes the caveat or reason with its periods short
        self._small_form = ""           # "whole", "shortened" or "" (not on the card: _show_small)
        self._target_own = True         # the target state on a line of its own when the rows line is too long beside it
        self._title_width: tuple[Any, int] = (None, CARD_WIDTH)     # (title and font measured, width: title_width)
        self._title_measures: dict[tuple, Any] = {}      # the title fitted and measured (_title_measure)
        # the texts are fitted to a new width once the layout pass that resized the card is over (fitting them
        # inside it changed the layout being applied: Qt crashed in a language switch)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_texts)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)           # Tab through the cards, Enter/Space selects
        self._selected = False
        self._look: tuple[bool, str] | None = None      # (selected, ring colour) the style sheet was set for
        layout = QVBoxLayout(self)
        self.title_label = QLabel(label)
        # the title's own room for the marks above its capitals (ink_room, 2 px with DejaVu Sans) comes out of
        # the card's top margin: the title's ink stays where it was, and the lines under it keep their room
        layout.setContentsMargins(10, 5 - accent_room(self.title_label.font()), 8, 5)
        layout.setSpacing(1)
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.title_label.setStyleSheet("font-weight:600;")
        self.value_label = QLabel(DASH)
        font = self.value_label.font()
        font.setPointSize(style.CARD_VALUE_POINT_SIZE)
        font.setBold(True)
        self.value_label.setFont(font)
        self.change_label = QLabel("")
        self.change_label.setWordWrap(True)         # a long comparison takes a second line, never cut
        self.sparkline = Sparkline()
        self.target_label = QLabel("")
        self.n_label = QLabel("")
        # (fitted to the card's width, never widening it: its whole few-units line on one line, fitted while the
        # card was wide, held the card and its row at 291 px, sr 200 % "из 7 особа, премало за поуздан резултат")
        self.n_label.setMinimumWidth(1)
        self.reason_label = QLabel("")
        self.reason_label.setWordWrap(True)
        for small in (self.change_label, self.target_label, self.n_label):     # numbers and lower-case words
            without_room(small)
        self._show_small_colours()
        reason_font = self.reason_label.font()
        reason_font.setPointSizeF(reason_font.pointSizeF() * 0.9)
        self.reason_label.setFont(reason_font)
        self._value_row = value_row = QHBoxLayout()
        value_row.setSpacing(6)
        value_row.addWidget(self.value_label)
        value_row.addWidget(self.sparkline, 1, Qt.AlignmentFlag.AlignVCenter)
        self._basis_row = basis_row = QHBoxLayout()
        basis_row.setSpacing(6)
        basis_row.addWidget(self.n_label, 1)
        basis_row.addWidget(self.target_label)
        layout.addWidget(self.title_label)
        layout.addLayout(value_row)
        for w in (self.change_label, self.reason_label):
            layout.addWidget(w)
        layout.addLayout(basis_row)
        layout.addStretch(1)
        for w in (self.change_label, self.reason_label, self.target_label, self.n_label):
            w.hide()                # (shown by what the card is given: empty lines would squeeze the title)
        self._label = label
        self.description = ""                 # the tooltip's plain text (set_description)
        self._fit_title(label)
        self.setAccessibleName(label)          # a screen reader names the card; its value is the description
        self._set_selected_look(False)

    def _show_small_colours(self) -> None:
        """The rows line and a plain target in a quieter grey, a reason in amber, both readable on the card in
        a light or a dark palette."""
        self.n_label.setStyleSheet(f"color:{style.secondary_text(self.palette())};")    # (the target's: set_result)
        self.reason_label.setStyleSheet(f"color:{style.readable(REASON_COLOUR, self.palette())};")

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._set_selected_look(self._selected)
            self._show_small_colours()
            self._fit_texts()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.minimumWidth(), CARD_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """The least width the dashboard gives every card (:meth:`set_least_width`), whatever its texts: they are
        fitted to the card's width. (Qt's item widens a widget's hint to its layout's minimum: a rows line or a
        value not yet fitted to the card made its family's row three cards where the others had four, sv 1280
        63_issue_pwc_cards.)"""
        return QSize(self.minimumWidth(), CARD_HEIGHT)

    def title_width(self) -> int:
        """The narrowest card, from :data:`CARD_WIDTH` up to :data:`CARD_MAX_WIDTH`, that shows the title whole
        on two lines (a Slovenian or Romanian title was cut at five cards a row on a 1366 x 768 laptop)."""
        self.title_label.ensurePolished()               # (its style sheet's bold font)
        metrics = self.title_label.fontMetrics()
        key = (self._label, metrics.averageCharWidth(), metrics.height())
        if self._title_width[0] != key:
            # (+ TITLE_SLACK: a title that fitted to the pixel was cut when the dashboard's flow gave the card
            # exactly that width, five Slovenian cards a row without a scroll bar)
            chrome = self.width() - self.contentsRect().width() + sum(self._text_margins()) + TITLE_SLACK
            width = next((w for w in range(CARD_WIDTH, CARD_MAX_WIDTH, 2)
                          if elide_to_lines(self._label, metrics, w - chrome, TITLE_LINES) == self._label),
                         CARD_MAX_WIDTH)
            self._title_width = (key, width)
        return self._title_width[1]

    def change_width(self) -> int:
        """The narrowest card, up to :data:`CARD_MAX_WIDTH`, that shows its change on one line (0 without one): a
        change on two lines left one line for the title (Serbian 'нема јасне промене' / '(+3,2 п. п.)' beside
        'Задовољство клијената…' at five cards a row)."""
        text = "" if self.change_label.isHidden() else self.change_label.text()
        if not text:
            return 0
        chrome = self.width() - self.contentsRect().width() + sum(self._text_margins()) + TITLE_SLACK
        return min(CARD_MAX_WIDTH, self.change_label.fontMetrics().horizontalAdvance(text) + chrome)

    def set_least_width(self, width: int) -> None:
        """The narrowest this card gets (the dashboard gives every card the width its longest title needs)."""
        if width != self.minimumWidth():
            self.setMinimumWidth(width)
            self.updateGeometry()

    def _text_margins(self) -> tuple[int, int]:
        margins = self.layout().contentsMargins()
        return margins.left(), margins.right()

    def text_room(self) -> int:
        """The width the card's texts have inside its frame and margins (the card is as wide as its row
        allows): the title label's own width, so a title is fitted where it is drawn (a guessed 22 px margin,
        2 more than the frame's and the layout's, kept a second line's room under 'Contact volume per channel'
        drawn on one line at 210 px, and its value sat 14 px below its neighbours')."""
        frame = self.width() - self.contentsRect().width()
        return max(CARD_WIDTH, self.width()) - frame - sum(self._text_margins())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():      # texts fitted again to the new width
            self._refit.start()

    def _fit_texts(self) -> None:
        if self._shown is WORKING_OUT:
            self.set_working_out()
        elif self._shown is not None:
            self.set_result(*self._shown)
        else:
            self._fit_title(self._label)

    def _fit_title(self, label: str, lines: int = TITLE_LINES) -> None:
        """At most two lines of title; a longer one (a translation) ends in "…" and shows whole in the tooltip.
        Its second line gives way where :data:`GIVES_WAY` says (the card's height is fixed). The title keeps the
        height of its lines whatever else the card shows: the card's
        layout asks the word-wrapped label its height for the width it gives it, in the same pass (a height
        fixed here, for the width the card had then, kept one line's room for a title the dashboard's re-widened
        row wrapped onto two: its second line over the value, shots11 25_compare_last_year)."""
        room = self.text_room()
        shown = self._title_measure(("fitted", label, lines, room),
                                    lambda: elide_to_lines(label, self.title_label.fontMetrics(), room, lines))
        self.title_label.setText(shown)
        tip = label if shown != label else ""
        if self.title_label.toolTip() != tip:
            self.title_label.setToolTip(tip)

    def _title_lines(self) -> int:
        """How many lines the title is drawn on."""
        text, room = self.title_label.text(), self.text_room()

        def lines() -> int:
            metrics = self.title_label.fontMetrics()
            return round(wrapped_height(text, metrics, room) / metrics.lineSpacing())

        return self._title_measure(("lines", text, room), lines)

    def _title_height(self) -> int:
        """The title label's height at the card's text width (its margins in it)."""
        text, room, m = self.title_label.text(), self.text_room(), self.title_label.contentsMargins()
        return self._title_measure(("height", text, room, m.top(), m.bottom(), m.left(), m.right()),
                                   lambda: self.title_label.heightForWidth(room))

    def _title_measure(self, key: tuple, measure: Callable[[], Any]) -> Any:
        """What ``measure`` says of the title, remembered by ``key`` and the title's font: the title, its width
        and its font are the same at every re-filter, and fitting the card's lines asked them again and again."""
        key = (*key, self.title_label.font().key())
        known = self._title_measures.get(key)
        if known is None:
            if len(self._title_measures) >= 64:          # (a card resized through many widths: a few kept)
                self._title_measures.clear()
            known = self._title_measures[key] = measure()
        return known

    def _change_lines(self) -> int:
        """How many lines the change takes (0 when there is none)."""
        if self.change_label.isHidden() or not self.change_label.text():
            return 0
        metrics = self.change_label.fontMetrics()
        return round(wrapped_height(self.change_label.text(), metrics, self.text_room()) / metrics.lineSpacing())

    def _small_text_room(self) -> int:
        """The pixels a reason or a caveat has under the title, the value, the change and the rows line."""
        basis_shown = not (self.n_label.isHidden() and self.target_label.isHidden() and self.line_beside_value())
        used = (self._title_height() + self.value_label.sizeHint().height()
                + (self.n_label.sizeHint().height() if basis_shown else 0)
                + (self.target_label.sizeHint().height() + self.layout().spacing()
                   if self._basis_row.indexOf(self.target_label) < 0 and not self.target_label.isHidden() else 0)
                + self._change_lines() * self.change_label.fontMetrics().lineSpacing())
        margins = self.layout().contentsMargins()
        return CARD_HEIGHT - margins.top() - margins.bottom() - used - 4 * self.layout().spacing()

    def _change_on_one_line(self) -> None:
        """The change shortened to one line, its whole text in its tooltip."""
        change = self.change_label.text()
        short = elide_to_lines(change, self.change_label.fontMetrics(), self.text_room(), 1)
        if short != change:
            self.change_label.setText(short)
            self.change_label.setToolTip("\n".join(t for t in (change, self.change_label.toolTip()) if t))

    def set_sparkline(self, spark: Any, grain: str) -> None:
        """The KPI over its last periods (``sparkline_job.Spark``; ``None`` hides the line)."""
        if spark is None:
            self.sparkline.set_points([])
            return
        first, last = format_period(spark.starts[0], grain), format_period(spark.starts[-1], grain)
        tip = _("{first} to {last}", first=first, last=last)
        if spark.last_incomplete:
            tip += "\n" + _("The last period is not complete yet (drawn hollow).")
        self.sparkline.set_points(list(spark.values), spark.last_incomplete, tip)

    def set_description(self, text: str) -> None:
        """The KPI's description as its tooltip, as rich text: Qt wraps a plain tooltip only when it is wider than
        the screen, so a Swedish line just under 1,366 px was one line across the window (sv 70_tooltip_card)."""
        self.description = text
        self.setToolTip(GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal))

    @contextmanager
    def _row_laid_out_after(self) -> Iterator[None]:
        """The card's lines changed without its row being laid out at each: a label shown on a card that is on
        screen makes Qt lay out at once the card, and then every layout above it (the row of cards, its family,
        the scrolled cards, up to the window), though the card's size is fixed. The layout the card is in is
        paused meanwhile; its request, posted, lays the row out once when the events of the moment are over."""
        parent = self.parentWidget()
        row = parent.layout() if parent is not None else None
        if row is None or not row.isEnabled():
            yield
            return
        row.setEnabled(False)
        try:
            yield
        finally:
            row.setEnabled(True)

    def set_working_out(self) -> None:
        """While its value is being computed: a muted "Working out…" in the value's place (a bare "—" read as
        "no value" while the dashboard was loading), nothing under it."""
        with self._row_laid_out_after():
            self._set_working_out()

    def _set_working_out(self) -> None:
        self._shown = WORKING_OUT
        text = _("Working out\u2026")
        font = self.value_label.font()
        font.setPointSizeF(style.CARD_VALUE_POINT_SIZE * 0.6)
        font.setBold(False)
        self.value_label.setFont(font)
        self._line_beside_value(True)
        self.value_label.setText(self.value_label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                                           self.text_room() - 4))
        self.value_label.setToolTip("")
        style.restyle(self.value_label, f"color:{style.secondary_text(self.palette())};")
        self.setAccessibleDescription(text)
        for label in (self.change_label, self.reason_label, self.target_label, self.n_label):
            label.clear()
            label.hide()
        self._fit_title(self._label)

    def set_result(self, result: Any, change: Any = None, target: float | None = None, outcome: Any = None,
                   currency: str = DEFAULT_CURRENCY) -> None:
        """Show a :class:`MetricResult` (``None`` = not computed yet); ``outcome`` (the view's
        :class:`~metrics_core.report_view.KpiOutcome`) tells whether the target is met and whether
        the change is larger than its noise; money is written in ``currency`` (the results')."""
        with self._row_laid_out_after():
            self._set_result(result, change, target, outcome, currency)

    def _set_result(self, result: Any, change: Any, target: float | None, outcome: Any, currency: str) -> None:
        self._shown = (result, change, target, outcome, currency)
        style.restyle(self.value_label, "")          # (muted while it was being worked out)
        currency = result_currency(result, currency)     # the files name several currencies: the KPI's own
        self._currency = currency
        value = None if result is None else result.value
        term = headline_term(result)
        if term is not None:
            self._show_term(term, result.n)
            return
        text = result_text(result) or format_value(value, self.unit, currency)
        self.setAccessibleDescription(text)
        shown = self._fit_value_font(text)
        self.value_label.setText(shown)
        self.value_label.setToolTip(text if shown != text else "")
        # (the caveat or reason keeps its line until _show_small: hidden here and shown again there, its show laid
        # out every card and the dashboard up to the window at once, for each card with one, at every re-filter)
        # the result's own direction wins (CES: set by whether the question asks for effort or ease)
        own = getattr(result, "higher_is_better", None)
        if outcome is not None and value is not None:
            self._show_outcome(outcome)
        else:
            self._set_change(change if value is not None and has_change(result) else None,
                             own if own is not None else self.higher_is_better)
            self.target_label.setText(_("target {value}", value=format_value(target, self.unit, currency))
                                      if target is not None else "")
            style.restyle(self.target_label, f"color:{style.secondary_text(self.palette())};")
            self.target_label.setVisible(target is not None)
        n = 0 if result is None else result.n
        counted = result.details.get("counted", "") if result is not None else ""     # replies or tickets: its file's
        basis = basis_words(n, self.metric_id, counted) if result is not None and value is not None else ""
        margin = margin_words(outcome) if outcome is not None and value is not None else ""
        few = bool(few_units_words(outcome)) if outcome is not None and basis and not margin else False
        if few:                          # a rate from few units: "from 7 people, too few to be sure", as the deck
            basis = basis_line(outcome)
        whole = keep_dates_whole(margin or basis)         # an NPS card shows its ± margin (the rows are in the tooltip)
        self._rows = (whole, few_units_words(outcome) if few else "",
                      tuple(t for t in (basis if margin else "", few_units_detail(outcome) if few else "") if t))
        caveat = result_caveat(result) if value is not None else None
        if result is not None and value is None:     # a "—" card: why, in the lines the title and the value leave
            reason = readable_reason(result)
            self._fit_lines((reason, reason, "reason"), lambda: readable_reason(result))
        else:
            self._fit_lines((*caveat, "caveat") if caveat is not None else None,
                            lambda: (result_caveat(result) or ("",))[0])

    # ------------------------------------------------------------------ fitting the lines to the card
    def _fit_lines(self, small: tuple[str, str, str] | None, shorten: Callable[[], str] | None = None) -> None:
        """Every line at its fullest, then the steps of :data:`GIVES_WAY` in their order, each where it applies,
        until the card fits (:meth:`_fits`); what a step takes off the card is whole in a tooltip (:meth:`_show_tips`).
        ``small``: the caveat or the no-value reason under the value, (text, tooltip, "caveat" or "reason");
        ``shorten``: makes its text again, its periods in their short form, asked only when the card needs it (a
        re-filter sets every card's result: each caveat and reason worked out twice was work for nothing)."""
        self._small = None if small is None else (keep_dates_whole(small[0]), *small)  # (a line breaks between
        self._shorten = shorten if small is not None else None
        self._small_form = "whole" if small is not None else ""                          # words, not in a date)
        self._rows_form = "whole" if self._rows[0] else ""
        self._fit_title(self._label)
        self._target_own = True
        self._show_rows()
        for step in GIVES_WAY:
            if self._fits():
                break
            getattr(self, f"_give_{step}")()
        self._show_small()
        self._show_tips()

    def _fits(self) -> bool:
        """Whether every line is whole in its form: the rows line within its width, the caveat (whole, or at least
        its first line) in the height the other lines leave."""
        need = {"whole": lambda: wrapped_height(self._small[0], self.reason_label.fontMetrics(), self.text_room()),
                "shortened": lambda: self.reason_label.fontMetrics().lineSpacing()}.get(self._small_form, lambda: 0)()
        return self._rows_fit() and self._small_text_room() >= need

    def _rows_room(self) -> int:
        """The rows line's width: beside the target state, and beside the trend line when that is under the value."""
        room = self.text_room()
        if self._basis_row.indexOf(self.target_label) >= 0 and not self.target_label.isHidden():
            room -= self.target_label.sizeHint().width() + self._basis_row.spacing()
        if not self.line_beside_value():            # (a few-units note before the trend line's least room)
            room -= self._basis_row.spacing() + (0 if self._rows[1] else LINE_LEAST)
        return room

    def _rows_fit(self) -> bool:
        """Whether the rows line is within its width, its few-units note whole."""
        # (the label's own width: "± 3,8 поена" was 74 px by its advance, 75 drawn, and beside "✔ циљ достигнут" the
        # target state lost its last pixel, sr nps at 210 px)
        return (self.n_label.isHidden() or self.n_label.sizeHint().width() <= self._rows_room()) and \
            self.n_label.text().replace("\n", " ").endswith(self._rows[1])

    def _show_rows(self) -> None:
        """The rows line in its form (``_rows_form``): "whole"; "two lines", a few-units note whole under its count;
        "shortened" after a word, never inside a number ("from 4,030…", not "from 4,03…": a number cut reads as
        another number); "note", the few-units note alone, on two lines if it must; "note shortened", on one;
        "" not on the card (whole in a tooltip)."""
        whole, note, _tips = self._rows
        # the target state on a line of its own when the rows line is too long beside it: to show it whole (the
        # card's first choice, until "target_beside"), to show a few-units note whole (always)
        # (measured a pixel narrower than its room: a label is drawn a pixel wider than its text's advance)
        self._target_on_own_line(False)
        if self._rows_form and not self.target_label.isHidden():
            wide = self.n_label.fontMetrics().horizontalAdvance(whole if self._rows_form == "whole" else note)
            self._target_on_own_line(wide > self._rows_room() - 1
                                     and (self._target_own or self._rows_form in NOTE_FORMS[1:]))
        room = self._rows_room() - 1
        count = whole[:whole.rindex(note)].rstrip() if note and note in whole else ""
        text = {"whole": whole, "two lines": "\n".join(t for t in (shortened_line(count, self.n_label.fontMetrics(), room),
                                                                     self._fitted_note(room)) if t),
                "shortened": shortened_line(whole, self.n_label.fontMetrics(), room),
                "note": self._fitted_note(room),
                "note shortened": self.n_label.fontMetrics().elidedText(note, Qt.TextElideMode.ElideRight, room),
                }.get(self._rows_form, "")
        self.n_label.setText(text)
        self.n_label.setVisible(bool(text))

    def _fitted_note(self, room: int) -> str:
        """The few-units note in ``room`` px, on as many lines as it needs: never shortened (sr "премало за
        поуздан резултат" is wider than a 198 px card's room)."""
        metrics, lines = self.n_label.fontMetrics(), [""]
        for word in self._rows[1].split(" "):
            trial = f"{lines[-1]} {word}".strip()
            if metrics.horizontalAdvance(trial) <= room or not lines[-1]:
                lines[-1] = trial
            else:
                lines.append(word)
        return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines)

    def _small_waiting(self) -> bool:
        return self._small is not None and self._small_form == "whole" and not self._fits()

    def _give_target_beside(self) -> None:
        if self._target_own:
            self._target_own = False
            self._show_rows()

    def _give_rows_shortened(self) -> None:
        if self._rows_form == "whole" and not self._rows_fit():
            self._rows_form = "two lines" if self._rows[1] else "shortened"
            self._show_rows()

    def _give_title_for_contradiction(self) -> None:
        if (self._small is None or self._small[3] != "caveat" or self.metric_id not in CONTRADICTION_CAVEATS
                or self._small_form != "whole" or self._title_lines() < 2):
            return
        self._fit_title(self._label, 1)
        # (whole, the rows line given up when it can be: else the card lost half its name for nothing)
        spare = (self.n_label.sizeHint().height() if self._rows_form and not self._rows[1]
                 and self.target_label.isHidden() and self.line_beside_value() else 0)
        if self._small_text_room() + spare < wrapped_height(self._small[0], self.reason_label.fontMetrics(),
                                                             self.text_room()):
            self._fit_title(self._label)

    def _give_small_text_short_dates(self) -> None:
        if not self._small_waiting() or self._shorten is None:
            return
        with short_periods():
            short = self._shorten()
        self._shorten = None
        _shown, plain, tooltip, kind = self._small
        if short and short != plain:
            self._small = (keep_dates_whole(short), plain, tooltip if plain in tooltip else f"{plain}\n\n{tooltip}",
                           kind)

    def _give_rows_for_small_text(self) -> None:
        if not self._small_waiting() or not self._rows_form:
            return
        if self._rows[1]:
            self._rows_form = "note"
        elif self.target_label.isHidden() or self._basis_row.indexOf(self.target_label) < 0:
            self._rows_form = ""
        self._show_rows()

    def _give_small_text_shortened(self) -> None:
        if self._small_form == "whole":
            self._small_form = "shortened"

    def _give_title_one_line(self) -> None:
        if self._title_lines() > 1:
            self._fit_title(self._label, 1)

    def _give_change_one_line(self) -> None:
        if self._change_lines() > 1:
            self._change_on_one_line()

    def _give_note_alone(self) -> None:
        if self._rows_form == "two lines":
            self._rows_form = "note"
            self._show_rows()

    def _give_caveat_in_tooltip(self) -> None:
        if self._small is not None and self._small[3] == "caveat":
            self._small_form = ""

    def _give_rows_dropped(self) -> None:
        if self._rows_form and not self._rows[1]:
            self._rows_form = ""
            self._show_rows()

    def _give_note_shortened(self) -> None:
        if self._rows[1] and self._rows_form == "note" and "\n" in self.n_label.text():
            self._rows_form = "note shortened"
            self._show_rows()

    def _show_small(self) -> None:
        """The caveat or reason in its form: whole, or shortened with "…" to the lines left (at least one); none:
        its line hidden."""
        if not self._small_form:
            self.reason_label.clear()
            self.reason_label.hide()
            return
        text, plain, tooltip, _kind = self._small
        metrics = self.reason_label.fontMetrics()
        shown = elide_to_lines(text, metrics, self.text_room(), max(1, self._small_text_room() // metrics.lineSpacing()))
        self.reason_label.setText(shown)
        self.reason_label.setToolTip(tooltip if shown == text or plain in tooltip else f"{plain}\n\n{tooltip}")
        self.reason_label.show()

    def _show_tips(self) -> None:
        """What gave way, whole in a tooltip: the rows line's words in its own tooltip when shortened (a
        few-units line's count, its 95 % range), in the caveat's when it gave its line to it, else in the
        value's; a caveat given up for a few-units note in the rows line's tooltip."""
        whole, _note, tips = self._rows
        shown = self.n_label.text()
        caveat = self._small[2] if self._small is not None and not self._small_form else ""
        self.n_label.setToolTip("\n".join(t for t in (whole if shown != whole else "", *tips) if t)
                                + (f"\n\n{caveat}" if caveat else ""))
        if whole and not shown:
            host = self.reason_label if self._small_form else self.value_label
            host.setToolTip("\n\n".join(t for t in (host.toolTip(), whole) if t))

    def _show_outcome(self, outcome: Any) -> None:
        """The change in words (grey "no clear change" inside its noise) and the target met or missed."""
        words = change_words(outcome, self._currency) if has_change(outcome.result) else ""
        self.change_label.setText(words)
        self.change_label.setVisible(bool(words))
        style.restyle(self.change_label, f"color:{style.readable('#' + colour(outcome.change_state), self.palette())};")
        change = outcome.change
        if change is not None:
            periods = comparison_text(change)
            now = format_value(change.current, self.unit, self._currency)
            before = format_value(change.previous, self.unit, self._currency)
            tip = (_("{periods}: {now} now, {before} before", periods=periods, now=now, before=before) if periods
                   else _("{now} now, {before} before", now=now, before=before))
            self.change_label.setToolTip("\n".join(t for t in (tip, interval_words(outcome, self._currency),
                                                                 partial_change_detail(outcome)) if t))
        target_text = target_short(outcome)
        self.target_label.setText(target_text)
        self.target_label.setToolTip(target_words(outcome, self._currency))
        style.restyle(self.target_label, f"color:{style.readable('#' + colour(outcome.target_state), self.palette())};")
        self.target_label.setVisible(bool(target_text))

    def _show_term(self, term: tuple[str, float | None, int], answers: int) -> None:
        """A text KPI (top words of comments): the most frequent phrase and its share."""
        text, share, count = term
        self._set_value_font(style.CARD_VALUE_POINT_SIZE * 0.7)
        metrics = self.value_label.fontMetrics()
        marks = metrics.horizontalAdvance(quoted(""))              # the language's quotation marks, kept whole
        room = self.text_room() - 2 - marks
        beside = metrics.horizontalAdvance(text) <= room - LINE_LEAST - self._value_row.spacing()
        self._line_beside_value(beside)           # (a longer phrase whole on its row, the line under it)
        shown = quoted(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))
        self.value_label.setText(shown)
        self.value_label.setToolTip(text)
        if share is not None:
            self.change_label.setText(_("in {share} % of {count} comments", share=format_number(share),
                                        count=format_number(answers)))
        else:
            self.change_label.setText(_("in {found} of {count} comments", found=format_number(count),
                                        count=format_number(answers)))
        style.restyle(self.change_label, "color: palette(text);")
        self.change_label.setToolTip(_("The most frequent phrase (or word) in the free-text answers. "
                                       "Click the card to see the others."))
        self.change_label.show()
        self.reason_label.clear()
        self.reason_label.hide()
        self.target_label.hide()
        self.n_label.setText("")

    def _fit_value_font(self, text: str) -> str:
        """The card's big font, smaller when the text would not fit beside the trend line (:data:`LINE_LEAST`
        px at least, down to :data:`VALUE_LEAST_POINTS`): "9 h 03 min" and "9 tim 03 min" took the whole row and
        the line was not drawn (s15 shots: sv 22_all_cards, en at 200 %). A value still too wide (Swedish
        "407 på mån kl. 08:00") takes the whole row, its font smaller when it must, shortened with an ellipsis
        only when even the smallest size cannot hold it, and the line goes to the rows line under it. Returns
        what to show."""
        room = self.text_room() - 4
        beside = room - LINE_LEAST - self._value_row.spacing()
        points = style.CARD_VALUE_POINT_SIZE
        self._set_value_font(points)

        def shown(width: int) -> str:
            return self.value_label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)

        while points > VALUE_LEAST_POINTS and shown(beside) != text:    # (the test that shortens it: a text
            points -= 1                                                 # exactly as wide as the room was kept at
            self._set_value_font(points)                                # its size, then shortened to "08:…")
        if shown(beside) == text:
            self._line_beside_value(True)
            return text
        self._line_beside_value(False)
        points = style.CARD_VALUE_POINT_SIZE
        self._set_value_font(points)
        while points > 10 and shown(room) != text:
            points -= 1
            self._set_value_font(points)
        return shown(room)

    def _line_beside_value(self, beside: bool) -> None:
        """The trend line beside the value (``True``) or on the rows line under it, as tall as that line: a
        value as wide as the card left it no room (the card's height is fixed)."""
        if beside == self.line_beside_value():
            return
        (self._basis_row if beside else self._value_row).removeWidget(self.sparkline)
        if beside:
            self.sparkline.setFixedHeight(SPARK_HEIGHT)
            self._value_row.addWidget(self.sparkline, 1, Qt.AlignmentFlag.AlignVCenter)
            self._basis_row.setStretch(0, 1)
        else:
            self.sparkline.setFixedHeight(self.n_label.sizeHint().height())
            self._basis_row.insertWidget(1, self.sparkline, 1, Qt.AlignmentFlag.AlignVCenter)
            self._basis_row.setStretch(0, 0)

    def _target_on_own_line(self, own: bool) -> None:
        """The target state on a line of its own above the rows line (``True``) or beside it."""
        layout = self.layout()
        if own == (self._basis_row.indexOf(self.target_label) < 0):
            return
        if own:
            self._basis_row.removeWidget(self.target_label)
            layout.insertWidget(next(i for i in range(layout.count()) if layout.itemAt(i).layout() is self._basis_row),
                                self.target_label)
        else:
            layout.removeWidget(self.target_label)
            self._basis_row.addWidget(self.target_label)

    def line_beside_value(self) -> bool:
        """Whether the trend line is drawn beside the value (else on the rows line)."""
        return self._value_row.indexOf(self.sparkline) >= 0

    def _set_value_font(self, points: float) -> None:
        font = self.value_label.font()
        font.setPointSizeF(points)
        font.setBold(True)
        self.value_label.setFont(font)

    def _set_change(self, change: Any, higher_is_better: bool | None) -> None:
        delta = change_delta(change)
        if delta is None:
            self.change_label.setText("")
            self.change_label.hide()
            return
        color = style.direction_color(delta, higher_is_better)
        text = f"{change_arrow(delta)} {format_change(delta, self.unit, self._currency, self.metric_id)}"
        periods = comparison_text(change)
        self.change_label.setText(keep_dates_whole(_("{change} {compared}", change=text,
                                                     compared=short_comparison(change))))
        now = format_value(getattr(change, "current", None), self.unit, self._currency)
        before = format_value(getattr(change, "previous", None), self.unit, self._currency)
        self.change_label.setToolTip(_("{periods}: {now} now, {before} before", periods=periods, now=now, before=before)
                                     if periods else _("{now} now, {before} before", now=now, before=before))
        style.restyle(self.change_label, f"color:{style.readable(color, self.palette())};")
        self.change_label.show()

    def set_selected(self, selected: bool) -> None:
        if selected != self._selected:          # a style sheet set again costs a card's restyle all the same
            self._set_selected_look(selected)

    def _set_selected_look(self, selected: bool) -> None:
        """The selected card's ring and the focus ring in the blue that reads on the card's base, light or dark
        (the plain blue on a dark card was 2.7 : 1, s11-shots dark-en/20_dashboard_all)."""
        self._selected = selected
        ring = style.readable(style.PRIMARY, self.palette())
        look = (selected, ring)
        if look == self._look:
            return
        self._look = look
        border = ring if selected else "palette(mid)"
        width = 2 if selected else 1
        self.setStyleSheet(f"#kpiCard {{ border:{width}px solid {border}; border-radius:6px; background: palette(base); }}"
                           f" #kpiCard:focus {{ border:2px dashed {ring}; }}")

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.selected.emit(self.metric_id)
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.selected.emit(self.metric_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.rows_requested.emit(self.metric_id)
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: Any) -> None:  # noqa: N802
        menu = QMenu(self)
        show_rows = QAction(_("Show the rows behind this KPI"), menu)
        show_rows.triggered.connect(lambda: self.rows_requested.emit(self.metric_id))
        menu.addAction(show_rows)
        menu.exec(event.globalPos())
        menu.deleteLater()                  # (a menu kept on the card for every right-click until the window closed)


def change_delta(change: Any) -> float | None:
    """The absolute change carried by the engine's ``Change`` (``None`` when unknown)."""
    if change is None:
        return None
    for name in ("delta", "absolute", "change", "difference"):
        value = getattr(change, name, None)
        if isinstance(value, (int, float)):
            return float(value)
    return None
