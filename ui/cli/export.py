"""``skranke export --from ... --to ... --format F --out FIL``: reads the database only."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ui.cli.common import EXIT_OK, StartupConfig, UsageError

if TYPE_CHECKING:
    from skranke.vocabulary import Vocabulary


def export_format(args: argparse.Namespace) -> str:
    """The exporter's id: ``--tables`` turns ``csv`` into ``csv-tables``."""
    if not args.tables:
        return str(args.export_format)
    if args.export_format not in ("csv", "csv-tables"):
        raise UsageError(
            f"--tables gælder kun --format csv (de optalte tabeller som CSV-filer), "
            f"ikke --format {args.export_format}."
        )
    return "csv-tables"


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from database.engine import open_database  # noqa: PLC0415
    from database.exporting import ExportRequest, run_export  # noqa: PLC0415
    from database.repository import ContactRepository  # noqa: PLC0415
    from skranke.costs import load_price_table  # noqa: PLC0415
    from skranke.exporters import exporter  # noqa: PLC0415
    from skranke.hotline import hotline_config  # noqa: PLC0415
    from skranke.report import Filters, Period  # noqa: PLC0415
    from ui.cli.common import checked_catalog  # noqa: PLC0415

    chosen = export_format(args)
    period = Period.custom(args.first, args.last)
    exporter(chosen).check(period, args.out)  # before the database is opened
    filters = Filters(desks=frozenset({args.only_desk})) if args.only_desk else Filters()
    catalog = checked_catalog(config, vocabulary)
    name = catalog.issuer_name(config.municipality)
    hotline = hotline_config(config.settings)
    request = ExportRequest(period, filters, chosen, args.out, name, hotline)
    database = open_database(
        config.database_url, busy_timeout_ms=config.settings.busy_timeout_ms, writes=False
    )
    try:
        repository = ContactRepository(database)
        if args.only_desk:
            _check_desk(args.only_desk, repository.desks(), database.location)
        result = run_export(request, repository, vocabulary, catalog, load_price_table())
    finally:
        database.close()
    for path in result.paths:
        print(path)
    print(f"{result.contacts} henvendelser i perioden.", file=sys.stderr)
    return EXIT_OK


def _check_desk(desk: str, known: list[str], location: str) -> None:
    """``--desk`` must name a desk with contacts in the database: a typo exported nothing."""
    if desk in known:
        return
    if not known:
        raise UsageError(f"--desk '{desk}': databasen {location} har ingen henvendelser endnu.")
    raise UsageError(
        f"--desk '{desk}' findes ikke i databasen {location}. Skrankerne der: "
        + ", ".join(f"'{name}'" for name in known)
        + "."
    )
