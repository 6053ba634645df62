"""The CPR guard refuses anything shaped like a personal identity number."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skranke.cpr import ensure_no_cpr, find_cpr_like, looks_like_cpr
from skranke.errors import CprLikeNoteError


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "borger 311299-4321 ringede",
        "cpr:2902001234",  # 29 Feb 2000 is a real date
        "071265–1111",  # en dash, as word processors write it
        "610190-1234",  # substitute number: day + 60
        "01 01 90 1234",  # passed the counter's note field before
        "01.01.90-1234",
        "01/01/90 1234",
        "01-01-90-1234",
        "0101 90 - 1234",
        "ring 12 0101901234",  # a group before the number does not hide it
    ],
)
def test_cpr_shaped_text_is_found(text: str) -> None:
    assert looks_like_cpr(text)
    with pytest.raises(CprLikeNoteError):
        ensure_no_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Henvist til Udbetaling Danmark",
        "Den Digitale Hotline 70 20 00 00",
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "000190-1234",  # day 0
        "290201-1234",  # 29 Feb 2001 and 1901 do not exist
        "01019012345",  # eleven digits: not a CPR number
        "sagsnr 20261122-0001",
        "12345",
        "+45 70 20 00 00",
        "70 20 00 00",
        "12345678",
        "01-01-2026",
        "1/1",
        "01.01.26 10.30",  # a date and a time: the last four digits are split
        "møde 01-01-2026 12:30",
        "01-01-2026 1230",
    ],
)
def test_other_text_passes(text: str) -> None:
    assert not looks_like_cpr(text)
    ensure_no_cpr(text)


def test_the_span_marks_the_number_so_the_ui_can_select_it() -> None:
    text = "ring til 010190-1234 i morgen"
    start, end = find_cpr_like(text) or (0, 0)
    assert text[start:end] == "010190-1234"


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
separators = st.sampled_from(["", " ", "-", ".", "/", " - ", "–", "  ", " / "])
serials = st.integers(min_value=0, max_value=9999)
surroundings = st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=20)


@st.composite
def written_dates(draw: st.DrawFn, born: date) -> str:
    """DDMMYY cut anywhere into groups, each joined by any separator (or none)."""
    digits = f"{born:%d%m%y}"
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=5), max_size=5)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, 6], strict=True)]
    return "".join(group + draw(separators) for group in groups[:-1]) + groups[-1]


@given(st.data(), birth_dates, separators, serials, st.tuples(surroundings, surroundings))
def test_every_real_birth_date_in_any_spelling_is_refused(
    data: st.DataObject, born: date, separator: str, serial: int, around: tuple[str, str]
) -> None:
    before, after = around
    number = f"{data.draw(written_dates(born))}{separator}{serial:04d}"
    with pytest.raises(CprLikeNoteError):
        ensure_no_cpr(before + number + after)


danish_phones = st.from_regex(r"[2-9][0-9]{7}", fullmatch=True)
phone_groups = st.sampled_from([(8,), (2, 2, 2, 2), (4, 4), (3, 2, 3), (2, 3, 3)])
phone_prefixes = st.sampled_from(["", "+45 ", "+45", "0045 ", "tlf. ", "tlf:"])
words = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=10)


@given(danish_phones, phone_groups, separators, phone_prefixes, st.tuples(words, words))
def test_a_phone_number_in_any_spelling_is_accepted(
    phone: str, sizes: tuple[int, ...], separator: str, prefix: str, around: tuple[str, str]
) -> None:
    before, after = around
    cuts = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
    written = separator.join(phone[a:b] for a, b in itertools.pairwise(cuts))
    ensure_no_cpr(f"{before} {prefix}{written} {after}")


date_spellings = st.sampled_from(["%d-%m-%Y", "%d/%m", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y",
                                  "%Y-%m-%d", "%d.%m.%y %H.%M", "%d-%m-%Y %H:%M",
                                  "%d/%m %H.%M", "%d.%m.%Y kl. %H.%M"])  # fmt: skip


@given(st.datetimes(), date_spellings, words)
def test_a_date_or_a_date_and_time_is_accepted(when: datetime, spelling: str, word: str) -> None:
    ensure_no_cpr(f"{word} {when:{spelling}} {word}")


@given(st.text(alphabet=st.characters(categories=["L", "Zs", "P"])))
def test_text_without_digits_is_never_refused(text: str) -> None:
    ensure_no_cpr(text)


@given(birth_dates, serials)
def test_substitute_numbers_are_refused(born: date, serial: int) -> None:
    substitute = f"{born.day + 60:02d}{born:%m%y}-{serial:04d}"
    assert looks_like_cpr(substitute)


@pytest.mark.parametrize("text", ["310490-1234", "310690-1234", "300290-1234", "920190-1234"])
def test_impossible_dates_are_not_cpr_numbers(text: str) -> None:
    assert not looks_like_cpr(text)  # 31 April, 31 June, 30 February, day 92
