"""Serbian Cyrillic to Latin script, and a readable fallback for consoles that cannot show a letter.

The Serbian Latin catalogue (``sr-Latn``) is made from the Cyrillic one by :func:`to_latin`, so the
two can never drift apart. The same letter table gives a console in a Windows code page a readable
text ("Časovni žig" -> "Casovni zig", "Шта" -> "Sta") instead of a ``UnicodeEncodeError``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
_LATIN = ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p",
          "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]
_LETTERS = dict(zip(_CYRILLIC, _LATIN))
_LETTERS.update({c.upper(): l.capitalize() for c, l in zip(_CYRILLIC, _LATIN)})
_DIGRAPH_CAPITALS = {"Lj": "LJ", "Nj": "NJ", "Dž": "DŽ"}
_FIELD = re.compile(r"(\{[^{}]*\}|%\([^)]*\)[a-z]|%[a-z])")


def _word_to_latin(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        latin = _LETTERS.get(ch)
        if latin is None:
            out.append(ch)
            continue
        if latin in _DIGRAPH_CAPITALS:
            neighbours = text[i - 1:i] + text[i + 1:i + 2]
            if neighbours and all(c.isupper() for c in neighbours if c.isalpha()) and any(c.isalpha() for c in neighbours):
                latin = _DIGRAPH_CAPITALS[latin]      # "ЉУБАВ" -> "LJUBAV", but "Љубав" -> "Ljubav"
        out.append(latin)
    return "".join(out)


def to_latin(text: str) -> str:
    """Serbian Cyrillic in Latin script, ``{fields}`` and ``%`` codes untouched.

    >>> to_latin("Просечно време чекања (ASA)")
    'Prosečno vreme čekanja (ASA)'
    >>> to_latin("ЊЕГОШ и Његош, {count} ђака")
    'NJEGOŠ i Njegoš, {count} đaka'
    """
    parts = _FIELD.split(text)
    return "".join(part if i % 2 else _word_to_latin(part) for i, part in enumerate(parts))


def ascii_fallback(ch: str) -> str:
    """A letter a legacy code page may lack, as near as plain letters get: ``č`` -> ``c``, ``ђ`` -> ``d``."""
    text = _word_to_latin(ch)
    base = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    base = base.replace("đ", "d").replace("Đ", "D").replace("\u2212", "-").replace("\u00a0", " ")
    return base if base and base.isascii() else "?"


def _fallback_errors(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    replaced = "".join(_encodable(ascii_fallback(ch), error.encoding) for ch in bad)
    return replaced, error.end


def _encodable(text: str, encoding: str) -> str:
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        return "?"


#: The name of the codec error handler that writes :func:`ascii_fallback` for what a code page lacks.
FALLBACK_ERRORS = "kpidesk-fallback"
codecs.register_error(FALLBACK_ERRORS, _fallback_errors)
