"""Printed guidance sheets (vejledninger): one renderer per document, output to PDF bytes.

The documents a counter hands a citizen:

- the A4 guide for one self-service solution (title, what to have ready, numbered steps, the
  QR code with its full address, a help box, a footer with the print and link-check dates),
  also in large print (*stor skrift*) and in English;
- the 80 mm slip for thermal receipt printers (title, QR code, short address, one help line),
  whose page is exactly as long as its content;
- packs: several guides in one document after a cover with the contents, or one long slip.

Built with reportlab's platypus: text is laid out in flowables, so long steps flow onto the
next page instead of being cut. The QR code is drawn as vector rectangles from
:func:`skranke.qr.qr_matrix`, never as a bitmap. The shipped DejaVu Sans fonts (with æ, ø, å)
are embedded; nothing falls back to Helvetica.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from skranke.catalog import MunicipalContact, Pack, Solution
from skranke.clock import local_today
from skranke.errors import SkrankeError
from skranke.formatting import format_numeric_date
from skranke.qr import QUIET_ZONE, QrMatrix, qr_matrix
from skranke.resources import RESOURCES_DIR

SHEET_FORMATS = ("a4", "slip")
SHEET_LANGUAGES = ("da", "en")
A4_SIZE: tuple[float, float] = (float(A4[0]), float(A4[1]))  # points: 595.28 x 841.89
SLIP_WIDTH_MM = 80
FONT_DIR = RESOURCES_DIR / "fonts"
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT_REGULAR: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
_MAX_SLIP_ATTEMPTS = 4
# reportlab keeps process-wide state (the font registry, per-document font subsets) and does
# not promise thread safety; the UI renders on worker threads, so one document at a time.
_RENDER_LOCK = threading.Lock()


class SheetOptionsError(SkrankeError):
    """Options no sheet can be printed with: an unknown format or language, or large print on
    a slip. ``field`` names the option, ``value`` what it was."""

    def __init__(self, field: str, value: object) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}={value!r}")


@dataclass(frozen=True, slots=True)
class SheetOptions:
    language: str = "da"  # "da" or "en"
    large_print: bool = False  # "stor skrift": A4 only
    format: str = "a4"  # "a4" or "slip" (80 mm receipt roll)


@dataclass(frozen=True, slots=True)
class Sender:
    """Who hands the sheet out."""

    municipality_name: str  # e.g. "Albertslund Kommune"
    contact: MunicipalContact = field(default_factory=MunicipalContact)


# ---------------------------------------------------------------------------
# Words. Everything a citizen reads, in Danish and English.
# ---------------------------------------------------------------------------

_TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "guide": "Vejledning",
        "guides": "Vejledninger",
        "have_ready": "Det skal du have klar",
        "how_to": "Sådan gør du",
        "scan": "Scan med kameraet på din telefon",
        "or_type": "Eller skriv adressen herunder i din browser.",
        "information": "Her kan du læse mere – der er ingen blanket at udfylde på nettet.",
        "mitid": "Du skal bruge MitID",
        "help": "Hjælp",
        "phone": "Telefon",
        "opening_hours": "Åbningstider",
        "address": "Adresse",
        "hotline": "Den Digitale Hotline: {phone}",
        "slip_help": "Hjælp: {name}, tlf.\u00a0{phone}",
        "printed": "Udskrevet {date}",
        "checked": "Linket er sidst kontrolleret {date}",
        "page": "Side {number} af {total}",
        "contents": "Indhold",
        "page_ref": "side {number}",
        "pack_intro": "{count} vejledninger fra {sender}. Hver vejledning har sin egen QR-kode.",
    },
    "en": {
        "guide": "Guide",
        "guides": "Guides",
        "have_ready": "What you need",
        "how_to": "How to do it",
        "scan": "Scan with your phone's camera",
        "or_type": "Or type the address below into your browser.",
        "information": "Here you can read more – there is no form to fill in online.",
        "mitid": "You need MitID",
        "help": "Help",
        "phone": "Phone",
        "opening_hours": "Opening hours",
        "address": "Address",
        "hotline": "The Digital Hotline (national): +45\u00a0{phone}",
        "slip_help": "Help: {name}, phone\u00a0{phone}",
        "printed": "Printed {date}",
        "checked": "Link last checked {date}",
        "page": "Page {number} of {total}",
        "contents": "Contents",
        "page_ref": "page {number}",
        "pack_intro": "{count} guides from {sender}. Each guide has its own QR code.",
    },
}


# ---------------------------------------------------------------------------
# Fonts and the stylesheet
# ---------------------------------------------------------------------------


@functools.cache
def register_fonts() -> None:
    """Register the shipped DejaVu Sans (regular, bold) with reportlab, once per process."""
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        FONT_REGULAR, normal=FONT_REGULAR, bold=FONT_BOLD, italic=FONT_REGULAR, boldItalic=FONT_BOLD
    )


@dataclass(frozen=True, slots=True)
class _Sizes:
    """Type sizes (points) and measures (millimetres) of one kind of sheet."""

    body: float
    title: float
    heading: float
    header: float
    url: float
    footer: float
    margin_x_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    qr_mm: float  # the whole code, quiet zone included


# Large print: body 16 pt, longer leading, 30 mm side margins (about 50 characters a line),
# everything black. Content flows onto more pages; nothing shrinks.
_NORMAL = _Sizes(11, 22, 14, 10, 10.5, 8.5, 20, 16, 22, 50)
_LARGE = _Sizes(16, 28, 20, 16, 16, 12, 30, 18, 28, 56)
_SLIP = _Sizes(9, 12.5, 10, 8, 9.5, 7, 4, 4, 4, 50)


@dataclass(frozen=True, slots=True)
class Stylesheet:
    """The named paragraph styles and measures of one kind of sheet."""

    page_width: float
    margin_x: float
    margin_top: float
    margin_bottom: float
    qr_size: float
    footer_size: float
    footer_color: Any
    rule_color: Any
    box_background: Any
    header: ParagraphStyle
    header_right: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    bullet: ParagraphStyle
    numbered: ParagraphStyle
    url: ParagraphStyle
    scan: ParagraphStyle
    box_heading: ParagraphStyle
    box_body: ParagraphStyle
    contents: ParagraphStyle
    contents_page: ParagraphStyle

    @property
    def frame_width(self) -> float:
        return float(self.page_width - 2 * self.margin_x)


def stylesheet(options: SheetOptions) -> Stylesheet:
    """The stylesheet for ``options``: normal A4, large print A4, or the 80 mm slip."""
    _check(options)
    slip = options.format == "slip"
    sizes = _SLIP if slip else _LARGE if options.large_print else _NORMAL
    black = colors.black
    # Grey is for the frame of the page only, and never in large print or on a thermal slip.
    quiet = black if options.large_print or slip else colors.HexColor("#404040")
    align = TA_CENTER if slip else TA_LEFT

    def style(name: str, size: float, *, bold: bool = False, **extra: Any) -> ParagraphStyle:
        font = FONT_BOLD if bold else FONT_REGULAR
        values: dict[str, Any] = {
            "fontName": font,
            "fontSize": size,
            "leading": round(size * 1.35, 1),
            "textColor": black,
            "bulletFontName": font,
            "bulletFontSize": size,
            "alignment": align,
        }
        values.update(extra)
        return ParagraphStyle(name, **values)

    body = sizes.body
    indent = body * 1.9
    return Stylesheet(
        page_width=SLIP_WIDTH_MM * mm if slip else A4_SIZE[0],
        margin_x=sizes.margin_x_mm * mm,
        margin_top=sizes.margin_top_mm * mm,
        margin_bottom=sizes.margin_bottom_mm * mm,
        qr_size=sizes.qr_mm * mm,
        footer_size=sizes.footer,
        footer_color=quiet,
        rule_color=quiet,
        box_background=colors.white if options.large_print else colors.HexColor("#F2F2F2"),
        header=style("header", sizes.header, bold=True, textColor=quiet),
        header_right=style("header_right", sizes.header, textColor=quiet, alignment=2),
        title=style(
            "title",
            sizes.title,
            bold=True,
            leading=round(sizes.title * 1.2, 1),
            spaceAfter=body * 0.6,
        ),
        heading=style(
            "heading",
            sizes.heading,
            bold=True,
            spaceBefore=body * 1.1,
            spaceAfter=4,
            keepWithNext=1,
        ),
        body=style("body", body, spaceAfter=3),
        note=style("note", body, bold=True, spaceBefore=2, spaceAfter=4),
        bullet=style("bullet", body, leftIndent=indent, bulletIndent=body * 0.4, spaceAfter=3),
        numbered=style(
            "numbered",
            body,
            leftIndent=indent,
            bulletIndent=0,
            bulletFontName=FONT_BOLD,
            spaceAfter=body * 0.45,
        ),
        url=style("url", sizes.url, spaceBefore=2),
        scan=style("scan", sizes.heading, bold=True, spaceAfter=4),
        box_heading=style("box_heading", sizes.heading, bold=True, spaceAfter=3),
        box_body=style("box_body", body, spaceAfter=1),
        contents=style("contents", body, leftIndent=indent, bulletIndent=0, spaceAfter=4),
        contents_page=style("contents_page", body, alignment=2),
    )


def _check(options: SheetOptions) -> None:
    if options.format not in SHEET_FORMATS:
        raise SheetOptionsError("format", options.format)
    if options.language not in SHEET_LANGUAGES:
        raise SheetOptionsError("language", options.language)
    if options.large_print and options.format != "a4":
        raise SheetOptionsError("large_print", options.large_print)


# ---------------------------------------------------------------------------
# Flowables
# ---------------------------------------------------------------------------


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code drawn as one filled vector path of rectangles (no seams, no bitmap)."""

    def __init__(
        self, matrix: QrMatrix, size: float, h_align: str = "LEFT", *, flush_left: bool = False
    ) -> None:
        super().__init__()
        self.matrix = matrix
        self.size = size
        self.hAlign = h_align
        # Flush left: the quiet zone lies in the page margin, the dark modules line up with
        # the text.
        self.shift = -QUIET_ZONE * size / matrix.size if flush_left else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size + self.shift, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.matrix, self.shift, 0, self.size)


