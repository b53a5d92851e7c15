"""A deterministic corpus of at least 10,000 malformed and hostile files (issue 16).

File ``i`` of the corpus is made by :func:`build` from its own random generator (seeded by
``SEED`` and ``i``), so any file, or any sample of files, can be made again on its own: CI makes
the fixed :func:`ci_sample` (every ``SAMPLE_STEP``-th file, at least 1,500 of them) and
``bench/bench_hostile.py`` makes them all.  The files are written to a temporary folder and never
committed.

Families (see ``FAMILIES``): mutations of the shared datasets and of our corpus (text and
workbooks), workbook structure attacks (far cells, lying dimensions and counts), zip bombs, XML
attacks, encrypted and fake workbooks, extreme fields and widths, HTML '.xls' files, .ods repeats,
random bytes, and small tables of odd cell values.  11,300 files, 10,064 of them different
(docs/HARDENING.md); zip entries and workbook properties carry fixed dates, so the bytes are the same
on any day.
"""

from __future__ import annotations

import csv
import io
import os
import random
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import xlsxwriter

from . import hostile, zipcraft

SEED = 16
SAMPLE_STEP = 7
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "corpus"
SEEDS = REPO / "tests" / "data" / "fuzz_seeds"


def datasets_dir() -> Path:
    """The shared datasets the text seeds come from; without them the corpus would be other files."""
    folder = Path(os.environ.get("KPIDESK_SHARED", REPO.parent / "shared")) / "datasets"
    if not folder.is_dir():
        raise FileNotFoundError(f"the shared datasets are missing (expected at {folder}; set KPIDESK_SHARED)")
    return folder


@dataclass(frozen=True)
class CorpusFile:
    index: int
    family: str
    name: str


# ----------------------------------------------------------------- seeds
@lru_cache(maxsize=1)
def text_seeds() -> tuple[bytes, ...]:
    """The first 40 lines of every text export in the shared datasets, and our corpus's text files."""
    seeds = []
    for path in sorted(datasets_dir().rglob("*")):
        if path.suffix.lower() in (".csv", ".txt") and path.is_file():
            with open(path, "rb") as handle:
                seeds.append(b"".join(handle.readline() for _ in range(40)))
    for path in sorted(CORPUS.iterdir()):
        if path.suffix.lower() in (".csv", ".tsv", ".txt") and path.stat().st_size:
            seeds.append(path.read_bytes())
    return tuple(seeds)


@lru_cache(maxsize=1)
def workbook_seeds() -> tuple[bytes, ...]:
    """Small workbooks: the first rows of each shared text dataset written by XlsxWriter, and our corpus's."""
    books = []
    for seed in text_seeds()[:14]:
        text = seed.decode("utf-8", "replace")
        dialect = ";" if text.count(";") > text.count(",") else ("\t" if "\t" in text else ",")
        rows = list(csv.reader(io.StringIO(text), delimiter=dialect))[:25]
        books.append(hostile.xlsx([[_native(cell) for cell in row] for row in rows if row]))
    books.append((CORPUS / "report_title_rows.xlsx").read_bytes())
    return tuple(books)


def _native(cell: str) -> object:
    try:
        return float(cell) if cell.strip() and len(cell) < 16 else cell
    except ValueError:
        return cell


@lru_cache(maxsize=1)
def other_seeds() -> dict[str, bytes]:
    return {name: (SEEDS / name).read_bytes() for name in ("tickets.ods", "tickets.xls", "far_cell.ods")}


# ----------------------------------------------------------------- text families
def _mutate_text(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        op = rng.choice(("truncate", "flip", "nul", "quote", "delimiter", "line_ends", "bom", "long_line",
                         "empty_columns", "blank_lines", "duplicate_header", "reencode", "controls"))
        if op == "truncate":
            data = data[:at]
        elif op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ rng.randint(1, 255)]) + data[at + 1:]
        elif op == "nul":
            data = data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]
        elif op == "quote":
            data = data[:at] + b'"' * rng.randint(1, 3) + data[at:]
        elif op == "delimiter":
            data = data[:at] + rng.choice((b";", b",", b"\t", b"|")) + data[at:]
        elif op == "line_ends":
            data = data.replace(b"\r\n", b"\n").replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n")))
        elif op == "bom":
            data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + data
        elif op == "long_line":
            data = data[:at] + bytes(rng.choice(b"xX9 ,") for _ in range(rng.randint(1000, 20000))) + data[at:]
        elif op == "empty_columns":
            lines = data.split(b"\n")
            data = b"\n".join(line + b"," * rng.randint(100, 5000) for line in lines[:6])
        elif op == "blank_lines":
            data = data[:at] + b"\n" * rng.randint(1, 50) + data[at:]
        elif op == "duplicate_header":
            first, _, rest = data.partition(b"\n")
            data = first + b"\n" + (first + b"\n") * rng.randint(1, 5) + rest
        elif op == "reencode":
            text = data.decode("utf-8", "replace")
            data = text.encode(rng.choice(("cp1250", "cp1252", "cp1251", "utf-16", "utf-16-le")), "replace")
        elif op == "controls":
            data = data[:at] + bytes(rng.randint(1, 31) for _ in range(rng.randint(1, 8))) + data[at:]
    return data


