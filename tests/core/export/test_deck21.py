"""deck21: a shop owner's look at the deck (s21-deck): a daily trend's labels apart, the period named as a person
names it, the data-used note saying what the trends show, durations in one kind of unit."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Emu

from metrics_core.export.pptx_deck import write_pptx
from metrics_core.i18n import language

from .drawn_text import drawn_width, needs_font
from .sample import make_report

LANGUAGES = ["en", "sl", "ro", "sv", "sr", "sr-Latn"]
AXIS_MARGINS_IN = 1.0        # a chart's value axis and margins: the rest of its width is its categories'


@needs_font
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_daily_trends_labels_never_touch(tmp_path, code):
    """deck20: sl "11. okt.13. okt.15. okt." on a 24-day trend (every other day labelled) touched each other in
    LibreOffice, which draws every label it is given. Each label, on one line at the axis's 11 pt, keeps at least
    6 pt from the next one, measured with the font LibreOffice draws it in."""
    path = tmp_path / f"{code}.pptx"
    with language(code):
        write_pptx(make_report(days=24), path)
    charts = [shape for slide in Presentation(str(path)).slides for shape in slide.shapes
              if shape.has_chart and shape.chart.chart_title.text_frame.text == "Request volume by day"]
    assert charts
    for shape in charts:
        labels = [str(label) for label in shape.chart.plots[0].categories]
        assert len(labels) == 24
        per_category = (Emu(shape.width).inches - AXIS_MARGINS_IN) * 72 / len(labels)
        drawn = [(i, label) for i, label in enumerate(labels) if label not in ("", "None")]
        assert len(drawn) >= 3, labels
        for (i, a), (j, b) in zip(drawn, drawn[1:]):
            gap = (j - i) * per_category - (drawn_width(a, 11, bold=False) + drawn_width(b, 11, bold=False)) / 2
            assert gap >= 6, (code, a, b, round(gap, 1))


DURATION_WORDS = {"sr": ("сат", "мин"), "sr-Latn": ("sat", "min"), "ro": ("or", "min.")}   # a word's stem, an abbreviation


@pytest.mark.parametrize("code", ["sr", "sr-Latn", "ro"])
def test_a_duration_in_hours_and_minutes_writes_both_short(code):
    """deck20: sr "9 сати 03 мин", ro "21 de ore 38 min.": the hour a whole word, the minutes abbreviated, on the deck's
    first response time and the window's card alike (both write it with format_duration). Every duration of hours and
    minutes in a day now writes its hour as short as its minutes; none of them the hour's word."""
    from metrics_core.formatting import format_duration

    hour_word, minutes = DURATION_WORDS[code]
    with language(code):
        texts = [format_duration(h * 3600 + m * 60) for h in range(1, 24) for m in (0, 3, 38)]
    assert all(minutes in text and hour_word not in text for text in texts), [t for t in texts if hour_word in t][:3]
