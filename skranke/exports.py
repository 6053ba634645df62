"""Exports for team leaders: CSV for Danish Excel, XLSX workbooks and the KOMHEN counting week.

Formats
-------
- **CSV for Danish Excel**: UTF-8 with a byte-order mark (so Excel detects UTF-8 and shows
  æøå), ``;`` as separator (Danish Excel's list separator, since ``,`` is the decimal sign),
  decimal comma in numbers, ``\\r\\n`` line ends. Dates are ISO (2026-11-22), which Excel
  reads as dates in every locale; shares are written as percent numbers in a column headed
  "(%)"; money has two decimals and no thousands separator. Text that Excel would take for a
  formula (starting with ``= + - @``) gets a leading apostrophe.
- **Raw contacts** (one row per contact): voided contacts are left out by default (they count
  nowhere); ``include_voided=True`` keeps them, and the "Annulleret" column says which. Notes
  are never exported (free text is the one place personal data could slip in).
- **Aggregated tables** of a :class:`~skranke.report.Tally`: one CSV file per table, because
  Excel opens a CSV as one plain grid (a file with several table sections breaks sorting,
  filters and charts); the XLSX workbook has them all, one sheet per table, after "Oversigt".
- **KOMHEN counting week**: area × channel × KOMHEN class (information / transaction) for an
  ISO week, as CSV and as an XLSX sheet.

Every writer takes a path or a binary stream. A path is written through ``<name>.part`` and
renamed when complete, so a failed or cancelled export leaves no half file. Long exports report
``progress(done, total)`` and stop when ``cancelled()`` turns true (raising
:class:`ExportCancelled`), so the GUI can run them off the GUI thread. A file that cannot be
written raises :class:`ExportWriteError` naming the path.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from skranke.clock import LOCAL_TZ
from skranke.contact import Contact
from skranke.costs import CostEstimate, PriceTable, estimate_cost
from skranke.errors import SkrankeError
from skranke.report import (
    NOT_ASSESSED,
    WEEKDAYS_DA,
    Filters,
    Period,
    Tally,
    tally,
)
from skranke.vocabulary import KOMHEN_CLASSES, Term, Vocabulary

Output = Path | str | IO[bytes]
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

PROGRESS_STEP = 2000  # rows between progress reports and cancellation checks
SHEET_NAME_MAX = 31
KOMHEN_DA = {"information": "Information", "transaction": "Transaktion"}
YES_NO = ("Nej", "Ja")
TOTAL_DA = "I alt"

FORMATS = {
    "int": "0",
    "share": "0.0%",
    "money": '#,##0.00 "kr."',
    "seconds": "0.0",
    "date": "dd.mm.yyyy",
    "time": "hh:mm:ss",
    "text": "General",
}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill(fill_type="solid", start_color="1F4E79", end_color="1F4E79")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ORE = Decimal("0.01")


class ExportError(SkrankeError):
    """Base of the export errors."""


class ExportWriteError(ExportError):
    """The export could not be written (no such folder, no access, disk full ...)."""

    def __init__(self, path: Path | None, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path if path is not None else '<stream>'}: {detail}")


class ExportCancelled(ExportError):  # noqa: N818 (the name says what happened)
    """The user cancelled the export; nothing was left behind at the path."""


class Share(float):
    """A share (0-1): shown as a percentage. Used where a column holds mixed kinds."""


Cell = str | int | float | Decimal | date | time | None


@dataclass(frozen=True, slots=True)
class Column:
    """``kind``: text, int, share, money, seconds, date, time, or auto (by the value's type)."""

    header: str
    kind: str = "text"
    width: int | None = None


@dataclass
class Table:
    """One aggregated table: a sheet in the workbook, a file among the CSVs."""

    name: str  # Danish sheet name, at most 31 characters
    file_stem: str  # ASCII name of its CSV file
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)


# --- output handling ---------------------------------------------------------------------


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled


