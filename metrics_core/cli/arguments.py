"""argparse in the user's language: the help texts of every option, and argparse's own words
("usage:", "options", "show this help message and exit") and error messages ("unrecognized
arguments: …", "the following arguments are required: …", "invalid choice: …").

argparse looks each of its own texts up through its module's ``_`` and ``ngettext`` (gettext's
default domain, which nothing fills). :class:`LocalisedParser` points those two names at our
catalogue, where :data:`ARGPARSE_MESSAGES` lists the texts argparse shows a user, so they are
translated in the language current while parsing; in English they are argparse's own texts.

The language is chosen before the parser is built (``--lang`` on the command line, else
``KPIDESK_LANG``), so that ``kpidesk report --lang sl --help`` prints Slovenian help and
``kpidesk compute --bogus --lang sl`` a Slovenian error.
"""

from __future__ import annotations

import argparse
from typing import Any, Sequence

from ..i18n import N_, _, ngettext

#: argparse's (Python 3.11) texts that a user of ``kpidesk`` can meet, as argparse writes them (``%`` fields
#: filled by argparse). Texts only a programming mistake shows ("conflicting option string") stay English.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
)


def _argparse_text(message: Any) -> Any:
    """argparse's ``_``: the text in the current language, its ``%`` fields left for argparse to fill."""
    return _(message) if isinstance(message, str) and message else message


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


def translate_argparse() -> None:
    """Let argparse's own texts speak the current language (idempotent; English is unchanged)."""
    argparse._ = _argparse_text                    # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural           # type: ignore[attr-defined]


class LocalisedParser(argparse.ArgumentParser):
    """An ArgumentParser (and its sub-command parsers) whose own words and errors are translated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        translate_argparse()
        super().__init__(*args, **kwargs)


def language_in_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` (``--lang sl`` or ``--lang=sl``) in ``argv``, before argparse reads it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
