"""The ``kpidesk`` command line: ``inspect``, ``compute``, ``calc``, ``report``.

Each sub-command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``. No traceback reaches the user unless asked for (``--debug`` or the
environment variable ``KPIDESK_DEBUG=1``). Exit codes:

* 0 — done;
* 1 — an unexpected failure (out of memory, a number out of range, a bug): one line on stderr;
* 2 — a file, option or mapping the program cannot use (:mod:`metrics_core.errors`): one sentence;
* 3 — ``compute`` finished, but some KPIs failed inside their computation; each is
  listed with the reason "could not be computed: …" and every other KPI is still given;
* 130 — interrupted (Ctrl+C); 141 — the reader of the output went away (``kpidesk … | head``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import logging
import os
import sys
import traceback

from ..errors import KpiDeskError
from ..i18n import LANGUAGES, _, language, language_from_environment, normalise_language
from .arguments import LocalisedParser, language_in_argv
from .console import prepare_console

# Explicit list (no plugin discovery): (sub-command, module).
COMMANDS = (
    ("inspect", "metrics_core.cli.inspect_cmd"),
    ("compute", "metrics_core.cli.compute_cmd"),
    ("calc", "metrics_core.cli.calc_cmd"),
    ("report", "metrics_core.cli.report_cmd"),
)
READING_COMMANDS = ("inspect", "compute", "report")   # they read files: freed memory is kept for reuse (allocator)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of ``argv``'s command only (each command imports what it needs: ``calc`` no pandas); of
    every command when ``argv`` names none (``kpidesk --help``, a misspelt command)."""
    parser = LocalisedParser(prog="kpidesk", description=_("Customer-service KPIs from your exports, offline."))
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"KPI Desk {__version__}",
                        help=_("show the version of KPI Desk and exit"))
    parser.add_argument("--debug", action="store_true", help=_("show the full technical detail (traceback) of a failure"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = command_named(sys.argv[1:] if argv is None else argv)
    for name, module_name in COMMANDS:
        if wanted is not None and name != wanted:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.add_parser(sub)
        add_language_option(sub.choices[name])
    for command in sub.choices.values():         # also accepted after the command: kpidesk compute … --debug
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help=_("show the full technical detail (traceback) of a failure"))
    return parser


def command_named(argv: list[str]) -> str | None:
    """The sub-command ``argv`` asks for: its first word that is not an option (the top-level options take no
    value), when that is a command's name.

    >>> command_named(["--debug", "calc", "nps", "promoters=7"]), command_named(["--help"]), command_named(["cal"])
    ('calc', None, None)
    """
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in {name for name, _module in COMMANDS} else None


EXIT_FAILED, EXIT_ERROR, EXIT_PARTIAL, EXIT_INTERRUPTED, EXIT_PIPE = 1, 2, 3, 130, 141


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang CODE`` on every sub-command: the language of the text it prints and writes."""
    parser.add_argument("--lang", metavar="CODE", type=_language_code,
                        help=_("language of the text output, the help and reports: {codes} (default: $KPIDESK_LANG, "
                               "else English)", codes=", ".join(LANGUAGES)))


def _is_known_language(text: str | None) -> bool:
    return bool(text) and (normalise_language(text) != "en" or text.lower().startswith("en"))


def _language_code(text: str) -> str:
    code = normalise_language(text)
    if not _is_known_language(text):
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
    prepare_console()
    own = argv is None                      # (the program itself, not a caller in the same process)
    argv = sys.argv[1:] if argv is None else list(argv)
    asked = language_in_argv(argv)          # the help and argparse's errors are written while parsing; an unknown
    with language(chosen_language(asked if _is_known_language(asked) else None)), _no_collection(own):  # --lang is
        parser = build_parser(argv)                                              # told in $KPIDESK_LANG
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 2
    debug = bool(getattr(args, "debug", False) or os.environ.get("KPIDESK_DEBUG", "").strip() not in ("", "0"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command in READING_COMMANDS:
        from ..allocator import reuse_freed_memory

        reuse_freed_memory()
    with language(chosen_language(getattr(args, "lang", None), getattr(args, "json", False))):
        return _run_guarded(args, debug)


@contextlib.contextmanager
def _no_collection(own_process: bool):
    """The garbage collector off while the command's modules are imported (pandas and numpy included), and, in a
    process of its own (``kpidesk``, ``python -m metrics_core``), what they made moved out of its sight
    (``gc.freeze``): it lives as long as the process, yet every collection of the oldest objects walked it.
    The ticket CSV's ``compute``: the collector's time 0.08-0.12 -> 0.01 s (session 14; off alone, 150
    collections fewer during the imports but the same time, paid by the later ones)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if own_process:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


def _run_guarded(args: argparse.Namespace, debug: bool) -> int:
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()                       # a closed pipe shows here, not at interpreter exit
        return code
    except KpiDeskError as exc:
        return _fail(_("kpidesk: {error}", error=exc), EXIT_ERROR, debug)
    except KeyboardInterrupt:
        return _fail(_("kpidesk: interrupted"), EXIT_INTERRUPTED, debug)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    except MemoryError:
        return _fail(_("kpidesk: the computer ran out of memory for this file. Close other programs, or split "
                       "the file into smaller ones (for example one per month), and try again."), EXIT_FAILED, debug)
    except Exception as exc:  # noqa: BLE001 - the last guard: one line, not a traceback (--debug shows it)
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        return _fail(_("kpidesk: something went wrong inside the program ({error}). Run again with --debug to "
                       "see the technical detail, and report it with the file if you can.",
                       error=f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__), EXIT_FAILED, debug)


def _fail(message: str, code: int, debug: bool) -> int:
    if debug and sys.exc_info()[0] is not None:
        traceback.print_exc()
    try:
        print(message, file=sys.stderr)
    except (BrokenPipeError, ValueError, OSError):
        pass
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
