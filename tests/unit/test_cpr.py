"""The CPR guard refuses anything shaped like a personal identity number."""

from __future__ import annotations

from datetime import date

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
separators = st.sampled_from(["", "-", " "])
serials = st.integers(min_value=0, max_value=9999)
surroundings = st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=20)


@given(birth_dates, separators, serials, surroundings, surroundings)
def test_every_real_birth_date_in_any_spelling_is_refused(
    born: date, separator: str, serial: int, before: str, after: str
) -> None:
    number = f"{born:%d%m%y}{separator}{serial:04d}"
    with pytest.raises(CprLikeNoteError):
        ensure_no_cpr(before + number + after)


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
