"""The ``kpidesk`` command line: ``inspect``, ``compute``, ``calc``, ``report``.

Each sub-command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``. Errors from :mod:`metrics_core.errors` print as one plain
sentence on stderr with exit code 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from ..errors import KpiDeskError
from ..i18n import LANGUAGES, _, language, language_from_environment, normalise_language
from .console import prepare_console

# Explicit list (no plugin discovery): (sub-command, module).
COMMANDS = (
    ("inspect", "metrics_core.cli.inspect_cmd"),
    ("compute", "metrics_core.cli.compute_cmd"),
    ("calc", "metrics_core.cli.calc_cmd"),
    ("report", "metrics_core.cli.report_cmd"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kpidesk", description="Customer-service KPIs from your exports, offline.")
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"KPI Desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.add_parser(sub)
        add_language_option(sub.choices[name])
    return parser


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang CODE`` on every sub-command: the language of the text it prints and writes."""
    parser.add_argument("--lang", metavar="CODE", type=_language_code,
                        help="language of the text output and reports: " + ", ".join(LANGUAGES)
                        + " (default: $KPIDESK_LANG, else English)")


def _language_code(text: str) -> str:
    code = normalise_language(text)
    if code == "en" and not text.lower().startswith("en"):
        raise argparse.ArgumentTypeError(_("unknown language {code!r}; choose one of {choices}",
                                           code=text, choices=", ".join(LANGUAGES)))
    return code


def chosen_language(code: str | None, json_output: bool = False) -> str:
    """``--lang``, else ``KPIDESK_LANG``, else English (the operating system's locale is the window's choice).
    JSON is read by programs: its texts stay English (contract)."""
    if json_output:
        return "en"
    return normalise_language(code) if code else language_from_environment(
        {"KPIDESK_LANG": os.environ.get("KPIDESK_LANG", "")})


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    prepare_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    with language(chosen_language(getattr(args, "lang", None), getattr(args, "json", False))):
        try:
            return int(args.run(args) or 0)
        except KpiDeskError as exc:
            print(_("kpidesk: {error}", error=exc), file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(_("kpidesk: interrupted"), file=sys.stderr)
            return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
