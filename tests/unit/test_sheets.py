"""Printed guides and slips, checked the way a citizen or a clerk would notice: the words are
all there with æ, ø and å, the QR code on paper scans to the right address, the paper is the
right size, the fonts travel with the file, large print is large, and long guides flow onto
more pages instead of losing text.

The QR codes are read back from a rasterised page (pdftoppm) by an independent decoder
(zxing-cpp); the text is read back with pypdf.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from skranke.catalog import MunicipalContact, Solution, load_catalog
from skranke.errors import SkrankeError
from skranke.sheets import (
    A4_SIZE,
    SLIP_WIDTH_MM,
    Sender,
    SheetOptions,
    SheetOptionsError,
    render_pack,
    render_sheet,
)
from skranke.vocabulary import load_vocabulary

CATALOG = load_catalog(load_vocabulary()).catalog
MOVING = CATALOG.get("moving")
assert MOVING is not None
DAY = date(2026, 11, 22)
MM = 72 / 25.4  # points per millimetre
SENDER = Sender(
    "Albertslund Kommune",
    MunicipalContact(
        name="Borgerservice",
        phone="43 68 68 68",
        opening_hours="Man–ons 10–15, tors 10–17.30",
        address="Nordmarks Allé 1, 2620 Albertslund",
    ),
)
BARE_SENDER = Sender("Vallensbæk Kommune")  # no contact lines in the overlay
VARIANTS = {
    "a4-da": SheetOptions(),
    "a4-en": SheetOptions(language="en"),
    "large-da": SheetOptions(large_print=True),
    "large-en": SheetOptions(language="en", large_print=True),
    "slip-da": SheetOptions(format="slip"),
    "slip-en": SheetOptions(language="en", format="slip"),
}
PACK_VARIANTS = {k: VARIANTS[k] for k in ("a4-da", "large-da", "a4-en", "slip-da")}
# The footer sits in the bottom margin; large print's bottom margin is 28 mm.
LARGE_PRINT_BODY_BOTTOM = 28 * MM


def _long_steps_solution() -> Solution:
    step = (
        "Læs hele vejledningen på skærmen, før du går videre, og udfyld felterne én ad gangen: "
        "navn på den nye bolig, datoen for flytningen, hvem der flytter med, og om du vil "
        "skifte læge. Tjek at det hele står rigtigt, og gem en kopi af kvitteringen. "
    )
    steps = tuple(f"Trin {n} ({'æøå' * n}): " + (step * 4)[:880] + "." for n in range(1, 9))
    assert all(850 <= len(s) <= 950 for s in steps)
    return replace(MOVING, id="long_steps", steps_da=steps, steps_en=steps)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def _pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in _reader(pdf).pages]


def _flat(text: str) -> str:
    """Text with every run of whitespace as one space (lines are wrapped on paper)."""
    return " ".join(text.split())


def _text(pdf: bytes) -> str:
    return _flat(" ".join(_pages_text(pdf)))


def _raster(pdf: bytes, folder: Path, page: int = 1, dpi: int = 150) -> np.ndarray:
    """Page ``page`` as a greyscale image (0 black, 255 white), via pdftoppm -gray (PGM)."""
    source = folder / "sheet.pdf"
    source.write_bytes(pdf)
    stem = folder / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(page), "-l", str(page),
         str(source), str(stem)],
        check=True,
    )  # fmt: skip
    data = stem.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None, "pdftoppm wrote no binary PGM"
    width, height = int(header[1]), int(header[2])
    pixels = np.frombuffer(data, dtype=np.uint8, count=width * height, offset=header.end())
    return pixels.reshape(height, width)


def _decoded(image: np.ndarray) -> list[Any]:
    return [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def _text_sizes(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, font size in points, baseline height from the page bottom) of every text run."""
    runs: list[tuple[str, float, float]] = []
    for page in _reader(pdf).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if text.strip():
                scale = abs(tm[0] * cm[0])
                runs.append((text.strip(), size * scale, cm[3] * tm[5] + cm[5]))

        page.extract_text(visitor_text=visit)
    return runs


