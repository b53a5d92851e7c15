"""Draw the KPI Desk app icon (a rounded tile with a rising bar chart) at every size
the three platforms need, deterministically: ``python resources/icons/make_icon.py``."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
TILE = (31, 94, 168)        # deep blue
BARS = ((255, 255, 255), (255, 255, 255), (255, 196, 61))
SIZE = 1024


def draw(size: int = SIZE) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 5, fill=TILE)
    base = size - size // 4
    width = size // 7
    gap = size // 14
    left = (size - (3 * width + 2 * gap)) // 2
    for i, (height, colour) in enumerate(zip((0.28, 0.42, 0.58), BARS)):
        x = left + i * (width + gap)
        d.rounded_rectangle((x, base - int(size * height), x + width, base), radius=size // 40, fill=colour)
    d.line((left - gap // 2, base + size // 40, size - left + gap // 2, base + size // 40), fill=(255, 255, 255), width=size // 64)
    return img


def main() -> None:
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(HERE / "kpidesk.png")
    big.save(HERE / "kpidesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(HERE / "kpidesk.icns")


if __name__ == "__main__":
    main()