def text_mutation(rng: random.Random) -> tuple[str, bytes]:
    seed = rng.choice(text_seeds())
    return rng.choice(("export.csv", "export.txt", "export.tsv")), _mutate_text(rng, seed)


# ----------------------------------------------------------------- workbook families
def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(zipcraft.stamped(info.filename), content)
    return out.getvalue()


def _mutate_zip(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(("flip", "truncate", "drop", "corrupt", "empty", "swap_xml"))
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
            names = []           # not a zip Python can list (file 4907: a flipped byte says 'version 23.4')
        if op in ("flip", "truncate") or not names:
            at = rng.randint(0, max(len(data) - 1, 0))
            data = data[:at] if op == "truncate" else data[:at] + bytes([data[at] ^ rng.randint(1, 255)]) + data[at + 1:]
            continue
        victim = rng.choice(names)
        try:
            if op == "drop":
                data = _rezip(data, lambda n, c: None if n == victim else c)
            elif op == "empty":
                data = _rezip(data, lambda n, c: b"" if n == victim else c)
            elif op == "corrupt":
                def corrupt(name: str, content: bytes) -> bytes:
                    if name != victim or not content:
                        return content
                    at = rng.randint(0, len(content) - 1)
                    return content[:at] + bytes([rng.randint(0, 255)]) + content[at + 1:]
                data = _rezip(data, corrupt)
            else:
                data = _rezip(data, lambda n, c: c.replace(b"<", b"<x", rng.randint(1, 5)) if n == victim else c)
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, zipfile.LargeZipFile, zlib.error,
                NotImplementedError, RuntimeError, KeyError):
            pass                     # an already broken zip cannot be rewritten: it stays as it is
    return data


def xlsx_mutation(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice(("book.xlsx", "book.xlsm", "book.csv")), _mutate_zip(rng, rng.choice(workbook_seeds()))


def ods_xls_mutation(rng: random.Random) -> tuple[str, bytes]:
    name, data = rng.choice(sorted(other_seeds().items()))
    if name.endswith(".ods"):
        return name, _mutate_zip(rng, data)
    for _ in range(rng.randint(1, 6)):           # OLE2: flip bytes of its sectors
        at = rng.randint(0, len(data) - 1)
        data = data[:at] + bytes([data[at] ^ rng.randint(1, 255)]) + data[at + 1:]
    return name, data[: rng.randint(len(data) // 2, len(data))] if rng.random() < 0.3 else data


def _ref(row: int, col: int) -> bytes:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}".encode()


def xlsx_structure(rng: random.Random) -> tuple[str, bytes]:
    """Far cells, lying or missing dimensions, refless cells, odd values with date/duration styles."""
    cells = [(0, 0, b'<is><t>Ticket ID</t></is>', b' t="inlineStr"'), (0, 1, b"<is><t>Minutes</t></is>", b' t="inlineStr"')]
    for r in range(1, rng.randint(2, 30)):
        cells.append((r, 0, b"<is><t>T-%d</t></is>" % r, b' t="inlineStr"'))
        cells.append((r, 1, b"<v>" + rng.choice((b"5", b"1e308", b"-1e308", b"NaN", b"inf", b"-inf", b"2958466",
                                                   b"-700000", b"0.5", b"abc", b"")) + b"</v>", b' s="1"'))
    for _ in range(rng.randint(0, 3)):
        row = rng.choice((rng.randint(0, 50), rng.randint(0, 1_048_575), 1_048_575))
        col = rng.choice((rng.randint(0, 30), rng.randint(0, 16_383), 16_383))
        cells.append((row, col, b"<v>42</v>", rng.choice((b"", b' s="1"'))))
    if rng.random() < 0.3:
        rng.shuffle(cells)
    refless = rng.random() < 0.15
    body = b"".join(b'<row r="%d"><c%s%s>%s</c></row>' % (r + 1, b"" if refless else b' r="' + _ref(r, c) + b'"', attrs,
                                                             value) for r, c, value, attrs in cells)
    dimension = rng.choice((b"", b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:XFD1048576"/>',
                            b'<dimension ref="garbage"/>'))
    sheet = hostile.SHEET_HEAD + dimension + b"<sheetData>" + body + b"</sheetData></worksheet>"
    base = hostile.xlsx([["Ticket ID", "Minutes"], ["T-0", 1.0]],
                        {1: rng.choice(("[h]:mm:ss", "yyyy-mm-dd hh:mm", "0.00", "mm:ss"))})
    data = zipcraft.with_part(base, hostile.SHEET, sheet)
    if rng.random() < 0.25:
        count = rng.choice((0, 5, 10**6, 2**31 - 1, 2**32 + 7, 10**18))
        sst = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               b'count="%d" uniqueCount="%d"><si><t>a</t></si></sst>' % (count, count))
        data = zipcraft.with_part(data, "xl/sharedStrings.xml", sst)
    return "structure.xlsx", data


BOMB_PARTS = ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
              "xl/_rels/workbook.xml.rels", "xl/comments1.xml", "[Content_Types].xml", "docProps/core.xml")


