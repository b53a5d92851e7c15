"""tools/render_screens.py waits for the demo as long as it takes (saying how far it got) and, when it
gives up, says so in one clear line and exits 2 — it went on after 120 s on a loaded machine and crashed."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

TOOL = Path(__file__).resolve().parents[2] / "tools" / "render_screens.py"


@pytest.fixture(scope="module")
def render_screens():
    spec = importlib.util.spec_from_file_location("render_screens_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Runner:
    def __init__(self, busy: bool = False) -> None:
        self.busy = busy

    def is_busy(self) -> bool:
        return self.busy


class _State:
    """What the waiting reads of an AppState: files loaded, results, runners, the pending recompute."""

    def __init__(self, loaded: int, busy: bool) -> None:
        self.bundle = type("Bundle", (), {"datasets": ["f"] * loaded})()
        self.results = None
        self.import_runner, self.compute_runner = _Runner(busy), _Runner(busy)
        self.chart_runner, self.sparkline_runner = _Runner(), _Runner()
        self._recompute_timer = QTimer()

    def is_busy(self) -> bool:
        return self.import_runner.busy or self.compute_runner.busy

    def finish(self, count: int) -> None:
        self.bundle.datasets = ["f"] * count
        self.results = object()
        self.import_runner.busy = self.compute_runner.busy = False


def test_it_waits_while_the_demo_loads_and_tells_how_far_it_got(qapp, render_screens) -> None:
    state = _State(loaded=1, busy=True)
    QTimer.singleShot(600, lambda: state.finish(3))
    log = io.StringIO()
    waited = render_screens.wait_until_ready(qapp, state, 3, timeout=30, report_every=0.2, log=log)
    assert 0.5 <= waited < 10
    assert "waiting for the demo: 1 of 3 files loaded, still reading files, computing KPIs" in log.getvalue()


def test_a_demo_that_is_never_ready_stops_with_a_clear_message(qapp, render_screens) -> None:
    state = _State(loaded=2, busy=True)
    with pytest.raises(render_screens.NotReady, match=r"was not ready after 1 s \(2 of 3 files loaded, still "
                                                      r"reading files.*--timeout 2"):
        render_screens.wait_until_ready(qapp, state, 3, timeout=1, log=io.StringIO())


def test_a_file_that_failed_to_load_is_named_at_once_not_after_the_timeout(qapp, render_screens) -> None:
    state = _State(loaded=2, busy=False)
    with pytest.raises(render_screens.NotReady, match="only 2 of 3 files loaded; the others failed to load"):
        render_screens.wait_until_ready(qapp, state, 3, timeout=600, log=io.StringIO())


def test_the_command_exits_2_with_one_line_instead_of_a_traceback(render_screens, monkeypatch, tmp_path, capsys) -> None:
    def too_slow(*_args, **_kwargs):
        raise render_screens.NotReady("the demo was not ready after 5 s (3 of 12 files loaded)")

    monkeypatch.setattr(render_screens, "render", too_slow)
    assert render_screens.main([str(tmp_path), "--timeout", "5"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("render_screens: the demo was not ready after 5 s") and "Traceback" not in err
    assert render_screens.TIMEOUT == 5.0
