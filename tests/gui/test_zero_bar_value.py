"""A bar of 0 shows its value: staff turnover by team on the demo's staff file has "Phone desk" at 0 % (nobody left),
a bar with no length that read only as a name on the axis, like a team without a value (s16-final's left line). Its
value is written beside the axis, inside the plot, over no other text, light or dark; a bar with a length and a
team without a value get none."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from desktop_app.charts.bar_chart import BarChart
from desktop_app.formatting import format_value
from desktop_app.i18n import apply_language

from .chart_texts import all_texts, overlaps
from .helpers import shown
from .test_laptop_fit_dark import palette  # noqa: F401 - the light and dark palettes


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_zero_bar_writes_its_value(qtbot, palette, language) -> None:  # noqa: F811
    apply_language(language)
    try:
        chart = shown(qtbot, BarChart("Staff turnover by team"), 445, 260)
        chart.set_bars("team", ["care", "phone", None], ["Customer care", "Phone desk", "(none)"], [25.0, 0.0, None],
                       "%", [8, 2, 1], higher_is_better=False)
        qtbot.wait(50)
        rows = list(chart._table["category"])
        phone = rows.index("Phone desk")
        written = format_value(0.0, "%").replace("\xa0", " ")      # (a text item reads its no-break space as a space)
        texts = all_texts(chart.plot_item)
        labels = [t for t in texts if t.what == "value label"]
        assert [t.text for t in labels] == [written], f"value labels beside the bars: {[t.text for t in labels]}"
        label = labels[0]
        view = chart.plot_item.getViewBox().sceneBoundingRect()
        assert view.contains(label.rect), (label.rect, view)                     # inside the plot, whole
        row = chart.plot_item.getViewBox().mapViewToScene(QPointF(0.0, float(phone)))
        assert abs(label.rect.center().y() - row.y()) <= 3 and label.rect.left() > row.x()   # on its row, after 0
        assert overlaps(texts) == []
    finally:
        apply_language("en")
