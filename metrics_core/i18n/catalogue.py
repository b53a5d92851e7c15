"""The translation workflow in one command: extract, merge, compile and check the catalogues.

    python -m metrics_core.i18n.catalogue update    # extract texts from the code into each .pot, merge into every .po
    python -m metrics_core.i18n.catalogue compile   # .po -> .mo (committed, so a fresh clone runs without a build step)
    python -m metrics_core.i18n.catalogue check     # fails if a text is missing, untranslated, fuzzy, or a .mo is stale
    python -m metrics_core.i18n.catalogue all       # update + compile + check (what a developer runs after adding texts)

Each domain is one catalogue: ``kpidesk`` holds metrics_core's texts, ``kpidesk_app`` the desktop app's
(under ``desktop_app/i18n/locale``, registered by the app with :func:`metrics_core.i18n.register_domain`).
A language has one ``<locale>/<lang>/LC_MESSAGES/<domain>.po`` per domain, with the Plural-Forms rule
of babel's CLDR data. The Serbian Latin catalogue is made from the Serbian Cyrillic one by
:func:`metrics_core.i18n.script.to_latin`: translate ``sr`` only.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from metrics_core.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR, catalogue_folder
from metrics_core.i18n.script import to_latin

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "python -m metrics_core.i18n.catalogue all"
KEYWORDS = {"_": None, "N_": None, "Message": None, "ngettext": (1, 2), "plural": (1, 2),
            "pgettext": ((1, "c"), 2)}
FIXED_DATE = datetime(2026, 12, 1, tzinfo=timezone.utc)      # headers do not change with every run
TRANSLITERATED = {"sr-Latn": "sr"}                           # made from another language, never edited


@dataclass(frozen=True)
class Domain:
    name: str
    sources: tuple[str, ...]          # package folders under the repository root
    locale_dir: Path


DOMAINS = (
    Domain("kpidesk", ("metrics_core",), LOCALE_DIR),
    Domain("kpidesk_app", ("desktop_app",), ROOT / "desktop_app" / "i18n" / "locale"),
)


def languages() -> list[str]:
    """Every shipped language with catalogues: all but English, the source language."""
    return [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]


def _new_catalog(domain: str, locale: str | None = None) -> Catalog:
    catalog = Catalog(locale=locale, domain=domain, project="KPI Desk", version="1", charset="utf-8",
                      creation_date=FIXED_DATE, revision_date=FIXED_DATE, msgid_bugs_address="",
                      language_team="KPI Desk", last_translator="KPI Desk",
                      header_comment=f"# KPI Desk: {domain} texts. Edit msgstr only; run `{COMMAND}` after.")
    catalog.fuzzy = False
    return catalog


def extract(domain: Domain) -> Catalog:
    """Every text of ``domain``'s source folders marked with ``_``, ``N_``, ``ngettext``, ``pgettext`` or ``Message``."""
    template = _new_catalog(domain.name)
    for folder in domain.sources:
        base = ROOT / folder
        if not base.is_dir():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
                base, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            template.add(message, None, [(f"{folder}/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def po_path(domain: Domain, code: str) -> Path:
    return domain.locale_dir / catalogue_folder(code) / "LC_MESSAGES" / f"{domain.name}.po"


def _read(path: Path, code: str, domain: str) -> Catalog:
    if not path.exists():
        return _new_catalog(domain, catalogue_folder(code))
    with path.open("rb") as handle:
        return read_po(handle, locale=catalogue_folder(code), domain=domain)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=False, sort_output=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def transliterated(source: Catalog, code: str, domain: str) -> Catalog:
    """A copy of ``source`` with every translation in Latin script (``sr`` -> ``sr-Latn``)."""
    target = _new_catalog(domain, catalogue_folder(code))
    for message in source:
        if not message.id:
            continue
        text = (tuple(to_latin(s) for s in message.string) if isinstance(message.string, (tuple, list))
                else to_latin(message.string or ""))
        target.add(message.id, text, message.locations, flags=message.flags, context=message.context,
                   auto_comments=message.auto_comments)
    return target


def _write(path: Path, data: bytes) -> bool:
    from metrics_core.atomic import write_bytes_atomic
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, data)
    return True


def merged(domain: Domain, code: str, template: Catalog) -> Catalog:
    """The language's catalogue with the code's texts now: new ones untranslated, gone ones dropped."""
    if code in TRANSLITERATED:
        return transliterated(merged(domain, TRANSLITERATED[code], template), code, domain.name)
    catalog = _read(po_path(domain, code), code, domain.name)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    _reuse_obsolete(catalog)
    catalog.revision_date = FIXED_DATE
    return catalog


def _reuse_obsolete(catalog: Catalog) -> None:
    """Texts that left the code stay in the .po as obsolete entries (``#~``), a translation memory:
    when the same text comes back (or arrives from another branch), its translation is taken from there."""
    for message in catalog:
        if not message.id or _translated(message):
            continue
        old = catalog.obsolete.get(message.id if not isinstance(message.id, (tuple, list)) else message.id[0])
        if old is not None and _translated(old) and type(old.string) is type(message.string):
            message.string = old.string
            del catalog.obsolete[old.id if not isinstance(old.id, (tuple, list)) else old.id[0]]


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return all(strings)


def update() -> list[Path]:
    written = []
    for domain in DOMAINS:
        template = extract(domain)
        if not len(template) and not domain.locale_dir.exists():
            continue
        if _write(domain.locale_dir / f"{domain.name}.pot", _po_bytes(template)):
            written.append(domain.locale_dir / f"{domain.name}.pot")
        for code in languages():
            if _write(po_path(domain, code), _po_bytes(merged(domain, code, template))):
                written.append(po_path(domain, code))
    return written


def compile_all() -> list[Path]:
    written = []
    for domain in DOMAINS:
        for code in languages():
            po = po_path(domain, code)
            if po.exists() and _write(po.with_suffix(".mo"), _mo_bytes(_read(po, code, domain.name))):
                written.append(po.with_suffix(".mo"))
    return written


def problems() -> list[str]:
    """What keeps the catalogues from being complete and current (empty when they are)."""
    found: list[str] = []
    for domain in DOMAINS:
        template = extract(domain)
        if not len(template):
            continue
        for code in languages():
            po = po_path(domain, code)
            if not po.exists():
                found.append(f"{po.relative_to(ROOT)} is missing")
                continue
            catalog = _read(po, code, domain.name)
            for message in template:
                if message.id and catalog.get(message.id, context=message.context) is None:
                    found.append(f"{po.relative_to(ROOT)}: not in the catalogue: {_short(message.id)}")
            for message in catalog:
                if not message.id:
                    continue
                strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
                if message.fuzzy or not all(strings):
                    found.append(f"{po.relative_to(ROOT)}: {'fuzzy' if message.fuzzy else 'untranslated'}: "
                                 f"{_short(message.id)}")
            if code in TRANSLITERATED and po.read_bytes() != _po_bytes(merged(domain, code, template)):
                found.append(f"{po.relative_to(ROOT)} is not the transliteration of {TRANSLITERATED[code]}")
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
                found.append(f"{mo.relative_to(ROOT)} is not compiled from its .po")
    return found


def _short(msgid: str | tuple) -> str:
    text = msgid[0] if isinstance(msgid, (tuple, list)) else msgid
    return repr(text if len(text) < 70 else text[:67] + "...")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "all"
    if command in ("update", "all"):
        for path in update():
            print(f"updated {path.relative_to(ROOT)}")
    if command in ("compile", "all"):
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
    if command in ("check", "all"):
        found = problems()
        for line in found:
            print(line)
        if found:
            print(f"{len(found)} problems: translate the entries above in the .po files, then run `{COMMAND}`")
            return 1
        print("catalogues complete and compiled")
    if command not in ("update", "compile", "check", "all"):
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