def _fonts(pdf: bytes) -> list[DictionaryObject]:
    fonts = []
    for page in _reader(pdf).pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/Font", DictionaryObject()).get_object().values():
            fonts.append(ref.get_object())
    return fonts


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def test_the_danish_guide_holds_the_title_and_every_step_with_aeoeaa() -> None:
    text = _text(render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY))
    assert "Meld flytning (og vælg læge)" in text
    assert "Det skal du have klar" in text
    for item in MOVING.have_ready_da:
        assert item in text
    assert "Sådan gør du" in text
    for number, step in enumerate(MOVING.steps_da, 1):
        assert f"{number}. {step}" in text
    assert "Scan med kameraet på din telefon" in text
    assert "Du skal bruge MitID" in text
    assert "Albertslund Kommune" in text


def test_the_english_guide_is_written_from_the_english_fields() -> None:
    text = _text(render_sheet(MOVING, SheetOptions(language="en"), SENDER, printed_on=DAY))
    assert MOVING.title_en in text
    assert "What you need" in text
    assert "How to do it" in text
    for number, step in enumerate(MOVING.steps_en, 1):
        assert f"{number}. {step}" in text
    assert "Scan with your phone's camera" in text
    assert "You need MitID" in text
    assert "The Digital Hotline (national): +45 70 20 00 00" in text
    assert "Printed 22 Nov 2026 · Link last checked 22 Nov 2026" in text
    assert "Sådan gør du" not in text
    assert MOVING.steps_da[0] not in text


def test_the_full_address_is_printed_under_the_code() -> None:
    for options in (SheetOptions(), SheetOptions(large_print=True)):
        text = _text(render_sheet(MOVING, options, SENDER, printed_on=DAY))
        assert MOVING.url in text.replace(" ", "")  # a long address wraps after a /


def test_the_help_box_gives_the_municipality_and_always_the_national_line() -> None:
    text = _text(render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY))
    assert "Hjælp" in text
    assert "Albertslund Kommune, Borgerservice" in text
    assert "Telefon: 43 68 68 68" in text
    assert "Åbningstider: Man–ons 10–15, tors 10–17.30" in text
    assert "Adresse: Nordmarks Allé 1, 2620 Albertslund" in text
    assert "Den Digitale Hotline: 70 20 00 00" in text

    bare = _text(render_sheet(MOVING, SheetOptions(), BARE_SENDER, printed_on=DAY))
    assert "Den Digitale Hotline: 70 20 00 00" in bare
    assert "Telefon:" not in bare
    assert "Adresse:" not in bare


def test_only_given_contact_lines_are_printed() -> None:
    sender = Sender("Ishøj Kommune", MunicipalContact(phone="43 57 75 75"))
    text = _text(render_sheet(MOVING, SheetOptions(), sender, printed_on=DAY))
    assert "Ishøj Kommune Telefon: 43 57 75 75" in text
    assert "Åbningstider" not in text
    assert "Adresse" not in text


def test_an_information_page_says_there_is_nothing_to_fill_in() -> None:
    information = next(s for s in CATALOG.solutions if s.kind == "information")
    text = _text(render_sheet(information, SheetOptions(), SENDER, printed_on=DAY))
    assert "Her kan du læse mere – der er ingen blanket at udfylde på nettet." in text
    moving = _text(render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY))
    assert "ingen blanket" not in moving


def test_the_have_ready_section_is_left_out_when_there_is_nothing_to_have_ready() -> None:
    bare = replace(MOVING, have_ready_da=())
    text = _text(render_sheet(bare, SheetOptions(), SENDER, printed_on=DAY))
    assert "Det skal du have klar" not in text
    assert "Sådan gør du" in text


def test_catalogue_text_is_printed_as_written_not_read_as_markup() -> None:
    odd = replace(
        MOVING,
        title_da="Flyt & <ny> adresse",
        steps_da=("Skriv <adresse> & dato.", "Tryk på 'Send' > 'OK'.", "Gem <b>kvitteringen</b>."),
    )
    text = _text(render_sheet(odd, SheetOptions(), SENDER, printed_on=DAY))
    assert "Flyt & <ny> adresse" in text
    assert "1. Skriv <adresse> & dato." in text
    assert "2. Tryk på 'Send' > 'OK'." in text
    assert "3. Gem <b>kvitteringen</b>." in text


def test_mitid_is_mentioned_only_when_it_is_needed() -> None:
    without = next(s for s in CATALOG.solutions if not s.mitid_required)
    text = _text(render_sheet(without, SheetOptions(), SENDER, printed_on=DAY))
    assert "Du skal bruge MitID" not in text