def zip_bomb(rng: random.Random) -> tuple[str, bytes]:
    """A part of 64 MB to 3 GB (or a declared 40 GB), honest or lying about its size."""
    size = rng.choice((64 << 20, 256 << 20, 1 << 30, 3 << 30))
    declared = rng.choice((None, None, 1000, 40 << 30, size // 2))
    piece = hostile.MB_OF(rng.choice((b" ", b"A", b'<c r="A1"><v>1</v></c>', b"<si><t>x</t></si>")))
    member = zipcraft.bomb_member(b"<x>", piece, size // len(piece), b"</x>", declared)
    if rng.random() < 0.25:
        member = zipcraft.bomb_member(hostile.ODS_NS + hostile.HEADER_ROW, piece, size // len(piece),
                                      hostile.ODS_END, declared)
        return "bomb.ods", hostile.ods(member)
    return "bomb.xlsx", zipcraft.replace(hostile.xlsx(), rng.choice(BOMB_PARTS), member)


def xml_attack(rng: random.Random) -> tuple[str, bytes]:
    part = rng.choice(("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                       "[Content_Types].xml", "xl/_rels/workbook.xml.rels"))
    depth = rng.randint(2, 9)
    entities = b'<!ENTITY a0 "ha">' + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10)
                                                for i in range(1, depth + 1))
    external = rng.choice((b"", b'<!ENTITY ext SYSTEM "file:///etc/passwd">', b'<!ENTITY ext SYSTEM "http://127.0.0.1:9/">'))
    doc = (b'<?xml version="1.0"?><!DOCTYPE x [' + entities + external + b"]><x>&a%d;</x>" % depth)
    if rng.random() < 0.3:
        return "laughs.ods", hostile.ods(doc)
    return "laughs.xlsx", zipcraft.with_part(hostile.xlsx(), part, doc)


def fake_workbook(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(("secret.xlsx", "secret.xls", "secret.xlsm")), hostile.encrypted_ole()
    if kind == 1:
        return "encrypted.xlsx", (CORPUS / "encrypted.xlsx").read_bytes()
    if kind == 2:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            names = {rng.choice(("xl/workbook.xml", "[Content_Types].xml", "EncryptedPackage", "mimetype",
                                 f"other{i}.bin", "xl/workbook.bin", "content.xml")) for i in range(rng.randint(0, 5))}
            for name in sorted(names):
                content = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 300)))
                archive.writestr(zipcraft.stamped(name, zipfile.ZIP_STORED), content)
        return rng.choice(("fake.xlsx", "fake.ods", "fake.xlsb", "fake.csv")), out.getvalue()
    if kind == 3:
        signature = rng.choice((b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"MZ", b"SQLite format 3\x00"))
        return rng.choice(("report.xlsx", "report.csv", "report.xls")), signature + bytes(rng.randint(0, 255) for _ in range(400))
    if kind == 4:
        return "macro.xlsm", zipcraft.with_part(hostile.xlsx(), "xl/vbaProject.bin", bytes(range(256)) * 4)
    return "truncated.xlsx", (CORPUS / "truncated.xlsx").read_bytes()


def extreme_field(rng: random.Random) -> tuple[str, bytes]:
    length = int(10 ** rng.uniform(3, 7.1))          # 1 KB .. 12 MB, mostly small
    where = rng.choice(("quoted", "unquoted", "header", "cp1250", "utf16"))
    fill = b"\x9a\xe8" if where == "cp1250" else b"x"
    field = fill * (length // len(fill))
    head = b"Ticket ID,Created,Status\nT-1,2024-03-01,Open\n"
    if where == "header":
        data = b"Ticket ID," + field + b"\n" + head.split(b"\n", 1)[1]
    elif where == "quoted":
        data = head + b'T-2,"' + field + b'",Open\n'
    else:
        data = head + b"T-2," + field + b",Open\n"
    if where == "utf16":
        data = data.decode("latin-1").encode("utf-16")
    return "field.csv", data


def extreme_width(rng: random.Random) -> tuple[str, bytes]:
    filled = rng.choice((50, 500, 2_000, 2_100, 16_384, 17_000))
    empties = rng.choice((0, 0, 1_000, 100_000, 1_000_000))
    rows = rng.randint(1, 4)
    delimiter = rng.choice((b",", b";", b"\t"))
    header = delimiter.join(b"H%d" % i for i in range(filled)) + delimiter * empties
    body = b"".join(delimiter.join(b"%d" % ((i * r) % 97) for i in range(filled)) + b"\n" for r in range(rows))
    if rng.random() < 0.2:
        return "wide.xlsx", hostile.xlsx([[f"H{i}" for i in range(min(filled, 16_384))]] +
                                         [[i % 7 for i in range(min(filled, 16_384))] for _ in range(rows)])
    return "wide.csv", header + b"\n" + body


def html_xls(rng: random.Random) -> tuple[str, bytes]:
    rows = rng.randint(0, 30)
    cell = rng.choice(("td", "th"))
    body = "".join(f"<tr><{cell}>T-{r}</{cell}><td colspan='{rng.choice((1, 1, 2, 10**6))}'>Open {r}</td>"
                   f"<td>{r * 1.5}</td></tr>" for r in range(rows))
    page = f"<table><tr><th>Ticket ID</th><th>Status</th><th>Minutes</th></tr>{body}</table>"
    if rng.random() < 0.2:
        page = f"<table><tr><td>{page}</td></tr></table>"                           # nested tables
    prefix = rng.choice(("", "<!-- export -->\n", '<meta charset="utf-8">', "<html><body>", "<!DOCTYPE html>",
                         "<?xml version='1.0'?>"))
    text = prefix + page + ("" if rng.random() < 0.3 else "</body></html>")
    encoding = rng.choice(("utf-8", "utf-16", "utf-16-le", "cp1250"))
    data = text.encode(encoding, "replace")
    if rng.random() < 0.2:
        data = data[: rng.randint(0, len(data))]
    return "report.xls", data


def ods_structure(rng: random.Random) -> tuple[str, bytes]:
    rows_rep = rng.choice((1, 3, 1000, 1_048_000, 3_000_000))
    cols_rep = rng.choice((1, 5, 1024, 16_384, 100_000))
    spaces = rng.choice((0, 5, 100_000, 10**7, 4_000_000_000))
    filled = rng.random() < 0.7
    value = b' office:value-type="float" office:value="1"' if filled else b""
    text = b"<text:p>1" + (b'<text:s text:c="%d"/>' % spaces if spaces else b"") + b"</text:p>" if filled else b""
    row = (b'<table:table-row table:number-rows-repeated="%d"><table:table-cell table:number-columns-repeated="%d"%s>'
           b"%s</table:table-cell></table:table-row>" % (rows_rep, cols_rep, value, text))
    data = hostile.ods_rows(hostile.HEADER_ROW + row * rng.randint(1, 3))
    return "repeat.ods", data


def random_bytes(rng: random.Random) -> tuple[str, bytes]:
    data = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 2000)))
    if rng.random() < 0.3:
        data = rng.choice((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"sep=;\n", b"<table>")) + data
    return rng.choice(("random.csv", "random.xlsx", "random.ods", "random.xls", "random.txt")), data


