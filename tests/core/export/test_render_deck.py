"""tools/render_deck.py: a deck becomes one PNG per slide (LibreOffice + pdftoppm), or a
clear message says what to install."""

from __future__ import annotations

import importlib.util
import shutil
import struct

import pytest
from pptx import Presentation

from metrics_core.export.pptx_deck import write_pptx

from .sample import make_report
from ..test_layering import REPO


def _tool():
    spec = importlib.util.spec_from_file_location("render_deck", REPO / "tools" / "render_deck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_render_deck_makes_one_png_per_slide(tmp_path, monkeypatch):
    deck = tmp_path / "deck.pptx"
    write_pptx(make_report(), deck)
    tool = _tool()
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        with pytest.raises(SystemExit, match="apt-get install"):
            tool.render_deck(deck, tmp_path / "pages")
        return
    pages = tool.render_deck(deck, tmp_path / "pages", dpi=30)
    assert len(pages) == len(Presentation(str(deck)).slides)
    width, height = struct.unpack(">II", pages[0].read_bytes()[16:24])
    assert abs(width / height - 16 / 9) < 0.01
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SystemExit, match="libreoffice-impress"):
        tool.render_deck(deck, tmp_path / "again")
