"""The data behind a deck's native chart: its labels as they are on the slide, and in the workbook embedded with
the chart (what PowerPoint's "Edit data" opens) a label a spreadsheet could take for a formula ("=HYPERLINK(…)",
"-2+3", "@agent") is a text cell with Excel's quote prefix, as :mod:`metrics_core.export.xlsx_workbook` writes
its cells: shown as written, never run, still text once edited.

python-pptx writes that workbook with xlsxwriter's ``write``, which makes a text starting with "=" a formula; an
apostrophe put into the label itself (the CSV's rule) kept it from running but showed on the slide, on the
category axis and in the legend ("'+1 555 0100").
"""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.util import lazyproperty

from .safe_text import is_formula_like


class SafeChartData(CategoryChartData):
    """python-pptx's category chart data, its embedded workbook written by :class:`_SafeWorkbookWriter`."""

    @lazyproperty
    def _workbook_writer(self):
        return _SafeWorkbookWriter(self)


class _SafeWorkbookWriter(CategoryWorkbookWriter):
    """The workbook of a category chart: text written as text (quote-prefixed when it could be taken for a
    formula), numbers and dates as python-pptx writes them."""

    def _populate_worksheet(self, workbook, worksheet):
        self._quoted = workbook.add_format({"quote_prefix": True})
        super()._populate_worksheet(workbook, worksheet)

    def _write_cat_column(self, worksheet, col, level, num_format):
        worksheet.set_column(col, col, 10)              # (as python-pptx: wide enough for a date)
        for off, name in level:
            self._write(worksheet, off + 1, col, name, num_format)

    def _write_series(self, workbook, worksheet):
        col_offset = self._chart_data.categories.depth
        for idx, series in enumerate(self._chart_data):
            num_format = workbook.add_format({"num_format": series.number_format})
            col = idx + col_offset
            self._write(worksheet, 0, col, series.name)
            worksheet.write_column(1, col, series.values, num_format)

    def _write(self, worksheet, row: int, col: int, value: Any, cell_format=None) -> None:
        if not isinstance(value, str):
            worksheet.write(row, col, value, cell_format)
        else:
            worksheet.write_string(row, col, value, self._quoted if is_formula_like(value) else cell_format)
