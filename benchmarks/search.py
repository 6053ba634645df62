"""Search per keystroke over a 500-entry catalogue, core and window, against a naive scan.

The shipped catalogue is multiplied to 500+ entries (titles and keywords varied so they are
distinct). Every prefix of a set of realistic queries is searched, as staff type them. The
floor is a plain substring scan over the folded titles (no ranking) in the same run. The
window figure is the search field's text change through the list repopulated, offscreen.

    uv run python -m benchmarks.search
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import describe_machine, summary
from skranke.catalog import Catalog, load_catalog
from skranke.search import SolutionIndex, fold
from skranke.vocabulary import load_vocabulary

QUERIES = ["flytning", "gult kort", "boligstotte", "mitid app", "digital post", "folkepension",
           "forskudsopgoerelse", "fritagelse", "pas", "laegevalg", "eu sygesikring",
           "skat"]  # fmt: skip
VARIANTS = ["", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens",
            "Vejle", "Roskilde", "Herning", "Silkeborg"]  # fmt: skip


def big_catalog(size: int = 500) -> Catalog:
    shipped = load_catalog(load_vocabulary()).catalog.solutions
    solutions = []
    for n in range(size):
        base = shipped[n % len(shipped)]
        variant = VARIANTS[(n // len(shipped)) % len(VARIANTS)]
        solutions.append(
            replace(
                base,
                id=f"{base.id}_{n}",
                title_da=f"{base.title_da} {variant}".strip(),
                keywords=(*base.keywords, variant.lower()) if variant else base.keywords,
            )
        )
    return Catalog(tuple(solutions))


def keystrokes() -> list[str]:
    return [query[:n] for query in QUERIES for n in range(1, len(query) + 1)]


def main() -> None:
    vocabulary = load_vocabulary()
    catalog = big_catalog()
    start = time.perf_counter()
    index = SolutionIndex(catalog, vocabulary)
    build_ms = (time.perf_counter() - start) * 1000
    titles = [fold(s.title_da) for s in catalog.solutions]
    usage = {s.id: n % 7 for n, s in enumerate(catalog.solutions)}
    core, floor = [], []
    for _ in range(5):
        for typed in keystrokes():
            start = time.perf_counter()
            index.search(typed, usage=usage)
            core.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            folded = fold(typed)
            matches = [t for t in titles if folded in t]
            assert matches is not None
            floor.append((time.perf_counter() - start) * 1000)

    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ui.solution_panel import SolutionPanel  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    panel = SolutionPanel(index)
    panel.set_usage(usage)
    panel.show()
    window = []
    for typed in keystrokes():
        start = time.perf_counter()
        panel.search_edit.setText(typed)
        window.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    print(describe_machine())
    print(f"catalogue: {len(catalog.solutions)} entries; index built in {build_ms:.1f} ms")
    print(summary("naive substring scan (floor)", floor))
    print(summary("search, core (ranked)", core))
    print(summary("search, window (field to list shown)", window))
    ratio = statistics.median(core) / statistics.median(floor)
    print(f"core, ratio of medians to the floor: {ratio:.1f}x")


if __name__ == "__main__":
    main()
