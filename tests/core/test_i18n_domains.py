"""The catalogue machinery: Serbian Latin made from Cyrillic, a second domain for the app, plural rules."""

import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from metrics_core import i18n
from metrics_core.i18n import _, language, ngettext
from metrics_core.i18n.catalogue import transliterated
from metrics_core.i18n.script import ascii_fallback, to_latin


def test_serbian_cyrillic_becomes_latin_letter_by_letter():
    assert to_latin("Просечно време чекања") == "Prosečno vreme čekanja"
    assert to_latin("Љубљана, ЊЕГОШ, џем, Ђорђе") == "Ljubljana, NJEGOŠ, džem, Đorđe"
    assert to_latin("{count} позива у {hour}") == "{count} poziva u {hour}"      # fields untouched
    assert to_latin("NPS и CSAT") == "NPS i CSAT"


def test_a_letter_a_code_page_lacks_falls_back_to_its_plain_form():
    assert [ascii_fallback(c) for c in "čćžđШ"] == ["c", "c", "z", "d", "S"]
    assert ascii_fallback("漢") == "?"


def test_transliterated_catalogue_keeps_plurals_and_ids():
    sr = Catalog(locale="sr")
    sr.add(("{count} позив", "{count} позива"), ("{count} позив", "{count} позива", "{count} позива"))
    sr.add("Backlog", "Заостали захтеви")
    latin = transliterated(sr, "sr-Latn", "kpidesk")
    assert latin["Backlog"].string == "Zaostali zahtevi"
    assert latin["{count} позив"].string == ("{count} poziv", "{count} poziva", "{count} poziva")


def _compiled(tmp_path, domain, code, entries, plural_forms):
    catalog = Catalog(locale=code, domain=domain)
    for msgid, text in entries.items():
        catalog.add(msgid, text)
    folder = tmp_path / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    out = io.BytesIO()
    write_mo(out, catalog)
    (folder / f"{domain}.mo").write_bytes(out.getvalue())
    assert catalog.num_plurals == plural_forms


def test_a_registered_domain_is_looked_in_after_the_core_catalogue(tmp_path):
    _compiled(tmp_path, "kpidesk_test_app", "sl",
              {"Open file…": "Odpri datoteko …", ("{count} file", "{count} files"):
               ("{count} datoteka", "{count} datoteki", "{count} datoteke", "{count} datotek")}, 4)
    before = dict(i18n.domains())
    try:
        i18n.register_domain("kpidesk_test_app", tmp_path)
        with language("sl"):
            assert _("Open file…") == "Odpri datoteko …"
            assert [ngettext("{count} file", "{count} files", n, count=n) for n in (1, 2, 3, 5, 101)] == [
                "1 datoteka", "2 datoteki", "3 datoteke", "5 datotek", "101 datoteka"]
        with language("en"):
            assert _("Open file…") == "Open file…"
    finally:
        i18n._extra_domains.clear()
        i18n._extra_domains.update({k: v for k, v in before.items() if k != i18n.DOMAIN})
        i18n._translations.cache_clear()


def test_a_text_that_comes_back_takes_its_translation_from_the_obsolete_entries():
    from babel.messages.catalog import Message as PoMessage
    from metrics_core.i18n.catalogue import _reuse_obsolete

    catalog = Catalog(locale="sl")
    catalog.add("Deck ready", "")
    catalog.obsolete["Deck ready"] = PoMessage("Deck ready", "Predstavitev je pripravljena")
    _reuse_obsolete(catalog)
    assert catalog["Deck ready"].string == "Predstavitev je pripravljena" and not catalog.obsolete
