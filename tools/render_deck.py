"""Render a PowerPoint deck to one PNG per slide, to look at what a user will see.

LibreOffice (headless) turns the deck into a PDF, ``pdftoppm`` turns each page into
a PNG::

    python tools/render_deck.py report.pptx --out pages/ [--dpi 80]

Needs ``soffice`` (Debian: ``apt-get install -y --no-install-recommends
libreoffice-impress``) and ``pdftoppm`` (``poppler-utils``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render_deck(deck: Path, out_dir: Path, dpi: int = 80, timeout: float = 240) -> list[Path]:
    """Render ``deck`` to ``out_dir/slide-NN.png``; returns the PNG paths in slide order."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice is missing: apt-get install -y --no-install-recommends libreoffice-impress")
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: apt-get install -y poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-deck-") as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(deck)],
            check=True, capture_output=True, timeout=timeout,
        )
        pdf = Path(tmp) / (deck.stem + ".pdf")
        if not pdf.exists():
            raise SystemExit(f"LibreOffice did not write {pdf.name}")
        for old in out_dir.glob("slide-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / "slide")],
                       check=True, capture_output=True, timeout=timeout)
    return sorted(out_dir.glob("slide-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="folder for slide-NN.png")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    pages = render_deck(args.deck, args.out, args.dpi)
    for page in pages:
        sys.stdout.write(f"{page}\n")
    return 0 if pages else 1


if __name__ == "__main__":
    sys.exit(main())
