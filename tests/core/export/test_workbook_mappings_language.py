"""The workbook's "Column mappings" speak the report's language: each field by its name, how its column was
found and why — the reasons the import dialog shows, from the same templates — as the owner opens the file."""

import pytest
from openpyxl import load_workbook

from metrics_core.cli import main
from metrics_core.resources import demo_dir

# language: (sources sheet, mappings title, kind, ticket-id row, escalated row) as the workbook must show them
EXPECTED = {
    "sl": ("Viri", "Dodelitve stolpcev", "Zahtevki",
           ("ID zahtevka", "Id", "predloga izvoza", "glava „Id“ (izvoz Zendesk)"),
           ("Eskalirano", "Escalated", "glava stolpca", "glava „Escalated“ je ime tega polja")),
    "sr": ("Извори", "Мапирања колона", "Захтеви",
           ("ИД захтева", "Id", "шаблон извоза", "заглавље „Id“ (извоз Zendesk)"),
           ("Ескалирано", "Escalated", "заглавље колоне", "заглавље „Escalated“ је назив овог поља")),
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_column_mappings_sheet_in_the_report_language(tmp_path, capsys, code):
    sheet_name, title, kind, ticket_id, escalated = EXPECTED[code]
    out = tmp_path / f"{code}.xlsx"
    assert main(["report", str(demo_dir() / "tickets.csv"), "--out", str(out), "--lang", code]) == 0
    rows = [row for row in load_workbook(out)[sheet_name].iter_rows(values_only=True) if any(row)]
    start = next(i for i, row in enumerate(rows) if row[0] == title)
    mappings = {row[1]: row[1:5] for row in rows[start + 2:] if row[0] == "tickets.csv"}
    assert mappings[ticket_id[0]] == ticket_id
    assert mappings[escalated[0]] == escalated
    assert ("tickets.csv", kind) == rows[2][0:3:2]
    english = [row for row in mappings.values() if "header “" in row[3] or "export" in row[2] or "column" in row[2]]
    assert not english, english


@pytest.mark.parametrize("code,title,report_block", [("sr", "Извештај о корисничкој услузи", "Извештај"),
                                                     ("ro", "Raport privind serviciul clienți", "Raport")])
def test_summary_title_and_period_line_and_sheet_names_read_well(tmp_path, capsys, code, title, report_block):
    out = tmp_path / f"{code}.xlsx"
    assert main(["report", str(demo_dir() / "tickets.csv"), "--out", str(out), "--lang", code]) == 0
    book = load_workbook(out)
    summary = book.worksheets[0]
    assert summary["A1"].value == title                      # what the report is (no business named: not "tickets")
    assert ".." not in summary["A2"].value                    # "31. окт 2026." ends the sentence once
    sources = [row for row in book.worksheets[-1].iter_rows(values_only=True) if any(row)]
    notes = [str(v) for row in sources for v in row if v is not None]
    assert not [n for n in notes if n.endswith("..")], notes   # the trend note ends with a date too
    items = sources[[row[0] for row in sources].index(report_block) + 2:]
    assert items and all(row[1] for row in items), items       # no item without a value ("compared with": nothing)
    dangling = [name for name in book.sheetnames if len(name.split()[-1]) <= 3 and name.split()[-1].islower()]
    assert not dangling, dangling                             # no sheet cut to "… pe", "… a"


# The demo survey answers run May–October 2026; CLDR's abbreviated month names of each language, worked out by hand.
NPS_PARTS_MONTHS = {"sl": ("Mesec", "maj 2026", "okt. 2026"), "sr": ("Месец", "мај 2026.", "окт 2026."),
                    "en": ("Month", "May 2026", "Oct 2026")}


@pytest.mark.parametrize("code", sorted(NPS_PARTS_MONTHS))
def test_nps_parts_sheet_names_its_months_in_the_language(tmp_path, capsys, code):
    """The promoters/passives/detractors sheet wrote ISO months ("2026-05") while every other sheet wrote "maj 2026"."""
    header, first, last = NPS_PARTS_MONTHS[code]
    out = tmp_path / f"{code}.xlsx"
    assert main(["report", str(demo_dir() / "survey_responses.csv"), "--out", str(out), "--lang", code]) == 0
    book = load_workbook(out)
    sheet = next(s for s in book.worksheets if s.title.startswith("NPS"))
    labels = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    assert labels[0] == header
    assert (labels[1], labels[-1]) == (first, last), labels
    assert not [label for label in labels if label[:4].isdigit()]