#: Cell texts an export can hold that a reader must type, map or keep as text without a traceback.
ODD_TEXTS = ("", " ", "\t", '"', "'", "NaN", "nan", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e-320",
             "1.7976931348623157e+309", "9" * 40, "-0", "0x1F", "1_000", "1,234.56", "1.234,56", "1 234,56",
             "\u2212" + "5", "\uff11\uff12\uff13", "\u00bd", "12:34", "24:00:00", "99999:59:59", "-00:00:01",
             "1:60:60", "P3DT4H", "9999-12-31 23:59:59", "0001-01-01", "-0001-01-01", "2024-02-30", "2024-13-45",
             "31/12/2024", "12/31/2024", "2024-03-01T09:00:00+14:00", "1970-01-01T00:00:00Z", "30.12.1899",
             "Yes", "Ja", "Da", "Nej", "\u041d\u0435", "N/A", "\u2014", "-", "?", "#N/A", "#DIV/0!",
             '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A1", "@SUM(1)", "\U0001f600\U0001f44d\U0001f3fd",
             "\u202eevil", "\u200b", "\x7f", "\x1b[31m", "a\nb", "a\r\nb", "x" * 5000, "\u0161\u010d\u017e" * 300)
ODD_HEADERS = ("Ticket ID", "Created at", "Solved at", "Status", "Priority", "First response time (min)",
               "Satisfaction score", "Agent", "Channel", "Handle time", "Wait time", "Order total", "Customer ID",
               "NPS", "Date", "Calls offered", "Abandoned")


