"""``kpidesk``: no traceback for any failure, clear exit codes, a failing KPI becomes its reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from metrics_core import cli
from metrics_core.cli import compute_cmd, main
from metrics_core.metrics import engine

REPO = Path(__file__).resolve().parents[3]
TICKETS = "Ticket ID,Created,Status,Agent\nT-1,2024-03-01 09:00,Solved,Ana\nT-2,2024-03-02 10:30,Open,Bo\n" \
          "T-3,2024-03-03 11:45,Closed,Ana\n"


@pytest.fixture()
def tickets(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    return path


@pytest.mark.parametrize("error", [MemoryError(), OverflowError("days=2147483647"), ValueError("bad"),
                                   KeyError("created_at")])
def test_unexpected_errors_are_one_line(monkeypatch, capsys, tickets: Path, error: Exception) -> None:
    """MemoryError, OverflowError and ValueError escaped cli.main as tracebacks."""
    def boom(_args):
        raise error
    monkeypatch.setattr(compute_cmd, "run", boom)
    assert main(["compute", str(tickets)]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("kpidesk: "), err
    assert ("memory" in err) if isinstance(error, MemoryError) else (type(error).__name__ in err and "--debug" in err)


def test_debug_shows_the_traceback(monkeypatch, capsys, tickets: Path) -> None:
    def boom(_args):
        raise OverflowError("days=2147483647")
    monkeypatch.setattr(compute_cmd, "run", boom)
    assert main(["compute", str(tickets), "--debug"]) == cli.EXIT_FAILED
    assert "Traceback" in capsys.readouterr().err


def test_failing_kpi_becomes_its_reason(monkeypatch, capsys, tickets: Path) -> None:
    """A KPI failing inside compute printed its whole traceback and the command exited 0."""
    real = engine._run

    def run(spec, inputs, params, *more):
        if spec.id == "request_volume":
            raise KeyError("offered")
        return real(spec, inputs, params, *more)
    monkeypatch.setattr(engine, "_run", run)
    assert main(["compute", str(tickets), "--json"]) == compute_cmd.EXIT_PARTIAL
    out, err = capsys.readouterr()
    import json
    rows = {row["id"]: row for row in json.loads(out)["metrics"]}
    assert rows["request_volume"]["value"] is None
    assert rows["request_volume"]["reason"] == "could not be computed: KeyError 'offered'"
    assert rows["resolution_rate"]["value"] == pytest.approx(200 / 3)       # 2 of 3 tickets solved/closed
    assert "failed" not in rows["request_volume"]
    assert "Traceback" not in err and "1 KPI could not be computed (Request volume)" in err


def test_productivity_without_dates_says_what_is_missing(tmp_path: Path, capsys) -> None:
    """agent_productivity raised KeyError 'created_at' on a ticket file (with emoji) without dates."""
    path = tmp_path / "emoji.csv"
    path.write_text("Ticket ID,Status,Agent,Subject\nT-1,Solved,Ana 😀,Help 🎉\nT-2,Open,Bo 🚀,Refund 💸\n"
                    "T-3,Closed,Ana 😀,Hi 👋\n", encoding="utf-8")
    assert main(["compute", str(path), "--json"]) == 0
    import json
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["metrics"]}
    assert rows["agent_productivity"]["missing_fields"] == ["created_at"]


def test_output_into_a_closed_pipe(tickets: Path) -> None:
    """``kpidesk compute … | head`` ended in a BrokenPipeError traceback."""
    big = tickets.parent / "many.csv"
    big.write_text("Ticket ID,Created,Status,Agent\n" + "".join(
        f"T-{i},2024-{1 + i % 12:02d}-{1 + i % 28:02d} 09:00,Solved,A{i % 40}\n" for i in range(4000)), encoding="utf-8")
    shell = f"{sys.executable} -m metrics_core compute {big} --by day --group agent | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr[-600:]
    assert done.returncode == cli.EXIT_PIPE