def draw_qr(canvas: Any, matrix: QrMatrix, x: float, y: float, size: float) -> None:
    """Draw ``matrix`` with its lower-left corner at (x, y), ``size`` points square. Each run
    of dark modules in a row is one rectangle; all of them are filled as one path."""
    module = size / matrix.size
    path = canvas.beginPath()
    for r, start, length in matrix.dark_runs():
        path.rect(x + start * module, y + size - (r + 1) * module, length * module, module)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


class _GuideStart(Flowable):  # type: ignore[misc]
    """An invisible mark where a solution's guide begins (for the footer and the contents)."""

    _ZEROSIZE = True

    def __init__(self, solution: Solution) -> None:
        super().__init__()
        self.solution = solution

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        return None


_Codes = Mapping[str, QrMatrix]  # URL -> its QR code, encoded once per document


def _encode(solutions: Sequence[Solution]) -> dict[str, QrMatrix]:
    return {s.url: qr_matrix(s.url) for s in solutions}


def _document_options(
    sheet: Stylesheet, title: str, author: str, *, bottom: float
) -> dict[str, Any]:
    """What every sheet document shares: margins, metadata, the embedded font, no dates."""
    return {
        "leftMargin": sheet.margin_x,
        "rightMargin": sheet.margin_x,
        "topMargin": sheet.margin_top,
        "bottomMargin": bottom,
        "title": title,
        "author": author,
        "creator": "Skranke",
        "invariant": 1,
        "initialFontName": FONT_REGULAR,
    }


