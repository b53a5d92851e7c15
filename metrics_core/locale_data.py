"""CLDR data for the language texts are rendered in: the one place that asks babel.

:mod:`metrics_core.formatting` writes numbers, money, durations and dates with it, and the
catalogue tool takes each language's gettext plural rule from it, so the window, every report
and the command line write a language the same way. The language is
:func:`metrics_core.i18n.current_language` unless one is given.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from metrics_core.i18n import DEFAULT_LANGUAGE, PSEUDO_LANGUAGE, babel_locale, current_language


def babel_name(code: str | None = None) -> str:
    """The CLDR locale of one of our language codes: ``sr-Latn`` -> ``sr_Latn``; the pseudo-language is English."""
    code = code or current_language()
    if code == PSEUDO_LANGUAGE:
        return DEFAULT_LANGUAGE
    return code.replace("-", "_")


@lru_cache(maxsize=None)
def cldr_locale(code: str | None = None) -> Locale:
    """babel's :class:`~babel.Locale` for ``code`` (default: the current language)."""
    return babel_locale(code)


def locale_now() -> Locale:
    return cldr_locale(babel_name())


def is_english(locale: Locale) -> bool:
    """English keeps KPI Desk's house style (``48.9 %``, ``2 h 05 min``, ISO dates), pinned by tests and users' habits."""
    return locale.language == "en"


def plural_category(locale: Locale, value: float | int | str) -> str:
    """CLDR's plural category (``one``, ``two``, ``few``, ``other``…) of a number as it is written."""
    return locale.plural_form(_decimal(value))


def _decimal(value: float | int | str):
    from decimal import Decimal
    if isinstance(value, str):
        return Decimal(value)
    if isinstance(value, float) and not value.is_integer():
        return Decimal(repr(value))
    return int(value)


def unit_pattern(locale: Locale, unit: str, category: str, length: str = "short") -> str:
    """The CLDR pattern (``"{0} min"``) of a unit such as ``duration-minute`` for a plural category,
    falling back to the category ``other`` and to longer forms where the locale leaves them out."""
    patterns = locale._data["unit_patterns"]          # babel's own reader of the same table (babel.units)
    for each in (length, "short", "long"):
        forms = patterns.get(unit, {}).get(each, {})
        for key in (category, "other"):
            if forms.get(key):
                return forms[key]
    raise KeyError(f"CLDR has no pattern for {unit} in {locale}")


def gettext_plural_header(code: str) -> tuple[int, str]:
    """``(nplurals, expression)`` for a catalogue's Plural-Forms header, from babel's plural rules."""
    from babel.messages.plurals import get_plural
    rule = get_plural(babel_name(code))
    return rule.num_plurals, rule.plural_expr
