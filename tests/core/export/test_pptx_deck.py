"""The deck, re-opened with python-pptx: slides, native charts and their embedded data."""

from __future__ import annotations

from itertools import combinations

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_MARKER_STYLE
from pptx.oxml.ns import qn
from pptx.util import Inches

from metrics_core.errors import OperationCancelled
from metrics_core.export.chart_data import BAD, GOOD, NEUTRAL, heat_colour
from metrics_core.export.pptx_deck import write_pptx
from metrics_core.progress import Reporter

from .sample import CSAT_BY_MONTH, FRT_BY_CHANNEL, FRT_BY_MONTH, NPS_PARTS, PEAK_CELLS, WEEKDAYS, make_report

from ...spacing import nb, read


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    path = tmp_path_factory.mktemp("deck") / "report.pptx"
    report = make_report(days=365)
    report.appendix = True
    write_pptx(report, path)
    return Presentation(str(path))


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text)


def _charts(deck):
    return {s.chart.chart_title.text_frame.text: s.chart for slide in deck.slides for s in slide.shapes
            if s.has_chart}


def test_slide_size_is_16_9_and_slides_come_in_order(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    titles = [_texts(s).split("\n")[0] for s in deck.slides]
    assert titles[0] == "Customer service KPIs"
    assert "Cvetličarna Mojca d.o.o." in _texts(deck.slides[0])
    assert titles[1] == "At a glance"
    # one slide per KPI with a value, in the report's order, each breakdown after its KPI (titled with the KPI's
    # name, what it is broken down by on the line under it); abandonment has no value and is left out
    assert titles[2:8] == ["CSAT, % satisfied", "Net Promoter Score", "First response time",
                           "First response time", "Request volume", "Customer lifetime value"]
    assert _texts(deck.slides[5]).split("\n")[1] == "By channel · 2024"   # a calendar year (deck21)
    assert titles[8] == "When customers contact us"
    assert titles[-2] == "Data used"
    assert titles[-1] == "How these KPIs were computed"
    assert "Period: 2024" in _texts(deck.slides[0]) or "Period: 1 Jan 2024 – 31 Dec 2024" in _texts(deck.slides[0])
    assert "Made on 6 January 2025" in _texts(deck.slides[0])


def test_summary_table_has_formatted_values_and_coloured_arrows(deck):
    table = next(s.table for s in deck.slides[1].shapes if s.has_table)
    rows = [[table.cell(r, c).text for c in range(5)] for r in range(len(table.rows))]
    assert rows[0] == ["KPI", "Value", "Target", "Previous period", "Change"]
    by_label = {r[0]: r for r in rows[1:]}
    assert [read(c) for c in by_label["CSAT, % satisfied"]] == ["CSAT, % satisfied", "87.2 %", "✔ 85.0 % met", "84.0 %",
                                                              "▲ +3.2 pp"]
    assert [read(c) for c in by_label["First response time"][1:]] == ["1 h 34 min", "✘ 1 h 00 min missed", "1 h 42 min",
                                                                     "▼ −7 min 50 s"]
    assert by_label["CSAT, % satisfied"][1] == nb("87.2 %") and by_label["First response time"][1] == nb("1 h 34 min")
    assert by_label["Request volume"][1] == "12,345"
    assert by_label["Customer lifetime value"][1] == "€1,750"
    assert "Call abandonment rate" not in by_label          # no value: not a headline

    def colour(label):
        r = [row[0] for row in rows].index(label)
        return str(table.cell(r, 4).text_frame.paragraphs[0].runs[0].font.color.rgb)

    assert colour("CSAT, % satisfied") == GOOD               # up, higher is better
    assert colour("First response time") == GOOD             # down, lower is better
    assert colour("Request volume") == NEUTRAL               # no good direction
    target_colour = table.cell([r[0] for r in rows].index("First response time"), 2)
    assert str(target_colour.text_frame.paragraphs[0].runs[0].font.color.rgb) == BAD   # misses its 1 h target


def test_native_charts_embed_the_report_values(deck):
    charts = _charts(deck)
    csat = charts["CSAT by month"]
    assert csat.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)   # python-pptx reads "LINE"
    assert csat.plots[0].series[0].marker.style is None                          # …but CSAT keeps its markers
    assert csat.plots[0].series[1].marker.style == XL_MARKER_STYLE.NONE          # the target line has none
    assert [s.name for s in csat.plots[0].series] == ["CSAT", "Target"]
    assert list(csat.plots[0].series[0].values) == pytest.approx(CSAT_BY_MONTH)
    target = csat.plots[0].series[1]
    assert list(target.values) == [85.0] * 12                     # a flat, dashed target line
    assert target.format.line.dash_style is not None
    # the months named as the deck's texts write them, every other one as a date axis would label them (session
    # 19: a date axis's month names are the viewer's, LibreOffice's sl "okt 2026" beside "31. okt. 2026"; the
    # others blank, LibreOffice ignores tickLblSkip on text categories)
    assert csat._chartSpace.find(".//" + qn("c:dateAx")) is None
    labels = [str(c) for c in csat.plots[0].categories]
    assert labels[::2] == [f"{m} 2024" for m in ("Jan", "Mar", "May", "Jul", "Sep", "Nov")]
    assert len(labels) == 12 and all(label in ("", "None") for label in labels[1::2])
    # the value axis frames the data instead of starting at 0, and stays within 0..100
    assert 0 < csat.value_axis.minimum_scale <= min(CSAT_BY_MONTH)
    assert max(CSAT_BY_MONTH) <= csat.value_axis.maximum_scale <= 100

    frt = charts["First response time by month"]
    assert [s.name for s in frt.plots[0].series] == ["First response time"]      # no target: no target line
    assert list(frt.plots[0].series[0].values) == pytest.approx([v / 60 for v in FRT_BY_MONTH], rel=1e-4)
    assert frt.value_axis.axis_title.text_frame.text == "minutes"

    bars = charts["First response time by channel"]
    assert bars.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(bars.plots[0].categories) == list(FRT_BY_CHANNEL)       # as they are (the embedded workbook
                                                                        # quote-prefixes them: test_formula_safety)
    assert list(bars.plots[0].series[0].values) == pytest.approx([v / 60 for v in FRT_BY_CHANNEL.values()], rel=1e-4)
    assert bars.plots[0].has_data_labels

    nps = charts["NPS: promoters, passives, detractors"]
    assert nps.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert [s.name for s in nps.plots[0].series] == list(NPS_PARTS)
    for series in nps.plots[0].series:
        assert list(series.values) == pytest.approx(NPS_PARTS[series.name])
    assert nps.value_axis.maximum_scale == 100


