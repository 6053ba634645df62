"""The hotline's report as tables, written as CSV (Danish Excel), XLSX and PDF.

The tables are the exports' :class:`~skranke.exports.Table`, so the cells are formatted as in
every other export (semicolons, decimal comma, UTF-8 with BOM; number formats in XLSX; Danish
figures in the PDF through :mod:`skranke.formatting`). Danish only, like the team leader's report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from openpyxl import Workbook

from skranke.contact import Contact
from skranke.exports import (
    TOTAL_DA,
    Cell,
    Column,
    Output,
    Share,
    Table,
    _binary_output,
    add_table_sheet,
    write_table_csv,
)
from skranke.formatting import format_money, format_number
from skranke.hotline import (
    SHARES,
    HotlineConfig,
    HotlineReport,
    MunicipalityCalls,
    municipality_label,
)
from skranke.report import Filters, tally
from skranke.vocabulary import Term, Vocabulary


def config_from_contacts(contacts: Iterable[Contact]) -> HotlineConfig:
    """Without a configured hotline (a team leader's PC): every caller's municipality among
    the contacts takes part, and each pays for its calls at the phone price."""
    codes = sorted({c.municipality for c in contacts if c.voided_at is None and c.municipality})
    return HotlineConfig(tuple(codes))


def _share(part: int, whole: int) -> Share | None:
    return Share(part / whole) if whole else None


def _seconds(row: MunicipalityCalls) -> float | None:
    average = row.average_seconds
    return None if average is None else float(average)


def _weight(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def municipalities_table(report: HotlineReport) -> Table:
    """One row per participating municipality (then the others, then the total): calls, the
    share of all calls, outside the opening hours, assisted share, handling time, cost."""
    split = report.split
    key_column = (Column("Fordelingsnøgle", "auto", 14),) if split.cost_key == SHARES else ()
    table = Table(
        "Hotline pr. kommune",
        "hotline",
        (
            Column("Kommune", "text", 18),
            Column("Kommunekode", "text", 12),
            Column("Opkald", "int", 9),
            Column("Andel af opkald", "share", 12),
            Column("Uden for åbningstid", "int", 12),
            Column("Medbetjening", "share", 13),
            Column("Gns. ekspeditionstid (sek.)", "seconds", 14),
            *key_column,
            Column("Andel af udgiften", "share", 12),
            Column("Beløb (kr.)", "money", 14),
        ),
    )
    calls = report.calls

    def row(calls_of: MunicipalityCalls, label: str, code: str, amount: Decimal | None) -> None:
        weight: tuple[Cell, ...] = ()
        if key_column:
            weight = (_weight(split.weights[code]) if code in split.weights else None,)
        amount_share = None if amount is None or not split.total else Share(amount / split.total)
        table.rows.append(
            (
                label, code, calls_of.calls, _share(calls_of.calls, calls), calls_of.outside_hours,
                _share(calls_of.assisted, calls_of.calls), _seconds(calls_of), *weight,
                amount_share, amount,
            )
        )  # fmt: skip

    for municipal in report.rows:
        row(municipal, municipal.name, municipal.code, split.amounts[municipal.code])
    if report.others.calls:
        row(report.others, municipality_label(""), "", None)
    total = report.total
    weight_total: tuple[Cell, ...] = ()
    if key_column:
        weight_total = (_weight(sum(split.weights.values(), Decimal(0))),)
    table.rows.append(
        (
            TOTAL_DA, "", calls, _share(calls, calls), total.outside_hours,
            _share(total.assisted, calls), _seconds(total), *weight_total,
            Share(1) if split.total else None, split.total,
        )
    )  # fmt: skip
    return table


def _cross_table(
    name: str,
    stem: str,
    header: str,
    *,
    report: HotlineReport,
    counts: Callable[[MunicipalityCalls], Mapping[str, int]],
    terms: Sequence[Term],
) -> Table:
    """Rows of ``terms`` (vocabulary order, then unknown ids), a column per municipality."""
    parts = [*report.rows, *([report.others] if report.others.calls else [])]
    columns = tuple(Column(municipality_label(p.code), "int", 12) for p in parts)
    table = Table(name, stem, (Column(header, "text", 28), *columns, Column(TOTAL_DA, "int")))
    labels = {term.id: term.label("da") for term in terms}
    present = {key for part in parts for key in counts(part)}
    order = [t.id for t in terms if t.id in present] + sorted(present - set(labels))
    for key in order:
        cells = [counts(part).get(key, 0) for part in parts]
        table.rows.append((labels.get(key, key), *cells, sum(cells)))
    totals = [part.calls for part in parts]
    table.rows.append((TOTAL_DA, *totals, sum(totals)))
    return table


def basis_table(report: HotlineReport) -> Table:
    """What the figures rest on: the hotline, the period, the opening hours and the split."""
    config, split = report.config, report.split
    if split.cost_key == SHARES:
        key = "Efter aftalt fordelingsnøgle"
    elif split.running_cost:
        key = "Efter antal opkald"
    else:
        key = "Hver kommune betaler sine opkald"
    if split.running_cost:
        cost = (
            f"{format_number(split.evenings)} åbne aftener × "
            f"{format_money(config.cost_per_evening or Decimal(0), 2)}"
        )
    else:
        cost = f"Opkaldene til telefonprisen ({split.price_source}, {split.price_year})"
    table = Table(
        "Grundlag", "grundlag", (Column("Grundlag", "text", 26), Column("Værdi", "text", 60))
    )
    table.rows.extend(
        [
            ("Hotline", config.name),
            ("Periode", report.period.label()),
            ("Åbningstid", config.hours.label()),
            (
                "Deltagende kommuner",
                ", ".join(municipality_label(c) for c in config.municipalities),
            ),
            ("Fordeling", key),
            ("Udgift", cost),
            ("Samlet udgift", format_money(split.total, 2)),
            ("Opkald uden pris", format_number(split.unpriced)),
        ]
    )
    return table


def report_tables(report: HotlineReport, vocabulary: Vocabulary) -> list[Table]:
    """The municipalities (with the cost), then by area and by outcome."""
    return [
        municipalities_table(report),
        _cross_table(
            "Sagsområder", "sagsomraader", "Sagsområde",
            report=report, counts=lambda p: p.by_area, terms=vocabulary.areas,
        ),
        _cross_table(
            "Udfald", "udfald", "Udfald",
            report=report, counts=lambda p: p.by_outcome, terms=vocabulary.outcomes,
        ),
    ]  # fmt: skip


def write_hotline_csv(report: HotlineReport, out: Output) -> None:
    """One grid for Danish Excel: a row per municipality with its calls and its cost."""
    write_table_csv(municipalities_table(report), out)


def write_hotline_xlsx(report: HotlineReport, out: Output, vocabulary: Vocabulary) -> None:
    """The basis first, then the municipalities, the areas and the outcomes, a sheet each."""
    workbook = Workbook()
    assert workbook.active is not None
    workbook.remove(workbook.active)
    for table in (basis_table(report), *report_tables(report, vocabulary)):
        add_table_sheet(workbook, table)
    with _binary_output(out) as stream:
        workbook.save(stream)


PDF_CALLS = {
    "Kommune": "Kommune",
    "Opkald": "Opkald",
    "Andel af opkald": "Andel af opkald",
    "Uden for åbningstid": "Uden for åbningstid",
    "Medbetjening": "Medbetjening",
    "Gns. ekspeditionstid (sek.)": "Gns. ekspeditionstid (min:sek)",
}
PDF_COST = {
    "Kommune": "Kommune",
    "Kommunekode": "Kode",
    "Fordelingsnøgle": "Fordelingsnøgle",
    "Andel af udgiften": "Andel af udgiften",
    "Beløb (kr.)": "Beløb",
}


def _project(table: Table, name: str, renames: Mapping[str, str]) -> Table:
    """``table`` with only the columns ``renames`` names, renamed: an A4 page is too narrow
    for all of them."""
    keep = [i for i, column in enumerate(table.columns) if column.header in renames]
    columns = tuple(
        Column(renames[table.columns[i].header], table.columns[i].kind, table.columns[i].width)
        for i in keep
    )
    return Table(
        name, table.file_stem, columns, [tuple(row[i] for i in keep) for row in table.rows]
    )


def render_hotline_pdf(
    report: HotlineReport, contacts: Sequence[Contact], vocabulary: Vocabulary
) -> bytes:
    """The report as PDF: the team leader's report layout with the hotline's tables."""
    from skranke.report_pdf import render_report  # noqa: PLC0415 - reportlab only here

    desks = None if report.config.desk is None else frozenset({report.config.desk})
    counted = tally(contacts, report.period, Filters(desks=desks))
    municipalities, *by_area_and_outcome = report_tables(report, vocabulary)
    tables = [
        basis_table(report),
        _project(municipalities, "Opkald pr. kommune", PDF_CALLS),
        _project(municipalities, "Udgiftsfordeling", PDF_COST),
        *by_area_and_outcome,
    ]
    return render_report(counted, tables, (), municipality_name=report.config.name)
