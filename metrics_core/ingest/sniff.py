"""Decide what a file is: its format, its text encoding and its delimiter.

Format comes from the magic bytes first (zip / OLE2 signatures) and the file
extension second.  Encodings: strict UTF-8 (with or without BOM), UTF-16 (BOM or
an obvious NUL pattern), then the code pages our users meet (cp1250, cp1252,
cp1251, latin-1) chosen by a plausibility score over the non-ASCII characters.
The delimiter is sniffed among ``,`` ``;`` tab ``|`` and whitespace-aligned
columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..i18n import N_, Message, _, ngettext
from ..errors import EncodingError, UnsupportedFormatError, WorkbookError
from .html_reader import is_html_table

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
TEXT_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "txt", ".log": "txt", ".dat": "txt"}
WORKBOOK_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsm", ".xls": "xls", ".ods": "ods", ".xlsb": "xlsb"}
OTHER_SIGNATURES = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"\x7fELF", "a program file"), (b"MZ", "a Windows program"),
    (b"SQLite format", "an SQLite database"),
)
HTML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<(!doctype html|html|\?xml)", re.IGNORECASE)
JSON_START = re.compile(rb'^(\xef\xbb\xbf)?\s*(\[\s*\{|\{\s*")')

CODE_PAGES = ("cp1250", "cp1252", "cp1251", "latin-1")
CODE_PAGE_NAMES = {
    "cp1250": N_("Central European, Windows-1250"), "cp1252": N_("Western European, Windows-1252"),
    "cp1251": N_("Cyrillic, Windows-1251"), "latin-1": "ISO-8859-1",
}
# Letters of our users' languages (Slovenian, Croatian, Serbian Latin, Romanian, Swedish)
# and of the Western European words that turn up in shop and survey data.
CORE_LETTERS = {
    "south slavic": set("čćđšžČĆĐŠŽ"),
    "romanian": set("ăâîșțşţĂÂÎȘȚŞŢ"),
    "swedish": set("åäöéÅÄÖÉ"),
    "western": set("àáâäçèéêëíîïñóôöúùûüßÀÁÂÄÇÈÉÊËÍÎÑÓÔÖÚÜæøÆØ"),
    "serbian cyrillic": {chr(code) for code in range(0x0400, 0x0460)},
}
RARE_LETTERS = set("ěřůťďňľĺŕąęłńśźżőűĚŘŮŤĎŇĽĹŔĄĘŁŃŚŹŻŐŰýÝãõÃÕìòÌÒœŒÿŸ")
COMMON_SYMBOLS = set("€£°–—“”„‘’‚•…«»\u00a0§©®™±·")
VOWELS = set("aeiouyAEIOUYáéíóúäëïöüàèìòùâêîôû")
GRAVE_LETTERS = set("èÈìÌòÒùÙ")
SLAVIC_CONSONANT_LETTERS = set("čćšžČĆŠŽ")
ASCII_LETTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

NON_ASCII = re.compile("[^\x00-\x7f]")
SAMPLE_WINDOWS = 4000      # non-ASCII bytes whose surroundings are scored
FAR_SCRIPTS = re.compile("[\u2e80-\u9fff\uac00-\ud7af\ue000-\uf8ff]")
FAR_SCRIPT_RUN = re.compile("[\u2e80-\u9fff\uac00-\ud7af]{2}")
DELIMITERS = (",", ";", "\t", "|")
# A stray quote can turn the rest of a file into one "field"; the csv module refuses fields
# over 128 KiB by default (pandas has no limit).  2**31 - 1 still fits a C long on Windows.
CSV_FIELD_LIMIT = 2**31 - 1
if csv.field_size_limit() < CSV_FIELD_LIMIT:
    csv.field_size_limit(CSV_FIELD_LIMIT)
WHITESPACE = "whitespace"


@dataclass
class DecodedText:
    """The decoded text of a file and how it was decoded."""

    text: str           # "" for ASCII and valid UTF-8 bytes, which are used as they are
    encoding: str
    note: str           # how it was decoded, in the current language ("cp1250 (Central European …; detected)")
    bom: bool = False
    doubtful: bool = False  # the note asks the reader to look (another code page fits too, bytes were replaced)
    replaced: int = 0   # undecodable bytes replaced by U+FFFD
    score: float = 0.0  # plausibility of the chosen code page (code-page guesses only)

    def head(self, data: bytes, size: int = 65536) -> str:
        """The first characters (ASCII and plain UTF-8 files are not decoded as a whole: ``text`` is "")."""
        if self.text:
            return self.text[:size]
        return data[:size].decode("utf-8", errors="ignore")      # (a character may be cut at the end)


# ----------------------------------------------------------------- format
def detect_format(path: Path, head: bytes) -> str:
    """Return the file format ("csv", "xlsx", ...) from magic bytes, then extension.

    Raises
    ------
    UnsupportedFormatError
        For content that is neither a workbook nor text (PDF, images, archives...).
    WorkbookError
        For a damaged zip container or a password-protected (encrypted) workbook.
    """
    ext = path.suffix.lower()
    if head.startswith(ZIP_MAGICS):
        return _zip_workbook_format(path, ext)
    if head.startswith(OLE2_MAGIC):
        if ext in (".xlsx", ".xlsm", ".xlsb") or _is_encrypted_ole(path):
            raise WorkbookError(
                Message("“{name}” is protected with a password. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, then clear it) and save a copy.", dict(name=path.name)),
                path=path)
        return "xls"
    if ext == ".xls" and is_html_table(head):         # an "Excel" report that is a web page
        return "html"
    for signature, what in OTHER_SIGNATURES:
        if head.startswith(signature):
            raise UnsupportedFormatError(
                Message("“{name}” is {what}, not a spreadsheet or a CSV file.", dict(name=path.name, what=what)), path=path)
    if HTML_START.match(head):
        raise UnsupportedFormatError(
            Message("“{name}” is a web page (HTML/XML), not a spreadsheet. Open it in Excel and save it as .xlsx or .csv.", dict(name=path.name)), path=path)
    if JSON_START.match(head):
        raise UnsupportedFormatError(
            Message("“{name}” holds JSON data, not a table. Export the data as CSV or Excel from the program it came from.", dict(name=path.name)), path=path)
    return TEXT_FORMATS.get(ext, "csv" if ext in WORKBOOK_FORMATS else "txt")


def _zip_workbook_format(path: Path, ext: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    # NotImplementedError: an unknown zip version; RuntimeError: an encrypted zip entry
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        raise WorkbookError(
            Message("“{name}” is damaged and cannot be opened (this happens after an interrupted download or copy). Download or copy it again, or open it in Excel and save a copy.", dict(name=path.name)), path=path) from exc
    if "xl/workbook.xml" in names:
        return "xlsm" if ext == ".xlsm" or "xl/vbaProject.bin" in names else "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    if "EncryptedPackage" in names:
        raise WorkbookError(Message("“{name}” is protected with a password. Open it in Excel, remove the password and save a copy.", dict(name=path.name)), path=path)
    if "[Content_Types].xml" in names and ext in WORKBOOK_FORMATS:
        raise WorkbookError(
            Message("“{name}” is damaged: the workbook inside the file is missing. Open it in Excel and save a copy, or download it again.", dict(name=path.name)), path=path)
    raise UnsupportedFormatError(
        Message("“{name}” is a zip archive without a workbook inside. Unzip it and open the CSV or Excel file it contains.", dict(name=path.name)), path=path)


def _is_encrypted_ole(path: Path) -> bool:
    """Office 2007+ files with a password are OLE2 containers with an EncryptedPackage stream."""
    with open(path, "rb") as handle:
        data = handle.read(64 * 1024 * 1024)
    return ENCRYPTED_PACKAGE in data


# ----------------------------------------------------------------- encoding
def decode_text(data: bytes, path: Path, forced: str | None = None) -> DecodedText:
    """Decode a text file, detecting its encoding unless ``forced`` is given.

    Raises
    ------
    EncodingError
        When ``forced`` is unknown or cannot decode the bytes (the message names the
        byte offset and the line).
    """
    if forced:
        return _decode_forced(data, path, forced)
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(_strict(data[3:], "utf-8", path), "utf-8-sig", _("UTF-8 (with BOM)"), bom=True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodedText(_strict(data, "utf-16", path), "utf-16", _("UTF-16 (with BOM)"), bom=True)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return DecodedText(_strict(data, utf16, path), utf16,
                           _("{encoding} (no BOM; detected from the NUL bytes)", encoding=utf16.upper()))
    if data.isascii():
        return DecodedText("", "utf-8", _("ASCII (UTF-8 compatible)"))
    if _valid_utf8(data):
        if int(np.frombuffer(data, dtype=np.uint8).max()) < 0xE3:    # no CJK possible: the bytes are used as they are
            return DecodedText("", "utf-8", "UTF-8")
        return _utf8_unless_implausible(data, data.decode("utf-8"), path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    high = np.frombuffer(data, dtype=np.uint8) >= 0x80         # the non-ASCII bytes, for both judgements
    mostly = _mostly_utf8(data, path, first_bad, high)
    return mostly if mostly else _choose_code_page(data, path, high)


def _valid_utf8(data: bytes, chunk: int = 256 * 1024) -> bool:
    """True when ``data`` is valid UTF-8.

    Decoded in pieces small enough to stay in the CPU cache: about three times faster
    on big files than decoding the whole text at once, and no 100 MB string is kept.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start:start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EncodingError(
            Message("“{name}” cannot be read as {encoding}: line {line} holds a character that is not valid {encoding} (byte 0x{value} at offset {start}). Choose another encoding in the import options.", dict(name=path.name, encoding=encoding, line=line, value=format(data[exc.start], '02X'), start=exc.start)), path=path) from exc


