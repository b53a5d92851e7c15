"""The self-test that the frozen app runs must pass from source too."""

from desktop_app import self_test


def test_self_test_passes_and_leaves_its_files(qapp, tmp_path):
    lines = self_test.run(tmp_path)
    assert lines[-1].startswith("self-test passed")
    assert {p.name for p in tmp_path.iterdir()} >= {"chart.png", "report.pptx", "report.xlsx"}


def test_self_test_reports_a_failure_as_a_reason(monkeypatch, capsys):
    def broken_demo():
        raise self_test.SelfTestFailure("no demo files found in /nowhere")

    monkeypatch.setattr(self_test, "_load_demo", broken_demo)
    assert self_test.main([]) == 1
    assert "self-test FAILED: no demo files found in /nowhere" in capsys.readouterr().err
