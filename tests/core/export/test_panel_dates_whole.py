"""deck18/19: the ro CRR slide's panel wrapped "în perioada 1 mai – 31 oct." / "2026": a line broke inside a date.
Every KPI slide's panel (the deck of the demo's saved dates, 1 May – 31 Oct 2026, in every language) keeps each day
it names whole: no plain space, where a text box may break a line, inside "31 oct. 2026" or "1 mai"."""

from __future__ import annotations

from datetime import date

import pytest
from pptx import Presentation
from pptx.util import Inches

from metrics_core.cli import main
from metrics_core.formatting_dates import format_day_range
from metrics_core.i18n import _, language

LANGUAGES = ["en", "sl", "ro", "sv", "sr", "sr-Latn"]
NBSP = "\u00a0"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_crr_panel_never_breaks_a_line_inside_a_date(tmp_path, code):
    out = tmp_path / "deck.pptx"
    assert main(["report", "--demo", "--lang", code, "--out", str(out)]) == 0
    with language(code):
        title = _("Customer retention rate (CRR)")
        span = format_day_range(date(2026, 5, 1), date(2026, 10, 31))
    slide = next(slide for slide in Presentation(str(out)).slides
                 if any(shape.has_text_frame and shape.text_frame.text == title for shape in slide.shapes))
    panel = [shape.text_frame.text for shape in slide.shapes
             if shape.has_text_frame and shape.left > Inches(9)]          # the panel right of the chart
    lines = [text for text in panel if span in text.replace(NBSP, " ")]
    assert lines, (span, panel)
    for day in span.split(" – "):                                       # "1 mai", "31 oct. 2026"
        assert day.replace(" ", NBSP) in lines[0], (day, lines[0])