def _body_frame(sheet: Stylesheet, bottom: float, width: float, height: float) -> Frame:
    return Frame(
        sheet.margin_x,
        bottom,
        width,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )


def _p(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A paragraph of plain text (escaped: catalogue text may hold & or <)."""
    return Paragraph(escape(text), style, **kwargs)


def _url_lines(url: str, style: ParagraphStyle, width: float) -> str:
    """The URL broken after a / when it is wider than ``width`` (markup with <br/>), so a
    line never ends in the middle of a word unless a single segment is wider than a line."""
    parts: list[str] = []
    for piece in url.split("/"):
        parts.append(piece + "/")
    parts[-1] = parts[-1][:-1]
    lines: list[str] = [""]
    for part in parts:
        candidate = lines[-1] + part
        if lines[-1] and pdfmetrics.stringWidth(candidate, style.fontName, style.fontSize) > width:
            lines.append(part)
        else:
            lines[-1] = candidate
    return "<br/>".join(escape(line) for line in lines if line)


# ---------------------------------------------------------------------------
# The A4 guide
# ---------------------------------------------------------------------------


def _header(sheet: Stylesheet, sender: Sender, kind: str) -> list[Flowable]:
    """The municipality's name (and "Vejledning" on the right) over a thin rule."""
    width = sheet.frame_width
    table = Table(
        [[_p(sender.municipality_name, sheet.header), _p(kind, sheet.header_right)]],
        colWidths=[width * 0.7, width * 0.3],
    )
    table.setStyle(_tight_table())
    rule = HRFlowable(
        width="100%", thickness=0.7, color=sheet.rule_color, spaceBefore=3, spaceAfter=12
    )
    return [table, rule]


def _tight_table(*commands: tuple[Any, ...]) -> TableStyle:
    return TableStyle(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (0, 0), (-1, -1), FONT_REGULAR),  # tables set a font: never Helvetica
            *commands,
        ]
    )


