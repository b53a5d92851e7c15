"""The ``kpidesk`` command line: ``inspect``, ``compute``, ``calc``, ``report``.

Each sub-command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``. Errors from :mod:`metrics_core.errors` print as one plain
sentence on stderr with exit code 2; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from ..errors import KpiDeskError

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
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KpiDeskError as exc:
        print(f"kpidesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kpidesk: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
