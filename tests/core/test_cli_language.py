"""``--lang`` and ``KPIDESK_LANG`` on the command line, and output that survives any console encoding."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from metrics_core.cli import chosen_language, main
from metrics_core.i18n import current_language

REPO = Path(__file__).resolve().parents[2]
SLOVENIAN_FORM = ("Časovni žig;Ocena zadovoljstva;Kaj lahko izboljšamo?\n"
                  "3. 3. 2026 10:15;5;Hitrejši odziv, več žensk v ekipi\n"
                  "4. 3. 2026 11:20;4;Čakanje je predolgo\n"
                  "5. 3. 2026 9:05;2;Nič, vse je super\n")


@pytest.fixture()
def slovenian_file(tmp_path):
    path = tmp_path / "anketa_čž.csv"
    path.write_text(SLOVENIAN_FORM, encoding="utf-8")
    return path


def _run(args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("KPIDESK_LANG", "PYTHONIOENCODING")}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "metrics_core", *args], capture_output=True, cwd=REPO,
                          env=environ, timeout=120)


def test_lang_option_and_environment_choose_the_language(monkeypatch):
    monkeypatch.delenv("KPIDESK_LANG", raising=False)
    assert chosen_language(None) == "en" and chosen_language("sl_SI") == "sl" and chosen_language("sr-Latn") == "sr-Latn"
    monkeypatch.setenv("KPIDESK_LANG", "sv")
    assert chosen_language(None) == "sv" and chosen_language("ro") == "ro"
    assert chosen_language("ro", json_output=True) == "en"         # JSON texts stay English (contract)


def test_calc_prints_in_the_chosen_language_and_leaves_the_process_english(capsys):
    assert main(["calc", "csat", "positive=45", "responses=50", "--lang", "sl"]) == 0
    slovenian = capsys.readouterr().out
    assert main(["calc", "csat", "positive=45", "responses=50"]) == 0
    english = capsys.readouterr().out
    assert "90" in slovenian and slovenian != english
    assert current_language() == "en"


def test_unknown_language_is_refused_with_a_clear_message(capsys):
    with pytest.raises(SystemExit):
        main(["calc", "nps", "--lang", "klingon"])
    assert "klingon" in capsys.readouterr().err


def test_inspect_on_a_cp1252_console_does_not_fail_on_slovenian_letters(slovenian_file):
    done = _run(["inspect", str(slovenian_file), "--lang", "sl"], PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    text = done.stdout.decode("cp1252")
    assert "UnicodeEncodeError" not in done.stderr.decode("cp1252", "replace")
    assert "Casovni" in text or "Časovni" in text


def test_serbian_text_on_a_cp1252_console_is_written_in_latin_letters():
    done = _run(["calc", "nps", "promoters=50", "passives=30", "detractors=20", "--lang", "sr"],
                PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("cp1252")
    assert "30" in text and text.isascii() or all(ord(c) < 256 for c in text)


def test_json_is_utf8_whatever_the_console(slovenian_file):
    done = _run(["inspect", str(slovenian_file), "--json", "--lang", "sl"], PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout.decode("utf-8"))
    assert "Časovni žig" in json.dumps(document, ensure_ascii=False)


def test_kpidesk_lang_environment_variable_is_read():
    english = _run(["calc", "csat", "positive=45", "responses=50"])
    swedish = _run(["calc", "csat", "positive=45", "responses=50"], KPIDESK_LANG="sv")
    assert english.returncode == swedish.returncode == 0
    assert b"90" in english.stdout and "90" in swedish.stdout.decode("utf-8")


def test_compute_text_names_periods_and_data_kinds_in_the_language(capsys):
    from metrics_core.resources import demo_dir

    assert main(["compute", str(demo_dir() / "tickets.csv"), "--by", "quarter", "--lang", "sl"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("tickets.csv: Zahtevki, 4.043 vrstic")
    assert "2. čet. 2026" in text and "Q2 2026" not in text and "2026-Q" not in text
    assert main(["compute", str(demo_dir() / "tickets.csv"), "--by", "quarter", "--json"]) == 0
    periods = {p["period"] for m in json.loads(capsys.readouterr().out)["metrics"] for p in m.get("series", [])}
    assert "Q2 2026" in periods                                         # JSON keeps its labels (contract)


def test_compute_names_a_kind_inside_a_reason_by_its_word_and_keeps_the_json_reason(capsys, tmp_path):
    """s18-words: `kpidesk compute` said "(v datoteki vrste „Zahtevki“)" (the label inside the sentence) where the
    engine's reasons say "zahtevki"; its JSON kept the field ``reason`` (a contract), now "(in a file of tickets)"."""
    from metrics_core.catalogue import kind_label
    from metrics_core.i18n import language

    tickets = tmp_path / "t.csv"
    tickets.write_text("Ticket ID,Created at,Status,Channel\n1,2024-01-02 10:00,open,Email\n"
                       "2,2024-01-03 11:00,solved,Chat\n3,2024-01-04 12:00,closed,Email\n", encoding="utf-8")
    assert main(["compute", str(tickets), "--lang", "sl"]) == 0
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if "'average_reply_s'" in x)
    with language("sl"):
        label = kind_label("tickets")
    assert "v datoteki te vrste: zahtevki" in line and label not in line, line
    assert main(["compute", str(tickets), "--json"]) == 0
    metrics = {m["id"]: m for m in json.loads(capsys.readouterr().out)["metrics"]}
    assert metrics["average_response_time"]["reason"] == ("needs the field 'average_reply_s' (in a file of tickets), "
                                                          "which no loaded file provides"), metrics["average_response_time"]
