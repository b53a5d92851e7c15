"""What the command line prints survives any console: text in the console's encoding, JSON in UTF-8.

A console or pipe in a legacy code page (``PYTHONIOENCODING=cp1252``, a Windows console) keeps its
encoding, and a letter it lacks is written as its nearest plain letter (``č`` -> ``c``, Cyrillic in
Latin script) rather than ending the command with a ``UnicodeEncodeError``. ``--json`` output is
always UTF-8 bytes, whatever the console (JSON is read by programs, and its text stays English).
"""

from __future__ import annotations

import codecs
import json
import sys
from typing import Any, TextIO

from ..i18n.script import FALLBACK_ERRORS


def _is_utf(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def make_output_safe(stream: TextIO | None) -> None:
    """Let ``stream`` write every letter: letters its code page lacks become their nearest plain form."""
    if stream is None or _is_utf(getattr(stream, "encoding", None)):
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors=FALLBACK_ERRORS)
        except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
            pass


def prepare_console() -> None:
    make_output_safe(sys.stdout)
    make_output_safe(sys.stderr)


def print_json(document: Any, **dumps: Any) -> None:
    """One JSON document on stdout, as UTF-8 bytes whatever the console's encoding."""
    text = json.dumps(document, ensure_ascii=False, indent=2, **dumps) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or _is_utf(getattr(sys.stdout, "encoding", None)):
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
