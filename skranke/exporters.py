"""Export formats as types: one registry of exporters (pretix's exporter pattern).

Each exporter says what it is called (Danish and English), which file suffix it writes, whether
it writes a folder, and writes itself from an :class:`ExportSource` (the database supplies the
tallies and contacts). The command line's ``--format`` choices, the team view's export buttons
and ``database.exporting.run_export`` all come from :data:`EXPORTERS`.

Importing this module is cheap (no openpyxl, no reportlab): the command line builds its
``--format`` choices from it on every start. The writers are loaded when an export runs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from skranke.errors import SkrankeError

if TYPE_CHECKING:
    from skranke.contact import Contact
    from skranke.costs import PriceTable
    from skranke.hotline import HotlineConfig, HotlineReport
    from skranke.report import Period, Tally
    from skranke.vocabulary import Vocabulary

Progress = Callable[[int, int], None]
MAX_KOMHEN_WEEKS = 106  # two years of counting weeks (a sheet each)
Cancelled = Callable[[], bool]


class UnknownExportFormatError(SkrankeError):
    def __init__(self, export_format: str) -> None:
        self.export_format = export_format
        super().__init__(export_format)


class ExportPeriodTooLongError(SkrankeError):
    """The period is longer than the format allows (``maximum_days``): a KOMHEN export writes
    a sheet per week, and a century of weeks is no counting week anyone reads."""

    def __init__(self, export_id: str, days: int, maximum_days: int) -> None:
        self.export_id = export_id
        self.days = days
        self.maximum_days = maximum_days
        super().__init__(f"{export_id}: {days} days > {maximum_days}")


class ExportSuffixError(SkrankeError):
    """The file's name ends otherwise than what the format writes (``suffixes``; a folder
    exporter also takes a name without a suffix, as a folder)."""

    def __init__(self, export_id: str, out: Path, suffixes: tuple[str, ...], folder: bool) -> None:
        self.export_id = export_id
        self.out = out
        self.suffixes = suffixes
        self.folder = folder
        super().__init__(f"{export_id}: {out.name} not {' / '.join(suffixes)}")


class CounterContactsInHotlineError(SkrankeError):
    """A hotline export over contacts logged in person at a counter (``at_counter`` of
    ``contacts``): an ordinary desk's database, whose every contact would be billed as a
    hotline call. ``desk``: the hotline desk the export was limited to, if any."""

    def __init__(self, at_counter: int, contacts: int, desk: str | None) -> None:
        self.at_counter = at_counter
        self.contacts = contacts
        self.desk = desk
        super().__init__(f"{at_counter} of {contacts} contacts in person")


class ExportSource(Protocol):
    """What an exporter reads; the filters are already applied."""

    @property
    def vocabulary(self) -> Vocabulary: ...
    @property
    def price_table(self) -> PriceTable: ...
    @property
    def solution_titles(self) -> Mapping[str, str]: ...
    @property
    def municipality_name(self) -> str: ...
    @property
    def hotline(self) -> HotlineConfig | None: ...  # the shared hotline, when configured
    def tally(self, period: Period) -> Tally: ...
    def contacts(self, period: Period) -> Sequence[Contact]: ...


@dataclass(frozen=True)
class ExportJob:
    """One export to write: what to read, which days, where to, and how to report."""

    source: ExportSource
    period: Period
    out: Path
    progress: Progress | None = None
    cancelled: Cancelled | None = None


@dataclass(frozen=True)
class ExportResult:
    paths: tuple[Path, ...]
    contacts: int  # non-voided contacts in the period and filters


class Exporter(ABC):
    """One export format. Subclasses set the class attributes and implement :meth:`write`."""

    id: ClassVar[str]
    label_da: ClassVar[str]
    label_en: ClassVar[str]
    suffix: ClassVar[str]  # of the file written; of the archive for a folder exporter
    folder: ClassVar[bool] = False  # writes a folder (or, given a ``suffix`` name, an archive)
    other_suffixes: ClassVar[tuple[str, ...]] = ()  # also written, by the name's suffix
    max_days: ClassVar[int | None] = None  # the longest period it writes; None: any

    @classmethod
    def label(cls, language: str = "da") -> str:
        return cls.label_da if language == "da" else cls.label_en

    @classmethod
    def check(cls, period: Period, out: Path) -> None:
        """Refuse, before anything is read or written, a period longer than the format
        allows and a name whose suffix says another format than the one written."""
        if cls.max_days is not None and period.days > cls.max_days:
            raise ExportPeriodTooLongError(cls.id, period.days, cls.max_days)
        suffixes = (cls.suffix, *cls.other_suffixes)
        if out.suffix.lower() in suffixes or out.is_dir():
            return  # a folder: a folder exporter writes into it, a file exporter refuses it
        if cls.folder and out.suffix == "":
            return
        raise ExportSuffixError(cls.id, out, suffixes, cls.folder)

    @abstractmethod
    def write(self, job: ExportJob) -> ExportResult:
        """Write the export to ``job.out``; raises typed errors that name the path."""


EXPORTERS: dict[str, type[Exporter]] = {}
_E = TypeVar("_E", bound=type[Exporter])


def register(cls: _E) -> _E:
    EXPORTERS[cls.id] = cls
    return cls


def exporter(export_format: str) -> Exporter:
    """The exporter with id ``export_format``."""
    try:
        return EXPORTERS[export_format]()
    except KeyError:
        raise UnknownExportFormatError(export_format) from None


def _file(job: ExportJob) -> Path:
    """``job.out``, which must not be a folder (a file exporter was given one)."""
    if job.out.is_dir():
        from skranke.exports import ExportWriteError  # noqa: PLC0415

        raise ExportWriteError(job.out, "det er en mappe; angiv et filnavn")
    return job.out


def _tables_options(job: ExportJob) -> dict[str, Any]:
    """What every writer of the aggregated tables is given besides the tally."""
    return {"price_table": job.source.price_table, "solution_titles": job.source.solution_titles}


@register
class ContactsCsv(Exporter):
    id = "csv"
    label_da = "CSV til Excel (henvendelser)"
    label_en = "CSV for Excel (contacts)"
    suffix = ".csv"

    def write(self, job: ExportJob) -> ExportResult:
        from skranke.exports import write_contacts_csv  # noqa: PLC0415

        out = _file(job)
        contacts = job.source.contacts(job.period)
        written = write_contacts_csv(
            contacts, out, job.source.vocabulary, progress=job.progress, cancelled=job.cancelled
        )
        return ExportResult((out,), written)


@register
class TablesCsv(Exporter):
    id = "csv-tables"
    label_da = "CSV-tabeller (en fil pr. tabel)"
    label_en = "CSV tables (a file per table)"
    suffix = ".zip"
    folder = True

    def write(self, job: ExportJob) -> ExportResult:
        from skranke.exports import (  # noqa: PLC0415
            ExportWriteError,
            write_tally_csv_files,
            write_tally_csv_zip,
        )

        tally = job.source.tally(job.period)
        if job.out.suffix.lower() == self.suffix:
            out = _file(job)
            write_tally_csv_zip(
                tally, out, job.source.vocabulary, cancelled=job.cancelled, **_tables_options(job)
            )
            return ExportResult((out,), tally.total)
        try:
            job.out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportWriteError(job.out, error.strerror or str(error)) from error
        files = write_tally_csv_files(
            tally, job.out, job.source.vocabulary, progress=job.progress, cancelled=job.cancelled,
            **_tables_options(job),
        )  # fmt: skip
        return ExportResult(tuple(files), tally.total)


@register
class Workbook(Exporter):
    id = "xlsx"
    label_da = "Excel (XLSX)"
    label_en = "Excel (XLSX)"
    suffix = ".xlsx"

    def write(self, job: ExportJob) -> ExportResult:
        from skranke.exports import write_tally_xlsx  # noqa: PLC0415

        out = _file(job)
        tally = job.source.tally(job.period)
        write_tally_xlsx(
            tally, out, job.source.vocabulary, progress=job.progress, cancelled=job.cancelled,
            **_tables_options(job),
        )  # fmt: skip
        return ExportResult((out,), tally.total)


@register
class ReportPdf(Exporter):
    id = "pdf"
    label_da = "PDF-rapport"
    label_en = "PDF report"
    suffix = ".pdf"

    def write(self, job: ExportJob) -> ExportResult:
        from skranke.charts import render_charts  # noqa: PLC0415 - matplotlib only here
        from skranke.exports import ExportCancelled, ExportWriteError, tally_tables  # noqa: PLC0415
        from skranke.report_pdf import render_report  # noqa: PLC0415

        out = _file(job)
        source = job.source
        tally = source.tally(job.period)
        charts = render_charts(tally, source.vocabulary)
        if job.cancelled is not None and job.cancelled():
            raise ExportCancelled
        tables = tally_tables(tally, source.vocabulary, **_tables_options(job))
        pdf = render_report(
            tally, tables, charts, municipality_name=source.municipality_name,
            progress=job.progress,
        )  # fmt: skip
        try:
            out.write_bytes(pdf)
        except OSError as error:
            raise ExportWriteError(out, error.strerror or str(error)) from error
        return ExportResult((out,), tally.total)


@register
class Komhen(Exporter):
    """Every counting week (ISO week) in the period: a sheet per week in XLSX, a week column
    in CSV (a ``.csv`` name). A week the period covers only in part is marked "(delvis)"."""

    id = "komhen"
    label_da = "KOMHEN-tælleuger"
    label_en = "KOMHEN counting weeks"
    suffix = ".xlsx"
    other_suffixes = (".csv",)
    max_days = MAX_KOMHEN_WEEKS * 7

    def write(self, job: ExportJob) -> ExportResult:
        from skranke.exports import (  # noqa: PLC0415
            ExportCancelled,
            komhen_matrix,
            komhen_weeks,
            write_komhen_csv,
            write_komhen_xlsx,
        )

        out = _file(job)
        weeks = komhen_weeks(job.period)
        matrices = []
        for done, week in enumerate(weeks):
            if job.cancelled is not None and job.cancelled():
                raise ExportCancelled
            if job.progress is not None:
                job.progress(done, len(weeks))
            matrices.append(komhen_matrix(job.source.tally(week), job.source.vocabulary))
        write = write_komhen_csv if out.suffix.lower() == ".csv" else write_komhen_xlsx
        write(matrices, out, job.source.vocabulary)
        if job.progress is not None:
            job.progress(len(weeks), len(weeks))
        return ExportResult((out,), sum(matrix.total for matrix in matrices))


class _Hotline(Exporter):
    """The shared evening hotline: calls per participating (caller's) municipality and the
    cost split. Without a configured hotline, every caller's municipality takes part."""

    def write(self, job: ExportJob) -> ExportResult:
        from skranke.exports import ExportCancelled  # noqa: PLC0415
        from skranke.hotline import hotline_report  # noqa: PLC0415
        from skranke.hotline_export import config_from_contacts  # noqa: PLC0415

        out = _file(job)
        source = job.source
        contacts = source.contacts(job.period)
        config = source.hotline or config_from_contacts(contacts)
        _refuse_counter_contacts(contacts, config.desk)
        report = hotline_report(contacts, job.period, config, source.price_table, source.vocabulary)
        if job.cancelled is not None and job.cancelled():
            raise ExportCancelled
        self.render(report, contacts, source.vocabulary, out)
        if job.progress is not None:
            job.progress(1, 1)
        return ExportResult((out,), report.calls)

    @abstractmethod
    def render(
        self,
        report: HotlineReport,
        contacts: Sequence[Contact],
        vocabulary: Vocabulary,
        out: Path,
    ) -> None: ...


def _refuse_counter_contacts(contacts: Sequence[Contact], desk: str | None) -> None:
    """A hotline answers the phone: contacts in person (Fremmøde) are a counter's, and the
    report would bill each as a call. Refused, whatever the share."""
    from skranke.report import IN_PERSON  # noqa: PLC0415 - see the imports

    counted = [c for c in contacts if c.voided_at is None and desk in (None, c.desk)]
    at_counter = sum(contact.channel == IN_PERSON for contact in counted)
    if at_counter:
        raise CounterContactsInHotlineError(at_counter, len(counted), desk)


@register
class HotlineCsv(_Hotline):
    id = "hotline-csv"
    label_da = "Hotline: CSV pr. kommune"
    label_en = "Hotline: CSV per municipality"
    suffix = ".csv"

    def render(
        self, report: HotlineReport, contacts: Sequence[Contact], vocabulary: Vocabulary,
        out: Path,
    ) -> None:  # fmt: skip
        from skranke.hotline_export import write_hotline_csv  # noqa: PLC0415

        write_hotline_csv(report, out)


@register
class HotlineXlsx(_Hotline):
    id = "hotline-xlsx"
    label_da = "Hotline: Excel (XLSX)"
    label_en = "Hotline: Excel (XLSX)"
    suffix = ".xlsx"

    def render(
        self, report: HotlineReport, contacts: Sequence[Contact], vocabulary: Vocabulary,
        out: Path,
    ) -> None:  # fmt: skip
        from skranke.hotline_export import write_hotline_xlsx  # noqa: PLC0415

        write_hotline_xlsx(report, out, vocabulary)


@register
class HotlinePdf(_Hotline):
    id = "hotline-pdf"
    label_da = "Hotline: PDF-rapport"
    label_en = "Hotline: PDF report"
    suffix = ".pdf"

    def render(
        self, report: HotlineReport, contacts: Sequence[Contact], vocabulary: Vocabulary,
        out: Path,
    ) -> None:  # fmt: skip
        from skranke.exports import ExportWriteError  # noqa: PLC0415
        from skranke.hotline_export import render_hotline_pdf  # noqa: PLC0415

        pdf = render_hotline_pdf(report, contacts, vocabulary)
        try:
            out.write_bytes(pdf)
        except OSError as error:
            raise ExportWriteError(out, error.strerror or str(error)) from error
