"""Every solution's QR code decodes, with an independent decoder, to exactly its URL."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from skranke.catalog import load_catalog
from skranke.qr import QUIET_ZONE, qr_matrix
from skranke.vocabulary import load_vocabulary

URLS = sorted({s.url for s in load_catalog(load_vocabulary()).catalog.solutions})


def _decode(rows: tuple[tuple[bool, ...], ...], scale: int = 4) -> list[str]:
    image = np.where(np.array(rows, dtype=bool), 0, 255).astype(np.uint8)
    image = image.repeat(scale, axis=0).repeat(scale, axis=1)
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("url", URLS)
def test_each_catalogue_link_round_trips(url: str) -> None:
    assert _decode(qr_matrix(url).rows) == [url]


def test_the_quiet_zone_is_white() -> None:
    matrix = qr_matrix("https://www.borger.dk/")
    assert not any(matrix.rows[0])
    assert not any(row[QUIET_ZONE - 1] for row in matrix.rows)
    assert matrix.size == len(matrix.rows[0])


def test_dark_runs_cover_exactly_the_dark_modules() -> None:
    matrix = qr_matrix("https://www.borger.dk/")
    painted = {
        (r, c) for r, start, length in matrix.dark_runs() for c in range(start, start + length)
    }
    dark = {(r, c) for r, row in enumerate(matrix.rows) for c, cell in enumerate(row) if cell}
    assert painted == dark
