"""``skranke team [--central | URL]``: the team leader's view in a window of its own.

Without an argument it opens this PC's database (as Ctrl+L in the counter); ``--central``
opens the central PostgreSQL named by the ``central_url`` setting, and a URL opens that
database. On the central database a team leader connects as the read-only role (e.g.
``postgresql+psycopg://skranke_leder@db.kommune.dk/skranke``, the password from
``PGPASSWORD`` or a password file): the view never migrates or writes, and says in Danish
when the schema is not this Skranke's.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ui.cli.common import EXIT_BAD_INPUT, StartupConfig

if TYPE_CHECKING:
    from database.team import TeamSchemaMismatchError
    from skranke.vocabulary import Vocabulary

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    team = commands.add_parser(
        "team", help="åbn ledelsesinformationen (alle skranker på den fælles database)"
    )
    team.add_argument(
        "--central",
        action="store_true",
        help="den fælles database (indstillingen central_url, fx med teamlederens "
        "læseadgang postgresql+psycopg://skranke_leder@server/skranke)",
    )
    team.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="en anden database at læse (uden adgangskode: brug PGPASSWORD eller en "
        "adgangskodefil); ellers denne pc's database",
    )


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    from database.repository import ContactRepository  # noqa: PLC0415
    from database.team import TeamSchemaMismatchError, open_for_reading  # noqa: PLC0415
    from skranke.catalog import load_catalog  # noqa: PLC0415
    from skranke.costs import load_price_table  # noqa: PLC0415
    from skranke.errors import SkrankeError  # noqa: PLC0415
    from skranke.hotline import hotline_config  # noqa: PLC0415
    from ui.app import create_application  # noqa: PLC0415
    from ui.cli.common import (  # noqa: PLC0415
        UsageError,
        central_address,
        overlay,
        require_display,
    )
    from ui.messages import error_text  # noqa: PLC0415
    from ui.team_view import TeamView  # noqa: PLC0415

    require_display("Ledelsesinformationen")
    app = create_application(sys.argv[:1], config.settings.language)

    def refuse(text: str) -> int:
        """Said on stderr and in a dialog: a team leader starts this from a desktop icon,
        where nobody reads stderr."""
        print(f"skranke: {text}", file=sys.stderr)
        title = QCoreApplication.translate("team", "Skranke – ledelsesinformation")
        QMessageBox.warning(None, title, text)
        return EXIT_BAD_INPUT

    try:
        url = central_address(config, args.url) if args.central else args.url or config.database_url
    except UsageError as error:
        return refuse(error.text)
    if not url:
        return refuse(
            "indstillingen central_url er tom: skriv den fælles databases adresse, fx "
            "skranke team postgresql+psycopg://skranke_leder@server/skranke"
        )
    try:
        database = open_for_reading(url)
    except (TeamSchemaMismatchError, SkrankeError) as error:
        return refuse(
            schema_text(error) if isinstance(error, TeamSchemaMismatchError) else error_text(error)
        )
    catalog = load_catalog(vocabulary, overlay(config.settings)).catalog
    view = TeamView(
        ContactRepository(database),
        vocabulary,
        catalog,
        load_price_table(),
        municipality_name=catalog.issuer_name(config.municipality),
        language=config.settings.language,
        hotline=hotline_config(config.settings),
    )
    view.show()
    try:
        return app.exec()
    finally:
        database.close()


def schema_text(error: TeamSchemaMismatchError) -> str:
    """What the team leader (or IT) must do when the schema is not this Skranke's."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    from database.schema import HEAD_REVISION  # noqa: PLC0415

    if error.older:
        return QCoreApplication.translate(
            "team",
            "Databasen {where} har skema {theirs}, men denne Skranke bruger skema {ours}. "
            "Ledelsesinformationen ændrer ikke databasen: bed IT om at køre "
            "'skranke central upgrade' først.",
        ).format(where=error.location, theirs=error.revision or "–", ours=HEAD_REVISION)
    return QCoreApplication.translate(
        "team",
        "Databasen {where} har skema {theirs}, som er nyere end denne Skranke (skema {ours}). "
        "Opdater Skranke på denne pc.",
    ).format(where=error.location, theirs=error.revision, ours=HEAD_REVISION)