def test_daily_categories_are_thinned_and_unmarked(deck):
    daily = _charts(deck)["Request volume by day"]
    assert daily.chart_type == XL_CHART_TYPE.LINE
    assert len(list(daily.plots[0].categories)) == 365
    date_axis = daily._chartSpace.find(".//" + qn("c:dateAx"))
    # a year of days: points per day, labels at month starts ("Jan 2024"), at most 12 of them
    assert date_axis.find(qn("c:baseTimeUnit")).get("val") == "days"
    assert date_axis.find(qn("c:majorTimeUnit")).get("val") == "months"
    assert 12 / int(date_axis.find(qn("c:majorUnit")).get("val")) <= 12
    assert date_axis.find(qn("c:numFmt")).get("formatCode") == "mmm yyyy"


def test_text_categories_are_thinned(deck, text_deck):
    # without period dates, text categories are thinned with tickLblSkip (PowerPoint)
    text = _charts(text_deck)["Request volume by day (no dates)"]
    skip = text._chartSpace.find(".//" + qn("c:catAx")).find(qn("c:tickLblSkip"))
    assert skip is not None and 365 / int(skip.get("val")) <= 14
    few = _charts(deck)["NPS: promoters, passives, detractors"]
    assert few._chartSpace.find(".//" + qn("c:catAx")).find(qn("c:tickLblSkip")) is None


@pytest.fixture(scope="module")
def text_deck(tmp_path_factory):
    """The daily volume with text categories only (no period dates)."""
    report = make_report(days=365)
    report.charts = [c for c in report.charts if c.chart_id != "volume-day"]
    path = tmp_path_factory.mktemp("deck") / "text.pptx"
    write_pptx(report, path)
    return Presentation(str(path))


def test_chart_data_is_embedded_as_a_workbook(deck):
    chart = _charts(deck)["CSAT by month"]
    blob = chart.part.chart_workbook.xlsx_part.blob
    assert blob[:2] == b"PK" and len(blob) > 1000


