"""``skranke central upgrade [URL]``: create or upgrade the central PostgreSQL's schema.

For municipal IT, once per Skranke release, before the desks get the new version. The URL
defaults to the ``central_url`` setting; the password comes from ``PGPASSWORD`` or a password
file (see docs/central.md), never from the command line. Several started at once wait for
each other (an advisory lock); the desks never change the central schema themselves.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ui.cli.common import EXIT_OK, StartupConfig, UsageError

if TYPE_CHECKING:
    from skranke.vocabulary import Vocabulary

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    central = commands.add_parser("central", help="den fælles PostgreSQL-database (for IT)")
    central_commands = central.add_subparsers(dest="central_command", metavar="HANDLING")
    central_commands.required = True
    upgrade = central_commands.add_parser(
        "upgrade",
        help="opret eller opgradér den fælles databases skema (én gang pr. version, før "
        "skrankerne opdateres)",
    )
    upgrade.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="fx postgresql+psycopg://skranke_admin@server/skranke (uden adgangskode: brug "
        "PGPASSWORD eller en adgangskodefil); ellers indstillingen central_url",
    )


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from database.central import NotPostgresError, upgrade_central  # noqa: PLC0415

    url = args.url or config.settings.central_url
    if not url:
        raise UsageError(
            "angiv den fælles databases adresse, fx skranke central upgrade "
            "postgresql+psycopg://skranke_admin@server/skranke, eller sæt central_url i "
            "indstillingerne"
        )
    try:
        result = upgrade_central(url)
    except NotPostgresError as error:
        raise UsageError(
            f"den fælles database skal være PostgreSQL (postgresql+psycopg://…), ikke "
            f"{error.detail}: {error.location}"
        ) from error
    print(upgrade_text(result.before, result.after), file=sys.stderr)
    return EXIT_OK


def upgrade_text(before: str | None, after: str) -> str:
    if before is None:
        return f"den fælles database er oprettet med skema {after}"
    if before == after:
        return f"den fælles database har allerede skema {after}; intet ændret"
    return f"den fælles database er opgraderet fra skema {before} til {after}"
