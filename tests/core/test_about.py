from importlib import metadata

from metrics_core.about import BUNDLED, components, licence_texts_dir


def test_components_carry_installed_versions_and_qt_is_lgpl():
    comps = {c.name: c for c in components()}
    assert comps["PySide6-Essentials"].version == metadata.version("PySide6-Essentials")
    assert "LGPL" in comps["PySide6-Essentials"].licence
    assert comps["pandas"].version == metadata.version("pandas")
    assert len(comps) == len(BUNDLED)


def test_lgpl_and_gpl_texts_are_shipped():
    folder = licence_texts_dir()
    lgpl = (folder / "LGPL-3.0.txt").read_text(encoding="utf-8")
    gpl = (folder / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in gpl


def test_licence_notes_are_in_the_owner_s_language_and_licence_names_stay():
    from metrics_core.i18n import language

    comps = {c.name: c for c in components()}
    with language("sl"):
        qt, numpy, pandas = (comps[n].translated_licence for n in ("PySide6-Essentials", "numpy", "pandas"))
    assert qt.startswith("LGPL-3.0-only (Qt for Python); ") and "knjižnice" in qt and "shipped" not in qt
    assert numpy.startswith("BSD-3-Clause (") and "bundled" not in numpy
    assert pandas == "BSD-3-Clause"
