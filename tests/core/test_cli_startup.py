"""Start-up of the command line: each command imports what it needs, ``calc`` (typed totals) no pandas."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from metrics_core.cli import command_named

REPO = Path(__file__).resolve().parents[2]
CALC = ["calc", "nps", "promoters=50", "passives=40", "detractors=10"]


def _run_cli(argv: list[str]) -> tuple[str, set[str]]:
    """What ``kpidesk ARGV`` printed, and the modules it had imported by the end, from a fresh interpreter."""
    script = textwrap.dedent(f"""
        import contextlib, io, json, sys
        from metrics_core.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main({argv!r})
        print(json.dumps({{"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return report["out"], set(report["modules"])


def test_calc_from_typed_totals_imports_no_pandas():
    out, modules = _run_cli(CALC)
    assert "Net Promoter Score: 40" in out                 # 50 % promoters - 10 % detractors
    heavy = sorted(m for m in modules if m.split(".")[0] in {"pandas", "numpy", "pptx", "python_calamine", "xlsxwriter"})
    assert heavy == [], f"kpidesk calc imported {heavy[:5]}"
    assert "metrics_core.cli.compute_cmd" not in modules and "metrics_core.cli.report_cmd" not in modules


def test_every_calculator_runs_without_numpy_or_pandas():
    script = textwrap.dedent("""
        import json, sys
        from metrics_core.metrics.calculator import calc, calculator_specs
        values = {s.id: calc(s.id, {name: 10 for name in s.calculator_inputs}).value for s in calculator_specs()}
        print(json.dumps({"values": values, "heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "pandas"))}))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(report["values"]) >= 20 and report["values"]["clv"] == 10 * 10 * 10    # value x frequency x years
    assert report["heavy"] == []


def test_calc_imports_no_pandas_by_importtime():
    """The same seen by ``python -X importtime``: no pandas module is imported anywhere during the run."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "metrics_core", *CALC], cwd=REPO,
                          capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "metrics_core.metrics.registry" in imported       # the log is read right: the registry is imported
    assert sorted(m for m in imported if m.split(".")[0] == "pandas") == []


def test_a_command_that_reads_files_still_gets_pandas(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("Response ID,Submitted at,NPS score\n1,2025-01-02,10\n2,2025-01-03,9\n3,2025-01-04,2\n",
                    encoding="utf-8")
    out, modules = _run_cli(["compute", str(path), "--json"])
    nps = next(m for m in json.loads(out)["metrics"] if m["id"] == "nps")
    assert abs(nps["value"] - 100 * (2 - 1) / 3) < 1e-9
    assert "pandas" in modules


def test_the_command_is_the_first_word_that_is_not_an_option():
    assert command_named(["--debug", "compute", "a.csv", "--json"]) == "compute"
    assert command_named(["report", "--demo", "--out", "calc"]) == "report"
    assert command_named(["--version"]) is None
    assert command_named(["computee", "a.csv"]) is None         # a misspelt command: every parser, argparse's hint


def test_the_program_hides_its_imports_from_the_garbage_collector():
    """``kpidesk`` itself (no argv given): the collector is off while the command's modules are imported, and
    what they made is frozen (never walked again); a caller in the same process (argv given) is not frozen."""
    script = textwrap.dedent("""
        import contextlib, gc, io, json, sys
        from metrics_core.cli import main
        sys.argv = ["kpidesk", *sys.argv[1:]]
        given = sys.argv[0] == "given"
        with contextlib.redirect_stdout(io.StringIO()):
            main(sys.argv[1:]) if given else main()
        print(json.dumps({"frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}))
    """)
    for how, frozen in (("own", True), ("given", False)):
        code = script.replace('sys.argv[0] == "given"', repr(how == "given"))
        done = subprocess.run([sys.executable, "-c", code, *CALC], capture_output=True, text=True, timeout=120,
                              cwd=REPO)
        assert done.returncode == 0, done.stderr
        state = json.loads(done.stdout.strip().splitlines()[-1])
        assert state["enabled"] and (state["frozen"] > 1000) == frozen, (how, state)
