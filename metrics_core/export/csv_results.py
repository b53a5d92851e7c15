"""The results as CSV: one row per KPI, then one row per point of every trend and breakdown.

UTF-8 with a byte-order mark (so Excel reads "č", "ă", "å" right), comma-separated,
numbers with a decimal point in the KPI's base unit (% on 0..100, durations in
seconds), plus a humanised "shown as" column. Text that a spreadsheet could take
for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any, Iterable

from ..atomic import write_text_atomic
from ..progress import Reporter
from ..formatting import format_change, format_value
from ..i18n import N_, _
from ..report_view.partial import partial_words
from ..report_view.words import NOTE_SEPARATOR
from .chart_data import partial_rows
from .model import BY_WORDS, Report
from .safe_text import FORMULA_STARTS, neutralise  # noqa: F401 - the one rule, also for callers of this module

HEADER = ("record", "kpi_id", "kpi", "family", "series", "period_or_group", "value", "unit", "n", "target",
          "previous", "change", "change_relative", "shown_as", "change_shown_as", "note")
#: The header row as a person reads it, in the report's language (English: the names above).
HEADER_WORDS = (
    N_("record"), N_("kpi_id"), N_("kpi"), N_("family"), N_("series"), N_("period_or_group"), N_("value"), N_("unit"),
    N_("n"), N_("target"), N_("previous"), N_("change"), N_("change_relative"), N_("shown_as"), N_("change_shown_as"),
    N_("note"),
)



def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return ""
        return repr(value) if isinstance(value, float) else str(value)
    return neutralise(str(value))


def result_rows(report: Report) -> Iterable[list[Any]]:
    """The CSV rows of ``report`` (header first), before neutralisation."""
    yield [_(word) for word in HEADER_WORDS]
    for r in report.kpis:
        yield ["kpi", r.metric_id, r.label, r.family, "", "", r.value, r.unit, r.n, r.target, r.previous,
               r.change, r.relative_change, r.value_text(report.currency),
               format_change(r.change, r.unit, report.currency, r.metric_id) if r.change is not None else "",
               r.note_text]       # the card's words: reason or caveat, few units, a partial change
    for chart in report.charts:
        record = {"line": "trend", "bar": "breakdown", "stacked": "shares", "heatmap": "grid"}[chart.kind]
        unit = "%" if chart.kind == "stacked" else chart.unit
        by = _("by {period}", period=_(BY_WORDS[chart.by]).lower() if chart.by in BY_WORDS else chart.by)
        partial = partial_rows(chart)
        for series in chart.series_names:
            for i, (label, value) in enumerate(zip(chart.categories, chart.values(series))):
                n = chart.counts[i] if chart.counts is not None else None
                yield [record, chart.metric_id, chart.title, chart.family, series, label, value, unit, n,
                       "", "", "", "", format_value(value, unit, report.chart_currency(chart)), "",
                       NOTE_SEPARATOR.join(t for t in (partial_words(chart.by) if i in partial else by,
                                                       chart.note) if t)]   # "partial week"; the card's caveat


def results_csv_text(report: Report) -> str:
    """The CSV text of ``report`` (without the byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    rows = iter(result_rows(report))
    writer.writerow(next(rows))
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def write_csv(report: Report, path: str | Path, reporter: Reporter | None = None) -> None:
    """Write the results of ``report`` to ``path`` as UTF-8 CSV with a BOM (atomically).

    Parameters
    ----------
    report : Report
        The results.
    path : str or Path
        The ``.csv`` file; an existing file is replaced only once the new one is complete.
    reporter : Reporter, optional
        Progress and cancellation.
    """
    reporter = reporter or Reporter()
    reporter.step(0.0, _("Writing the results as CSV"))
    write_text_atomic(path, results_csv_text(report), encoding="utf-8-sig")
    reporter.step(1.0, _("CSV ready"))
