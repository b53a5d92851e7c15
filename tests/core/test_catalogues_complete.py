"""Every text marked in the code is translated in every shipped language, and the compiled
catalogues (.mo, committed) are made from the current .po files.

When this fails after you added or changed a text: run

    .venv/bin/python -m metrics_core.i18n.catalogue all

which extracts the texts into the .po files and lists the untranslated ones; translate each listed
``msgstr`` (Serbian: only ``sr``, the Latin ``sr_Latn`` is generated), then run the command again.
"""

from metrics_core.i18n.catalogue import COMMAND, problems


def test_catalogues_are_complete_translated_and_compiled():
    found = problems()
    assert not found, (
        f"{len(found)} catalogue problems. Fix: run `{COMMAND}`, translate every msgstr it lists "
        "(Serbian: edit sr only; sr_Latn is generated), run it again and commit the .po and .mo files.\n"
        + "\n".join(found[:40]) + ("\n…" if len(found) > 40 else ""))