def test_no_shapes_overlap_and_all_stay_on_the_slide(deck):
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        boxes = [(s.left, s.top, s.left + s.width, s.top + s.height, s.name) for s in slide.shapes
                 if s.has_chart or s.has_table or (s.has_text_frame and s.shape_type == 17)]
        for left, top, right, bottom, name in boxes:
            assert 0 <= left and 0 <= top and right <= width and bottom <= height, f"slide {number}: {name} off the slide"
        for a, b in combinations(boxes, 2):
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, f"slide {number}: {a[4]} overlaps {b[4]}"


def test_how_computed_slide_lists_the_texts(deck):
    text = _texts(deck.slides[-1])
    assert "CSAT, % satisfied: Positive responses / all responses × 100" in text
    assert "Net Promoter Score: % promoters (9–10) − % detractors (0–6)." in text


def test_many_kpis_spread_over_several_summary_slides(tmp_path):
    report = make_report()
    template = report.kpis[0]
    report.kpis = [type(template)(f"k{i}", f"KPI number {i}", "tickets", float(i), "count", 10)
                   for i in range(30)]
    path = tmp_path / "many.pptx"
    write_pptx(report, path)
    deck = Presentation(str(path))
    headers = [_texts(s).split("\n")[0] for s in deck.slides]
    assert headers[1:4] == ["At a glance", "At a glance", "At a glance"]
    rows = sum(len(next(sh.table for sh in s.shapes if sh.has_table).rows) - 1 for s in list(deck.slides)[1:4])
    assert rows == 30


def test_cancel_stops_the_deck_and_writes_nothing(tmp_path):
    calls = []
    reporter = Reporter(lambda f, t: calls.append(t), cancelled=lambda: len(calls) >= 3)
    with pytest.raises(OperationCancelled):
        write_pptx(make_report(), tmp_path / "x.pptx", reporter)
    assert list(tmp_path.iterdir()) == []


def test_short_how_keeps_the_formula_and_drops_the_details():
    from metrics_core.export.pptx_deck import short_how

    text = ("CSAT (% satisfied) (csat)\nSatisfied answers divided by all answers, times 100.\n"
            "Reads: survey answers (fields: csat_score).\nUnit: %; higher is better.\n"
            "• Score scale (scale): default auto\nFrom totals: positive, responses.\nSource: LiveAgent (sl).")
    assert short_how(text, "csat") == ("Satisfied answers divided by all answers, times 100. "
                                       "Reads: survey answers (fields: csat_score).")
    long = "word " * 200
    assert short_how(long).endswith(" …") and len(short_how(long)) <= 300


def test_how_computed_pages_are_balanced(tmp_path):
    report = make_report()
    report.appendix = True
    report.kpis = [type(report.kpis[0])(f"k{i}", f"KPI {i}", "tickets", 1.0, "count", 1) for i in range(40)]
    report.how_computed = {f"k{i}": "A formula in words that takes most of one line on a slide. " * 2
                           for i in range(40)}
    write_pptx(report, tmp_path / "how.pptx")
    deck = Presentation(str(tmp_path / "how.pptx"))
    how = [s for s in deck.slides if _texts(s).startswith("How these KPIs were computed")]
    counts = [len(next(sh for sh in s.shapes if sh.has_text_frame and "KPI 0:" in sh.text_frame.text
                       or sh.has_text_frame and sh.text_frame.text.startswith("KPI")).text_frame.paragraphs)
              for s in how]
    assert len(how) >= 2 and sum(counts) == 40
    assert max(counts) - min(counts) <= 3


def test_peak_hours_have_a_slide_of_their_own_with_a_coloured_table(deck):
    slide = next(s for s in deck.slides if _texts(s).startswith("When customers contact us"))
    table = next(s.table for s in slide.shapes if s.has_table)
    assert (len(table.rows), len(table.columns)) == (8, 25)
    assert [table.cell(0, j).text for j in (1, 10, 24)] == ["0", "9", "23"]
    assert [table.cell(i, 0).text for i in range(1, 8)] == WEEKDAYS
    busiest = max(PEAK_CELLS.values())
    for (day, hour), count in PEAK_CELLS.items():
        cell = table.cell(1 + WEEKDAYS.index(day), 1 + hour)
        assert cell.text == f"{count:.0f}"
        assert str(cell.fill.fore_color.rgb) == heat_colour(count / busiest)
    empty = table.cell(1 + WEEKDAYS.index("Sun"), 1 + 3)
    assert empty.text == "" and str(empty.fill.fore_color.rgb) == "FFFFFF"
    assert "Busiest: Fri 14:00–14:59, with 30 contacts" in _texts(slide)
    assert not any(s.has_chart for s in slide.shapes)