def test_the_footer_gives_the_print_date_and_the_link_check_date() -> None:
    checked = replace(MOVING, checked=date(2026, 3, 5))
    (page,) = _pages_text(render_sheet(checked, SheetOptions(), SENDER, printed_on=DAY))
    assert "Udskrevet 22.11.2026 · Linket er sidst kontrolleret 5.3.2026" in page
    assert "Side 1" not in page  # one page: no page number


def test_the_pdf_carries_title_and_author_and_is_reproducible() -> None:
    first = render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY)
    metadata = _reader(first).metadata
    assert metadata is not None
    assert metadata.title == "Meld flytning (og vælg læge)"
    assert metadata.author == "Albertslund Kommune"
    assert render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY) == first
    english = _reader(render_sheet(MOVING, SheetOptions(language="en"), SENDER, printed_on=DAY))
    assert english.metadata is not None
    assert english.metadata.title == MOVING.title_en


# ---------------------------------------------------------------------------
# The QR code on paper
# ---------------------------------------------------------------------------

SHORT_URL = next(s for s in CATALOG.solutions if len(s.url) < 30)


@pytest.mark.parametrize(
    ("solution", "variant"),
    [(MOVING, "a4-da"), (MOVING, "large-en"), (MOVING, "slip-da"), (SHORT_URL, "a4-en")],
    ids=["moving-a4", "moving-large-en", "moving-slip", "short-a4-en"],
)
def test_the_printed_code_scans_to_exactly_the_address(
    solution: Solution, variant: str, tmp_path: Path
) -> None:
    options = VARIANTS[variant]
    image = _raster(render_sheet(solution, options, SENDER, printed_on=DAY), tmp_path)
    (result,) = _decoded(image)
    assert result.text == solution.url
    position = result.position
    width_mm = (position.top_right.x - position.top_left.x) / 150 * 25.4
    assert width_mm >= (30 if options.format == "slip" else 35)


def test_each_guide_of_a_pack_scans_to_its_own_address(tmp_path: Path) -> None:
    pack = CATALOG.packs[0]
    solutions = [s for i in pack.solutions if (s := CATALOG.get(i)) is not None]
    pdf = render_pack(pack, solutions, SheetOptions(), SENDER, printed_on=DAY)
    starts = _contents_pages(pdf, solutions)
    for solution, page in list(zip(solutions, starts, strict=True))[:2]:
        (result,) = _decoded(_raster(pdf, tmp_path, page=page))
        assert result.text == solution.url


# ---------------------------------------------------------------------------
# Paper, fonts, large print
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["a4-da", "large-en"])
def test_a4_is_a4(variant: str) -> None:
    reader = _reader(render_sheet(MOVING, VARIANTS[variant], SENDER, printed_on=DAY))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595, abs=1)
        assert float(page.mediabox.height) == pytest.approx(842, abs=1)
    assert pytest.approx(595, abs=1) == A4_SIZE[0]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_slip_is_80_mm_wide_and_as_long_as_its_content(language: str, tmp_path: Path) -> None:
    pdf = render_sheet(MOVING, SheetOptions(language, format="slip"), SENDER, printed_on=DAY)
    (page,) = _reader(pdf).pages
    assert float(page.mediabox.width) == pytest.approx(SLIP_WIDTH_MM * MM, abs=1)
    height_mm = float(page.mediabox.height) / MM
    assert 60 < height_mm < 200
    text = _flat(page.extract_text())
    assert "Albertslund Kommune" in text
    assert MOVING.title(language) in text
    assert MOVING.short_url in text.replace(" ", "")
    assert "43\xa068\xa068\xa068" in text or "43 68 68 68" in text
    # No blank tail: the last ink is within 6 mm of the bottom edge (4 mm margin + slack).
    image = _raster(pdf, tmp_path)
    inked_rows = np.flatnonzero((image < 128).any(axis=1))
    blank_tail_mm = (image.shape[0] - 1 - inked_rows[-1]) / 150 * 25.4
    assert blank_tail_mm < 6


def test_a_slip_without_a_municipal_phone_gives_the_hotline() -> None:
    pdf = render_sheet(MOVING, SheetOptions(format="slip"), BARE_SENDER, printed_on=DAY)
    assert "Den Digitale Hotline: 70 20 00 00" in _text(pdf)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_font_is_embedded_dejavu(variant: str) -> None:
    pdf = render_sheet(MOVING, VARIANTS[variant], SENDER, printed_on=DAY)
    fonts = _fonts(pdf)
    assert fonts
    for font in fonts:
        assert "DejaVuSans" in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    assert b"Helvetica" not in pdf