def _decode_forced(data: bytes, path: Path, forced: str) -> DecodedText:
    try:
        info = codecs.lookup(forced)
    except LookupError as exc:
        raise EncodingError(Message("“{forced}” is not an encoding this program knows, so “{name}” cannot be read with it. Choose another encoding in the import options.", dict(forced=forced, name=path.name)), path=path) from exc
    if not getattr(info, "_is_text_encoding", True):       # 'hex', 'rot13', 'bz2' … are not text encodings
        raise EncodingError(Message("“{forced}” is not a text encoding, so “{name}” cannot be read with it. Choose another encoding in the import options.", dict(forced=forced, name=path.name)), path=path)
    codec = info.name
    if codec in ("utf-8", "utf-8-sig") and data.startswith(b"\xef\xbb\xbf"):
        data, codec = data[3:], "utf-8-sig"
    text = _strict(data, "utf-8" if codec == "utf-8-sig" else codec, path)
    return DecodedText(text, codec, _("{encoding} (chosen in the import options)", encoding=forced))


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _utf8_unless_implausible(data: bytes, text: str, path: Path) -> DecodedText:
    """Valid UTF-8 is UTF-8, unless it only "works" by forming stray CJK characters.

    cp1250 "čšž" (E8 9A 9E) happens to be valid UTF-8 for one Chinese character; when
    such characters sit among Latin text a code page reads the bytes more plausibly.
    """
    utf8 = DecodedText(text, "utf-8", "UTF-8")
    if int(np.frombuffer(data, dtype=np.uint8).max()) < 0xE3 or not FAR_SCRIPTS.search(text) \
            or FAR_SCRIPT_RUN.search(text):
        return utf8     # no CJK at all, or real CJK words (runs of characters)
    chosen = _choose_code_page(data, path)
    high = _first_high_positions(np.frombuffer(data, dtype=np.uint8), SAMPLE_WINDOWS)
    sample = _non_ascii_sample(data, high).decode("utf-8", errors="ignore")   # windows may cut characters
    if plausibility(sample) >= chosen.score:
        return utf8
    chosen.note = _("{note}; the bytes also form valid UTF-8, but only as unlikely CJK characters", note=chosen.note)
    chosen.doubtful = True
    return chosen


