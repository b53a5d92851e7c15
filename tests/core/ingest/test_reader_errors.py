"""Bad input gives a typed error that names the file — never a traceback, never a write."""

from __future__ import annotations

import os
import random
import struct
import zipfile

import pytest
import xlsxwriter

from metrics_core.errors import (EmptyFileError, FileReadError, UnsupportedFormatError,
                                 WorkbookError)
from metrics_core.ingest import reader
from metrics_core.ingest.model import ReadOptions
from metrics_core.ingest.reader import list_sheets, read_preview, read_table


def _state(path):
    return path.read_bytes(), path.stat().st_mtime_ns


def _expect(error, path, match, options=None):
    before = _state(path)
    with pytest.raises(error) as info:
        read_table(path, options)
    assert path.name in str(info.value)
    assert info.value.path == path
    assert _state(path) == before
    assert match.lower() in str(info.value).lower()
    return info.value


def _cfb_with_streams(names):
    """A minimal OLE2 compound file whose directory holds the given (empty) streams."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end)
    struct.pack_into("<I", header, 68, 0)          # first DIFAT entry = FAT in sector 0 ...
    header[76:512] = b"\xff" * (512 - 76)
    struct.pack_into("<I", header, 76, 0)          # ... (the DIFAT list starts at offset 76)
    fat = struct.pack("<II", fat_sector, end) + b"\xff" * 504
    entries = [("Root Entry", 5)] + [(name, 2) for name in names]
    directory = bytearray(512)
    for i, (name, kind) in enumerate(entries):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entry = bytearray(128)
        entry[0:len(raw)] = raw
        struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
        sibling = i + 1 if 0 < i < len(entries) - 1 else free
        struct.pack_into("<III", entry, 68, free, sibling, 1 if i == 0 else free)
        struct.pack_into("<II", entry, 116, end, 0)
        directory[i * 128:(i + 1) * 128] = entry
    return bytes(header) + fat + bytes(directory)


def test_missing_file(tmp_path):
    with pytest.raises(FileReadError, match="does not exist") as info:
        read_table(tmp_path / "nope.csv")
    assert "nope.csv" in str(info.value)


def test_directory(tmp_path):
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    with pytest.raises(FileReadError, match="is a folder"):
        read_table(folder)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.csv"
    path.write_text("a,b\n1,2\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):         # running as root: permissions do not stop us
            def denied(*_args, **_kwargs):
                raise PermissionError(13, "Permission denied")
            monkeypatch.setattr(reader, "open", denied, raising=False)
        with pytest.raises(FileReadError, match="permission denied") as info:
            read_table(path)
        assert "locked.csv" in str(info.value)
    finally:
        path.chmod(0o644)


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    _expect(EmptyFileError, path, "empty")


def test_only_blank_lines(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\r\n\n   \n\t\n")
    _expect(EmptyFileError, path, "empty")


def test_header_without_data_rows(tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_bytes(b"Ticket,Status,Created\n")
    _expect(EmptyFileError, path, "no data rows")


def test_binary_garbage_named_csv(tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(random.Random(7).randbytes(20000))
    _expect(UnsupportedFormatError, path, "binary")


def test_image_named_csv(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    _expect(UnsupportedFormatError, path, "PNG image")


def test_zip_without_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _expect(UnsupportedFormatError, path, "zip archive")


def _workbook(path, sheets):
    book = xlsxwriter.Workbook(path)
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
    book.close()
    return path


def test_truncated_xlsx(tmp_path):
    good = _workbook(tmp_path / "good.xlsx", {"Data": [["a", "b"], [1, 2]] * 50})
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:1500])
    _expect(WorkbookError, path, "damaged")


@pytest.mark.parametrize("name, content", [
    ("secret.xlsx", _cfb_with_streams(["EncryptionInfo", "EncryptedPackage"])),
    ("secret.xlsm", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(3).randbytes(4088)),
    ("secret.xls", _cfb_with_streams(["EncryptionInfo", "EncryptedPackage"])),
])
def test_password_protected_workbook(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    _expect(WorkbookError, path, "password")


def test_missing_sheet_lists_the_sheets(tmp_path):
    path = _workbook(tmp_path / "book.xlsx", {"Calls": [["a"], [1]], "Agents": [["b"], [2]]})
    error = _expect(WorkbookError, path, "no sheet named “Tickets”", ReadOptions(sheet="Tickets"))
    assert "“Calls”" in str(error) and "“Agents”" in str(error)


def test_sheet_with_no_rows(tmp_path):
    path = _workbook(tmp_path / "book.xlsx", {"Calls": [["a"], [1]], "Blank": []})
    error = _expect(EmptyFileError, path, "empty", ReadOptions(sheet="Blank"))
    assert "“Blank”" in str(error)


def test_workbook_with_only_empty_sheets(tmp_path):
    path = _workbook(tmp_path / "none.xlsx", {"One": [], "Two": []})
    _expect(EmptyFileError, path, "empty")


def test_errors_from_preview_and_list_sheets(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read_preview(path)
    with pytest.raises(EmptyFileError):
        list_sheets(path)
    text = tmp_path / "plain.csv"
    text.write_text("a,b\n1,2\n")
    assert list_sheets(text) == []


def test_html_page_saved_as_xls(tmp_path):
    path = tmp_path / "report.xls"
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>Ticket</td></tr></table></body></html>")
    _expect(UnsupportedFormatError, path, "web page")