@contextmanager
def _binary_output(out: Output) -> Iterator[IO[bytes]]:
    """A binary stream for ``out``; for a path, written to ``.part`` and renamed at the end."""
    if not isinstance(out, str | Path):
        try:
            yield out
        except OSError as error:
            raise ExportWriteError(None, error.strerror or str(error)) from error
        return
    path = Path(out)
    part = path.with_name(path.name + ".part")
    try:
        stream = part.open("wb")
    except OSError as error:
        raise ExportWriteError(path, error.strerror or str(error)) from error
    try:
        with stream:
            yield stream
        os.replace(part, path)
    except OSError as error:
        part.unlink(missing_ok=True)
        raise ExportWriteError(path, error.strerror or str(error)) from error
    except BaseException:
        part.unlink(missing_ok=True)
        raise


@contextmanager
def _csv_writer(out: Output) -> Iterator[Any]:
    """A ``csv`` writer for Danish Excel: UTF-8 with BOM, ``;``, ``\\r\\n``."""
    with _binary_output(out) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        text.write("\ufeff")
        try:
            yield csv.writer(text, delimiter=";", lineterminator="\r\n")
            text.flush()
        finally:
            text.detach()  # leave the caller's stream open


# --- cell formatting ---------------------------------------------------------------------


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _decimal_comma(number: float, places: int) -> str:
    return f"{number:.{places}f}".replace(".", ",")


def _money_text(amount: Decimal) -> str:
    return f"{amount.quantize(_ORE, rounding=ROUND_HALF_UP):f}".replace(".", ",")


def _auto_kind(value: Cell) -> str:
    if isinstance(value, Share):
        return "share"
    if isinstance(value, bool | str) or value is None:
        return "text"
    if isinstance(value, int):
        return "int"
    if isinstance(value, Decimal):
        return "money"
    if isinstance(value, float):
        return "seconds"
    return "time" if isinstance(value, time) else "date"


def _csv_cell(value: Cell, kind: str) -> str:  # noqa: PLR0911
    if value is None:
        return ""
    if kind == "auto":
        text = _csv_cell(value, _auto_kind(value))
        return text + " %" if isinstance(value, Share) else text
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, Decimal):
        return _money_text(value)
    if isinstance(value, float):
        return _decimal_comma(value * 100, 1) if kind == "share" else _decimal_comma(value, 1)
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _csv_header(column: Column) -> str:
    return column.header + " (%)" if column.kind == "share" else column.header


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, Share):
        return float(value)
    return value


# --- vocabulary labels -------------------------------------------------------------------


@dataclass(frozen=True)
class _Labels:
    channels: dict[str, str]
    areas: dict[str, str]
    kinds: dict[str, str]
    outcomes: dict[str, str]
    readiness: dict[str, str]
    requesters: dict[str, str]
    komhen: dict[str, str]  # kind id -> KOMHEN class

    @classmethod
    def of(cls, vocabulary: Vocabulary, language: str = "da") -> _Labels:
        def labels(terms: Iterable[Term]) -> dict[str, str]:
            return {term.id: term.label(language) for term in terms}

        readiness = labels(vocabulary.readiness)
        readiness[NOT_ASSESSED] = "Ikke vurderet" if language == "da" else "Not assessed"
        return cls(
            channels=labels(vocabulary.channels),
            areas=labels(vocabulary.areas),
            kinds=labels(vocabulary.kinds),
            outcomes=labels(vocabulary.outcomes),
            readiness=readiness,
            requesters=labels(vocabulary.requesters),
            komhen={kind.id: kind.komhen for kind in vocabulary.kinds},
        )


def _ordered(known: Iterable[str], present: Iterable[str]) -> list[str]:
    """Vocabulary order first, then ids no longer in the vocabulary (sorted)."""
    order = list(dict.fromkeys(known))
    extra = sorted(set(present) - set(order))
    return order + extra


# --- raw contacts ------------------------------------------------------------------------

