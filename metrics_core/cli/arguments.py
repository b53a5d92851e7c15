"""argparse in the user's language: the help texts of every option, and argparse's own words
("usage:", "options", "show this help message and exit", "error").

The language is chosen before the parser is built (``--lang`` on the command line, else
``KPIDESK_LANG``), so that ``kpidesk report --lang sl --help`` prints Slovenian help.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn, Sequence

from ..i18n import _


class LocalisedHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with its "usage:" word translated."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else _("usage: "))


class LocalisedParser(argparse.ArgumentParser):
    """An ArgumentParser (and its sub-command parsers) whose own words are translated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", LocalisedHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=_("show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}", prog=self.prog, message=message) + "\n")


def language_in_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` (``--lang sl`` or ``--lang=sl``) in ``argv``, before argparse reads it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
