"""The one state object: loaded datasets, mappings, filters, parameters, targets, results.

Panels call :class:`AppState`'s methods and listen to its signals; they never
talk to each other. Long work runs in :class:`desktop_app.workers.TaskRunner`s.
"""

from __future__ import annotations

import copy
from dataclasses import replace
import logging
from pathlib import Path
from typing import Any, Callable

import pandas as pd
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from metrics_core.dataset import DataBundle, Dataset
from metrics_core.errors import KpiDeskError
from metrics_core.i18n import Message, _
from metrics_core.metrics.params import DEFAULT_CURRENCY, currency_of
from metrics_core.report_view.catalogue import REGISTER_KINDS
from metrics_core.report_view.choices import ReportChoices

from .filter_state import FilterState
from .jobs import (ChartData, LoadOutcome, LoadRequest, ResultSet, ahead_job, chart_job, compute_job,
                   load_files_job)
from .snapshot import REMEMBERED, Remembered, Snapshot
from .workers import TaskRunner

PAUSE_MS = 30       # a change that follows another within this waits this long for more (a date typed, keys held)

log = logging.getLogger(__name__)

AHEAD_FILTERS = 8           # the bars' values worked out before a click, at most
AHEAD_ROWS = 2_000_000      # and only while the loaded files hold at most this many rows (see work_ahead)


