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
    from skranke.catalog import load_catalog  # noqa: PLC0415
    from skranke.costs import load_price_table  # noqa: PLC0415
    from skranke.hotline import hotline_config  # noqa: PLC0415
    from skranke.report import Filters, Period  # noqa: PLC0415
    from ui.cli.common import overlay  # noqa: PLC0415

    chosen = export_format(args)
    period = Period.custom(args.first, args.last)
    filters = Filters(desks=frozenset({args.only_desk})) if args.only_desk else Filters()
    catalog = load_catalog(vocabulary, overlay(config.settings)).catalog
    name = catalog.issuer_name(config.municipality)
    hotline = hotline_config(config.settings)
    request = ExportRequest(period, filters, chosen, args.out, name, hotline)
    database = open_database(
        config.database_url, busy_timeout_ms=config.settings.busy_timeout_ms, writes=False
    )
    try:
        repository = ContactRepository(database)
        result = run_export(request, repository, vocabulary, catalog, load_price_table())
    finally:
        database.close()
    for path in result.paths:
        print(path)
    print(f"{result.contacts} henvendelser i perioden.", file=sys.stderr)
    return EXIT_OK
