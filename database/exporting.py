"""Exports for team leaders, the same for the command line and the window.

The formats are the exporters registered in :mod:`skranke.exporters` (``csv``: one row per
contact; ``csv-tables``: the aggregated tables as a folder or a ZIP; ``xlsx``; ``pdf``;
``komhen``: every counting week in the period). This module supplies them with tallies and
contacts from the database. Every writer reports progress and can be cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from database.reports import tally_in_database
from database.repository import ContactRepository
from skranke.catalog import Catalog
from skranke.contact import Contact
from skranke.costs import PriceTable
from skranke.exporters import (
    EXPORTERS,
    Cancelled,
    ExportJob,
    ExportResult,
    Progress,
    UnknownExportFormatError,
    exporter,
)
from skranke.hotline import HotlineConfig
from skranke.report import Filters, Period, Tally
from skranke.vocabulary import Vocabulary

__all__ = [
    "EXPORTERS",
    "ExportRequest",
    "ExportResult",
    "UnknownExportFormatError",
    "run_export",
]


@dataclass(frozen=True)
class ExportRequest:
    period: Period
    filters: Filters
    export_format: str  # an id in EXPORTERS
    out: Path
    municipality_name: str = "Borgerservice"
    hotline: HotlineConfig | None = None  # the shared hotline's settings, for its exports


@dataclass(frozen=True)
class _DatabaseSource:
    """An :class:`~skranke.exporters.ExportSource` reading one repository through filters."""

    repository: ContactRepository
    filters: Filters
    vocabulary: Vocabulary
    price_table: PriceTable
    catalog: Catalog
    municipality_name: str
    hotline: HotlineConfig | None = None

    @cached_property
    def solution_titles(self) -> Mapping[str, str]:
        return {solution.id: solution.title_da for solution in self.catalog.solutions}

    def tally(self, period: Period) -> Tally:
        return tally_in_database(self.repository, period, self.filters)

    def contacts(self, period: Period) -> Sequence[Contact]:
        start, end = period.utc_bounds()
        return [c for c in self.repository.between(start, end) if self.filters.matches(c)]


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
    chosen = exporter(request.export_format)
    chosen.check(request.period, request.out)
    source = _DatabaseSource(
        repository, request.filters, vocabulary, price_table, catalog, request.municipality_name,
        request.hotline,
    )  # fmt: skip
    return chosen.write(ExportJob(source, request.period, request.out, progress, cancelled))
