"""``--help`` speaks the language chosen with ``--lang`` or ``KPIDESK_LANG``: every option's help, and
argparse's own words ("usage:", "options")."""

import pytest

from metrics_core.cli import main


def _help(capsys, argv):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


def test_report_help_in_slovenian(capsys):
    text = _help(capsys, ["report", "--lang", "sl", "--help"])
    assert text.startswith("uporaba: kpidesk report")
    assert "možnosti:" in text and "pokaži to pomoč in končaj" in text
    assert "uporabi datoteke priloženega predstavitvenega podjetja" in text
    assert "use the bundled demo" not in text and "show this help" not in text


def test_help_follows_kpidesk_lang(capsys, monkeypatch):
    monkeypatch.setenv("KPIDESK_LANG", "sr")
    text = _help(capsys, ["--help"])
    assert "позициони аргументи:" in text and "израчунај КПИ из збирова које унесете" in text
    assert "прикажи верзију програма KPI Desk и изађи" in text


@pytest.mark.parametrize("command", ["inspect", "compute", "calc", "report"])
def test_every_option_of_every_command_is_translated(capsys, command):
    english = _help(capsys, [command, "--lang", "en", "--help"])
    swedish = _help(capsys, [command, "--lang=sv", "--help"])
    helps = lambda text: {line.strip() for line in text.splitlines() if line.startswith("  ") and "  " in line.strip()}  # noqa: E731
    assert len(english.splitlines()) > 5
    assert not helps(english) & helps(swedish), helps(english) & helps(swedish)


def test_english_help_is_unchanged(capsys, monkeypatch):
    monkeypatch.delenv("KPIDESK_LANG", raising=False)
    text = _help(capsys, ["compute", "--help"])
    assert text.startswith("usage: kpidesk compute") and "options:" in text and "print one JSON document" in text