def test_large_print_is_at_least_16_point_and_the_footer_at_least_12() -> None:
    """Everything in the page body is 16 pt or larger; the footer (print date, link-check date,
    page number) sits in the bottom margin and may be 12 pt."""
    for language in ("da", "en"):
        options = SheetOptions(language=language, large_print=True)
        runs = _text_sizes(render_sheet(MOVING, options, SENDER, printed_on=DAY))
        body = [(t, size) for t, size, y in runs if y >= LARGE_PRINT_BODY_BOTTOM]
        footer = [(t, size) for t, size, y in runs if y < LARGE_PRINT_BODY_BOTTOM]
        assert min(size for _, size in body) >= 16, body
        assert footer
        assert all(t.startswith(("Udskrevet", "Side", "Printed", "Page")) for t, _ in footer)
        assert min(size for _, size in footer) >= 12
        title_size = max(size for t, size in body if MOVING.title(language).startswith(t[:8]))
        assert title_size > 16
    normal = _text_sizes(render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY))
    assert min(size for _, size, _ in normal) < 16  # normal print really is smaller


def test_large_print_uses_only_black_and_white() -> None:
    pdf = render_sheet(MOVING, SheetOptions(large_print=True), SENDER, printed_on=DAY)
    for page in _reader(pdf).pages:
        content = page.get_contents()
        assert content is not None
        data = content.get_data().decode("latin-1")
        colours = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", data)
        assert colours
        for colour in colours:
            assert {float(c) for c in colour} in ({0.0}, {1.0}), colour


def test_large_print_flows_onto_more_pages_instead_of_shrinking() -> None:
    normal = _reader(render_sheet(MOVING, SheetOptions(), SENDER, printed_on=DAY))
    large = _reader(render_sheet(MOVING, SheetOptions(large_print=True), SENDER, printed_on=DAY))
    assert len(large.pages) > len(normal.pages)
    text = _flat(" ".join(page.extract_text() for page in large.pages))
    for number, step in enumerate(MOVING.steps_da, 1):
        assert f"{number}. {step}" in text
    assert "Side 1 af 2" in large.pages[0].extract_text()
    assert "Side 2 af 2" in large.pages[1].extract_text()


# ---------------------------------------------------------------------------
# Long guides
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large"])
def test_long_steps_flow_onto_more_pages_and_nothing_is_lost(
    large_print: bool, tmp_path: Path
) -> None:
    solution = _long_steps_solution()
    pdf = render_sheet(solution, SheetOptions(large_print=large_print), SENDER, printed_on=DAY)
    pages = _pages_text(pdf)
    assert len(pages) >= (4 if large_print else 2)
    # A step broken over a page break reads on across the footer, which pypdf gives last.
    text = _flat(" ".join(page.rpartition("Udskrevet 22.11.2026")[0] for page in pages))
    for number, step in enumerate(solution.steps_da, 1):
        assert f"{number}. {_flat(step)}" in text
    positions = [text.index(_flat(step)) for step in solution.steps_da]
    assert positions == sorted(positions)  # in order
    assert text.index("Hjælp") > positions[-1]  # the help box comes after the last step
    for number, page_text in enumerate(pages, 1):
        assert f"Side {number} af {len(pages)}" in page_text
        assert len(_flat(page_text)) > 40
    for number in range(1, len(pages) + 1):
        image = _raster(pdf, tmp_path, page=number, dpi=40)
        assert (image < 128).mean() > 0.005, f"page {number} is blank"


# ---------------------------------------------------------------------------
# Packs
# ---------------------------------------------------------------------------


def _contents_pages(pdf: bytes, solutions: list[Solution], language: str = "da") -> list[int]:
    """The page numbers the cover's contents gives for each solution, in order."""
    cover = _flat(_pages_text(pdf)[0])
    word = "side" if language == "da" else "page"
    pages = []
    for number, solution in enumerate(solutions, 1):
        match = re.search(rf"{number}\. {re.escape(solution.title(language))} {word} (\d+)", cover)
        assert match is not None, (solution.title(language), cover)
        pages.append(int(match[1]))
    return pages


