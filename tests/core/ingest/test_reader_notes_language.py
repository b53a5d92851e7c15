"""Every note the reader writes about a file, and every refusal, in the window's language (issue 14).

s11-shots saw the Slovenian import dialog say "2 empty row(s) were skipped"; the skipped rows' and columns'
notes became templates (3ad4fff), but the reader's other notes stayed English f-strings: the joined header
rows, the columns named by position, the stray note columns, the names made unique, the sheet read and the
sheets skipped, a first line ``sep=;``, the preview's encoding. Here real files that make each note are read
in each language: each note is there in every language, none is left in English, and English still says it
as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import xlsxwriter

from metrics_core.errors import KpiDeskError
from metrics_core.i18n import language
from metrics_core.ingest import reader
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import read_preview, read_table

LANGUAGES = ("sl", "ro", "sv", "sr", "sr-Latn")
#: English words of the notes (the files' own texts are Slovenian, the position names "Stolpec 5" are not English)
ENGLISH = re.compile(r"\b(the|was|were|is|of|and|header|headers|columns?|rows?|sheets?|skipped|joined|named|"
                     r"unique|notes|delimiter|encoding|preview|largest|left|read|cannot|damaged|workbook|"
                     r"must|values?|quote|line)\b", re.IGNORECASE)


def _book(path: Path, sheets: dict[str, dict[tuple[int, int], object]]) -> Path:
    book = xlsxwriter.Workbook(path)
    for name, cells in sheets.items():
        sheet = book.add_worksheet(name)
        for (row, column), value in cells.items():
            sheet.write(row, column, value)
    book.close()
    return path


def _files(folder: Path) -> dict[str, tuple[Path, ReadOptions]]:
    """A file (and its import options) for each note of the reader."""
    klici = {(0, 0): "Klic", (0, 1): "Agent", (0, 2): "Sekunde"}
    klici.update({(r, c): v for r in range(1, 31) for c, v in enumerate([f"K{r}", "Ana", r * 10])})
    klici.update({(3, 5): "preveri", (7, 5): "vprašaj Ano"})          # a stray note column without a header
    daleč = {(0, 0): "Naslov", (1, 0): 1, (1_048_575, 16_383): 42}     # cells reach XFD1048576
    book = _book(folder / "klici.xlsx", {"Povzetek": {(0, 0): "Skupaj", (0, 1): 3}, "Klici": klici,
                                         "Daleč": daleč})
    sep = folder / "sep.csv"
    sep.write_text("sep=;\nZadeva;Opomba;Opomba;;Stanje\nA;c1;c2;x;Odprto\nB;d1;;y;Zaprto\n", encoding="utf-8")
    two_headers = folder / "dve.csv"
    two_headers.write_text("Zadeva,Stanje\nkratko,dolgo\nA,Odprto\nB,Zaprto\n", encoding="utf-8")
    no_header = folder / "brez.csv"
    no_header.write_text("1001,2024-01-05 10:00:00,185\n1002,2024-01-05 11:00:00,30\n", encoding="utf-8")
    long = folder / "dolga.csv"
    long.write_text("Zadeva,Sekunde\n" + "".join(f"Z{i:07d},{i % 900}\n" for i in range(110_000)), encoding="utf-8")
    return {"workbook": (book, ReadOptions()), "sep": (sep, ReadOptions()),
            "two headers": (two_headers, ReadOptions(header_rows=2)), "no header": (no_header, ReadOptions()),
            "none chosen": (no_header, ReadOptions(header_row=-1)), "preview": (long, ReadOptions())}


def _notes(path: Path, options: ReadOptions, preview: bool) -> list[str]:
    """What the import dialog lists: the encoding's note when it asks to look, the notes, the columns' doubts."""
    table = read_preview(path, options) if preview else read_table(path, options)
    return [*([table.encoding_note] if table.encoding_doubtful else []), *table.notes,
            *(str(c.ambiguous) for c in table.columns if c.ambiguous)]


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> dict[str, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("notes")
    files = _files(folder)
    grouped = (folder / "tisoč.csv")
    grouped.write_text("Zadeva,Znesek\nA,\"1,234\"\nB,\"2,500\"\n", encoding="utf-8")
    files["decimal"] = (grouped, ReadOptions())
    menu = folder / "jedilnik.csv"                           # cp1252, and cp1250 would read it too
    menu.write_bytes("jed,cena\ncrème,3\ncaj,2\n".encode("cp1252"))
    files["code page"] = (menu, ReadOptions())
    broken = folder / "mesta.csv"                            # UTF-8 but for one cp1250 line
    broken.write_bytes("Ime,Mesto\nčšž,Ljubljana\nŽiga,Celje\nĆevapi,Niš\n".encode("utf-8")
                       + "Kovač,Kranj\n".encode("cp1250"))
    files["bytes replaced"] = (broken, ReadOptions())
    patch = pytest.MonkeyPatch()
    patch.setattr(reader, "PREVIEW_WHOLE_FILE_BYTES", 2**20)       # the preview of a 1.6 MB file reads its first MB
    patch.setattr(reader, "PREVIEW_HEAD_BYTES", 2**20 + 2**12)
    try:
        found = {}
        for code in ("en", *LANGUAGES):
            with language(code):
                found[code] = {name: _notes(path, options, name == "preview") for name, (path, options) in files.items()}
        return found
    finally:
        patch.undo()


def test_the_english_notes_say_what_they_said(notes) -> None:
    english = notes["en"]
    assert english["workbook"] == [
        "Sheet “Klici” was read (the largest of 3 sheets)",
        "2 empty columns without a header were dropped",
        "Column F has no header and only a few cells (“preveri”, “vprašaj Ano”); it looks like notes beside the "
        "table and was left out",
        "Sheet “Daleč” was skipped: its cells reach too far from A1 to be read",
    ]
    assert english["sep"] == ["The first line “sep=;” only names the delimiter; it was skipped",
                              "1 duplicate column name was made unique: “Opomba” → “Opomba (2)”",
                              "1 column without a header was named by position: Column 4"]
    assert english["two headers"] == ["2 header rows (rows 1–2) were joined into one header per column"]
    assert english["no header"] == ["No header row found: row 1 holds data (numbers or dates where a header would "
                                    "have names), so the columns are named Column 1, Column 2, …"]
    assert english["none chosen"] == ["No header row (as chosen); the columns are named Column 1, Column 2, …"]
    assert english["preview"] == ["Preview: the encoding was judged from the first 1 MB"]
    assert english["decimal"] == ["values like “1,234” were read as 1234; choose the decimal mark if that is wrong"]
    assert english["code page"] == ["cp1252 (Western European, Windows-1252; detected, but cp1250 also fits — check "
                                    "the preview)"]
    assert english["bytes replaced"] == ["UTF-8, but 1 byte could not be decoded and was replaced by “\ufffd” (first "
                                         "at line 5); check the preview or choose another encoding"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_note_in_each_language_without_english(notes, code) -> None:
    english, said = notes["en"], notes[code]
    for name, texts in english.items():
        assert texts, f"{name}: the file made no note"
        assert len(said[name]) == len(texts), (name, said[name])
        for note, translated in zip(texts, said[name]):
            left = ENGLISH.findall(re.sub(r"Column \d+", "", translated))
            assert translated != note and not left, f"{code} {name}: {translated!r} (English: {left})"


def _refusal(path: Path, options: ReadOptions = ReadOptions()) -> str:
    with pytest.raises(KpiDeskError) as caught:
        read_table(path, options)
    return str(caught.value)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_readers_refusals_in_each_language(tmp_path: Path, code: str) -> None:
    """A quote never closed, import options that cannot be applied."""
    quote = tmp_path / "opombe.csv"
    quote.write_bytes(b'id,opomba\n1,ok\n2,"nikoli zaprto\n3,x\n')
    csv = tmp_path / "d.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    cases = [(quote, ReadOptions()), (csv, ReadOptions(decimal=";")), (csv, ReadOptions(header_rows=-3)),
             (csv, ReadOptions(column_types={"a": "colour"}))]
    with language("en"):
        english = [_refusal(path, options) for path, options in cases]
    assert "never closed" in english[0] and "the decimal mark must be" in english[1]
    with language(code):
        said = [_refusal(path, options) for path, options in cases]
    for note, translated in zip(english, said):
        left = ENGLISH.findall(translated.replace("colour", ""))
        assert translated != note and not left, f"{code}: {translated!r} (English: {left})"