def _qr_block(
    solution: Solution, matrix: QrMatrix, sheet: Stylesheet, texts: dict[str, str]
) -> Flowable:
    """The QR code with the prompt beside it and the full address under it, kept together."""
    width = sheet.frame_width
    code = QrCode(matrix, sheet.qr_size, flush_left=True)
    code_width = code.wrap(width, sheet.qr_size)[0]
    gap = 2 * mm  # besides the quiet zone on the right of the code
    beside = [_p(texts["scan"], sheet.scan), _p(texts["or_type"], sheet.body)]
    table = Table(
        [[code, beside]],
        colWidths=[code_width + gap, width - code_width - gap],
    )
    table.setStyle(_tight_table(("VALIGN", (1, 0), (1, 0), "MIDDLE")))
    url = Paragraph(_url_lines(solution.url, sheet.url, width), sheet.url)
    return KeepTogether([Spacer(1, 4), table, Spacer(1, 2), url])


def _help_box(sheet: Stylesheet, sender: Sender, texts: dict[str, str]) -> Flowable:
    contact = sender.contact
    lines: list[Flowable] = [_p(texts["help"], sheet.box_heading)]
    fields = [
        (texts["phone"], unbroken(contact.phone)),
        (texts["opening_hours"], contact.opening_hours),
        (texts["address"], contact.address),
    ]
    given = [(label, value) for label, value in fields if value.strip()]
    if given:
        name = contact.name.strip() or sender.municipality_name
        if contact.name.strip() and sender.municipality_name not in name:
            name = f"{sender.municipality_name}, {name}"
        lines.append(Paragraph(f"<b>{escape(name)}</b>", sheet.box_body))
        lines.extend(
            Paragraph(f"{escape(label)}: {escape(value.strip())}", sheet.box_body)
            for label, value in given
        )
        lines.append(Spacer(1, sheet.box_body.fontSize * 0.5))
    lines.append(_p(_hotline(texts), sheet.box_body))
    padding = 0.7 * sheet.box_body.fontSize
    box = Table([[lines]], colWidths=[sheet.frame_width])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT_REGULAR),
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("BACKGROUND", (0, 0), (-1, -1), sheet.box_background),
                ("LEFTPADDING", (0, 0), (-1, -1), padding * 1.3),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding * 1.3),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding * 1.2),
            ]
        )
    )
    return KeepTogether([Spacer(1, sheet.body.fontSize * 1.2), box])