def _mostly_utf8(data: bytes, path: Path, first_bad: int, high: np.ndarray) -> DecodedText | None:
    """UTF-8 text with a few broken bytes: decode with replacement, and say so.

    The counts are taken on the non-ASCII bytes only (each run followed by one ASCII byte,
    which ends a broken sequence as the whole text would): the same counts, without
    decoding a whole code-page file as UTF-8 just to reject it. ``high`` marks the non-ASCII bytes.
    """
    array = np.frombuffer(data, dtype=np.uint8)
    keep = high.copy()
    keep[1:] |= high[:-1]
    runs = array[keep].tobytes()
    literal = runs.count(b"\xef\xbf\xbd")
    runs_text = runs.decode("utf-8", errors="replace")
    replaced = runs_text.count("\ufffd") - literal
    multibyte = len(runs_text) - (len(runs) - int(np.count_nonzero(high))) - replaced - literal
    if multibyte < 3 or replaced * 3 > multibyte:
        return None
    line = data.count(b"\n", 0, first_bad) + 1
    note = ngettext("UTF-8, but {count} byte could not be decoded and was replaced by “{mark}” (first at line "
                    "{line}); check the preview or choose another encoding",
                    "UTF-8, but {count} bytes could not be decoded and were replaced by “{mark}” (first at line "
                    "{line}); check the preview or choose another encoding", replaced, count=replaced, mark="\ufffd",
                    line=line)
    return DecodedText(data.decode("utf-8", errors="replace"), "utf-8", note, replaced=replaced, doubtful=True)


