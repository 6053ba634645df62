"""``skranke central init URL``: the database, roles, schema and grants, and what each PC needs;
``skranke central add-desk NAME [URL] --municipality 165``: a desk's login;
``skranke central add-reader NAME [URL] [--municipality 165 ...]``: a team leader's login;
``skranke central upgrade [URL]``: create or upgrade the central PostgreSQL's schema;
``skranke central desks [URL]``: when each desk was last heard from;
``skranke central check [URL]``: the summaries against a fresh count of the contacts.

For municipal IT. Upgrade once per Skranke release, before the desks get the new version. The
URL defaults to the ``central_url`` setting; the password comes from ``PGPASSWORD`` or a password
file (see docs/central.md), never from the command line. Several started at once wait for
each other (an advisory lock); the desks never change the central schema themselves.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

from skranke.clock import to_local
from ui.cli.common import EXIT_OK, EXIT_PROBLEMS, StartupConfig, UsageError, central_address

if TYPE_CHECKING:
    from collections.abc import Iterator

    from database.central import CentralInit, DeskHeardFrom
    from database.roles import Login
    from skranke.vocabulary import Vocabulary

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_parser(commands: Commands) -> None:
    central = commands.add_parser("central", help="den fælles PostgreSQL-database (for IT)")
    central_commands = central.add_subparsers(dest="central_command", metavar="HANDLING")
    central_commands.required = True
    init = central_commands.add_parser(
        "init",
        help="opret den fælles database, rollerne og rettighederne (IT, én gang; sikkert at "
        "køre igen)",
    )
    add_desk = central_commands.add_parser(
        "add-desk", help="opret (eller giv ny adgangskode til) en skrankes login"
    )
    add_desk.add_argument("name", metavar="NAVN", help="skrankens navn, som i dens indstillinger")
    add_reader = central_commands.add_parser(
        "add-reader", help="opret (eller giv ny adgangskode til) en teamleders læse-login"
    )
    add_reader.add_argument("name", metavar="LOGIN", help="loginnavnet, fx teamleder_165")
    upgrade = central_commands.add_parser(
        "upgrade",
        help="opret eller opgradér den fælles databases skema (én gang pr. version, før "
        "skrankerne opdateres)",
    )
    desks = central_commands.add_parser(
        "desks", help="vis hver skranke, der har sendt, og hvornår den sidst blev hørt fra"
    )
    check = central_commands.add_parser(
        "check",
        help="tæl alle henvendelser igen og sammenlign med opsummeringerne (revision; ændrer "
        "intet)",
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="skriv opsummeringerne forfra ud fra henvendelserne, hvis de afviger (administrator)",
    )
    for command in (init, upgrade, desks, check, add_desk, add_reader):
        command.add_argument(
            "url",
            nargs="?",
            metavar="URL",
            help="fx postgresql+psycopg://skranke_admin@server/skranke (uden adgangskode: brug "
            "PGPASSWORD eller en adgangskodefil); ellers indstillingen central_url",
        )
    add_desk.add_argument(
        "--municipality",
        dest="municipalities",
        action="append",
        required=True,
        metavar="KODE",
        help="kommunekoden, skranken logger for (hotline: gentag for hver deltagende kommune)",
    )
    add_desk.add_argument("--login", help="loginnavnet (ellers skranke_<kommune>_<navn>)")
    add_reader.add_argument(
        "--municipality",
        dest="municipalities",
        action="append",
        metavar="KODE",
        help="kun denne kommunes tal (gentag for flere); uden: alle kommuner",
    )
    for command in (add_desk, add_reader):
        command.add_argument(
            "--password-stdin",
            action="store_true",
            help="læs adgangskoden fra standard-input i stedet for at lave en",
        )


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from database.central import desks_heard_from, init_central, upgrade_central  # noqa: PLC0415

    url = central_address(config, args.url)
    if not url:
        raise UsageError(
            f"angiv den fælles databases adresse, fx skranke central {args.central_command} "
            "postgresql+psycopg://skranke_admin@server/skranke, eller sæt central_url i "
            "indstillingerne"
        )
    with _worded(args.central_command):
        if args.central_command == "desks":
            print(desks_text(desks_heard_from(url)))
            return EXIT_OK
        if args.central_command == "init":
            print(init_text(init_central(url), url))
            return EXIT_OK
        if args.central_command == "check":
            return _check(url, repair=args.repair)
        if args.central_command in ("add-desk", "add-reader"):
            return _add_login(args, url)
        result = upgrade_central(url)
    print(upgrade_text(result.before, result.after), file=sys.stderr)
    return EXIT_OK


@contextmanager
def _worded(command: str) -> Iterator[None]:
    """What an administrator can fix, said in Danish (exit 2, no traceback)."""
    from database import central  # noqa: PLC0415

    try:
        yield
    except central.NotPostgresError as error:
        raise UsageError(
            f"den fælles database skal være PostgreSQL (postgresql+psycopg://…), ikke "
            f"{error.detail}: {error.location}"
        ) from error
    except central.CentralUnreachableError as error:
        raise UsageError(
            f"serveren i {error.location} svarer ikke. Tjek servernavn og port, at "
            f"PostgreSQL kører, og at en firewall ikke blokerer. ({error.detail})"
        ) from error
    except central.CentralLoginError as error:
        raise UsageError(
            f"serveren afviste login i {error.location}: forkert brugernavn eller "
            "adgangskode, eller ingen adgangskode fundet. Adgangskoden skal stå i "
            "PGPASSWORD eller i adgangskodefilen (~/.pgpass, kun læsbar for brugeren; "
            "se docs/central.md)."
        ) from error
    except central.CentralPrivilegeError as error:
        raise UsageError(_privilege_text(command, error.location, error.detail)) from error
    except central.CentralNoDatabaseError as error:
        raise UsageError(
            f"databasen i {error.location} findes ikke. Opret den med: skranke central init "
            "URL (som en administrator med ret til at oprette databaser)."
        ) from error
    except central.CentralLoginTakenError as error:
        what = {"desk": "en skrankes login", "read": "et læse-login"}.get(
            error.detail, "en rolle, som Skranke ikke har oprettet"
        )
        raise UsageError(
            f"loginnavnet findes allerede i {error.location} som {what}; Skranke ændrer det "
            "ikke. Vælg et andet navn (add-desk: --login NAVN)."
        ) from error
    except central.CentralNotInitialisedError as error:
        raise UsageError(
            f"den fælles database {error.location} har ikke Skrankes roller endnu. Kør "
            "først: skranke central init URL"
        ) from error


def _privilege_text(command: str, location: str, detail: str) -> str:
    if command == "init" and detail in ("CREATEROLE", "CREATEDB", "CREATEROLE og CREATEDB"):
        return (
            f"brugeren i {location} mangler rettigheden {detail}. skranke central init skal "
            "køres af en superbruger eller en rolle med CREATEROLE (og CREATEDB, hvis "
            f"databasen ikke findes), fx: ALTER ROLE skranke_admin {detail.replace(' og ', ' ')};"
        )
    return (
        f"brugeren i {location} har ikke rettighed til det ({detail}). Kør kommandoen som "
        "administratoren, der kørte skranke central init."
    )


def _check(url: str, *, repair: bool) -> int:
    from database.central import check_summaries  # noqa: PLC0415

    result = check_summaries(url, repair=repair)
    if result.agrees:
        print(f"Opsummeringerne stemmer med de {result.contacts} gældende henvendelser.")
        return EXIT_OK
    lines = [f"Opsummeringerne stemmer IKKE med de {result.contacts} gældende henvendelser:"]
    lines += [f"  {name}: {n} rækker afveg" for name, n in result.differing.items() if n]
    if result.repaired:
        lines.append("De er nu skrevet forfra ud fra henvendelserne.")
        print("\n".join(lines))
        return EXIT_OK
    lines.append(
        "Henvendelserne er sandheden. Find skranken (kolonnen desk i rækkerne), giv dens "
        "login ny adgangskode med add-desk, og kør: skranke central check --repair URL"
    )
    print("\n".join(lines))
    return EXIT_PROBLEMS


def _add_login(args: argparse.Namespace, url: str) -> int:
    from database import roles  # noqa: PLC0415
    from database.central import add_login, central_url  # noqa: PLC0415
    from skranke.contact import clean_desk  # noqa: PLC0415
    from skranke.municipalities import municipality  # noqa: PLC0415

    codes = tuple(dict.fromkeys(municipality(c).code for c in args.municipalities or ()))
    if args.central_command == "add-desk":
        desk: str | None = clean_desk(args.name)
        login = args.login or roles.desk_login_name(args.name, codes[0])
        kind = "desk"
    else:
        desk, login, kind = None, args.name, "read"
    if not roles.valid_login_name(login):
        raise UsageError(
            f"loginnavnet '{login}' kan ikke bruges: brug små bogstaver a-z, cifre og _ "
            "(højst 63 tegn), og ikke skranke_owner, skranke_desk eller skranke_read"
        )
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else ""
    if args.password_stdin and len(password) < 12:
        raise UsageError("adgangskoden fra standard-input skal være mindst 12 tegn")
    generated = not password
    password = password or roles.new_password()
    new = add_login(url, roles.Login(login, kind, desk, codes or None), password)
    parsed = central_url(url)
    print(
        login_text(
            roles.Login(login, kind, desk, codes or None),
            new=new,
            password=password if generated else None,
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            database=parsed.database or "",
        )
    )
    return EXIT_OK


def login_text(
    login: Login,
    *,
    new: bool,
    password: str | None,
    host: str,
    port: int,
    database: str,
) -> str:
    """What to give the desk's PC or the team leader; ``password`` is shown once (None: the
    administrator typed it)."""
    where = ", ".join(login.municipalities) if login.municipalities else "alle kommuner"
    if login.kind == "desk":
        head = f"Skranken '{login.desk}' ({where}) sender som {login.login}"
    else:
        head = f"Læse-login {login.login} ser tal for {where}"
    lines = [head + (" (nyt login)." if new else " (ny adgangskode; det gamle virker ikke mere).")]
    if password is not None:
        lines.append(f"Adgangskode (vises kun nu, gemmes ingen steder): {password}")
    lines += [
        "",
        "På pc'en, i den maskinfælles indstillingsfil (uden adgangskode):",
        f'  central_url = "postgresql+psycopg://{login.login}@{host}:{port}/{database}"',
        "Adgangskoden i brugerens adgangskodefil (~/.pgpass med mode 0600, på Windows",
        "%APPDATA%\\postgresql\\pgpass.conf), én linje:",
        f"  {host}:{port}:{database}:{login.login}:{password or 'ADGANGSKODEN'}",
    ]
    if login.kind == "desk":
        lines.append(f"Skrankens navn i dens indstillinger skal være præcis '{login.desk}'.")
    return "\n".join(lines)


def init_text(result: CentralInit, url: str) -> str:
    """What init did, and what to give each PC next."""
    from database.central import central_url  # noqa: PLC0415

    admin = central_url(url)._replace(password=None).render_as_string(hide_password=False)
    place = f"{result.database} på {result.host}:{result.port}"
    if not result.changed:
        head = (
            f"Den fælles database {place} var allerede sat op (skema {result.schema.after}, "
            "roller og rettigheder); intet er ændret."
        )
    else:
        done = []
        if result.created_database:
            done.append("databasen er oprettet")
        if result.created_roles:
            done.append("rollerne " + ", ".join(result.created_roles) + " er oprettet")
        if result.schema.before is None:
            done.append(f"skemaet {result.schema.after} er oprettet")
        elif result.schema.changed:
            done.append(f"skemaet er opgraderet fra {result.schema.before} til "
                        f"{result.schema.after}")  # fmt: skip
        if result.access_changed:
            done.append("rettighederne er sat")
        head = f"Den fælles database {place}: " + "; ".join(done) + "."
    lines = [
        head,
        "",
        "Næste skridt:",
        "1. Et login til hver skranke (adgangskoden vises én gang), med skrankens navn som i",
        "   dens indstillinger:",
        f'     skranke central add-desk "Rådhuset 1" {admin} --municipality 165',
        "   Den fælles aftenhotline: én --municipality for hver deltagende kommune.",
        "2. Et læse-login til hver teamleder (kun sin kommunes tal; uden --municipality: alle):",
        f"     skranke central add-reader teamleder_165 {admin} --municipality 165",
        "3. På hver pc, i den maskinfælles indstillingsfil (uden adgangskode):",
        f'     central_url = "postgresql+psycopg://LOGIN@{result.host}:{result.port}/'
        f'{result.database}"',
        "   og adgangskoden i brugerens ~/.pgpass (mode 0600; Windows:",
        "   %APPDATA%\\postgresql\\pgpass.conf), én linje:",
        f"     {result.host}:{result.port}:{result.database}:LOGIN:ADGANGSKODE",
    ]
    if result.logins:
        lines += ["", "Logins nu:"]
        for login in result.logins:
            where = ", ".join(login.municipalities) if login.municipalities else "alle"
            what = f"skranke '{login.desk}'" if login.kind == "desk" else "læser"
            lines.append(f"  {login.login}\t{what}\t{where}")
    return "\n".join(lines)


def desks_text(desks: list[DeskHeardFrom]) -> str:
    """One line per desk, tab-separated under a header; times in Danish local time."""
    lines = ["kommune\tskranke\tsidst hørt fra\tsekvens\tversion\tskranke-id\tafdeling"]
    for d in desks:
        heard = to_local(d.last_push_at).strftime("%Y-%m-%d %H:%M")
        lines.append(
            f"{d.municipality}\t{d.desk}\t{heard}\t{d.last_sequence}\t{d.app_version}\t"
            f"{d.desk_id}\t{d.centre or ''}"
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