def _guide(
    solution: Solution, codes: _Codes, sheet: Stylesheet, sender: Sender, language: str
) -> list[Flowable]:
    """The story of one solution's guide, from the header to the help box."""
    texts = _TEXTS[language]
    story: list[Flowable] = [_GuideStart(solution), *_header(sheet, sender, texts["guide"])]
    story.append(_p(solution.title(language), sheet.title))
    if solution.kind == "information":
        story.append(_p(texts["information"], sheet.note))
    if solution.mitid_required:
        story.append(_p(texts["mitid"], sheet.note))
    story.append(_qr_block(solution, codes[solution.url], sheet, texts))
    have_ready = solution.have_ready(language)
    if have_ready:
        story.append(_p(texts["have_ready"], sheet.heading))
        story.extend(_p(item, sheet.bullet, bulletText="•") for item in have_ready)
    story.append(_p(texts["how_to"], sheet.heading))
    story.extend(
        _p(step, sheet.numbered, bulletText=f"{number}.")
        for number, step in enumerate(solution.steps(language), 1)
    )
    story.append(_help_box(sheet, sender, texts))
    return story


class _FooterCanvas(Canvas):  # type: ignore[misc]
    """Holds every page back until the end, then draws each footer with "Side n af N"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self.footer: tuple[str, Stylesheet, str] | None = None  # (text, sheet, language)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, 1):
            self.__dict__.update(state)
            if self.footer is not None:
                self._draw_footer(number, total, *self.footer)
            super().showPage()
        super().save()

    def _draw_footer(
        self, number: int, total: int, text: str, sheet: Stylesheet, language: str
    ) -> None:
        size = sheet.footer_size
        width = sheet.frame_width
        left, right = sheet.margin_x, sheet.page_width - sheet.margin_x
        page = _TEXTS[language]["page"].format(number=number, total=total) if total > 1 else ""

        def fits(line: str, extra: str = "") -> bool:
            spare = size * 2 if extra else 0
            used = pdfmetrics.stringWidth(line, FONT_REGULAR, size)
            return bool(used + pdfmetrics.stringWidth(extra, FONT_REGULAR, size) + spare <= width)

        # Lines from the top; the page number goes right of the last line when it fits.
        lines = [text] if fits(text) else text.split(" · ")
        beside = bool(page) and fits(lines[-1], page)
        count = len(lines) + (1 if page and not beside else 0)
        leading = size * 1.3
        baseline = sheet.margin_bottom * 0.45 + (count - 1) * leading
        self.setFillColor(sheet.footer_color)
        self.setFont(FONT_REGULAR, size)
        for line in lines:
            self.drawString(left, baseline, line)
            baseline -= leading
        if page:
            self.drawRightString(right, baseline + leading if beside else baseline, page)


class _GuideDoc(BaseDocTemplate):  # type: ignore[misc]
    """An A4 document of guides: records where each guide begins and puts the right footer
    (print date, that solution's link-check date) on every page."""

    def __init__(
        self,
        buffer: io.BytesIO,
        sheet: Stylesheet,
        *,
        title: str,
        author: str,
        language: str,
        printed_on: date,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=A4_SIZE,
            lang="da-DK" if language == "da" else "en-GB",
            **_document_options(sheet, title, author, bottom=sheet.margin_bottom),
        )
        frame = _body_frame(
            sheet,
            sheet.margin_bottom,
            sheet.frame_width,
            A4_SIZE[1] - sheet.margin_top - sheet.margin_bottom,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._end_page)])
        self.sheet = sheet
        self.language = language
        self.printed_on = printed_on
        self.current: Solution | None = None
        self.starts: list[int] = []  # the page on which each guide begins

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, _GuideStart):
            self.current = flowable.solution
            self.starts.append(self.page)

    def _end_page(self, canvas: Any, doc: Any) -> None:
        texts = _TEXTS[self.language]
        text = texts["printed"].format(date=format_numeric_date(self.printed_on, self.language))
        if self.current is not None:
            checked = format_numeric_date(self.current.checked, self.language)
            text += " · " + texts["checked"].format(date=checked)
        canvas.footer = (text, self.sheet, self.language)