def test_data_used_names_kinds_and_exports_as_people_do(deck):
    text = _texts(next(s for s in deck.slides if _texts(s).startswith("Data used")))
    assert "• tickets.csv: Tickets, 12,345 rows, read as an export from Zendesk" in text
    assert "• survey.xlsx: Survey answers, 1,200 rows" in text and "surveys," not in text



@pytest.mark.parametrize("code, title", [("en", "Customer service report"), ("sl", "Poročilo o storitvah za stranke")])
def test_a_report_without_title_or_business_is_titled_what_it_is(tmp_path, code, title):
    # a deck of the demo's tickets was titled "tickets" (the first file's name): now what the report is
    import dataclasses

    from metrics_core.i18n import language

    path = tmp_path / "deck.pptx"
    with language(code):
        write_pptx(dataclasses.replace(make_report(), title="", business_name=""), path)
    first = _texts(Presentation(str(path)).slides[0]).split("\n")
    assert first[0] == title and "" not in first


@pytest.mark.parametrize("code, words", [("sr", "са 32 контакта."), ("ro", "cu 32 de contacte."), ("sl", "32 stikov.")])
def test_the_busiest_hour_takes_its_number_s_plural(tmp_path, code, words):
    # Serbian read 'са 52 контаката' (the form for 5-20) and Romanian 'cu 52 contacte' (without 'de')
    import dataclasses

    from metrics_core.i18n import language

    report = make_report()
    heat = next(c for c in report.charts if c.kind == "heatmap")
    heat.frame.iloc[0, 0] = 32                                  # the busiest cell: 32 contacts
    path = tmp_path / "deck.pptx"
    with language(code):
        write_pptx(dataclasses.replace(report, charts=[heat]), path)
    assert any(words in _texts(slide) for slide in Presentation(str(path)).slides)


def test_the_data_used_slide_names_settings_as_the_owner_does(tmp_path):
    """Was "• Settings for global: currency = €" in every language (the parameters' ids), and a Shopify export
    "prebrano kot izvoz Shopify orders"."""
    from metrics_core.export.model import SourceInfo
    from metrics_core.i18n import language

    report = make_report()
    report.appendix = True
    report.sources.append(SourceInfo("orders.csv", "/x/orders.csv", "orders", 2535, {"preset": "shopify"}, {}))
    report.parameters = {"global": {"currency": "€", "targets": {"csat": 85.5}}, "csat": {"threshold": 4}}
    with language("sl"):
        write_pptx(report, tmp_path / "sl.pptx")
    text = read("\n".join(_texts(s) for s in Presentation(str(tmp_path / "sl.pptx")).slides
                          if _texts(s).startswith("Uporabljeni podatki")))
    assert "• Nastavitve za vse KPI-je: Valuta €, Cilji Rezultat zadovoljstva strank (CSAT, % zadovoljnih) 85,5" in text
    assert "• Nastavitve za Rezultat zadovoljstva strank (CSAT, % zadovoljnih): Zadovoljen od ocene 4" in text
    assert "• orders.csv: Naročila, vrstic: 2.535, prebrano kot izvoz Shopify (naročila)" in text
    for developer in ("global", "currency", "threshold", "csat", " = "):
        assert developer not in text


def test_without_targets_the_kpi_names_get_the_target_columns_room(tmp_path):
    """A compared summary without any target kept 2.5 in for a column of dashes while the KPIs' names wrapped
    (sl, ro, sr month decks: "Rezultat zadovoljstva strank / (CSAT, % zadovoljnih)")."""
    def widths(report):
        write_pptx(report, tmp_path / "d.pptx")
        table = next(s.table for s in Presentation(str(tmp_path / "d.pptx")).slides[1].shapes if s.has_table)
        return [c.width for c in table.columns]

    with_targets = widths(make_report())
    report = make_report()
    for row in report.kpis:
        row.target = None
    without = widths(report)
    assert len(without) == 5 and sum(without) == pytest.approx(sum(with_targets), abs=10)
    # (session 19: columns as wide as their texts, measured, so a column of dashes is as narrow as its header)
    assert without[0] > with_targets[0] and without[2] < with_targets[2] / 2
