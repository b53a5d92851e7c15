"""Exports are safe to open: text from the data that a spreadsheet would run as a formula is
neutralised in the report workbook (a text cell with Excel's quote prefix, shown as written) and in the
workbooks embedded behind the deck's charts (a leading apostrophe, as in the CSV, which has its own test);
numbers stay numbers; deck text carries no hyperlinks or fields."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from metrics_core.cli import main
from metrics_core.export.safe_text import FORMULA_STARTS, is_formula_like, neutralise

PAYLOADS = ('=HYPERLINK("http://x","click me")', "=cmd|' /C notepad'!'A1'", "@SUM(1+1)", "+1 555 0100",
            "-2+3", "\tTabbed", "\rReturn")
CHANNELS = PAYLOADS[:4]


def hostile_tickets_csv() -> str:
    """Tickets whose channel and agent values are formula payloads (quoted as CSV needs)."""
    rows = ["Id,Assignee,Via,Status,Created at,Solved at,First reply time in minutes,Satisfaction rating"]
    for i in range(80):
        channel = CHANNELS[i % len(CHANNELS)].replace('"', '""')
        agent = ("=1+2", "Eva", "@agent")[i % 3]
        day = 1 + i % 28
        month = 5 + (i // 28)
        rows.append(f'{1000 + i},"{agent}","{channel}",Closed,2026-{month:02d}-{day:02d} 09:{i % 60:02d}:00,'
                    f'2026-{month:02d}-{day:02d} 15:00:00,{30 + i},{1 + i % 5}')
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "tickets.csv"
    source.write_text(hostile_tickets_csv(), encoding="utf-8")
    deck, book = folder / "report.pptx", folder / "report.xlsx"
    for out in (deck, book):
        # the chosen breakdowns put the channel and agent values into charts and sheets
        assert main(["report", str(source), "--out", str(out), "--breakdown", "request_volume=channel",
                     "--breakdown", "csat=agent"]) == 0
    return deck, book


def sheet_xml_formulas(xlsx_bytes: bytes) -> list[str]:
    """Every ``<f>`` (formula) element in the worksheets of a workbook."""
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as z:
        return [m for name in z.namelist() if name.startswith("xl/worksheets/")
                for m in re.findall(r"<f[ >].*?</f>", z.read(name).decode("utf-8"))]


def text_cells(xlsx_bytes: bytes) -> list[tuple[str, bool]]:
    """Every text cell's value and whether it has the quote prefix (kept as text even when edited)."""
    book = load_workbook(io.BytesIO(xlsx_bytes))
    out = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    out.append((cell.value, bool(cell.quotePrefix)))
    return out


def cell_texts(xlsx_bytes: bytes) -> list[str]:
    return [text for text, _prefixed in text_cells(xlsx_bytes)]


def assert_safe_and_readable(xlsx_bytes: bytes, where: str, expected: tuple[str, ...]) -> None:
    """The report workbook: formula-like text is a quote-prefixed text cell, shown as written, with no apostrophe
    of its own (the workbook showed "'+3.2 pp" in the Summary's "Change shown as")."""
    assert sheet_xml_formulas(xlsx_bytes) == [], where
    cells = text_cells(xlsx_bytes)
    unsafe = [t for t, prefixed in cells if t.startswith(FORMULA_STARTS) and not prefixed]
    assert unsafe == [], f"{where}: cells a spreadsheet would run once edited: {unsafe}"
    assert [t for t, _prefixed in cells if t.startswith("'")] == [], f"{where}: an apostrophe shown in a cell"
    for payload in expected:        # the text is kept as it is, readable
        assert (payload, True) in cells, f"{where}: {payload!r} missing from {cells[:40]}"


def test_the_rule_is_the_csv_rule():
    for payload in PAYLOADS:
        assert is_formula_like(payload) and neutralise(payload) == "'" + payload
    for text in ("Email", "5", "", "a=b", "2024-01"):
        assert not is_formula_like(text) and neutralise(text) == text


def test_chart_workbooks_inside_the_deck_hold_no_formulas(hostile_report):
    deck, _ = hostile_report
    with zipfile.ZipFile(deck) as z:
        embedded = [z.read(n) for n in z.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
    assert embedded, "the deck has native charts with their data"
    seen = set()
    for i, data in enumerate(embedded):
        # formula-like labels: quote-prefixed text cells, with no apostrophe of their own (s16-words: "'=1+2" in a
        # bar's label on the slide, the apostrophe put into the text itself)
        assert_safe_and_readable(data, f"chart workbook {i}", ())
        seen.update(text_cells(data))
        book = load_workbook(io.BytesIO(data))
        numbers = [c.value for row in book.worksheets[0].iter_rows(min_row=2, min_col=2) for c in row]
        assert all(v is None or isinstance(v, (int, float)) for v in numbers), "values stay numbers"
    assert {(c, True) for c in CHANNELS} <= seen, "a breakdown by channel keeps the labels as they are"


def test_the_slides_show_formula_like_labels_as_written(hostile_report):
    """The charts' own text (categories, series names: what the axis, the legend and the data labels show) is the
    label as it is in the data: "=1+2", "@agent", not "'=1+2"."""
    deck, _ = hostile_report
    from pptx import Presentation

    labels = set()
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                labels.update(str(c) for c in plot.categories)
                labels.update(s.name for s in plot.series)
    assert not [t for t in labels if t.startswith("'")], labels
    assert {"=1+2", "@agent"} <= labels and set(CHANNELS) <= labels, labels


def test_deck_text_has_no_hyperlinks_or_fields(hostile_report):
    """Slides, charts and notes (what the report writes; the template's masters keep their slide number)."""
    deck, _ = hostile_report
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slides/", "ppt/charts/", "ppt/notesSlides/")) and name.endswith((".xml", ".rels")):
                text = z.read(name).decode("utf-8")
                assert "hlinkClick" not in text and "<a:fld" not in text, name
                assert "relationships/hyperlink" not in text, name


def test_report_workbook_neutralises_text_from_the_data(hostile_report):
    _, book = hostile_report
    assert_safe_and_readable(book.read_bytes(), "report workbook", CHANNELS[:2])


def test_embedded_chart_labels_stay_numbers_for_real_numbers():
    """A category that is a real negative number (a signed change) stays a number in the chart's workbook; a text
    "-5" is a quote-prefixed text cell."""
    from metrics_core.export.chart_workbook import SafeChartData

    data = SafeChartData()
    data.categories = [-5, 2.5, "-5"]
    data.add_series("-change", [1.0, 2.0, 3.0])
    book = load_workbook(io.BytesIO(data.xlsx_blob)).worksheets[0]
    assert [book.cell(r, 1).value for r in (2, 3, 4)] == [-5, 2.5, "-5"]
    assert [bool(book.cell(r, 1).quotePrefix) for r in (2, 3, 4)] == [False, False, True]
    assert (book.cell(1, 2).value, bool(book.cell(1, 2).quotePrefix)) == ("-change", True)
