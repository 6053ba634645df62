"""Draw Skranke's icon: a QR code standing on a counter, white on navy (#14324f).

One set of shapes on a 256-unit grid becomes the SVG, the PNG sizes (drawn 8x larger and
scaled down, for smooth edges) and the Windows .ico. The files are committed in
resources/icons; run this again only to change the icon:

    uv run python installer/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skranke.identity import ICON_ICO, ICON_SIZES, ICON_SVG, ICONS_DIR, icon_png  # noqa: E402

NAVY = "#14324f"
WHITE = "#ffffff"
STEEL = "#7fa7cc"
GRID = 256
SUPERSAMPLE = 8

# A 7 x 7 QR-like matrix: three finder corners and a few data modules ("#" is navy).
MATRIX = (
    "###.#.#",
    "#.#..##",
    "###.###",
    ".#.#...",
    "###.#.#",
    "#.#..#.",
    "###.#.#",
)
MODULE = 14
MATRIX_ORIGIN = (79, 46)

# (x0, y0, x1, y1, radius, colour) on the 256 grid, drawn in order.
Shape = tuple[int, int, int, int, int, str]


def shapes() -> list[Shape]:
    drawn: list[Shape] = [
        (8, 8, 248, 248, 48, NAVY),  # the tile
        (64, 31, 192, 159, 12, WHITE),  # the code's white card
    ]
    x0, y0 = MATRIX_ORIGIN
    for row, line in enumerate(MATRIX):
        for column, cell in enumerate(line):
            if cell == "#":
                x, y = x0 + column * MODULE, y0 + row * MODULE
                drawn.append((x, y, x + MODULE, y + MODULE, 0, NAVY))
    drawn += [
        (120, 159, 136, 181, 0, WHITE),  # the stand between code and counter
        (36, 181, 220, 199, 6, WHITE),  # the counter top
        (52, 199, 204, 226, 4, STEEL),  # the counter's front
    ]
    return drawn


def svg() -> str:
    rects = []
    for x0, y0, x1, y1, radius, colour in shapes():
        corner = f' rx="{radius}"' if radius else ""
        rects.append(
            f'  <rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}"{corner} '
            f'fill="{colour}"/>'
        )
    body = "\n".join(rects)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{GRID}" height="{GRID}" '
        f'viewBox="0 0 {GRID} {GRID}">\n  <title>Skranke</title>\n'
        f"{body}\n</svg>\n"
    )


def raster(size: int) -> Image.Image:
    scale = size * SUPERSAMPLE / GRID
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    for x0, y0, x1, y1, radius, colour in shapes():
        box = (round(x0 * scale), round(y0 * scale), round(x1 * scale) - 1, round(y1 * scale) - 1)
        draw.rounded_rectangle(box, radius=round(radius * scale), fill=colour)
    return big.reduce(SUPERSAMPLE)  # area average: exact colours inside, smooth edges


def main() -> None:
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    ICON_SVG.write_text(svg(), encoding="utf-8")
    for size in ICON_SIZES:
        raster(size).save(icon_png(size), optimize=True)
    largest = raster(max(ICON_SIZES))
    smaller = [raster(size) for size in ICON_SIZES if size != largest.width]
    largest.save(ICON_ICO, sizes=[(size, size) for size in ICON_SIZES], append_images=smaller)
    print(f"wrote {ICON_SVG.parent}")


if __name__ == "__main__":
    main()