CONTACT_COLUMNS = (
    Column("Id", "text", 38),
    Column("Dato", "date", 12),
    Column("Tidspunkt", "time", 10),
    Column("Skranke", "text", 16),
    Column("Kommune", "text", 9),
    Column("Kanal", "text", 12),
    Column("Sagsområde", "text", 24),
    Column("Henvendelsestype", "text", 16),
    Column("Udfald", "text", 26),
    Column("Medbetjening", "text", 13),
    Column("Digital parathed", "text", 16),
    Column("Brugertype", "text", 12),
    Column("På vegne af andre", "text", 10),
    Column("Fritaget", "text", 9),
    Column("Ekspeditionstid (sek.)", "int", 12),
    Column("Løsninger vist (QR)", "text", 24),
    Column("Vejledninger printet", "text", 24),
    Column("Annulleret", "text", 11),
)


def _contact_rows(
    contacts: Sequence[Contact],
    vocabulary: Vocabulary,
    include_voided: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> Iterator[tuple[Cell, ...]]:
    labels = _Labels.of(vocabulary)
    total = len(contacts)
    for done, contact in enumerate(contacts):
        if done % PROGRESS_STEP == 0:
            _check(cancelled)
            if progress is not None:
                progress(done, total)
        if contact.voided_at is not None and not include_voided:
            continue
        local = contact.logged_at.astimezone(LOCAL_TZ)
        shown = ", ".join(h.solution for h in contact.handouts if h.how == "qr")
        printed = ", ".join(h.solution for h in contact.handouts if h.how == "sheet")
        readiness = contact.readiness or NOT_ASSESSED
        yield (
            str(contact.id),
            local.date(),
            local.time().replace(microsecond=0, tzinfo=None),
            contact.desk,
            contact.municipality,
            labels.channels.get(contact.channel, contact.channel),
            labels.areas.get(contact.area, contact.area),
            labels.kinds.get(contact.kind, contact.kind),
            labels.outcomes.get(contact.outcome, contact.outcome),
            contact.assisted,
            labels.readiness.get(readiness, readiness),
            labels.requesters.get(contact.requester, contact.requester),
            contact.on_behalf,
            contact.exemption,
            contact.duration_seconds,
            shown,
            printed,
            contact.voided_at is not None,
        )
    _check(cancelled)
    if progress is not None:
        progress(total, total)


def write_contacts_csv(
    contacts: Sequence[Contact],
    out: Output,
    vocabulary: Vocabulary,
    *,
    include_voided: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """One row per contact, Danish labels, for Danish Excel. Returns the rows written."""
    written = 0
    kinds = [column.kind for column in CONTACT_COLUMNS]
    with _csv_writer(out) as writer:
        writer.writerow([column.header for column in CONTACT_COLUMNS])
        for row in _contact_rows(contacts, vocabulary, include_voided, progress, cancelled):
            writer.writerow(
                [_csv_cell(value, kind) for value, kind in zip(row, kinds, strict=True)]
            )
            written += 1
    return written


def write_contacts_xlsx(
    contacts: Sequence[Contact],
    out: Output,
    vocabulary: Vocabulary,
    *,
    include_voided: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """One row per contact in a sheet "Henvendelser" (openpyxl's write-only mode, so a year
    of contacts fits in memory). Returns the rows written. Excel's limit is 1,048,575 rows."""
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet("Henvendelser")
    _prepare_sheet(sheet, CONTACT_COLUMNS)
    written = 0
    with _binary_output(out) as stream:  # an unwritable path fails before the long part
        try:
            sheet.append(_header_cells(sheet, CONTACT_COLUMNS))
            for row in _contact_rows(contacts, vocabulary, include_voided, progress, cancelled):
                sheet.append([_xlsx_value(value) for value in row])
                written += 1
        except BaseException:
            _discard_write_only(sheet)
            raise
        workbook.save(stream)
    return written


def _discard_write_only(sheet: Any) -> None:
    """Close a write-only sheet that will not be saved and remove its temporary file."""
    try:
        sheet.close()
        sheet._writer.cleanup()
    except Exception:  # noqa: S110 (best effort: the export already failed)
        pass


# --- aggregated tables -------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _count_table(
    name: str,
    stem: str,
    header: str,
    *,
    counts: Mapping[str, int],
    order: Iterable[str],
    labels: Mapping[str, str],
    total: int,
) -> Table:
    table = Table(
        name, stem, (Column(header, "text", 30), Column("Antal", "int"), Column("Andel", "share"))
    )
    for key in _ordered(order, counts):
        n = counts.get(key, 0)
        table.rows.append((labels.get(key, key), n, _share(n, total)))
    table.rows.append((TOTAL_DA, total, _share(total, total)))
    return table


def _filters_text(filters: Filters, labels: _Labels) -> str:
    parts = []
    for title, chosen, names in (
        ("Skranker", filters.desks, {}),
        ("Kanaler", filters.channels, labels.channels),
        ("Sagsområder", filters.areas, labels.areas),
        ("Udfald", filters.outcomes, labels.outcomes),
        ("Kommuner", filters.municipalities, {}),
    ):
        if chosen is not None:
            parts.append(f"{title}: " + ", ".join(sorted(names.get(c, c) for c in chosen)))
    return "; ".join(parts) or "Ingen (alle henvendelser)"


def overview_table(tally: Tally, vocabulary: Vocabulary, cost: CostEstimate | None = None) -> Table:
    """The first sheet: period, filters, key figures and the price table's source and year."""
    labels = _Labels.of(vocabulary)
    table = Table(
        "Oversigt", "oversigt", (Column("Nøgletal", "text", 44), Column("Værdi", "auto", 60))
    )

    def share(value: float | None) -> Share | None:
        return None if value is None else Share(value)

    rows: list[tuple[Cell, ...]] = [
        ("Periode", tally.period.label()),
        ("Fra og med", tally.period.first),
        ("Til og med", tally.period.last),
        ("Filtre", _filters_text(tally.filters, labels)),
        ("Henvendelser i alt", tally.total),
    ]
    rows += [
        (f"– heraf {labels.channels.get(channel, channel)}", tally.by_channel.get(channel, 0))
        for channel in _ordered(labels.channels, tally.by_channel)
    ]
    rows += [
        ("Medbetjening (hjælp til selvbetjening)", tally.assisted),
        ("Andel med medbetjening", share(tally.assisted_share)),
        ("Andel ekspederet af medarbejder", share(tally.handled_by_staff_share)),
        ("Flyttet til selvbetjening (hjulpet eller henvist)", tally.moved_to_self_service),
        ("Andel flyttet til selvbetjening", share(tally.moved_to_self_service_share)),
        ("Henvist til selvbetjening", tally.referred_to_self_service),
        ("Henvist videre", tally.referrals),
        ("Fremmøde uden hjælp til selvbetjening", tally.in_person_without_assisted),
        ("Henvendelser med ekspeditionstid", tally.timed),
        ("Gennemsnitlig ekspeditionstid (sek.)", tally.average_seconds),
        ("Median ekspeditionstid (sek.)", tally.median_seconds),
        ("Løsninger vist (QR)", sum(tally.solutions_shown.values())),
        ("Vejledninger printet", sum(tally.sheets_printed.values())),
    ]
    if cost is not None:
        rows += [
            ("Anslået omkostning i alt", cost.total),
            ("Henvendelser uden pris (fx video, chat)", cost.unpriced),
            ("Kanalpriser: kilde", cost.source),
            ("Kanalpriser: år", str(cost.year)),
        ]
    table.rows = rows
    return table


def _cost_table(tally: Tally, cost: CostEstimate, prices: PriceTable, labels: _Labels) -> Table:
    table = Table(
        "Omkostninger",
        "omkostninger",
        (
            Column("Kanal", "text", 22),
            Column("Prisrække", "text", 24),
            Column("Antal", "int"),
            Column("Pris information", "money", 16),
            Column("Pris transaktion", "money", 16),
            Column("Uden pris (antal)", "int", 12),
            Column("Anslået omkostning", "money", 20),
        ),
    )
    for channel in _ordered(labels.channels, tally.by_channel):
        row = prices.row_for_channel(channel)
        table.rows.append(
            (
                labels.channels.get(channel, channel),
                row.da if row is not None else "uden pris",
                tally.by_channel.get(channel, 0),
                row.information if row is not None else None,
                row.transaction if row is not None else None,
                cost.unpriced_by_channel.get(channel, 0),
                cost.by_channel.get(channel, Decimal(0)),
            )
        )
    table.rows.append((TOTAL_DA, "", tally.total, None, None, cost.unpriced, cost.total))
    return table


def _price_table_table(prices: PriceTable) -> Table:
    table = Table(
        "Kanalpriser",
        "kanalpriser",
        (
            Column("Kanal", "text", 44),
            Column("Information (kr.)", "money", 18),
            Column("Transaktion (kr.)", "money", 18),
        ),
    )
    table.rows = [(row.da, row.information, row.transaction) for row in prices.rows]
    table.rows.append((f"Kilde: {prices.source} ({prices.year})", None, None))
    return table


def tally_tables(
    tally: Tally,
    vocabulary: Vocabulary,
    *,
    price_table: PriceTable | None = None,
    solution_titles: Mapping[str, str] | None = None,
) -> list[Table]:
    """Every aggregated table of a tally, "Oversigt" first, with Danish labels."""
    labels = _Labels.of(vocabulary)
    cost = None if price_table is None else estimate_cost(tally, price_table, vocabulary)
    total = tally.total
    channels = _ordered(labels.channels, tally.by_channel)
    outcomes = _ordered(labels.outcomes, tally.by_outcome)
    tables = [overview_table(tally, vocabulary, cost)]
    visible = [area.id for area in vocabulary.visible_areas]
    for name, stem, counts, order, term_labels in (
        ("Kanal", "kanal", tally.by_channel, labels.channels, labels.channels),
        ("Sagsområde", "sagsomraade", tally.by_area, visible, labels.areas),
        ("Henvendelsestype", "henvendelsestype", tally.by_kind, labels.kinds, labels.kinds),
        ("Udfald", "udfald", tally.by_outcome, labels.outcomes, labels.outcomes),
        ("Digital parathed", "digital_parathed", tally.by_readiness, labels.readiness,
         labels.readiness),
        ("Brugertype", "brugertype", tally.by_requester, labels.requesters, labels.requesters),
    ):  # fmt: skip
        table = _count_table(
            name, stem, name, counts=counts, order=order, labels=term_labels, total=total
        )
        if stem == "henvendelsestype":
            table.columns = (*table.columns, Column("KOMHEN-klasse", "text", 14))
            keys = [*_ordered(labels.kinds, tally.by_kind), ""]
            table.rows = [
                (*row, KOMHEN_DA.get(labels.komhen.get(key, ""), ""))
                for row, key in zip(table.rows, keys, strict=True)
            ]
        tables.append(table)

    by_area_outcome = Table(
        "Sagsområde og udfald",
        "sagsomraade_udfald",
        (
            Column("Sagsområde", "text", 30),
            *(Column(labels.outcomes.get(o, o), "int", 16) for o in outcomes),
            Column(TOTAL_DA, "int"),
        ),
    )
    areas_by_size = sorted(tally.area_outcome, key=lambda a: (-tally.by_area.get(a, 0), a))
    for area in areas_by_size:
        row = tally.area_outcome[area]
        by_area_outcome.rows.append(
            (labels.areas.get(area, area), *(row.get(o, 0) for o in outcomes), sum(row.values()))
        )
    by_area_outcome.rows.append((TOTAL_DA, *(tally.by_outcome.get(o, 0) for o in outcomes), total))
    tables.append(by_area_outcome)

    per_day = Table(
        "Pr. dag",
        "pr_dag",
        (
            Column("Dato", "date", 12),
            Column("Ugedag", "text", 10),
            *(Column(labels.channels.get(c, c), "int") for c in channels),
            Column(TOTAL_DA, "int"),
        ),
    )
    for day in tally.period.dates():  # every day, also those without contacts
        counts = tally.per_day.get(day, {})
        per_day.rows.append(
            (day, WEEKDAYS_DA[day.weekday()], *(counts.get(c, 0) for c in channels),
             sum(counts.values()))
        )  # fmt: skip
    tables.append(per_day)

    hours = Table(
        "Time og ugedag",
        "time_ugedag",
        (
            Column("Time", "text", 12),
            *(Column(name, "int") for name in WEEKDAYS_DA),
            Column(TOTAL_DA, "int"),
        ),
    )
    for hour in range(24):
        row_counts = [tally.hour_weekday[weekday][hour] for weekday in range(7)]
        hours.rows.append((f"{hour:02d}–{(hour + 1) % 24:02d}", *row_counts, sum(row_counts)))
    tables.append(hours)

    weekly = Table(
        "Medbetjening pr. uge",
        "medbetjening_pr_uge",
        (
            Column("Uge", "text", 14),
            Column("Henvendelser", "int", 14),
            Column("Medbetjening", "int", 14),
            Column("Andel medbetjening", "share", 18),
        ),
    )
    for (year, week), (week_total, week_assisted) in tally.weekly.items():
        weekly.rows.append(
            (f"Uge {week}, {year}", week_total, week_assisted, _share(week_assisted, week_total))
        )
    tables.append(weekly)

    titles = solution_titles or {}
    handouts = Table(
        "Løsninger udleveret",
        "loesninger",
        (
            Column("Løsning", "text", 44),
            Column("Id", "text", 28),
            Column("Vist som QR-kode", "int", 16),
            Column("Vejledning printet", "int", 18),
        ),
    )
    solutions = set(tally.solutions_shown) | set(tally.sheets_printed)
    ranked = sorted(
        solutions,
        key=lambda s: (-tally.solutions_shown[s] - tally.sheets_printed[s], s),
    )
    handouts.rows = [
        (titles.get(s, s), s, tally.solutions_shown[s], tally.sheets_printed[s]) for s in ranked
    ]
    tables.append(handouts)
    if price_table is not None and cost is not None:
        tables.append(_cost_table(tally, cost, price_table, labels))
        tables.append(_price_table_table(price_table))
    return tables


# --- KOMHEN counting week ----------------------------------------------------------------


@dataclass(frozen=True)
class KomhenMatrix:
    """Counts by area × channel × KOMHEN class for a period (normally one counting week)."""

    period: Period
    areas: tuple[str, ...]
    channels: tuple[str, ...]
    counts: dict[tuple[str, str, str], int]  # (area, channel, KOMHEN class) -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def komhen_matrix(tally: Tally, vocabulary: Vocabulary) -> KomhenMatrix:
    """The KOMHEN matrix of a tally. A kind unknown to the vocabulary counts as information."""
    komhen_of = {kind.id: kind.komhen for kind in vocabulary.kinds}
    counts: dict[tuple[str, str, str], int] = {}
    for (channel, area, kind, _outcome), n in tally.cube.items():
        key = (area, channel, komhen_of.get(kind, "information"))
        counts[key] = counts.get(key, 0) + n
    areas = _ordered((a.id for a in vocabulary.visible_areas), (a for a, _, _ in counts))
    channels = _ordered((c.id for c in vocabulary.channels), (c for _, c, _ in counts))
    return KomhenMatrix(tally.period, tuple(areas), tuple(channels), counts)


def komhen_week(
    contacts: Iterable[Contact],
    year: int,
    week: int,
    vocabulary: Vocabulary,
    filters: Filters | None = None,
) -> KomhenMatrix:
    """The KOMHEN matrix of ISO week ``week`` of ``year`` (a counting week, tælleuge)."""
    period = Period.counting_week(year, week)
    return komhen_matrix(tally(contacts, period, filters or Filters()), vocabulary)


def komhen_table(matrix: KomhenMatrix, vocabulary: Vocabulary) -> Table:
    """Areas down, channel × class across ("Fremmøde – Information" ...), with totals."""
    labels = _Labels.of(vocabulary)
    pairs = [(channel, klass) for channel in matrix.channels for klass in KOMHEN_CLASSES]
    table = Table(
        "KOMHEN " + matrix.period.label()[: SHEET_NAME_MAX - 7],
        "komhen",
        (
            Column("Sagsområde", "text", 30),
            *(
                Column(f"{labels.channels.get(c, c)} – {KOMHEN_DA.get(k, k)}", "int", 14)
                for c, k in pairs
            ),
            Column(TOTAL_DA, "int"),
        ),
    )
    for area in matrix.areas:
        cells = [matrix.counts.get((area, c, k), 0) for c, k in pairs]
        table.rows.append((labels.areas.get(area, area), *cells, sum(cells)))
    column_totals = [sum(matrix.counts.get((a, c, k), 0) for a in matrix.areas) for c, k in pairs]
    table.rows.append((TOTAL_DA, *column_totals, matrix.total))
    return table


def komhen_weeks(period: Period) -> list[Period]:
    """The ISO weeks (counting weeks) that ``period`` touches, each cut to the period.

    A whole week is a ``counting_week``; a week the period covers only in part keeps just
    those days (a ``custom`` period), so no day is dropped and none is added.
    """
    weeks: list[Period] = []
    monday = period.first - timedelta(days=period.first.weekday())
    while monday <= period.last:
        sunday = monday + timedelta(days=6)
        if period.first <= monday and sunday <= period.last:
            year, week, _ = monday.isocalendar()
            weeks.append(Period.counting_week(year, week))
        else:
            weeks.append(Period.custom(max(monday, period.first), min(sunday, period.last)))
        monday += timedelta(days=7)
    return weeks


def komhen_week_label(period: Period) -> str:
    """ "Uge 47, 2026" for a whole counting week, "Uge 48, 2026 (delvis)" for part of one."""
    year, week, _ = period.first.isocalendar()
    whole = period.days == 7 and period.first.weekday() == 0
    return f"Uge {week}, {year}" + ("" if whole else " (delvis)")


def komhen_weeks_table(matrices: Sequence[KomhenMatrix], vocabulary: Vocabulary) -> Table:
    """All weeks (at least one) in one grid for CSV: the week and its first and last day
    before the areas, and an "I alt" row per week."""
    # The same areas and channels in every week, so the columns line up.
    areas = tuple(dict.fromkeys(a for matrix in matrices for a in matrix.areas))
    channels = tuple(dict.fromkeys(c for matrix in matrices for c in matrix.channels))
    tables = [
        komhen_table(KomhenMatrix(m.period, areas, channels, m.counts), vocabulary)
        for m in matrices
    ]
    week_columns = (Column("Uge", "text", 20), Column("Fra", "date", 12), Column("Til", "date"))
    combined = Table("KOMHEN", "komhen", (*week_columns, *tables[0].columns))
    for matrix, table in zip(matrices, tables, strict=True):
        week = (komhen_week_label(matrix.period), matrix.period.first, matrix.period.last)
        combined.rows.extend((*week, *row) for row in table.rows)
    return combined


def write_komhen_csv(matrices: Sequence[KomhenMatrix], out: Output, vocabulary: Vocabulary) -> None:
    """Every counting week in one CSV, one block of rows per week."""
    write_table_csv(komhen_weeks_table(matrices, vocabulary), out)


def write_komhen_xlsx(
    matrices: Sequence[KomhenMatrix], out: Output, vocabulary: Vocabulary
) -> None:
    """One sheet per counting week, named after the week ("KOMHEN uge 47, 2026")."""
    workbook = Workbook()
    assert workbook.active is not None
    workbook.remove(workbook.active)
    for matrix in matrices:
        table = komhen_table(matrix, vocabulary)
        table.name = "KOMHEN " + komhen_week_label(matrix.period).replace("U", "u", 1)
        add_table_sheet(workbook, table)
    with _binary_output(out) as stream:
        workbook.save(stream)


# --- writers for tables ------------------------------------------------------------------


def write_table_csv(table: Table, out: Output) -> None:
    """One table as one CSV for Danish Excel."""
    kinds = [column.kind for column in table.columns]
    with _csv_writer(out) as writer:
        writer.writerow([_csv_header(column) for column in table.columns])
        for row in table.rows:
            writer.writerow(
                [_csv_cell(value, kind) for value, kind in zip(row, kinds, strict=True)]
            )


def write_tally_csv_files(
    tally: Tally,
    folder: Path,
    vocabulary: Vocabulary,
    *,
    price_table: PriceTable | None = None,
    solution_titles: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Path]:
    """Each aggregated table as ``<folder>/<table>.csv`` (e.g. ``kanal.csv``)."""
    tables = tally_tables(
        tally, vocabulary, price_table=price_table, solution_titles=solution_titles
    )
    written: list[Path] = []
    for done, table in enumerate(tables):
        _check(cancelled)
        if progress is not None:
            progress(done, len(tables))
        path = folder / f"{table.file_stem}.csv"
        write_table_csv(table, path)
        written.append(path)
    if progress is not None:
        progress(len(tables), len(tables))
    return written


def write_tally_csv_zip(
    tally: Tally,
    out: Output,
    vocabulary: Vocabulary,
    *,
    price_table: PriceTable | None = None,
    solution_titles: Mapping[str, str] | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Each aggregated table as ``<table>.csv`` in one ZIP archive."""
    tables = tally_tables(
        tally, vocabulary, price_table=price_table, solution_titles=solution_titles
    )
    now = datetime.now().timetuple()[:6]
    with _binary_output(out) as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in tables:
            _check(cancelled)
            member_info = zipfile.ZipInfo(f"{table.file_stem}.csv", now)
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(member_info, "w") as member:
                write_table_csv(table, member)


def _header_cells(sheet: Any, columns: Sequence[Column]) -> list[Any]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def _prepare_sheet(sheet: Any, columns: Sequence[Column]) -> None:
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = column.width or max(10, len(column.header) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width


def sheet_name(name: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    return name[:SHEET_NAME_MAX]


def add_table_sheet(workbook: Workbook, table: Table) -> Worksheet:
    """A sheet with a bold filled header, frozen header row, number formats, widths."""
    sheet: Worksheet = workbook.create_sheet(sheet_name(table.name))
    _prepare_sheet(sheet, table.columns)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row_index, row in enumerate(table.rows, start=2):
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=row_index, column=index, value=_xlsx_value(value))
            kind = _auto_kind(value) if column.kind == "auto" else column.kind
            if value is not None and kind != "text":
                cell.number_format = FORMATS[kind]
    if table.rows and table.rows[-1][0] == TOTAL_DA:
        for total_cell in sheet[len(table.rows) + 1]:
            total_cell.font = Font(bold=True)
    return sheet


def write_tally_xlsx(
    tally: Tally,
    out: Output,
    vocabulary: Vocabulary,
    *,
    price_table: PriceTable | None = None,
    solution_titles: Mapping[str, str] | None = None,
    komhen: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """A workbook with "Oversigt" first and one sheet per aggregated table (and the KOMHEN
    matrix of the tally's period when ``komhen``)."""
    tables = tally_tables(
        tally, vocabulary, price_table=price_table, solution_titles=solution_titles
    )
    if komhen:
        tables.append(komhen_table(komhen_matrix(tally, vocabulary), vocabulary))
    workbook = Workbook()
    assert workbook.active is not None
    workbook.remove(workbook.active)
    for done, table in enumerate(tables):
        _check(cancelled)
        if progress is not None:
            progress(done, len(tables))
        add_table_sheet(workbook, table)
    _check(cancelled)
    with _binary_output(out) as stream:
        workbook.save(stream)
    if progress is not None:
        progress(len(tables), len(tables))