def _build_a4(
    story: list[Flowable],
    sheet: Stylesheet,
    *,
    title: str,
    author: str,
    language: str,
    printed_on: date,
) -> tuple[bytes, list[int]]:
    buffer = io.BytesIO()
    doc = _GuideDoc(
        buffer, sheet, title=title, author=author, language=language, printed_on=printed_on
    )
    doc.build(story, canvasmaker=_FooterCanvas)
    return buffer.getvalue(), doc.starts


# ---------------------------------------------------------------------------
# The 80 mm slip
# ---------------------------------------------------------------------------


def _slip_help(sender: Sender, texts: dict[str, str]) -> str:
    phone = sender.contact.phone.strip()
    if phone:
        return texts["slip_help"].format(name=sender.municipality_name, phone=unbroken(phone))
    return _hotline(texts)


HOTLINE_PHONE = "70 20 00 00"  # the national Digital Hotline


def unbroken(phone: str) -> str:
    """``phone`` with no-break spaces: a number is never split over two lines."""
    return phone.replace(" ", "\u00a0")


def _hotline(texts: dict[str, str]) -> str:
    return texts["hotline"].format(phone=unbroken(HOTLINE_PHONE))


def _slip_entry(
    solution: Solution,
    matrix: QrMatrix,
    sheet: Stylesheet,
    language: str,
    title_style: ParagraphStyle,
) -> list[Flowable]:
    return [
        _p(solution.title(language), title_style),
        QrCode(matrix, sheet.qr_size, h_align="CENTER"),
        Paragraph(_url_lines(solution.short_url, sheet.url, sheet.frame_width), sheet.url),
    ]


def _build_slip(story: list[Flowable], sheet: Stylesheet, *, title: str, author: str) -> bytes:
    """One page, 80 mm wide and exactly as long as the story (measured with ``wrap``)."""
    width = sheet.frame_width
    height = 2 * sheet.margin_top + 1  # 1 pt slack for rounding
    for n, flowable in enumerate(story):
        _, h = flowable.wrap(width, 10_000)
        height += h
        if n:  # a frame drops the space before its first flowable ...
            height += flowable.getSpaceBefore()
        if n < len(story) - 1:  # ... and needs none after its last
            height += flowable.getSpaceAfter()
    for _attempt in range(_MAX_SLIP_ATTEMPTS):
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(sheet.page_width, height),
            **_document_options(sheet, title, author, bottom=sheet.margin_top),
        )
        frame = _body_frame(sheet, sheet.margin_top, width, height - 2 * sheet.margin_top)
        doc.addPageTemplates([PageTemplate(id="slip", frames=[frame])])
        doc.build(list(story))
        if doc.page == 1:
            return buffer.getvalue()
        height += 6 * mm  # the measure fell short (should not happen): a little longer
    raise AssertionError("slip did not fit one page")  # pragma: no cover


def _slip_story(
    entries: Sequence[Solution],
    codes: _Codes,
    sheet: Stylesheet,
    sender: Sender,
    language: str,
    *,
    heading: str,
) -> list[Flowable]:
    """The slip: the municipality, then each solution's title, QR code and short address (a
    pack's title first, when there is one), and one help line."""
    texts = _TEXTS[language]
    story: list[Flowable] = [_p(sender.municipality_name, sheet.header), Spacer(1, 1.5 * mm)]
    entry_title = sheet.title
    if heading:
        story.append(_p(heading, sheet.title))
        entry_title = sheet.heading
    for n, solution in enumerate(entries):
        if n or heading:
            story.append(_slip_rule())
        story.extend(_slip_entry(solution, codes[solution.url], sheet, language, entry_title))
    story.append(Spacer(1, 2 * mm))
    story.append(_p(_slip_help(sender, texts), sheet.body))
    return story


def _slip_rule() -> Flowable:
    return HRFlowable(
        width="100%", thickness=0.6, color=colors.black, dash=(2, 2), spaceBefore=6, spaceAfter=6
    )


# ---------------------------------------------------------------------------
# Public renderers
# ---------------------------------------------------------------------------


