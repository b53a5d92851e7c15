"""The one-hour soak: a randomised session in the real window (offscreen), as in tests/gui/test_soak.py.

    python bench/soak_gui.py [--minutes 60] [--seed N]

Prints progress every minute, then the counts that must stay at zero (exceptions, unexpected
errors, leaked windows, warnings printed) and the memory after a warm-up and at the end; exits 1 if any count is
not zero or memory grew by 10 % or more.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    os.environ.setdefault("KPIDESK_STATE_DIR", tempfile.mkdtemp(prefix="kpidesk-soak-state-"))
    sys.path.insert(0, str(REPO))
    from desktop_app.__main__ import create_app
    from metrics_core.resources import demo_dir
    from tests.gui.soak import run_soak

    app = create_app()  # noqa: F841 - keeps Qt alive
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    good = sorted(p for p in demo_dir().glob("*") if p.suffix.lower() in {".csv", ".xlsx"})
    report = run_soak(args.minutes * 60, seed, good, log_every=60)
    print(f"soak (seed {seed}): {report.summary()}")
    for text in report.exceptions[:3] + report.unexpected_logged[:3] + report.warnings[:5]:
        print(text)
    ok = (not (report.exceptions or report.unexpected_logged or report.leaked_windows or report.warnings)
          and report.growth < 0.10)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
