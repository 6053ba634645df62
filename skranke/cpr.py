"""The CPR guard: free text that looks like a Danish personal identity number is refused.

A CPR number is ten digits, DDMMYY followed by a four-digit serial, where DDMMYY is a real
date (day 61-91 too: substitute numbers add 60 to the day). People write it in many ways:
``010190-1234``, ``0101901234``, ``01 01 90 1234``, ``01.01.90-1234``, ``01/01/90 1234``.

The rule (README.md, at the top, says the same in short):

1. Digits written with only spaces and at most one separator (``-``, ``.``, ``/`` or a
   dash such as ``–``) between them are one *written number* made of *groups*: ``01 01 90
   1234`` is one number of four groups, ``01.01.26 10.30`` one of five.
2. A written number is CPR-like when some consecutive whole groups of it hold exactly ten
   digits, the first six form a real date DDMMYY (either century; day + 60 allowed), and
   the last four are not split (the last of those groups has at least four digits).
3. A group is never cut: eleven digits glued together are not a CPR number, nor is an
   order number of fourteen.

So these pass: a phone number (eight digits, ``70 20 00 00``, ``12345678``; with ``+45`` in
front the ten digits start with day 45, which no date has), a date (``01-01-2026``,
``1/1``), a date and time (``01.01.26 10.30``: the last four digits are split), a case
number (``20261122-0001``: twelve digits). Two phone numbers joined by ``/`` pass too
unless a pair of them reads as a date and the next is four digits. When in doubt we refuse:
the user can write the note another way; a stored CPR number cannot be taken back.
"""

from __future__ import annotations

import functools
import re

from skranke.errors import CprLikeNoteError

_GROUP = re.compile(r"\d+")
_TEN_DIGITS = re.compile(r"(?:\d\D*){10}")
_BETWEEN = re.compile(r"\s*[\-./‐‑–—]?\s*")  # what may stand between two groups of one number
_CPR_DIGITS = 10
_DATE_DIGITS = 6
_SERIAL_DIGITS = 4
REDACTED = "[CPR-lignende tal fjernet]"


def _valid_birth_date(day: int, month: int, year2: int) -> bool:
    from calendar import monthrange  # noqa: PLC0415 - loads ``locale``: not at start-up

    if day > 60:
        day -= 60
    if not 1 <= month <= 12 or day < 1:
        return False
    # Feb 29 is valid when the year is a leap year in either century.
    return any(day <= monthrange(century + year2, month)[1] for century in (1900, 2000))


def _written_numbers(text: str) -> list[list[re.Match[str]]]:
    """The digit groups of ``text``, gathered into written numbers (rule 1)."""
    numbers: list[list[re.Match[str]]] = []
    previous: re.Match[str] | None = None
    for group in _GROUP.finditer(text):
        joined = previous is not None and _BETWEEN.fullmatch(text, previous.end(), group.start())
        if joined:
            numbers[-1].append(group)
        else:
            numbers.append([group])
        previous = group
    return numbers


def _cpr_like(digits: str) -> bool:
    day, month, year2 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    return _valid_birth_date(day, month, year2)


@functools.lru_cache(maxsize=1024)  # every contact read checks its desk's name again
def find_cpr_like(text: str) -> tuple[int, int] | None:
    """The span of the first CPR-like number in ``text`` (see the module's rule), or None."""
    if _TEN_DIGITS.search(text) is None:
        return None  # the common case: fewer than ten digits in all
    for number in _written_numbers(text):
        for first in range(len(number)):
            digits = ""
            for group in number[first:]:
                digits += group.group()
                if len(digits) >= _CPR_DIGITS:
                    break
            else:
                break  # fewer than ten digits from here on
            serial_whole = len(group.group()) >= _SERIAL_DIGITS
            if len(digits) == _CPR_DIGITS and serial_whole and _cpr_like(digits[:_DATE_DIGITS]):
                return number[first].start(), group.end()
    return None


def looks_like_cpr(text: str) -> bool:
    return find_cpr_like(text) is not None


def ensure_no_cpr(text: str) -> None:
    """Raise :class:`CprLikeNoteError` when ``text`` contains a CPR-like number."""
    span = find_cpr_like(text)
    if span is not None:
        raise CprLikeNoteError(*span)


def redact_cpr(text: str) -> str:
    """``text`` with every CPR-like number replaced by :data:`REDACTED`: for text stored
    before the guard knew that spelling, so it is never shown or sent on."""
    while (span := find_cpr_like(text)) is not None:
        text = text[: span[0]] + REDACTED + text[span[1] :]
    return text
