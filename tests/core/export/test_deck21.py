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


# The report's period as the title slide writes it, written out by hand: a quarter, a calendar year, 24 days.
PERIOD_NAMES = {
    "en": ("July – September 2026", "2026", "1 Oct – 24 Oct 2026"),
    "sl": ("julij–september 2026", "2026", "1. okt. – 24. okt. 2026"),
    "ro": ("iulie – septembrie 2026", "2026", "1 oct. – 24 oct. 2026"),
    "sv": ("juli–september 2026", "2026", "1 okt. – 24 okt. 2026"),
    "sr": ("јул – септембар 2026.", "2026.", "1. окт – 24. окт 2026."),
    "sr-Latn": ("jul – septembar 2026.", "2026.", "1. okt – 24. okt 2026."),
}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_title_slide_names_the_period_as_a_person_does(tmp_path, code):
    """deck20: a quarter's title slide read "Period: 1 Jul 2026 – 30 Sep 2026", a year's "1 Jan 2026 – 31 Dec 2026",
    24 days "1 Oct 2026 – 24 Oct 2026" (the year twice, where the comparison beside it wrote "7 Sep – 30 Sep 2026").
    Whole months are named in full as a month is ("October 2026"), a calendar year by its number, other days with
    their year once; the slides' date lines say the same."""
    from datetime import date

    from metrics_core.i18n import _

    spans = ((date(2026, 7, 1), date(2026, 9, 30)), (date(2026, 1, 1), date(2026, 12, 31)),
             (date(2026, 10, 1), date(2026, 10, 24)))
    for (first, last), name in zip(spans, PERIOD_NAMES[code]):
        report = make_report()
        report.period_start, report.period_end = first, last
        path = tmp_path / f"{code}-{first}-{last}.pptx"
        with language(code):
            write_pptx(report, path)
            period = _("Period: {period}", period=name)
        slides = Presentation(str(path)).slides
        title_texts = [s.text_frame.text for s in slides[0].shapes if s.has_text_frame]
        assert period in title_texts, title_texts
        summary_lines = [line for s in slides[1].shapes if s.has_text_frame for line in s.text_frame.text.split("\n")]
        assert name in [line.split(" · ")[0] for line in summary_lines], summary_lines


@pytest.mark.parametrize("code,drawn,words", [("sl", [2, 2], "prikazujejo 2 meseca do"), ("sr", [21], "приказују 21 дан до"),
                                               ("ro", [20], "arată 20 de săptămâni până"), ("en", [1], "show 1 day up to"),
                                               ("sv", [], "visar 12 månader fram")])
def test_the_trend_note_counts_in_the_languages_plural_forms(code, drawn, words):
    """The note's count takes the form its number needs (sl dual "2 meseca", sr "21 дан", ro "20 de"); where no trend
    is drawn it names the periods a trend may reach (12 months)."""
    from datetime import date

    from metrics_core.export.report_charts import periods_note

    by = {"sl": "month", "sr": "day", "ro": "week", "en": "day", "sv": "month"}[code]
    with language(code):
        assert words in periods_note(by, drawn, date(2026, 10, 31))


def test_a_comparison_without_data_is_not_announced(tmp_path):
    """deck20/21: a 2026 deck compared with 2025, which the files do not reach: every slide said "compared with
    1 Jan – 31 Dec 2025" and At a glance had a 2025 column and a Change column of dashes only. Now no slide announces
    the comparison, At a glance has no such columns and says why under its table, naming the year as the deck does."""
    from metrics_core.cli import main

    path = tmp_path / "year.pptx"
    assert main(["report", "--demo", "--from", "2026-01-01", "--to", "2026-12-31", "--lang", "en",
                 "--out", str(path)]) == 0
    slides = Presentation(str(path)).slides
    texts = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    assert not [t for t in texts if "compared with" in t], [t for t in texts if "compared with" in t][:2]
    table = next(shape.table for shape in slides[1].shapes if shape.has_table)
    assert [cell.text for cell in table.rows[0].cells] == ["KPI", "Value", "Target"]
    assert "Your files hold no data for 2025 to compare with, so no KPI shows a change." in texts


@pytest.mark.parametrize("code", ["en", "sl"])
def test_a_daily_trend_has_a_place_for_every_day(tmp_path, code):
    """deck21: the demo's IQS by day (1–24 Oct 2026) had 17 points, its days without reviews left out, so that the axis
    read "1 Oct, 5 Oct, 7 Oct" at equal steps. Every trend of the 24 days now has a place for each day from its first
    to its last with data (IQS: 1–23 Oct, 23 places), a day without data a gap, and each label names the day under it."""
    from datetime import date, timedelta

    from metrics_core.cli import main
    from metrics_core.formatting import format_day_month

    path = tmp_path / f"{code}.pptx"
    assert main(["report", "--demo", "--from", "2026-10-01", "--to", "2026-10-24", "--by", "day", "--lang", code,
                 "--out", str(path)]) == 0
    with language(code):
        days = [format_day_month(date(2026, 10, 1) + timedelta(days=i)) for i in range(24)]
    trends = [shape.chart for slide in Presentation(str(path)).slides for shape in slide.shapes
              if shape.has_chart and "LINE" in str(shape.chart.chart_type)]
    assert len(trends) >= 6
    for chart in trends:
        labels = [str(label) for label in chart.plots[0].categories]
        first = days.index(labels[0])                           # a trend starts at its first day with data
        assert len(labels) == 24 - first or "IQS" in chart.chart_title.text_frame.text, labels   # IQS: to 23 Oct
        assert all(label in ("", "None", days[first + i]) for i, label in enumerate(labels)), labels
    iqs_values = [v for chart in trends for plot in chart.plots for series in plot.series
                  if "IQS" in chart.chart_title.text_frame.text for v in [series.values]]
    assert any(None in values for values in iqs_values)          # its days without reviews are gaps
