"""argparse's own error messages follow ``--lang`` / ``KPIDESK_LANG``: an unknown option, a missing argument
and a wrong choice are told in the user's language, by the ``kpidesk`` process itself."""

import argparse
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from metrics_core.cli import main
from metrics_core.cli.arguments import ARGPARSE_MESSAGES

REPO = Path(__file__).resolve().parents[2]

# language: (error, unrecognized arguments, required arguments, invalid choice) as each language writes them
EXPECTED = {
    "sl": ("napaka", "neprepoznani argumenti: --bogus", "obvezni so naslednji argumenti: metric",
           "neveljavna izbira: 'decade' (izberite med 'day'"),
    "ro": ("eroare", "argumente nerecunoscute: --bogus", "următoarele argumente sunt obligatorii: metric",
           "alegere nevalidă: 'decade' (alegeți dintre 'day'"),
    "sv": ("fel", "okända argument: --bogus", "följande argument krävs: metric",
           "ogiltigt val: 'decade' (välj bland 'day'"),
    "sr": ("грешка", "непрепознати аргументи: --bogus", "следећи аргументи су обавезни: metric",
           "неважећи избор: 'decade' (изаберите између 'day'"),
    "sr-Latn": ("greška", "neprepoznati argumenti: --bogus", "sledeći argumenti su obavezni: metric",
                "nevažeći izbor: 'decade' (izaberite između 'day'"),
}
ENGLISH = ("unrecognized arguments", "the following arguments are required", "invalid choice", "error:")


def _kpidesk(*args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("KPIDESK_LANG", "PYTHONIOENCODING")}
    environ.update(env)
    done = subprocess.run([sys.executable, "-m", "metrics_core", *args], capture_output=True, cwd=REPO,
                          env=environ, timeout=120)
    assert done.returncode == 2, done.stderr
    return done.stderr.decode("utf-8")


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_process_tells_unknown_options_and_missing_arguments_in_the_chosen_language(code):
    error, unrecognized, required, _choice = EXPECTED[code]
    unknown_option = _kpidesk("calc", "nps", "promoters=5", "--bogus", "--lang", code)
    missing = _kpidesk("calc", KPIDESK_LANG=code)
    assert f"kpidesk: {error}: {unrecognized}" in unknown_option
    assert f"kpidesk calc: {error}: {required}" in missing
    assert not any(word in unknown_option + missing for word in ENGLISH), unknown_option + missing


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_a_wrong_choice_is_told_in_the_chosen_language(capsys, code):
    error, _unrecognized, _required, choice = EXPECTED[code]
    with pytest.raises(SystemExit) as done:
        main(["report", "--demo", "--out", "deck.pptx", "--by", "decade", "--lang", code])
    assert done.value.code == 2
    text = capsys.readouterr().err
    assert f"kpidesk report: {error}: " in text and "--by: " in text and choice in text, text
    assert not any(word in text for word in ENGLISH), text


def test_english_keeps_argparse_own_words():
    text = _kpidesk("calc", "nps", "promoters=5", "--bogus")
    assert "kpidesk: error: unrecognized arguments: --bogus" in text


def test_every_listed_text_is_one_argparse_writes():
    """A Python upgrade that rewords argparse shows here: the listed texts must still be argparse's own."""
    source = inspect.getsource(argparse)
    missing = [text for text in ARGPARSE_MESSAGES if repr(text) not in source and f'"{text}"' not in source]
    assert not missing, missing


@pytest.mark.parametrize("code", ["sl", "sr"])
def test_an_unknown_lang_is_told_in_the_language_of_kpidesk_lang(code):
    """``--lang xx`` cannot say which language to speak, so the error speaks $KPIDESK_LANG (it spoke English)."""
    error = _kpidesk("compute", "--lang", "xx", "resources/demo/tickets.csv", KPIDESK_LANG=code)
    assert f"{EXPECTED[code][0]}:" in error and "'xx'" in error, error
    assert not [word for word in ENGLISH if word in error], error
    assert "unknown language" not in error, error
