"""The offline bundle keeps only the CLDR files of the shipped languages (packaging/kpidesk.spec,
BABEL_LOCALES): every language must still write its numbers, dates, durations and lists with them."""

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, shutil, sys, tempfile
import babel, babel.localedata as data
keep = set(json.loads(sys.argv[1]))
folder = tempfile.mkdtemp()
for name in os.listdir(data._dirname):
    if name[:-4] in keep:
        shutil.copy(os.path.join(data._dirname, name), folder)
data._dirname = folder
data._cache.clear()
from datetime import date
from metrics_core import formatting as f
from metrics_core.i18n import LANGUAGES, TextList, language
out = {}
for code in LANGUAGES:
    with language(code):
        out[code] = [f.format_number(1612.5, 1), f.format_percent(48.9), f.format_currency(1234.5, "€"),
                     f.format_duration(7500), f.format_value(3, "days"), f.format_date(date(2021, 3, 31)),
                     f.format_month(date(2026, 10, 1)), f.format_period(date(2026, 4, 1), "quarter"),
                     f.weekday_names()[0], str(TextList(("a", "b", "c"), "or"))]
print(json.dumps(out, ensure_ascii=False))
"""


def _formats(keep: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(keep)], capture_output=True, text=True,
                          cwd=REPO, timeout=120, encoding="utf-8")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_bundled_cldr_files_are_enough_for_every_language():
    spec = (REPO / "packaging" / "kpidesk.spec").read_text(encoding="utf-8")
    kept = sorted(re.findall(r'"(\w+)"', re.search(r"BABEL_LOCALES = \{([^}]*)\}", spec).group(1)))
    import babel.localedata
    everything = sorted(name for name in babel.localedata.locale_identifiers()) + ["root"]
    assert _formats(kept) == _formats(everything)
