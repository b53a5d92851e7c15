"""Check a workbook package (.xlsx, .xlsm, .xlsb, .ods: a zip) before any reader decompresses it.

The workbook reader (python-calamine, in Rust) aborts the whole process when an allocation fails,
so a few kilobytes built to expand to gigabytes would take the program down.  Every check here
happens first, in Python, with bounded memory:

1. **Declared sizes** from the zip directory: no part may claim more than a real export holds,
   nor expand more than :data:`MAX_RATIO` times its compressed size (real parts: 2 to 15 times;
   a zip bomb: about 1,000).
2. **Bytes actually read**: every part is decompressed once in pieces (a zip can lie about sizes;
   Python's zip reader stops at the declared size and then fails the checksum), each XML part is
   refused if it carries a document type definition (entity expansion, external entities), and
3. **the real extent** of each sheet is measured (:mod:`.sheet_extent`): how many rows and columns
   the reader would hold, whatever ``<dimension>`` says; ``xl/sharedStrings.xml`` may not declare
   more entries than its bytes can hold (the reader reserves room for them up front).

A file past a limit gets a :class:`~metrics_core.errors.LimitExceededError` naming the limit in
an owner's words ("would expand to 40 GB when opened").  Sheets that reach too far are returned
to the caller, which skips them or refuses them (see ``excel_reader``).
"""

from __future__ import annotations

import codecs
import posixpath
import re
import xml.parsers.expat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import LimitExceededError, WorkbookError
from ..i18n import N_, Message, _
from .sheet_extent import Extent, OdsExtent, XlsxExtent
from .xlsx_cells import PlainSheet

MB = 1 << 20
GB = 1 << 30
MAX_PART_BYTES = 2 * GB          # one sheet of a million rows by 50 columns is about 1.5 GB of XML
MAX_SMALL_PART_BYTES = 16 * MB   # workbook.xml, relationships, content types (real ones: kilobytes)
MAX_TOTAL_BYTES = 4 * GB
MAX_RATIO = 200                  # deflate cannot pass ~1,032; real parts stay under ~20
RATIO_FLOOR = 16 * MB            # small parts (styles, themes) may compress better: not judged below this
MAX_SHEET_CELLS = 50_000_000     # rows x columns from A1 a sheet may span (the reader holds them all)
SPARSE_FLOOR = 4_000_000         # above this many cells, a sheet must be at least 1/50 filled …
SPARSE_FACTOR = 50
MAX_TEXT_CHARS = 512 * MB        # .ods: text the reader would hold once repeats and spaces are expanded
REPEAT_FLOOR = 1_000_000        # .ods: cells made by repeat attributes beyond this must come from …
REPEAT_FACTOR = 20               # … at most 20 times as many cells as the file writes out
MAX_SPACE_RUN = 1 * MB           # .ods: one <text:s text:c="…"/> run of spaces (a cell holds 32,767 characters)
SMALL_PARTS = re.compile(r"(^|/)(workbook\.xml|[^/]*\.rels|\[Content_Types\]\.xml|manifest\.xml|mimetype)$")
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
UNIQUE_COUNT = re.compile(rb'\buniqueCount="(\d+)"')
PIECE = 4 * MB                  # read at a time: the scan of a sheet part stays in the processor's cache


@dataclass
class PackageFacts:
    """What the check learned: the extent of each sheet part (.xlsx) or table (.ods)."""

    sheets: dict[str, Extent] = field(default_factory=dict)
    ods_tables: dict[int, Extent] = field(default_factory=dict)
    not_utf8: set[str] = field(default_factory=set)     # XML parts whose bytes are not UTF-8 (see xlsx_stream)
    plain: dict[str, PlainSheet] = field(default_factory=dict)   # the sheet part read on the way (see xlsx_cells)


