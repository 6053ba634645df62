"""Rendering a printed guide, against a bare reportlab page holding the same QR code.

The floor is a reportlab canvas with nothing on it but the "moving" solution's QR code, drawn
the same way (one vector path of rectangles), saved to bytes. The guide is the full A4 sheet:
fonts embedded, text laid out by platypus, footer. Both are timed in the same run after a
warm-up; the goal is a ratio of medians of at most 3x. The slip and a pack are timed too.

    uv run python -m benchmarks.sheets
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from benchmarks.common import describe_machine, summary
from skranke.catalog import MunicipalContact, load_catalog
from skranke.qr import QrMatrix, qr_matrix
from skranke.sheets import (
    A4_SIZE,
    Sender,
    SheetOptions,
    draw_qr,
    register_fonts,
    render_pack,
    render_sheet,
)
from skranke.vocabulary import load_vocabulary

RUNS = 40
WARM_UP = 5
SENDER = Sender(
    "Albertslund Kommune",
    MunicipalContact(name="Borgerservice", phone="43 68 68 68", opening_hours="Man–fre 10–15"),
)
DAY = date(2026, 11, 22)


def bare_page(url: str, matrix: QrMatrix | None = None) -> bytes:
    """The floor: one A4 page with the QR code (50 mm) and nothing else. The code is encoded
    here, as the renderer does, unless ``matrix`` is given (to see the drawing alone)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4_SIZE, invariant=1)
    draw_qr(canvas, matrix or qr_matrix(url), 20 * mm, A4_SIZE[1] - 90 * mm, 50 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(work: Callable[[], object], runs: int = RUNS) -> list[float]:
    for _ in range(WARM_UP):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    catalog = load_catalog(load_vocabulary()).catalog
    moving = catalog.get("moving")
    pack = catalog.pack("new_in_municipality")
    assert moving is not None
    assert pack is not None
    solutions = [s for i in pack.solutions if (s := catalog.get(i)) is not None]
    start = time.perf_counter()
    register_fonts()
    fonts_ms = (time.perf_counter() - start) * 1000

    a4, large, slip = SheetOptions(), SheetOptions(large_print=True), SheetOptions(format="slip")
    encoded = qr_matrix(moving.url)
    encoding = timed(lambda: qr_matrix(moving.url))
    floor = timed(lambda: bare_page(moving.url))
    drawing_only = timed(lambda: bare_page(moving.url, encoded))
    sheet = timed(lambda: render_sheet(moving, a4, SENDER, printed_on=DAY))
    large_sheet = timed(lambda: render_sheet(moving, large, SENDER, printed_on=DAY))
    slip_sheet = timed(lambda: render_sheet(moving, slip, SENDER, printed_on=DAY))
    pack_sheet = timed(lambda: render_pack(pack, solutions, a4, SENDER, printed_on=DAY), 30)
    pack_slip = timed(lambda: render_pack(pack, solutions, slip, SENDER, printed_on=DAY), 30)

    print(describe_machine())
    print(f"fonts registered once in {fonts_ms:.1f} ms (first call; cached afterwards)")
    print(summary("QR encoding alone (qr_matrix, part of both)", encoding))
    print(summary("bare reportlab page with the same QR (floor)", floor))
    print(summary("  the same, QR encoded beforehand (drawing and saving only)", drawing_only))
    print(summary("A4 guide, 'moving'", sheet))
    print(summary("A4 guide, 'moving', large print (2 pages)", large_sheet))
    print(summary("80 mm slip, 'moving'", slip_sheet))
    print(summary(f"pack '{pack.id}', A4 ({len(solutions)} guides, 2 passes)", pack_sheet))
    print(summary(f"pack '{pack.id}', slip", pack_slip))
    ratio = statistics.median(sheet) / statistics.median(floor)
    print(f"A4 guide, ratio of medians to the floor: {ratio:.1f}x (goal <= 3x)")
    layout = statistics.median(sheet) - statistics.median(encoding)
    print(
        f"without the QR encoding both share: {layout:.1f} ms against "
        f"{statistics.median(drawing_only):.1f} ms, "
        f"{layout / statistics.median(drawing_only):.1f}x"
    )


if __name__ == "__main__":
    main()
