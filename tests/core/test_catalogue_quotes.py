"""Quotation marks as each language writes them, in every catalogue (metrics_core's and the window's).

Slovenian texts quoted a brand attribute as “friendly staff” (the card wrote the English marks around the term
itself); Slovenian and Serbian write „…“, Romanian „…”, Swedish ”…”. The catalogues mixed »…«, „…”, '…' and
"…" around names such as '{name}' or „{path}”. Every quoted placeholder and every phrase in typographic quotes
of a translation uses its language's pair, and no code puts quotation marks of its own around a value
shown to people (the one place that quotes a value is ``metrics_core.formatting.quoted``, a catalogue text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from metrics_core.i18n.catalogue import DOMAINS, po_path

ROOT = Path(__file__).resolve().parents[2]
PAIRS = {"sl": "„“", "sr": "„“", "sr-Latn": "„“", "ro": "„”", "sv": "””"}
DOUBLE_MARKS = "“”„‟«»"                     # typographic double quotation marks (any language's)
ANY_MARK = DOUBLE_MARKS + "'\"‘’‚‹›"
QUOTED_PLACEHOLDER = re.compile(rf"([{ANY_MARK}])(\{{[^{{}}]*\}})([{ANY_MARK}])")


def _translations(domain, code: str) -> list[tuple[str, str]]:
    with po_path(domain, code).open("rb") as handle:
        catalog = read_po(handle)
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        out += [(msgid, text) for text in strings if text]
    return out


@pytest.mark.parametrize("code", sorted(PAIRS))
@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_every_quoted_placeholder_and_phrase_uses_the_languages_quotation_marks(domain, code) -> None:
    opening, closing = PAIRS[code]
    wrong = []
    for msgid, text in _translations(domain, code):
        for match in QUOTED_PLACEHOLDER.finditer(text):
            if (match.group(1), match.group(3)) != (opening, closing):
                wrong.append(f"{match.group(0)!r} in {text[:90]!r}")
        others = set(text) & set(DOUBLE_MARKS) - {opening, closing}
        if others:
            wrong.append(f"{''.join(sorted(others))!r} in {text[:90]!r}")
        if opening != closing and text.count(opening) != text.count(closing):
            wrong.append(f"unpaired {opening}…{closing} in {text[:90]!r}")
    assert wrong == [], f"{len(wrong)} texts of {domain.name} ({code}):\n" + "\n".join(wrong[:30])


def test_the_quotation_marks_of_each_language() -> None:
    from metrics_core.formatting import quoted
    from metrics_core.i18n import language

    found = {}
    for code in ("en", "sl", "ro", "sv", "sr"):
        with language(code):
            found[code] = quoted("friendly staff")
    assert found == {"en": "“friendly staff”", "sl": "„friendly staff“", "ro": "„friendly staff”",
                     "sv": "”friendly staff”", "sr": "„friendly staff“"}


def test_no_code_puts_its_own_quotation_marks_around_a_shown_value() -> None:
    """An f-string with typographic marks around a field ('f"\\u201c{text}\\u201d"' on the brand attributes card)
    writes English quotes in every language: such values go through ``quoted`` (or a catalogue text)."""
    marks = "|".join(["\\\\u201[89cdef]", "\\\\u00ab", "\\\\u00bb", *DOUBLE_MARKS, "‘", "’"])
    pattern = re.compile(rf"""\bf(["'])(?:(?!\1).)*?(?:{marks})\{{""")
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for package in ("metrics_core", "desktop_app") for path in sorted((ROOT / package).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []


#: A pair of typewriter (or single typographic) quotes around a name or a value in an English text: not an apostrophe
#: (``the data's``), nor a command line's own quoting (``--where 'Channel=Email'``, ``--map created_at='Opened'``).
SINGLE_QUOTED = re.compile(r"(?<![A-Za-z=])(?<!--where )['‘‚]([^'‘’\n]{1,60}?)['’](?![A-Za-z])")


def _english_texts(domain) -> list[tuple[str, str]]:
    from babel.messages.pofile import read_po

    with (domain.locale_dir / f"{domain.name}.pot").open("rb") as handle:
        template = read_po(handle)
    return [(text, ", ".join(sorted({path for path, _line in message.locations})))
            for message in template if message.id
            for text in (message.id if isinstance(message.id, (tuple, list)) else (message.id,))]


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_english_texts_quote_names_as_english_writes_them(domain) -> None:
    """Shots 03/60/61/62_cards (en, 1366x768): "header 'Created at' (Zendesk export)" and "in a file of the kind
    'Calls'" stood beside “Hold time” in the same texts; session 16 found 92 more in metrics_core (the readers' errors
    ("'{name}' is empty (0 bytes)."), the command line's messages, the settings' help) and 3 in the window's. A name or a value quoted
    in an English text of either catalogue is in “…”, as ``quoted`` writes it, never in '…' or ‘…’."""
    wrong = [f"{text[:90]!r} ({where})" for text, where in _english_texts(domain) if SINGLE_QUOTED.search(text)]
    assert wrong == [], f"{len(wrong)} English texts quote in '…':\n" + "\n".join(wrong[:40])


def test_the_english_quotes_check_tells_a_quote_from_an_apostrophe_and_a_command_line() -> None:
    for text in ("'{name}' is empty (0 bytes).", "the data's 'as of' time", "such as ',' ';' or a tab",
                 "Sheet ‘{sheet}’ of “{file}”"):
        assert SINGLE_QUOTED.search(text), text
    for text in ("the rows' own times", "the data's “as of” time", "(e.g. --where 'Channel=Email')",
                 "(e.g. --map created_at='Opened')", "“{name}” cannot be opened: {value}."):
        assert not SINGLE_QUOTED.search(text), text


def test_a_mapping_reason_in_english_uses_one_quotation_style() -> None:
    from metrics_core.formatting import quoted
    from metrics_core.i18n import Message, language
    from metrics_core.metrics.common import missing_result
    from metrics_core.report_view.words import readable_reason

    with language("en"):
        evidence = str(Message("header “{header}” ({preset} export)", {"header": "Created at", "preset": "Zendesk"}))
        kind = readable_reason(missing_result("average_handle_time", "seconds", ["hold_s"], "calls",
                                              higher_is_better=False))
        assert quoted("Created at") in evidence and quoted("Hold time") in kind and "'" not in evidence + kind, kind
