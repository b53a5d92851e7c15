"""A line chart of the workbook whose points may carry a marker of their own: a partial period's hollow point.

XlsxWriter formats a point (``"points"``) with a fill and a line only, in the point's ``c:spPr`` — on a line
chart that is the line to the point, and the point's marker stayed the series' filled one (LibreOffice drew it
white-filled). Here a point may also name a ``"marker"`` (XlsxWriter's marker options, ``"fill": {"none": True}``
for a ring), written as the point's own ``c:marker`` (CT_DPt: idx, marker, spPr), as the deck writes it
(``pptx_parts._hollow``: ``a:noFill`` with the colour on its ``a:ln``).
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.chart_line import ChartLine


class PointMarkersLine(ChartLine):
    """XlsxWriter's line chart with a ``"marker"`` allowed in each of a series' ``"points"``."""

    def _get_points_properties(self, user_points: Any) -> list:
        points = super()._get_points_properties(user_points)
        for point, user in zip(points, user_points or []):
            if user and user.get("marker"):
                point["marker"] = self._get_marker_properties(user["marker"])
        return points

    def _write_d_pt_point(self, index: int, point: dict) -> None:
        if not point.get("marker"):
            super()._write_d_pt_point(index, point)
            return
        self._xml_start_tag("c:dPt")
        self._write_idx(index)
        self._write_marker(point["marker"])
        self._write_sp_pr(point)
        self._xml_end_tag("c:dPt")


def add_line_chart(book: Any, options: dict) -> PointMarkersLine:
    """``book.add_chart(options)`` for a line chart, as a :class:`PointMarkersLine` (the workbook keeps it and
    writes it as its own: the class only changes how a point is written)."""
    chart = book.add_chart({**options, "type": "line"})
    chart.__class__ = PointMarkersLine
    return chart
