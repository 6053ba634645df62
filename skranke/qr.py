"""QR codes for solution links, as a matrix of modules that any renderer draws sharply
(a Qt widget on screen, reportlab on paper)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

QUIET_ZONE = 4  # modules of white border that phone cameras need


@dataclass(frozen=True, slots=True)
class QrMatrix:
    text: str
    rows: tuple[tuple[bool, ...], ...]  # True = dark module; the quiet zone included

    @property
    def size(self) -> int:
        return len(self.rows)

    def dark_runs(self) -> Iterator[tuple[int, int, int]]:
        """(row, first column, length) of every horizontal run of dark modules: one rectangle
        each, so renderers draw few shapes and no seams between neighbouring modules."""
        for r, row in enumerate(self.rows):
            c, n = 0, len(row)
            while c < n:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < n and row[c]:
                    c += 1
                yield r, start, c - start


def qr_matrix(text: str, border: int = QUIET_ZONE) -> QrMatrix:
    """Encode ``text`` with medium error correction (survives a smudge or a crease)."""
    import qrcode  # noqa: PLC0415 - it pulls in Pillow: load on first use, not at start-up
    from qrcode.constants import ERROR_CORRECT_M  # noqa: PLC0415

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(text)
    code.make(fit=True)
    return QrMatrix(text, tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix()))