def _choose_code_page(data: bytes, path: Path, high: np.ndarray | None = None) -> DecodedText:
    """The code page that reads the non-ASCII bytes (``high`` marks them, when known) most plausibly."""
    array = np.frombuffer(data, dtype=np.uint8)
    high = array >= 0x80 if high is None else high
    distinct = bytes(np.flatnonzero(np.bincount(array[high], minlength=256)).tolist())
    sample = _non_ascii_sample(data, _first_high_positions(array, SAMPLE_WINDOWS))
    scored: list[tuple[float, str, str]] = []
    for code_page in CODE_PAGES:
        try:
            distinct.decode(code_page)
        except UnicodeDecodeError:
            continue
        decoded = sample.decode(code_page)
        scored.append((plausibility(decoded), code_page, decoded))
    scored.sort(key=lambda item: -item[0])   # stable: CODE_PAGES order breaks ties
    best_score, best, best_sample = scored[0]
    rivals = [cp for score, cp, dec in scored[1:]
              if dec != best_sample and score >= best_score - max(2.0, 0.15 * abs(best_score))]
    name = _(CODE_PAGE_NAMES[best])
    note = _("{encoding} ({name}; detected, but {rival} also fits — check the preview)", encoding=best, name=name,
             rival=rivals[0]) if rivals else _("{encoding} ({name}; detected)", encoding=best, name=name)
    return DecodedText(data.decode(best), best, note, score=best_score, doubtful=bool(rivals))


def _first_high_positions(array: np.ndarray, count: int) -> np.ndarray:
    """Positions of the first ``count`` non-ASCII bytes (looking at a growing head of the file)."""
    size = 1 << 20
    while True:
        positions = np.flatnonzero(array[:size] >= 0x80)
        if len(positions) >= count or size >= len(array):
            return positions[:count]
        size *= 8


def _non_ascii_sample(data: bytes, positions: np.ndarray, limit: int = SAMPLE_WINDOWS, radius: int = 24) -> bytes:
    """Windows of bytes around the first ``limit`` non-ASCII bytes (enough to score)."""
    pieces, last_end = [], -1
    for pos in positions[:limit].tolist():
        start, end = max(0, pos - radius), pos + radius
        if start < last_end:
            start = last_end
        if start >= end:
            continue
        pieces.append(data[start:end])
        last_end = end
    return b"\n".join(pieces)


def plausibility(text: str) -> float:
    """Score how plausible the non-ASCII characters of ``text`` are for our users' languages."""
    score = 0.0
    language_hits: Counter[str] = Counter()
    for found in NON_ASCII.finditer(text):
        i, ch = found.start(), found.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        score += _char_score(ch, prev, nxt)
        for language, letters in CORE_LETTERS.items():
            if ch in letters:
                language_hits[language] += 1
    if language_hits:
        score += max(language_hits.values())
    return score