class AppState(QObject):
    """Owns the :class:`DataBundle` and everything computed from it."""

    dataset_loaded = Signal(str)            # dataset name
    dataset_removed = Signal(str)
    dataset_replaced = Signal(str)          # re-mapped / re-read
    current_dataset_changed = Signal(str)   # the file the sidebar highlights and the data view shows ("": none)
    filters_changed = Signal(object)        # FilterState
    comparison_changed = Signal(str)        # "previous", "last_year" or "none"
    params_changed = Signal(object)         # {metric_id: {name: value}, "global": {...}}
    targets_changed = Signal(object)        # {metric_id: value}
    results_changed = Signal(object)        # ResultSet
    first_results_changed = Signal(object)  # ResultSet of the KPIs on screen, before results_changed has all
    charts_changed = Signal(object)         # ChartData
    sparklines_changed = Signal(object)     # dict metric id -> sparkline_job.Spark
    selection_changed = Signal(str)         # metric id
    busy_changed = Signal(bool, str)
    progress_changed = Signal(float, str)
    error_raised = Signal(object)           # a message for the inline message bar: a Message (or a text)
    drilldown_requested = Signal(object)        # drilldown.RowsBehind: title, kind, filtered frame
    project_path_changed = Signal(str)
    report_choices_changed = Signal(object)     # ReportChoices

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bundle = DataBundle()
        self.requests: dict[str, LoadRequest] = {}
        self.filter_values: dict[str, dict[str, list[Any]]] = {}
        self.date_ranges: dict[str, tuple[pd.Timestamp | None, pd.Timestamp | None]] = {}
        self.currencies: dict[str, str | None] = {}        # dataset -> its amounts' currency: chosen on import or named
        self.filters = FilterState()
        self._chosen_grain = self.filters.granularity      # the grain asked for, before the data made it coarser
        self.params: dict[str, dict[str, Any]] = {}
        self.targets: dict[str, float] = {}
        self.comparison = "previous"            # what changes compare with: previous, last_year or none
        self.report_choices = ReportChoices()   # the report the owner chose (saved with the project)
        self.results: ResultSet | None = None
        self.chart_data: ChartData | None = None
        self.selected_metric: str | None = None
        self.current_dataset: str | None = None     # the file highlighted and shown (None: none, or rows behind a KPI)
        self._rows_behind_shown = False
        self.chart_category: str | None = None
        self.project_path: Path | None = None
        self.import_runner = TaskRunner("import", self)
        self.compute_runner = TaskRunner("compute", self)
        self.chart_runner = TaskRunner("charts", self)
        self.sparkline_runner = TaskRunner("sparklines", self)
        self.release_runner = TaskRunner("release", self)
        self.ahead_runner = TaskRunner("ahead", self)         # no busy bar, no progress: the window is idle
        self.sparklines: dict[str, Any] = {}
        self.on_screen: Callable[[], list[str]] = list     # the KPIs whose cards are on screen (the dashboard's)
        for runner in (self.import_runner, self.compute_runner):
            runner.started.connect(self._on_runner_started)
            runner.progressed.connect(self.progress_changed)
            runner.finished.connect(self._on_runner_finished)
            runner.failed.connect(self._on_runner_failed)
        self.chart_runner.failed.connect(self._on_runner_failed)
        self.sparkline_runner.failed.connect(self._on_runner_failed)
        self.ahead_runner.failed.connect(lambda exc: log.info("values ahead of a click: %s", exc))
        self.compute_runner.failed.connect(self._on_compute_failed)           # (charts waited for the values)
        self.chart_runner.succeeded.connect(self._on_chart_runner_ended)    # the cards' trend lines wait for the
        self.chart_runner.failed.connect(self._on_chart_runner_ended)       # charts (both want the GIL)
        self._snapshot: Snapshot | None = None
        self._remembered = {job: Remembered() for job in ("charts", "sparklines")}
        self._remembered["values"] = Remembered(REMEMBERED + AHEAD_FILTERS)   # (what work_ahead keeps too)
        self._running: dict[str, Any] = {}          # job -> (snapshot, key) of the work its runner is doing
        self._sparklines_wait = False
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(PAUSE_MS)
        self._recompute_timer.timeout.connect(self.recompute)
        self._last_change = QElapsedTimer()         # when schedule_recompute was last called (a burst of changes)

    # -- loading ---------------------------------------------------------------
    def load_files(self, paths: list[str | Path]) -> None:
        """Load files with detected settings (command line, drag and drop, demo)."""
        self.load_requests([LoadRequest(Path(p)) for p in paths])

    def load_requests(self, requests: list[LoadRequest]) -> None:
        for req in requests:
            if req.name is None:
                req.name = self._unique_name(req.path.stem, {r.name for r in requests if r is not req})
        self.import_runner.start(load_files_job(requests),
                                 Message("Importing {files}", {"files": ", ".join(r.path.name for r in requests)}),
                                 on_done=self._on_import_done)

    def _unique_name(self, stem: str, taken: set[str | None]) -> str:
        names = {d.name for d in self.bundle.datasets} | taken
        name, i = stem, 2
        while name in names:
            name, i = f"{stem} ({i})", i + 1
        return name

    def _on_import_done(self, outcome: LoadOutcome) -> None:
        by_name = {r.name: r for r in outcome.requests}
        for ds in outcome.datasets:
            self.currencies[ds.name] = outcome.currencies.get(ds.name)
            self.add_dataset(ds, by_name.get(ds.name), outcome.filter_values.get(ds.name),
                             outcome.date_ranges.get(ds.name))
        for message in outcome.errors:
            self.error_raised.emit(message)

    def add_dataset(self, ds: Dataset, request: LoadRequest | None = None,
                    filter_values: dict[str, list[Any]] | None = None,
                    date_range: tuple[pd.Timestamp | None, pd.Timestamp | None] | None = None) -> None:
        """Adopt a loaded dataset (replacing one of the same name) and recompute."""
        from .dataset_facts import date_range as find_date_range, filter_values as find_filter_values

        self.filter_values[ds.name] = filter_values if filter_values is not None else find_filter_values(ds)
        self.date_ranges[ds.name] = date_range if date_range is not None else find_date_range(ds)
        if ds.name not in self.currencies:
            from metrics_core.ingest.currency import table_currency

            self.currencies[ds.name] = table_currency(ds.table)
        req = request or LoadRequest(ds.path, name=ds.name)
        req.mapping = ds.mapping
        req.options = ds.table.options
        self.requests[ds.name] = req
        log.info("dataset %s: %s, %d rows from %s", ds.name, ds.kind, len(ds.frame), ds.path)
        self.schedule_recompute()           # first: what the panels ask for when told waits for the values
        existing = self.dataset(ds.name)
        if existing is not None:
            self.bundle.datasets[self.bundle.datasets.index(existing)] = ds
        else:
            self.bundle.add(ds)
        before = self._fit_current_dataset()
        (self.dataset_replaced if existing is not None else self.dataset_loaded).emit(ds.name)
        self._tell_current_dataset(before)
        self._refit_filters()

    def remove_dataset(self, name: str) -> None:
        if self.dataset(name) is None:
            return
        self.bundle.remove(name)
        self.requests.pop(name, None)
        self.filter_values.pop(name, None)
        self.date_ranges.pop(name, None)
        self.currencies.pop(name, None)
        self.schedule_recompute()
        before = self._fit_current_dataset()
        self.dataset_removed.emit(name)
        self._tell_current_dataset(before)
        self._refit_filters(offered=set(self.available_filters()))

    # -- the file shown ---------------------------------------------------------
    def show_dataset(self, name: str | None) -> None:
        """Make ``name`` the file the sidebar highlights and the data view shows (None: the rows behind a KPI,
        no file highlighted)."""
        before = self.current_dataset
        self._rows_behind_shown = name is None
        self.current_dataset = name if name is None or self.dataset(name) is not None else before
        self._tell_current_dataset(before)

    def _fit_current_dataset(self) -> str | None:
        """Keep the current file while it is loaded; else the first file (none while the rows behind a KPI are
        shown). Returns the current file before."""
        before = self.current_dataset
        names = self.dataset_names()
        self._rows_behind_shown &= bool(names)
        if before not in names:
            self.current_dataset = names[0] if names and not self._rows_behind_shown else None
        return before

    def _tell_current_dataset(self, before: str | None) -> None:
        if self.current_dataset != before:
            self.current_dataset_changed.emit(self.current_dataset or "")

    def remap_dataset(self, name: str, mapping: Any, options: Any = None) -> None:
        """Read ``name``'s file again with a new mapping / read options."""
        ds = self.dataset(name)
        if ds is None:
            return
        req = LoadRequest(ds.path, options or ds.table.options, mapping, mapping.kind if mapping else None, name)
        self.import_runner.start(load_files_job([req]), Message("Re-reading {file}", {"file": ds.path.name}),
                                 on_done=self._on_import_done)

    def dataset(self, name: str) -> Dataset | None:
        return next((d for d in self.bundle.datasets if d.name == name), None)

    def dataset_names(self) -> list[str]:
        return [d.name for d in self.bundle.datasets]

    def clear(self) -> None:
        for name in self.dataset_names():
            self.remove_dataset(name)

    def set_project_path(self, path: Path | None) -> None:
        self.project_path = path
        self.project_path_changed.emit(str(path) if path is not None else "")

    def set_report_choices(self, choices: ReportChoices) -> None:
        """The report the owner chose (the report builder's choices), kept with the project."""
        self.report_choices = choices
        self.report_choices_changed.emit(choices)

    def restore_project(self, project: Any, path: Path | None) -> None:
        """Adopt a saved :class:`~desktop_app.project.Project`: its parameters, targets, filters and
        choices, then read its files."""
        self.clear()
        self.set_params(project.params)
        self.set_targets(project.targets)
        self.set_filters(project.filters)
        self.selected_metric = project.selected_metric
        self.chart_category = project.chart_category
        self.set_report_choices(project.report)
        self.set_project_path(path)
        if project.requests:
            self.load_requests(project.requests)

    # -- filters, params, targets ------------------------------------------------
    def set_filters(self, filters: FilterState, fitted: bool = False) -> None:
        """``fitted``: made to describe the loaded data (its grain may be coarser than the one asked for)."""
        if not fitted and filters.granularity != self.filters.granularity:
            self._chosen_grain = filters.granularity
        if filters != self.filters:
            self.filters = filters
            self.schedule_recompute()           # first: the pause before the values runs while the bars follow
            self.filters_changed.emit(filters)

    def set_comparison(self, comparison: str) -> None:
        """What every KPI's change compares with: the period before, the same period last year, or nothing."""
        if comparison != self.comparison:
            self.comparison = comparison
            self.comparison_changed.emit(comparison)
            self.schedule_recompute()

    def clear_filters(self) -> None:
        """No date range, no category, the default grain (made coarser when the data is long)."""
        self._chosen_grain = FilterState().granularity
        self.set_filters(FilterState().fitted_to(*self.data_range()), fitted=True)

    def _refit_filters(self, offered: set[str] | None = None) -> None:
        """Files were added or removed: presets, range and grain describe the data now loaded — the grain asked
        for, made coarser only as far as this data needs (a staff register alone spans years: quarters; with the
        half-year files added, months again, s13-shots-slsv 20_dashboard_all). ``offered``: after a removal, the
        columns the files left offer; a category filter on any other column goes with its file (kept, it filtered
        the next file opened without a button in the bar to undo it: s15-hang)."""
        asked = replace(self.filters, granularity=self._chosen_grain)
        if offered is not None:
            asked = replace(asked, categories={c: v for c, v in asked.categories.items() if c in offered})
        self.set_filters(asked.fitted_to(*self.data_range()), fitted=True)

    def filter_by(self, column: str, value: Any) -> None:
        """Restrict the dashboard to one category value (a click on a bar). A click is a change alone: its values
        are started as soon as the panels have followed it, not at the next turn of the event loop, which first
        paints them and waits for the GIL a cancelled job holds (10-80 ms at the first re-filter of 1,048,576
        tickets; issue 15, session 20). A click within :data:`PAUSE_MS` of another change still waits the pause."""
        self.set_filters(self.filters.with_category(column, [value]))
        if self._recompute_timer.isActive() and self._recompute_timer.interval() == 0:
            self.recompute()

    def available_filters(self) -> dict[str, list[Any]]:
        merged: dict[str, list[Any]] = {}
        for per_ds in self.filter_values.values():
            for col, values in per_ds.items():
                seen = merged.setdefault(col, [])
                seen.extend(v for v in values if v not in seen)
        return {k: sorted(v, key=lambda x: str(x).casefold()) for k, v in merged.items()}

    def data_range(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """First and last day the activity data covers (the dashboard's default range).

        A customer register dates each customer by when they joined, often years back; it
        counts only when no activity file (tickets, calls, surveys, orders, ...) has dates.
        """
        kinds = {ds.name: ds.kind for ds in self.bundle.datasets}
        dated = {n: r for n, r in self.date_ranges.items() if r[0] is not None and r[1] is not None}
        activity = {n: r for n, r in dated.items() if kinds.get(n) not in REGISTER_KINDS}
        ranges = list((activity or dated).values())
        if not ranges:
            return None, None
        return min(lo for lo, _hi in ranges), max(hi for _lo, hi in ranges)

    def set_params(self, params: dict[str, dict[str, Any]]) -> None:
        self.params = copy.deepcopy(params)
        self.params_changed.emit(self.params)
        self.schedule_recompute()

    def set_targets(self, targets: dict[str, float]) -> None:
        self.targets = {k: float(v) for k, v in targets.items() if v is not None}
        self.targets_changed.emit(dict(self.targets))
        self.schedule_recompute()

    def currency(self) -> str:
        """The currency amounts are written in: a currency the owner chose in the settings (even the euro)
        wins; else the one the loaded files name (``£40.00``, ``Price (GBP)``); else the default (€)."""
        if (self.params.get("global") or {}).get("currency"):
            return currency_of(self.params)
        from metrics_core.ingest.currency import agreed_currency

        return agreed_currency(self.currencies.values()) or DEFAULT_CURRENCY

    def engine_params(self) -> dict[str, Any]:
        """Parameters in the engine's shape: targets go under ``"global"``, the currency is the data's (and
        each file's, when the files name different ones)."""
        params = copy.deepcopy(self.params)
        glob = params.setdefault("global", {})
        glob["targets"] = dict(self.targets)
        glob["currency"] = self.currency()
        named = {name: symbol for name, symbol in self.currencies.items() if symbol}
        if len(set(named.values())) >= 2:            # money KPIs over several currencies are not added up
            glob["file_currencies"] = named
        return params

    # -- computing ------------------------------------------------------------------
    def schedule_recompute(self) -> None:
        """Compute the values again once the changes stop: a change alone (none in the last :data:`PAUSE_MS`,
        none waiting) at the next turn of the event loop, once the panels have followed it; a change that
        follows another within the pause after the pause, which the next change starts again."""
        self.ahead_runner.cancel()              # (files removed: its frames are let go at once)
        self.sparkline_runner.cancel()          # (trend lines of what is changing: not computed through the pause)
        alone = not self._recompute_timer.isActive() and (not self._last_change.isValid()
                                                           or self._last_change.elapsed() >= PAUSE_MS)
        self._last_change.start()
        self._recompute_timer.setInterval(0 if alone else PAUSE_MS)
        self._recompute_timer.start()

    def recompute(self) -> None:
        """Compute every KPI again (F5); the previous computation is cancelled. Results of the last few
        filters are remembered and shown at once."""
        self._recompute_timer.stop()
        self.sparkline_runner.cancel()          # the values come first; the trend lines follow them
        if not self.bundle.datasets:
            self._replace_snapshot(None)        # (the files' frames are let go now, not when the next file comes)
            self.results = ResultSet({})
            self.results_changed.emit(self.results)
            return
        try:
            view = self.view()
        except KpiDeskError as exc:
            self.error_raised.emit(exc.message)
            return
        params = self.engine_params()
        first = [m for m in dict.fromkeys([self.selected_metric, *self.on_screen()]) if m]
        self._start("values", self.compute_runner, (repr(view), repr(params)),
                    lambda snapshot: compute_job(snapshot, params, view, first), Message("Computing KPIs"),
                    self._on_compute_done, self.first_results_changed.emit)

    def snapshot(self) -> Snapshot:
        """The loaded datasets as the engine reads them, shared by every job while the files stay the same."""
        if self._snapshot is None or not self._snapshot.of(self.bundle.datasets):
            self._replace_snapshot(Snapshot(DataBundle(list(self.bundle.datasets))))
        return self._snapshot

    def _replace_snapshot(self, new: Snapshot | None) -> None:
        old, self._snapshot = self._snapshot, new
        if old is None:
            return
        for remembered in self._remembered.values():
            remembered.clear()
        self.release_runner.start(lambda _reporter: old.release())     # let go on a worker, not here

    def _start(self, job: str, runner: TaskRunner, key: tuple, make: Any, text: str, on_done: Any,
               on_part: Any = None) -> None:
        """Run ``make(snapshot)`` on ``runner`` and give its result to ``on_done`` (and what it publishes before
        to ``on_part``); a result remembered for ``key`` is given at once, and the same work already running is
        left to finish."""
        from metrics_core.i18n import current_language

        self.ahead_runner.cancel()              # the window is not idle any more
        snapshot = self.snapshot()
        key = (current_language(), *key)
        known = self._remembered[job].get(key)
        if known is not None:
            runner.cancel()
            self._running.pop(job, None)
            on_done(known)
            return
        if runner.is_busy() and self._running.get(job) == (snapshot, key):
            return

        def done(result: Any) -> None:
            self._running.pop(job, None)
            if snapshot is self._snapshot:          # (files changed meanwhile: shown until replaced, not kept)
                self._remembered[job].put(key, result)
            on_done(result)

        self._running[job] = (snapshot, key)
        runner.start(make(snapshot), text, on_done=done, on_part=on_part)

    def view(self) -> Any:
        """The :class:`metrics_core.report_view.KpiView` the dashboard shows (reports start from it)."""
        return self.filters.to_view(self.targets, self.comparison)

    def values_pending(self) -> bool:
        """Whether the KPIs are being computed (or are about to be: a change just scheduled it)."""
        return self._recompute_timer.isActive() or self.compute_runner.is_busy()

    def _on_compute_done(self, results: ResultSet) -> None:
        self.results = results
        self.results_changed.emit(results)
        self._sparklines_wait = True
        self.refresh_charts()
        if not self.chart_runner.is_busy():
            self.refresh_sparklines()

    def _on_compute_failed(self, _exc: Exception) -> None:
        self.refresh_charts()

    def _on_chart_runner_ended(self, _outcome: Any) -> None:
        if self._sparklines_wait:
            self.refresh_sparklines()

    def refresh_sparklines(self) -> None:
        """The cards' trend lines, after the values (they take longer and are not needed first)."""
        from .sparkline_job import sparklines_job

        self._sparklines_wait = False
        ids = [mid for mid, r in (self.results.results if self.results else {}).items() if r.value is not None]
        if not self.bundle.datasets or not ids:
            return
        params, filters, grain = self.engine_params(), self.filters.to_engine(), self.filters.granularity
        self._start("sparklines", self.sparkline_runner, (repr(params), repr(self.filters), tuple(ids)),
                    lambda snapshot: sparklines_job(snapshot, params, filters, grain, ids), Message("Trends"),
                    self._on_sparklines_done)

    def _on_sparklines_done(self, sparks: dict[str, Any]) -> None:
        self.sparklines = sparks
        self.sparklines_changed.emit(sparks)
        self.work_ahead()

    def work_ahead(self) -> None:
        """Once the dashboard is complete (values, charts, trend lines), the values of the filters a click on a
        bar of the chart asks for (the selected KPI's category breakdown: one filter per bar, at most
        :data:`AHEAD_FILTERS`), worked out before the click and remembered as the click's own would be: the
        click then shows them at once (a re-filter of a million tickets costs 0.3-0.5 s of CPU). Any other
        work cancels it. Not beyond :data:`AHEAD_ROWS` rows: there one filter takes seconds, and the frames
        cut for each add to the peak memory."""
        from metrics_core.i18n import current_language

        data = self.chart_data
        if (data is None or not data.category or not data.bars or self.values_pending()
                or self.chart_runner.is_busy() or self.sparkline_runner.is_busy()
                or sum(len(ds.frame) for ds in self.bundle.datasets) > AHEAD_ROWS):
            return
        params, snapshot = self.engine_params(), self.snapshot()
        views = []
        for point in data.bars[:AHEAD_FILTERS]:
            filters = self.filters.with_category(data.category, [point.key])
            view = filters.to_view(self.targets, self.comparison)
            key = (current_language(), repr(view), repr(params))
            if filters != self.filters and self._remembered["values"].get(key) is None:
                views.append((key, view))

        def keep(part: tuple[Any, ResultSet]) -> None:
            if snapshot is self._snapshot:
                self._remembered["values"].put(*part)

        if views:
            self.ahead_runner.start(ahead_job(snapshot, params, views), on_part=keep)

    def show_again(self) -> None:
        """Emit the results and the cards' trend lines once more and draw the charts again, for panels built after
        they were computed (the window in another language); nothing is recomputed but the charts' labels."""
        if self.results is not None:
            self.results_changed.emit(self.results)
        if self.sparklines:             # (the cards made again had none: their trend lines were gone after a switch)
            self.sparklines_changed.emit(self.sparklines)
        if self.selected_metric:
            self.selection_changed.emit(self.selected_metric)
        self.refresh_charts()

    def select_metric(self, metric_id: str) -> None:
        self.selected_metric = metric_id
        self.selection_changed.emit(metric_id)
        self.refresh_charts()

    def set_chart_category(self, column: str | None) -> None:
        self.chart_category = column
        self.refresh_charts()

    def refresh_charts(self) -> None:
        """The selected KPI's charts; while its values are being computed they wait for them (the values'
        end draws them): both want the GIL, and the cards come first."""
        if not self.bundle.datasets or self.selected_metric is None or self.values_pending():
            return
        params, filters = self.engine_params(), self.filters.to_engine()
        metric, grain, category = self.selected_metric, self.filters.granularity, self.chart_category
        figure = self.results.results.get(metric) if self.results is not None else None    # (the card's, as is)
        self._start("charts", self.chart_runner, (repr(params), repr(self.filters), metric, category),
                    lambda snapshot: chart_job(snapshot, params, filters, metric, grain, category, figure), Message("Charts"),
                    self._on_charts_done)

    def _on_charts_done(self, data: ChartData) -> None:
        self.chart_data = data
        self.charts_changed.emit(data)
        if not self._sparklines_wait:           # (other charts of the same values: no trend lines follow)
            self.work_ahead()

    def cancel(self) -> None:
        self.import_runner.cancel()
        self.compute_runner.cancel()
        self.sparkline_runner.cancel()
        self.ahead_runner.cancel()

    def is_busy(self) -> bool:
        return self.import_runner.is_busy() or self.compute_runner.is_busy()

    def busy_text(self) -> Any:
        """What the busy bar says the window is doing (a Message, rendered when shown), ``None`` when idle."""
        return next((r.text for r in (self.import_runner, self.compute_runner) if r.is_busy()), None)

    def wait(self, msecs: int = 60000) -> bool:
        return self.import_runner.wait(msecs)

    # -- drill-down -------------------------------------------------------------------
    def request_drilldown(self, metric_id: str) -> None:
        """Open the rows behind a KPI (its data kind, with the dashboard's filters)."""
        from .drilldown import rows_behind

        try:
            rows = rows_behind(self.bundle, metric_id, self.filters.to_engine(), self.engine_params())
        except KpiDeskError as exc:
            self.error_raised.emit(exc.message)
            return
        self.drilldown_requested.emit(rows)

    # -- runner events --------------------------------------------------------------
    def _on_runner_started(self, text: str) -> None:
        self.busy_changed.emit(True, text)

    def _on_runner_finished(self) -> None:
        if not self.is_busy():
            self.busy_changed.emit(False, "")

    def _on_runner_failed(self, exc: Exception) -> None:
        if isinstance(exc, KpiDeskError):
            self.error_raised.emit(exc.message)
            return
        from .error_handling import report_unexpected

        report_unexpected(type(exc), exc, exc.__traceback__)