def render_sheet(
    solution: Solution, options: SheetOptions, sender: Sender, *, printed_on: date | None = None
) -> bytes:
    """The printed guide (A4) or slip for one solution, as PDF bytes."""
    with _RENDER_LOCK:
        return _render_sheet(solution, options, sender, printed_on or local_today())


def _render_sheet(
    solution: Solution, options: SheetOptions, sender: Sender, printed_on: date
) -> bytes:
    sheet = stylesheet(options)
    register_fonts()
    language = options.language
    title = solution.title(language)
    codes = _encode([solution])
    if options.format == "slip":
        story = _slip_story([solution], codes, sheet, sender, language, heading="")
        return _build_slip(story, sheet, title=title, author=sender.municipality_name)
    pdf, _ = _build_a4(
        _guide(solution, codes, sheet, sender, language),
        sheet,
        title=title,
        author=sender.municipality_name,
        language=language,
        printed_on=printed_on,
    )
    return pdf


def _pack_cover(
    pack: Pack,
    solutions: Sequence[Solution],
    sheet: Stylesheet,
    sender: Sender,
    language: str,
    *,
    starts: Sequence[int] | None,
) -> list[Flowable]:
    texts = _TEXTS[language]
    story: list[Flowable] = [
        *_header(sheet, sender, texts["guides"]),
        _p(pack.title(language), sheet.title),
    ]
    intro = texts["pack_intro"].format(count=len(solutions), sender=sender.municipality_name)
    story.append(_p(intro, sheet.body))
    story.append(_p(texts["contents"], sheet.heading))
    number_width = pdfmetrics.stringWidth(
        texts["page_ref"].format(number=888), FONT_REGULAR, sheet.body.fontSize
    )
    rows = []
    for n, solution in enumerate(solutions):
        # The first pass does not know the pages yet; "88" holds the same room.
        page = starts[n] if starts is not None and n < len(starts) else 88
        rows.append(
            [
                _p(solution.title(language), sheet.contents, bulletText=f"{n + 1}."),
                _p(texts["page_ref"].format(number=page), sheet.contents_page),
            ]
        )
    if rows:
        gap = sheet.body.fontSize
        table = Table(rows, colWidths=[sheet.frame_width - number_width - gap, number_width + gap])
        table.setStyle(_tight_table(("VALIGN", (1, 0), (1, -1), "BOTTOM")))
        story.append(table)
    story.append(_help_box(sheet, sender, texts))
    return story


def render_pack(
    pack: Pack,
    solutions: Sequence[Solution],
    options: SheetOptions,
    sender: Sender,
    *,
    printed_on: date | None = None,
) -> bytes:
    """Several guides in one document: a cover with the contents, then each solution's guide
    from a new page. As a slip: each solution's title, QR code and short address in turn."""
    with _RENDER_LOCK:
        return _render_pack(pack, solutions, options, sender, printed_on or local_today())


def _render_pack(
    pack: Pack,
    solutions: Sequence[Solution],
    options: SheetOptions,
    sender: Sender,
    printed_on: date,
) -> bytes:
    sheet = stylesheet(options)
    register_fonts()
    language = options.language
    title = pack.title(language)
    codes = _encode(solutions)  # once, though the A4 pack is laid out twice
    if options.format == "slip":
        story = _slip_story(solutions, codes, sheet, sender, language, heading=title)
        return _build_slip(story, sheet, title=title, author=sender.municipality_name)

    def pack_story(starts: Sequence[int] | None) -> list[Flowable]:
        flowables = _pack_cover(pack, solutions, sheet, sender, language, starts=starts)
        for solution in solutions:
            flowables.append(PageBreak())
            flowables.extend(_guide(solution, codes, sheet, sender, language))
        return flowables

    build = functools.partial(
        _build_a4,
        sheet=sheet,
        title=title,
        author=sender.municipality_name,
        language=language,
        printed_on=printed_on,
    )
    # Two passes: the first finds the page each guide begins on, the second prints them.
    _, starts = build(pack_story(None))
    pdf, _ = build(pack_story(starts))
    return pdf
