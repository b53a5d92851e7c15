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
