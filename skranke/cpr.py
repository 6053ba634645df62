"""The CPR guard: free text that looks like a Danish personal identity number is refused.

A CPR number is DDMMYY-XXXX. We refuse any run of six digits forming a valid day and month
(day 61-91 too: substitute numbers add 60 to the day), followed by four digits, with or
without a space or dash between. Digits glued to more digits are not a match (an order number
of 14 digits is not a CPR number); we err on the side of refusing.
"""

from __future__ import annotations

import re

from skranke.errors import CprLikeNoteError

_CPR_SHAPE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})[ \t\-‐‑–—]?(\d{4})(?!\d)")


def _valid_birth_date(day: int, month: int, year2: int) -> bool:
    from calendar import monthrange  # noqa: PLC0415 - loads ``locale``: not at start-up

    if day > 60:
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    # Feb 29 is valid when the year is a leap year in either century.
    return any(day <= monthrange(century + year2, month)[1] for century in (1900, 2000))


def find_cpr_like(text: str) -> tuple[int, int] | None:
    """Return the span of the first CPR-shaped number in ``text``, or None."""
    for match in _CPR_SHAPE.finditer(text):
        day, month, year2 = (int(match.group(i)) for i in (1, 2, 3))
        if _valid_birth_date(day, month, year2):
            return match.span()
    return None


def looks_like_cpr(text: str) -> bool:
    return find_cpr_like(text) is not None


def ensure_no_cpr(text: str) -> None:
    """Raise :class:`CprLikeNoteError` when ``text`` contains a CPR-shaped number."""
    span = find_cpr_like(text)
    if span is not None:
        raise CprLikeNoteError(*span)