def check_package(path: Path, file_format: str, plain: bool = False) -> PackageFacts:
    """Refuse a workbook that would expand past what a real export can be; measure its sheets.  With ``plain``,
    the only worksheet of an .xlsx/.xlsm is also read as it is decompressed (:mod:`.xlsx_cells`).

    Raises
    ------
    LimitExceededError
        A part declares or expands to more than a real export holds, or a table reaches too far.
    WorkbookError
        A part carries a document type definition, or its bytes do not match its declared size.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return PackageFacts()          # not a readable zip: the reader reports the damage
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        _check_declared(path, infos)
        facts = PackageFacts()
        sheets = [info.filename for info in infos if SHEET_PART.match(info.filename)]
        if plain and len(sheets) == 1 and file_format in ("xlsx", "xlsm"):
            facts.plain[sheets[0]] = PlainSheet()
        for info in infos:
            _read_part(path, archive, info, file_format, facts)
    if file_format == "ods":
        _check_ods(path, facts)
    return facts


def sheet_too_large(extent: Extent) -> bool:
    """True when holding the sheet would take far more memory than a real export of its content."""
    cells = extent.cells
    return cells > MAX_SHEET_CELLS or (cells > SPARSE_FLOOR and cells > SPARSE_FACTOR * extent.value_cells)


def size_text(size: float) -> str:
    """1536 -> '1.5 KB', 40 * 2**30 -> '40 GB' (binary units, written as people say them).

    >>> size_text(1536), size_text(40 * 2**30), size_text(512)
    ('1.5 KB', '40 GB', '512 bytes')
    """
    units = ((GB, N_("{number} GB")), (MB, N_("{number} MB")), (1 << 10, N_("{number} KB")))
    for scale, template in units:
        if size >= scale:
            value = size / scale
            return _(template, number=round(value) if value >= 10 else round(value, 1))
    return _("{number} bytes", number=int(size))


def _check_declared(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise _too_big(path, total, "expanded_size")
    for info in infos:
        limit = MAX_SMALL_PART_BYTES if SMALL_PARTS.search(info.filename) else MAX_PART_BYTES
        if info.file_size > limit:
            raise _too_big(path, total, "part_size", info.filename)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = round(info.file_size / max(info.compress_size, 1))
            raise LimitExceededError(Message(
                "“{file}” would expand to {size} when opened: its part “{part}” is compressed {ratio} times over, "
                "where real exports compress 2 to 20 times. It is not a normal export and was not read. If it came "
                "from a program you trust, open it in Excel or LibreOffice and save a copy.",
                dict(file=path.name, size=size_text(total), part=info.filename, ratio=ratio)),
                limit="compression_ratio", path=path)


def _too_big(path: Path, total: int, limit: str, part: str | None = None) -> LimitExceededError:
    advice = Message("If it came from a program you trust, open it in Excel or LibreOffice and save a copy, or "
                     "export the data as CSV.")
    if part:
        text = Message("“{file}” would expand to {size} when opened (its part “{part}” alone would be larger than "
                       "any real export holds); it is not a normal export and was not read. {advice}",
                       dict(file=path.name, size=size_text(total), part=part, advice=advice))
    else:
        text = Message("“{file}” would expand to {size} when opened; it is not a normal export and was not read. "
                       "{advice}", dict(file=path.name, size=size_text(total), advice=advice))
    return LimitExceededError(text, limit=limit, path=path)


def _read_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_format: str,
               facts: PackageFacts) -> None:
    name = info.filename
    scanner: XlsxExtent | OdsExtent | None = None
    cells = facts.plain.get(name)
    if SHEET_PART.match(name) and file_format in ("xlsx", "xlsm"):
        scanner = XlsxExtent()
    elif name == "content.xml" and file_format == "ods":
        scanner = OdsExtent()
    try:
        with archive.open(info) as stream:
            head = stream.read(64 * 1024)
            if name.endswith((".xml", ".rels")) and DTD.search(head):
                raise _with_dtd(path, name)
            if name == "xl/sharedStrings.xml":
                _check_shared_strings(path, head, info.file_size)
            chunk = head
            utf8 = codecs.getincrementaldecoder("utf-8")() if name.endswith((".xml", ".rels")) else None
            skipped = 0                  # pieces the plain read took in the scanner's place
            while chunk:
                if cells is not None and not cells.feed(chunk):
                    utf8 = _catch_up(scanner, utf8, archive, info, skipped, path, facts)
                    cells = None
                if scanner is not None and cells is None:
                    _feed(scanner, chunk, path, name)
                skipped += 1
                if utf8 is not None and cells is None and not _is_utf8(utf8, chunk):   # (else the plain read's)
                    facts.not_utf8.add(name)
                    utf8 = None
                chunk = stream.read(PIECE)
            if cells is not None and not cells.feed(b"", final=True):
                utf8 = _catch_up(scanner, utf8, archive, info, skipped, path, facts)
                cells = None
            if scanner is not None and cells is None:
                _feed(scanner, b"", path, name, final=True)
            if utf8 is not None and cells is None and not _is_utf8(utf8, b"", final=True):
                facts.not_utf8.add(name)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(Message(
            "“{file}” is damaged: its part “{part}” does not match the size or checksum the file declares for it "
            "(this happens after an interrupted download or copy, or in a file built to mislead a reader). "
            "Download or copy it again, or open it in Excel and save a copy.", dict(file=path.name, part=name)),
            path=path) from exc
    except (NotImplementedError, RuntimeError, OSError):
        return                        # an encrypted or unknown compression: the reader reports it
    if cells is not None:
        facts.sheets[name] = cells.extent
    elif isinstance(scanner, XlsxExtent):
        facts.sheets[name] = scanner.extent
    elif isinstance(scanner, OdsExtent):
        facts.ods_tables = dict(enumerate(scanner.extents))


def _catch_up(scanner: XlsxExtent, utf8: codecs.IncrementalDecoder | None, archive: zipfile.ZipFile,
              info: zipfile.ZipInfo, pieces: int, path: Path, facts: PackageFacts) -> codecs.IncrementalDecoder | None:
    """The plain read gave up: the extent scanner and the UTF-8 check read the ``pieces`` they were spared,
    decompressed again (the same pieces: 64 KB, then :data:`PIECE` bytes at a time).  Returns the UTF-8 decoder
    to go on with (``None`` once the part is known not to be UTF-8)."""
    with archive.open(info) as stream:
        for number in range(pieces):
            chunk = stream.read(PIECE if number else 64 * 1024)
            _feed(scanner, chunk, path, info.filename)
            if utf8 is not None and not _is_utf8(utf8, chunk):
                facts.not_utf8.add(info.filename)
                utf8 = None
    return utf8


def _is_utf8(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    """Whether ``chunk`` continues a UTF-8 text.  Only its runs of non-ASCII bytes are decoded, each with the
    byte after it: an ASCII byte is a whole character and never part of another, so a text is UTF-8 exactly
    when each run is one (the chunk's first byte is kept too, to end a run the last chunk left open).  A 465 MB
    sheet of names such as 'Luka Kovač' in every row: 0.66 s decoded whole, about 0.3 s so."""
    if chunk.isascii() and not decoder.getstate()[0]:
        return True
    if chunk:
        cells = np.frombuffer(chunk, dtype=np.uint8)
        high = cells >= 0x80
        keep = high.copy()
        keep[1:] |= high[:-1]
        keep[0] = True
        chunk = cells[keep].tobytes()
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


def _feed(scanner: XlsxExtent | OdsExtent, chunk: bytes, path: Path, name: str, final: bool = False) -> None:
    try:
        scanner.feed(chunk, final)
    except ValueError as exc:          # expat met a DTD, or the XML is broken: the reader reports damage
        if "document type" in str(exc):
            raise _with_dtd(path, name) from exc
        raise _not_well_formed(path, name) from exc
    except xml.parsers.expat.ExpatError as exc:
        raise _not_well_formed(path, name) from exc


def _not_well_formed(path: Path, name: str) -> WorkbookError:
    return WorkbookError(Message(
        "“{file}” is damaged: its part “{part}” is not well-formed XML, so where its cells end cannot be known. "
        "Open it in Excel or LibreOffice and save a copy.", dict(file=path.name, part=name)), path=path)


def _with_dtd(path: Path, name: str) -> WorkbookError:
    return WorkbookError(Message(
        "“{file}” holds a document type definition in its part “{part}”. Spreadsheet programs never write one, "
        "and it can make a reader expand text endlessly or fetch other files, so the file was not read. Open it "
        "in Excel or LibreOffice and save a copy.", dict(file=path.name, part=name)), path=path)


def _check_shared_strings(path: Path, head: bytes, size: int) -> None:
    """The reader reserves room for as many shared strings as the table declares (``uniqueCount``)."""
    opening = head[:4096]
    for value in UNIQUE_COUNT.findall(opening[:opening.find(b"<si")] if b"<si" in opening else opening):
        declared = int(value)
        if declared > max(size, 64) // 7 + 16:        # each entry takes at least '<si><t/></si>'
            raise LimitExceededError(Message(
                "“{file}” is damaged: its table of texts claims {count} entries, far more than its {size} can hold. "
                "Open it in Excel or LibreOffice and save a copy.", dict(file=path.name, count=declared,
                size=size_text(size))), limit="shared_strings", path=path)


def _check_ods(path: Path, facts: PackageFacts) -> None:
    """The .ods reader expands every table when the file is opened: refuse any that reaches too far."""
    for extent in facts.ods_tables.values():
        if extent.longest_run > MAX_SPACE_RUN or extent.text_chars > MAX_TEXT_CHARS:
            raise LimitExceededError(Message(
                "“{file}” would expand to {size} of text when opened (runs of repeated spaces or cells); it is not "
                "a normal export and was not read. Open it in LibreOffice and save a copy, or export the data as "
                "CSV.", dict(file=path.name, size=size_text(extent.text_chars))), limit="expanded_text", path=path)
        if sheet_too_large(extent) or extent.value_cells > max(REPEAT_FLOOR, REPEAT_FACTOR * extent.written_cells):
            raise LimitExceededError(Message(
                "“{file}” is too large to read: once its repeated cells are expanded it would hold {rows} rows by "
                "{columns} columns, far more than its content needs. Delete the stray or repeated cells far outside "
                "the table and save a copy, or export the data as CSV.", dict(file=path.name, rows=extent.rows,
                columns=extent.columns)), limit="sheet_cells", path=path)


def part_of_sheet(target: str) -> str:
    """The zip part a workbook relationship target points to ('worksheets/sheet1.xml' -> 'xl/…')."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
