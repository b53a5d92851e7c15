"""Reports of the KPIs: a PowerPoint deck, an Excel workbook and a CSV, all written
atomically from one plain :class:`~metrics_core.export.model.Report`.

- :mod:`.model` — ``Report``, ``KpiRow``, ``ChartData``, ``SourceInfo`` (JSON round trip)
- :mod:`.build` — ``build_report`` from the KPI engine
- :mod:`.report` — ``write_report`` (by extension, or a folder of all three)
- :mod:`.pptx_deck` / :mod:`.pptx_parts` — the deck, with native editable charts
- :mod:`.xlsx_workbook` — the workbook, with native Excel charts
- :mod:`.csv_results` — the CSV, formula-neutralised, UTF-8 with BOM
- :mod:`.chart_data` — units, axes and colours of charts (numbers for people: :mod:`metrics_core.formatting`)

Chart images (PNG/SVG) need Qt and live in ``desktop_app.charts.export`` and
``desktop_app.report_pngs``.
"""
