"""``skranke central upgrade [URL]``: create or upgrade the central PostgreSQL's schema;
``skranke central desks [URL]``: when each desk was last heard from.

For municipal IT. Upgrade once per Skranke release, before the desks get the new version. The
URL defaults to the ``central_url`` setting; the password comes from ``PGPASSWORD`` or a password
file (see docs/central.md), never from the command line. Several started at once wait for
each other (an advisory lock); the desks never change the central schema themselves.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from skranke.clock import to_local
from ui.cli.common import EXIT_OK, StartupConfig, UsageError

if TYPE_CHECKING:
    from database.central import DeskHeardFrom
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
    desks = central_commands.add_parser(
        "desks", help="vis hver skranke, der har sendt, og hvornår den sidst blev hørt fra"
    )
    for command in (upgrade, desks):
        command.add_argument(
            "url",
            nargs="?",
            metavar="URL",
            help="fx postgresql+psycopg://skranke_admin@server/skranke (uden adgangskode: brug "
            "PGPASSWORD eller en adgangskodefil); ellers indstillingen central_url",
        )


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from database.central import NotPostgresError, desks_heard_from, upgrade_central  # noqa: PLC0415

    url = args.url or config.settings.central_url
    if not url:
        raise UsageError(
            f"angiv den fælles databases adresse, fx skranke central {args.central_command} "
            "postgresql+psycopg://skranke_admin@server/skranke, eller sæt central_url i "
            "indstillingerne"
        )
    try:
        if args.central_command == "desks":
            print(desks_text(desks_heard_from(url)))
            return EXIT_OK
        result = upgrade_central(url)
    except NotPostgresError as error:
        raise UsageError(
            f"den fælles database skal være PostgreSQL (postgresql+psycopg://…), ikke "
            f"{error.detail}: {error.location}"
        ) from error
    print(upgrade_text(result.before, result.after), file=sys.stderr)
    return EXIT_OK


def desks_text(desks: list[DeskHeardFrom]) -> str:
    """One line per desk, tab-separated under a header; times in Danish local time."""
    lines = ["kommune\tskranke\tsidst hørt fra\tsekvens\tversion\tskranke-id"]
    for d in desks:
        heard = to_local(d.last_push_at).strftime("%Y-%m-%d %H:%M")
        lines.append(
            f"{d.municipality}\t{d.desk}\t{heard}\t{d.last_sequence}\t{d.app_version}\t{d.desk_id}"
        )
    if not desks:
        lines.append("(ingen skranker har sendt endnu)")
    return "\n".join(lines)


def upgrade_text(before: str | None, after: str) -> str:
    if before is None:
        return f"Den fælles database er oprettet med skema {after}."
    if before == after:
        return f"Den fælles database har allerede skema {after}; intet er ændret."
    return f"Den fælles database er opgraderet fra skema {before} til {after}."