def odd_values(rng: random.Random) -> tuple[str, bytes]:
    """A small ticket-like table (CSV or workbook) whose cells are often odd values: huge, signed, out of range
    dates and durations, formulas, control and invisible characters, long texts."""
    headers = rng.sample(ODD_HEADERS, rng.randint(2, 8))
    plain = ("T-%d", "2024-03-%02d 09:00", "Open", "%d", "4", "Email", "00:03:%02d", "%d.50")
    rows = [[rng.choice(ODD_TEXTS) if rng.random() < 0.35 else
             (lambda t: t % (r % 28 + 1) if "%" in t else t)(plain[c % len(plain)])
             for c in range(len(headers))] for r in range(rng.randint(1, 40))]
    if rng.random() < 0.35:
        numbers = (1e308, -1e308, 2958466, -700000, 2147483647, -2147483648, 1e15, 0.5, -0.0, 1e-300, True)
        book = [headers] + [[rng.choice(numbers) if rng.random() < 0.1 else _native(cell) for cell in row]
                            for row in rows]
        formats = {c: rng.choice(("[h]:mm:ss", "yyyy-mm-dd hh:mm", "0.00", "mm:ss", "dd.mm.yyyy", "@"))
                   for c in range(len(headers)) if rng.random() < 0.5}
        return rng.choice(("odd.xlsx", "odd.xlsm")), hostile.xlsx(book, formats)
    delimiter = rng.choice((",", ";", "\t", "|"))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(("\n", "\r\n"))).writerows([headers] + rows)
    encoding = rng.choice(("utf-8", "utf-8-sig", "utf-16", "cp1250", "cp1252"))
    return rng.choice(("odd.csv", "odd.txt", "odd.tsv")), out.getvalue().encode(encoding, "replace")


#: (family, number of files, builder); at least 10,000 files in all, at least 10,000 of them different
#: (some families repeat a file now and then: a small space of choices, or a copy of a corpus file).
FAMILIES: tuple[tuple[str, int, Callable[[random.Random], tuple[str, bytes]]], ...] = (
    ("text_mutation", 3000, text_mutation),
    ("xlsx_mutation", 1800, xlsx_mutation),
    ("ods_xls_mutation", 700, ods_xls_mutation),
    ("xlsx_structure", 1100, xlsx_structure),
    ("zip_bomb", 400, zip_bomb),
    ("xml_attack", 300, xml_attack),
    ("fake_workbook", 500, fake_workbook),
    ("extreme_field", 300, extreme_field),
    ("extreme_width", 300, extreme_width),
    ("html_xls", 500, html_xls),
    ("ods_structure", 500, ods_structure),
    ("random_bytes", 700, random_bytes),
    ("odd_values", 1200, odd_values),           # added last: every file before it keeps its index
)
TOTAL = sum(count for _, count, _ in FAMILIES)


def family_of(index: int) -> tuple[str, Callable[[random.Random], tuple[str, bytes]]]:
    start = 0
    for family, count, builder in FAMILIES:
        if index < start + count:
            return family, builder
        start += count
    raise IndexError(index)


def build(index: int) -> tuple[CorpusFile, bytes]:
    """File ``index`` of the corpus: always the same bytes."""
    family, builder = family_of(index)
    rng = random.Random(f"{SEED}:{index}")
    name, data = builder(rng)
    return CorpusFile(index, family, name), data


def ci_sample() -> list[int]:
    """The fixed sample CI reads: every ``SAMPLE_STEP``-th file, so every family is in it."""
    return list(range(0, TOTAL, SAMPLE_STEP))


def write(indices: list[int], folder: Path) -> list[tuple[CorpusFile, Path]]:
    """Make the files ``indices`` under ``folder`` (one sub-folder each, so names may repeat)."""
    out = []
    for index in indices:
        item, data = build(index)
        path = folder / f"{index:05d}-{item.family}" / item.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.append((item, path))
    return out
