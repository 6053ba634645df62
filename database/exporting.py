"""Exports for team leaders, the same for the command line and the window.

``csv``: a folder with ``henvendelser.csv`` (one row per contact) and one CSV per aggregated
table; ``xlsx``: one workbook, a sheet per table; ``pdf``: the report with charts and tables;
``komhen``: the counting week's area × channel × information/transaction matrix (CSV or XLSX
by the file's suffix). Every writer reports progress and can be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.catalog import Catalog
from skranke.costs import PriceTable
from skranke.errors import SkrankeError
from skranke.exports import (
    ExportWriteError,
    komhen_matrix,
    tally_tables,
    write_contacts_csv,
    write_komhen_csv,
    write_komhen_xlsx,
    write_tally_csv_files,
    write_tally_xlsx,
)
from skranke.report import Filters, Period
from skranke.vocabulary import Vocabulary

EXPORT_FORMATS = ("csv", "xlsx", "pdf", "komhen")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class UnknownExportFormatError(SkrankeError):
    def __init__(self, export_format: str) -> None:
        self.export_format = export_format
        super().__init__(export_format)


@dataclass(frozen=True)
class ExportRequest:
    period: Period
    filters: Filters
    export_format: str
    out: Path
    municipality_name: str = "Borgerservice"


@dataclass(frozen=True)
class ExportResult:
    paths: tuple[Path, ...]
    contacts: int  # non-voided contacts in the period and filters


def _titles(catalog: Catalog) -> dict[str, str]:
    return {solution.id: solution.title_da for solution in catalog.solutions}


def run_export(
    request: ExportRequest,
    repository: ContactRepository,
    vocabulary: Vocabulary,
    catalog: Catalog,
    price_table: PriceTable,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write the export; raises typed errors (unwritable path, cancelled) that name the path."""
    if request.export_format not in EXPORT_FORMATS:
        raise UnknownExportFormatError(request.export_format)
    if request.export_format == "komhen":
        # A counting week is an ISO week: the one the period starts in.
        year, week, _ = request.period.first.isocalendar()
        period = Period.counting_week(year, week)
    else:
        period = request.period
    tally = tally_in_database(repository, period, request.filters)
    titles = _titles(catalog)
    out = request.out
    if request.export_format == "csv":
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportWriteError(out, error.strerror or str(error)) from error
        start, end = period.utc_bounds()
        contacts = [c for c in repository.between(start, end) if request.filters.matches(c)]
        raw = out / "henvendelser.csv"
        write_contacts_csv(contacts, raw, vocabulary, progress=progress, cancelled=cancelled)
        table_files = write_tally_csv_files(
            tally, out, vocabulary, price_table=price_table, solution_titles=titles,
            cancelled=cancelled,
        )  # fmt: skip
        return ExportResult((raw, *table_files), tally.total)
    if request.export_format == "xlsx":
        write_tally_xlsx(
            tally, out, vocabulary, price_table=price_table, solution_titles=titles,
            progress=progress, cancelled=cancelled,
        )  # fmt: skip
        return ExportResult((out,), tally.total)
    if request.export_format == "komhen":
        matrix = komhen_matrix(tally, vocabulary)
        if out.suffix.lower() == ".xlsx":
            write_komhen_xlsx(matrix, out, vocabulary)
        else:
            write_komhen_csv(matrix, out, vocabulary)
        return ExportResult((out,), tally.total)
    from skranke.charts import render_charts  # noqa: PLC0415 - matplotlib only for the PDF
    from skranke.report_pdf import render_report  # noqa: PLC0415

    charts = render_charts(tally, vocabulary)
    if cancelled is not None and cancelled():
        from skranke.exports import ExportCancelled  # noqa: PLC0415

        raise ExportCancelled
    tables = tally_tables(tally, vocabulary, price_table=price_table, solution_titles=titles)
    pdf = render_report(
        tally, tables, charts, municipality_name=request.municipality_name, progress=progress
    )
    try:
        out.write_bytes(pdf)
    except OSError as error:
        raise ExportWriteError(out, error.strerror or str(error)) from error
    return ExportResult((out,), tally.total)
