"""The window's language: the app's own catalogue, Qt's texts, and the language chosen at start.

- The window's texts are in the ``kpidesk_app`` gettext domain (``locale/<lang>/LC_MESSAGES``),
  looked up by the same ``_()`` as metrics_core's (:func:`metrics_core.i18n.register_domain`).
- Qt's own texts (file dialogs, message boxes, "Cancel", a line edit's context menu) come from
  ``qtbase_<lang>.qm``: Qt's translation where Qt ships one (Swedish), ours in ``qt/`` otherwise
  (made from ``qt/qtbase_<lang>.ts`` with ``pyside6-lrelease``; see ``tools/qt_translations.py``).
- :func:`apply_language` switches all of it at once, and the locale Qt's widgets (calendar popup,
  spin boxes) write dates and numbers with.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from metrics_core.i18n import (DEFAULT_LANGUAGE, PSEUDO_LANGUAGE, catalogue_folder, language_from_environment,
                               normalise_language, register_domain, set_language)

log = logging.getLogger(__name__)

APP_DOMAIN = "kpidesk_app"
LOCALE_DIR = Path(__file__).with_name("locale")
QT_DIR = Path(__file__).with_name("qt")
#: The languages whose Qt translation comes with Qt itself (PySide6's ``translations`` folder).
QT_SHIPPED = {"sv": "qtbase_sv"}
#: The Qt locale a language's widgets use (script and country where the language code is not enough).
QT_LOCALES = {"en": "en_GB", "sl": "sl_SI", "ro": "ro_RO", "sv": "sv_SE", "sr": "sr_Cyrl_RS", "sr-Latn": "sr_Latn_RS",
              PSEUDO_LANGUAGE: "en_GB"}
LOCALE_VARIABLES = ("KPIDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

_installed: list[QTranslator] = []


def register_catalogue() -> None:
    """Make the window's catalogue known to ``_()`` (idempotent)."""
    register_domain(APP_DOMAIN, LOCALE_DIR)


def system_language() -> str:
    """The operating system's language: the locale variables where set (Linux, a terminal), else Qt's
    idea of the system locale (Windows, macOS), else English."""
    from os import environ

    if any(environ.get(name) for name in LOCALE_VARIABLES):
        return language_from_environment()
    system = QLocale.system()
    if system.language() == QLocale.Language.Serbian and system.script() == QLocale.Script.LatinScript:
        return "sr-Latn"
    return normalise_language(system.name())


def qt_translation_file(code: str) -> Path | None:
    """The ``.qm`` with Qt's own texts in ``code`` (``None`` for English and the pseudo-language)."""
    if code in (DEFAULT_LANGUAGE, PSEUDO_LANGUAGE):
        return None
    shipped = QT_SHIPPED.get(code)
    if shipped is not None:
        import PySide6

        folders = (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                   Path(PySide6.__file__).parent / "Qt" / "translations")      # (a frozen app's copy)
        found = next((f / f"{shipped}.qm" for f in folders if (f / f"{shipped}.qm").is_file()), None)
        if found is not None:
            return found
        log.warning("Qt's own %s.qm is missing", shipped)
    ours = QT_DIR / f"qtbase_{catalogue_folder(code)}.qm"
    return ours if ours.is_file() else None


def apply_language(code: str | None) -> str:
    """Use ``code`` for every text from now on: ours, metrics_core's and Qt's; returns the language used."""
    register_catalogue()
    used = set_language(code)
    QLocale.setDefault(QLocale(QT_LOCALES.get(used, "en_GB")))
    app = QCoreApplication.instance()
    if app is None:
        return used
    while _installed:                  # (each is a child of the app: deleted too, or every switch keeps its .qm)
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    path = qt_translation_file(used)
    if path is not None:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("Qt translation %s could not be loaded", path)
    return used


def installed_qt_translations() -> list[str]:
    """The files of the Qt translations in use (tests, the self-test)."""
    return [t.filePath() for t in _installed]
