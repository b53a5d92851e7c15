"""The English texts an owner reads say things in the owner's words (docs/screen_reviews/words16.md).

Session 16 read every English text of both catalogues once as an owner would and found developer words in
texts the window shows: "Building the canonical table" (a loading step; the window's own step is "Assembling
the table"), "datetime columns in order" (the import dialog's Why column), "the original is kept in
status_original" (the Status field's description; the data view names that column "Status (as in the file)"),
"set staffing.patience_s to use Erlang A" (a staffing note: the setting is "Caller patience for Erlang A (s)"),
"choose offered or answered calls as the denominator" (the setting is "Out of"). The command line's own texts
(``metrics_core/cli``) may name its options and ids."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from metrics_core.i18n.catalogue import DOMAINS

DEVELOPER_WORDS = re.compile(r"\b(canonical|datetime|dtype|NaN|dataframe|frame|denominator|status_original)\b"
                             r"|\b[a-z]+\.[a-z]+_[a-z_]+\b")          # a settings file's key: staffing.patience_s
#: Texts only ``kpidesk calc`` says (a KPI from totals typed on the command line, metrics/loyalty.py ``_calc_div``).
COMMAND_LINE_ONLY = {"the denominator is zero"}


def _owner_texts(domain) -> list[tuple[str, str]]:
    with (domain.locale_dir / f"{domain.name}.pot").open("rb") as handle:
        template = read_po(handle)
    out = []
    for message in template:
        paths = sorted({path for path, _line in message.locations})
        if not message.id or all(path.startswith("metrics_core/cli/") for path in paths):
            continue
        out += [(text, paths[0]) for text in (message.id if isinstance(message.id, (tuple, list)) else (message.id,))]
    return out


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_the_owners_texts_use_no_developer_words(domain) -> None:
    wrong = [f"{text[:100]!r} ({where})" for text, where in _owner_texts(domain) if DEVELOPER_WORDS.search(text)
             and text not in COMMAND_LINE_ONLY]
    assert wrong == [], "\n".join(wrong)


def test_the_staffing_note_names_the_setting_as_the_settings_do() -> None:
    """Abandoned calls without wait times: the note names the setting by its label, in the owner's language."""
    import numpy as np
    import pandas as pd

    from metrics_core.i18n import language
    from metrics_core.metrics.staffing_load import _patience

    calls = pd.DataFrame({"wait_s": [np.nan, np.nan, 30.0]})
    status = {"inbound": np.array([True] * 3), "known": np.array([True] * 3),
              "abandoned": np.array([True, True, False])}
    with language("en"):
        assert _patience(calls, status) == (None, "The data has no wait times for its abandoned calls, so the "
                                            "callers' patience is unknown; set “Caller patience for Erlang A (s)” "
                                            "to use Erlang A.")
    with language("sl"):
        patience, note = _patience(calls, status)
        assert patience is None and "„Potrpežljivost klicateljev za Erlang A (s)“" in note and "patience_s" not in note