def _char_score(ch: str, prev: str, nxt: str) -> float:
    category = unicodedata.category(ch)
    if category.startswith("C"):
        return -10.0
    if ch in COMMON_SYMBOLS:
        return 1.0
    if not category.startswith("L"):
        return -3.0
    if FAR_SCRIPTS.match(ch):
        latin_neighbour = prev in ASCII_LETTERS or nxt in ASCII_LETTERS or ord(prev) in range(0xC0, 0x250)
        return -4.0 if latin_neighbour else 2.0
    cyrillic = "\u0400" <= ch <= "\u04ff"
    if cyrillic:
        mixed = prev in ASCII_LETTERS or nxt in ASCII_LETTERS
        return -4.0 if mixed else 2.0
    if _is_cyrillic(prev) or _is_cyrillic(nxt):
        return -4.0
    if any(ch in letters for letters in CORE_LETTERS.values()):
        score = 2.0
    elif ch in RARE_LETTERS:
        score = 1.0
    else:
        return -3.0
    if ch.isupper() and prev.isalpha() and prev.islower():
        score -= 2.0
    if ch in GRAVE_LETTERS and prev in VOWELS:
        score -= 2.0      # "Kovaè": a grave accent after a vowel is not French or Italian
    if ch in SLAVIC_CONSONANT_LETTERS and _consonant(prev) and _consonant(nxt):
        score -= 1.0      # "crčme": č squeezed between consonants is unusual
    return score


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _consonant(ch: str) -> bool:
    return ch in ASCII_LETTERS and ch not in VOWELS


def check_is_text(text: str, path: Path) -> None:
    """Raise :class:`UnsupportedFormatError` when decoded "text" is really binary data: a NUL, or more than 2
    control characters making over 3 % of the first 64 K characters. Random bytes hold about 11 % (5.6 % the
    fewest among the fuzz corpus's random files); a text export with a terminal colour (ESC) or a DEL in a
    few cells about 1 %."""
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\x0c") or ch == "\x7f")
    if "\x00" in sample or controls > max(2, 0.03 * len(sample)):
        raise UnsupportedFormatError(
            Message("“{name}” does not contain text: it looks like binary data, not a CSV or spreadsheet export.", dict(name=path.name)), path=path)


# ----------------------------------------------------------------- delimiter
def sniff_delimiter(sample: str) -> str:
    """Pick the delimiter whose field counts are most consistent over the sample records."""
    best, best_key = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if row]
        key = _consistency(counts)
        if key[1] >= 2 and key > best_key:
            best, best_key = delimiter, key
    if best_key[1] >= 2 and best_key[0] >= 0.5:
        return best
    counts = [len(line.split()) for line in sample.split("\n") if line.strip()]
    spaced = _consistency(counts)
    if spaced[1] >= 2 and spaced[0] >= 0.8:
        return WHITESPACE
    return best


def _consistency(counts: list[int]) -> tuple[float, int]:
    """(share of records with the most common field count, that count)."""
    if not counts:
        return (0.0, 0)
    modal, hits = Counter(counts).most_common(1)[0]
    return (round(hits / len(counts), 2), modal)


DECIMAL_COMMA = re.compile(r"^[-+]?\d{1,3}(?:[.\s\u00a0]\d{3})*,\d+$|^[-+]?\d+,\d+$")
DECIMAL_DOT = re.compile(r"^[-+]?\d+\.\d+$")


def sniff_decimal(rows: list[list[str]]) -> str | None:
    """',' when numbers in the sample are written like ``1,5`` (and none like ``1.5``)."""
    commas = dots = 0
    for row in rows:
        for cell in row:
            text = cell.strip() if isinstance(cell, str) else ""
            if DECIMAL_COMMA.match(text):
                commas += 1
            elif DECIMAL_DOT.match(text):
                dots += 1
    return "," if commas and commas > 3 * dots else None