@pytest.mark.parametrize("variant", ["a4-da", "large-da", "a4-en"])
def test_the_pack_cover_lists_every_guide_with_the_page_it_begins_on(variant: str) -> None:
    options = VARIANTS[variant]
    pack = next(p for p in CATALOG.packs if p.id == "new_in_municipality")
    solutions = [s for i in pack.solutions if (s := CATALOG.get(i)) is not None]
    pdf = render_pack(pack, solutions, options, SENDER, printed_on=DAY)
    pages = _pages_text(pdf)
    assert pack.title(options.language) in pages[0]
    starts = _contents_pages(pdf, solutions, options.language)
    assert starts[0] == 2
    assert starts == sorted(starts)
    for solution, start in zip(solutions, starts, strict=True):
        guide_page = _flat(pages[start - 1])
        assert solution.title(options.language) in guide_page
        for step in solution.steps(options.language):
            assert step in _flat(" ".join(pages[start - 1 : start + 2]))
    metadata = _reader(pdf).metadata
    assert metadata is not None
    assert metadata.title == pack.title(options.language)


def test_a_pack_slip_is_one_slip_with_every_title_and_address() -> None:
    pack = next(p for p in CATALOG.packs if p.id == "new_in_municipality")
    solutions = [s for i in pack.solutions if (s := CATALOG.get(i)) is not None]
    pdf = render_pack(pack, solutions, SheetOptions(format="slip"), SENDER, printed_on=DAY)
    (page,) = _reader(pdf).pages
    assert float(page.mediabox.width) == pytest.approx(SLIP_WIDTH_MM * MM, abs=1)
    text = _flat(page.extract_text())
    compact = text.replace(" ", "")
    for solution in solutions:
        assert solution.title_da in text
        assert solution.short_url in compact


# ---------------------------------------------------------------------------
# Everything shipped renders
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_shipped_solution_renders_in_every_variant(variant: str) -> None:
    options = VARIANTS[variant]
    for solution in CATALOG.solutions:
        reader = _reader(render_sheet(solution, options, SENDER, printed_on=DAY))
        assert len(reader.pages) >= 1, solution.id
        assert reader.metadata is not None
        assert reader.metadata.title == solution.title(options.language), solution.id
        if options.format == "slip":
            assert len(reader.pages) == 1, solution.id


@pytest.mark.parametrize("variant", list(PACK_VARIANTS))
def test_every_shipped_pack_renders(variant: str) -> None:
    options = PACK_VARIANTS[variant]
    for pack in CATALOG.packs:
        solutions = [s for i in pack.solutions if (s := CATALOG.get(i)) is not None]
        reader = _reader(render_pack(pack, solutions, options, SENDER, printed_on=DAY))
        expected = 1 if options.format == "slip" else len(solutions) + 1
        assert len(reader.pages) >= expected, pack.id


# ---------------------------------------------------------------------------
# Bad options
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (SheetOptions(format="letter"), "format"),
        (SheetOptions(language="fr"), "language"),
        (SheetOptions(large_print=True, format="slip"), "large_print"),
    ],
    ids=["unknown-format", "french", "large-print-slip"],
)
def test_bad_options_are_refused(options: SheetOptions, field: str) -> None:
    with pytest.raises(SheetOptionsError) as error:
        render_sheet(MOVING, options, SENDER)
    assert error.value.field == field
    assert isinstance(error.value, SkrankeError)
    with pytest.raises(SheetOptionsError):
        render_pack(CATALOG.packs[0], [MOVING], options, SENDER)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("sender", [BARE_SENDER, SENDER], ids=["hotline", "municipality"])
def test_a_phone_number_is_never_split_over_two_lines(language: str, sender: Sender) -> None:
    for options in (SheetOptions(language, format="slip"), SheetOptions(language)):
        lines = [
            " ".join(line.split())  # a no-break space reads as a space
            for page in _pages_text(render_sheet(MOVING, options, sender, printed_on=DAY))
            for line in page.splitlines()
        ]
        numbers = ["70 20 00 00"] if sender is BARE_SENDER else ["43 68 68 68"]
        if options.format == "a4" or sender is BARE_SENDER:
            numbers.append("+45 70 20 00 00" if language == "en" else "70 20 00 00")
        for number in numbers:
            assert any(number in line for line in lines), (number, lines[-6:])
