"""Encodings: UTF-8 (BOM or not), UTF-16, and the code pages of our users, never silent mojibake."""

from __future__ import annotations

import pytest

from metrics_core.errors import EncodingError
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import read_table

CODE_PAGE_FILES = [
    # (encoding, text, column to check, expected values)
    ("cp1250", "Ime;Mesto;Ocena\nčšž;Ljubljana;5\nJanez Kovač;Šiška;4\nŽiga Černe;Celje;3\n",
     "Ime", ["čšž", "Janez Kovač", "Žiga Černe"]),
    ("cp1250", "Nume,Oraş,Scor\nŞtefan Ionescu,Bucureşti,9\nAna Mureşan,Cluj-Napoca,10\nIon Tănase,Iaşi,7\n",
     "Oraş", ["Bucureşti", "Cluj-Napoca", "Iaşi"]),
    ("cp1252", "Namn;Stad;Betyg\nåäö;Malmö;5\nÅsa Öberg;Västerås;4\nBjörn Ärlig;Göteborg;2\n",
     "Namn", ["åäö", "Åsa Öberg", "Björn Ärlig"]),
    ("cp1252", "product,price,qty\ncrème,3,1\nbrûlée,4,2\n",
     "product", ["crème", "brûlée"]),
    ("cp1251", "Име,Град,Оцена\nЂорђе Петровић,Београд,5\nЈована Љубић,Нови Сад,4\nМилош Ћосић,Ниш,3\n",
     "Име", ["Ђорђе Петровић", "Јована Љубић", "Милош Ћосић"]),
]


@pytest.mark.parametrize("encoding, text, column, expected", CODE_PAGE_FILES)
def test_code_page_is_detected(tmp_path, encoding, text, column, expected):
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.encoding == encoding
    assert encoding in table.encoding_note
    assert table.raw[column].tolist() == expected
    assert column in table.frame.columns


def test_crème_alone_is_cp1252_and_note_names_the_runner_up(tmp_path):
    path = tmp_path / "menu.csv"
    path.write_bytes("item,price\ncrème,3\ntea,2\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.raw["item"].tolist() == ["crème", "tea"]
    assert "cp1250" in table.encoding_note      # the close alternative is mentioned


def test_kovač_alone_is_cp1250(tmp_path):
    path = tmp_path / "agents.csv"
    path.write_bytes("agent,tickets\nKovač,3\nNovak,2\n".encode("cp1250"))
    table = read_table(path)
    assert table.encoding == "cp1250"
    assert table.raw["agent"].tolist() == ["Kovač", "Novak"]


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("Ime,Ocena\nčšž,5\nÅsa,4\n".encode("utf-8-sig"))
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert "BOM" in table.encoding_note
    assert list(table.frame.columns) == ["Ime", "Ocena"]       # no BOM glued to the first header
    assert table.raw["Ime"].tolist() == ["čšž", "Åsa"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_utf16_with_and_without_bom(tmp_path, codec):
    path = tmp_path / "wide.csv"
    path.write_bytes("Name\tScore\nŽiga\t5\nÅsa\t4\n".encode(codec))
    table = read_table(path)
    assert table.encoding.startswith("utf-16")
    assert table.delimiter == "\t"
    assert table.raw["Name"].tolist() == ["Žiga", "Åsa"]
    assert table.row_numbers.tolist() == [2, 3]


def test_plain_utf8(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("Ime;Mesto\nčšž;Ljubljana\nЂорђе;Ниш\n", encoding="utf-8")
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert table.raw["Ime"].tolist() == ["čšž", "Ђорђе"]


def test_utf8_with_a_few_broken_bytes_is_reported(tmp_path):
    path = tmp_path / "mixed.csv"
    good = "Ime,Mesto\nčšž,Ljubljana\nŽiga,Celje\nĆevapi,Niš\n".encode("utf-8")
    path.write_bytes(good + "Kovač,Kranj\n".encode("cp1250"))
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert "could not be decoded" in table.encoding_note and "line 5" in table.encoding_note
    assert table.raw["Ime"].tolist()[:3] == ["čšž", "Žiga", "Ćevapi"]


def test_forced_encoding_wins(tmp_path):
    path = tmp_path / "forced.csv"
    path.write_bytes("item,price\ncrème,3\n".encode("cp1252"))
    table = read_table(path, ReadOptions(encoding="cp1250"))
    assert table.encoding == "cp1250"
    assert table.raw["item"].tolist() == ["crčme"]     # what the user asked for


def test_forced_encoding_that_cannot_decode_names_line_and_byte(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"name,score\nAna,1\nBo\xe8,2\n")
    with pytest.raises(EncodingError) as info:
        read_table(path, ReadOptions(encoding="utf-8"))
    message = str(info.value)
    assert "bad.csv" in message and "line 3" in message and "0xE8 at offset 19" in message


def test_unknown_forced_encoding(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(EncodingError, match="not an encoding"):
        read_table(path, ReadOptions(encoding="klingon-8"))


@pytest.mark.parametrize("forced", ["utf-8", "utf-8-sig", "UTF8"])
def test_forced_utf8_on_a_bom_file_drops_the_bom(tmp_path, forced):
    path = tmp_path / "bom.csv"
    path.write_bytes("Ime,Ocena\nčšž,5\n".encode("utf-8-sig"))
    table = read_table(path, ReadOptions(encoding=forced))
    assert list(table.frame.columns) == ["Ime", "Ocena"]
    assert table.raw["Ime"].tolist() == ["čšž"]
