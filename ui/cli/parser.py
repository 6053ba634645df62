"""The command-line parser, in Danish.

argparse words its own text (``usage:``, ``error: the following arguments are required``,
``show this help message and exit`` ...) through ``gettext``; :func:`danish_argparse` swaps in a
small Danish table while the parser is built and used. A message missing from the table stays
English rather than breaking.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from skranke.identity import version_line

DATABASE_ENV = "SKRANKE_DATABASE_URL"
# demo-data's bounds (README.md): ten million contacts take some minutes; ten years of days.
DEMO_MAX_CONTACTS = 10_000_000
DEMO_MAX_DAYS = 3660

DANISH = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og afslut",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)"
    ),
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "expected one argument": "mangler en værdi",
    "expected at most one argument": "højst én værdi",
    "expected at least one argument": "mindst én værdi",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt tilvalg: %(option)s kan være %(matches)s"
    ),
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "ignored explicit argument %r": "overflødig værdi %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
}
DANISH_PLURAL = {"expected %s argument": ("mangler %s værdi", "mangler %s værdier")}


def _gettext(message: str) -> str:
    return DANISH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in DANISH_PLURAL:
        one, many = DANISH_PLURAL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


@contextmanager
def danish_argparse() -> Iterator[None]:
    """argparse speaks Danish inside this block (building, parsing, help and errors)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; bad input prints a Danish message and exits with status 2.

    The window's start (no command) is read by a parser of the options alone: the commands'
    parsers and modules cost ~25 ms before the window shows. Anything that parser does not
    take whole (a command, ``--help``, a mistake) goes to the whole parser, so help, errors
    and commands read exactly as before."""
    with danish_argparse():
        try:
            args, rest = _WindowParser(prog="skranke", add_help=False).parse_known_args(argv)
        except _NotTheWindowError:
            rest = ["?"]
        if not rest:
            args.command = None
            return args
        return build_parser().parse_args(argv)


class _NotTheWindowError(Exception):
    """The options alone cannot read the command line."""


class _WindowParser(argparse.ArgumentParser):
    """The window's options, without the commands; leaves every error to the whole parser."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        _add_options(self)

    def error(self, message: str) -> NoReturn:
        raise _NotTheWindowError(message)


def iso_date(text: str) -> date:
    """A day Skranke counts (skranke/report.py: ``FIRST_DAY`` to ``LAST_DAY``)."""
    from skranke.report import FIRST_DAY, LAST_DAY  # noqa: PLC0415 - see parse_arguments

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ugyldig dato '{text}': skriv den som ÅÅÅÅ-MM-DD, fx 2026-11-22"
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            f"datoen {text} ligger uden for de dage, Skranke tæller: "
            f"fra {FIRST_DAY.isoformat()} til {LAST_DAY.isoformat()}"
        )
    return day


def positive_int(text: str, maximum: int | None = None) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et helt tal") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"skal være et helt tal større end 0, ikke {value}")
    if maximum is not None and value > maximum:
        raise argparse.ArgumentTypeError(f"højst {_dotted(maximum)}, ikke {text}")
    return value


def _dotted(number: int) -> str:
    """``10000000`` as Danes write it: ``10.000.000``."""
    return f"{number:,}".replace(",", ".")


def _at_most(maximum: int) -> Callable[[str], int]:
    """A whole number from 1 to ``maximum`` (argparse calls the type with the text alone)."""

    def parse(text: str) -> int:
        return positive_int(text, maximum)

    return parse


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et helt tal") from None


def build_parser() -> argparse.ArgumentParser:
    """The parser; call it inside :func:`danish_argparse` for Danish help and errors."""
    from ui.cli import central, team  # noqa: PLC0415 - see parse_arguments

    parser = argparse.ArgumentParser(
        prog="skranke",
        description="Skranke: registrering af henvendelser ved borgerservice. "
        "Uden KOMMANDO åbnes skrankevinduet.",
    )
    _add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    _add_catalog(commands)
    _add_sheet(commands)
    _add_export(commands)
    _add_demo(commands)
    central.add_parser(commands)  # skranke central upgrade|desks (ui/cli/central.py)
    team.add_parser(commands)  # skranke team [--central | URL] (ui/cli/team.py)
    _accept_where_after_command(parser)
    return parser


def _add_options(parser: argparse.ArgumentParser) -> None:
    """The options before any command; all the window's start reads."""
    parser.add_argument(
        "--version", action="version", version=version_line(),
        help="vis Skrankes version og afslut",
    )  # fmt: skip
    parser.add_argument(
        "--database",
        metavar="FIL|URL",
        help="databasen: en SQLite-fil (fx data/skranke.sqlite3) eller en adresse som "
        f"postgresql://bruger@server/skranke; ellers ${DATABASE_ENV}, indstillingen "
        "database_url eller en SQLite-fil i brugerens datamappe",
    )
    parser.add_argument("--desk", metavar="NAVN", help="skrankens navn (springer opsætningen over)")
    parser.add_argument(
        "--municipality", metavar="KODE", help="kommunekode, tre cifre, fx 165 (Albertslund)"
    )
    parser.add_argument(
        "--config", metavar="FIL", type=Path, help="brugerens indstillingsfil (TOML); skal findes"
    )
    parser.add_argument(
        "--print-paths",
        action="store_true",
        help="vis stierne til indstillinger og database og afslut",
    )
    # For benchmarks and smoke tests: quit once the window is shown and the database open;
    # print when each happened.
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report-startup", action="store_true", help=argparse.SUPPRESS)


def _accept_where_after_command(parser: argparse.ArgumentParser) -> None:
    """``skranke export ... --database FILE`` works as well as ``skranke --database FILE
    export ...``: staff type the database where they think of it. Given after the command, the
    value wins; not given there, the one before the command (or none) stays."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in set(action.choices.values()):
            sub.add_argument(
                "--database", metavar="FIL|URL", default=argparse.SUPPRESS,
                help="databasen (som før kommandoen)",
            )  # fmt: skip
            sub.add_argument(
                "--config", metavar="FIL", type=Path, default=argparse.SUPPRESS,
                help="brugerens indstillingsfil (som før kommandoen)",
            )  # fmt: skip
            _accept_where_after_command(sub)


if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def _add_catalog(commands: Commands) -> None:
    catalog = commands.add_parser("catalog", help="selvbetjeningskataloget")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="HANDLING")
    catalog_commands.required = True
    check = catalog_commands.add_parser(
        "check", help="kontrollér kataloget (eller en kommunes mappe); alle fejl på én gang"
    )
    check.add_argument(
        "folder", nargs="?", type=Path, metavar="MAPPE", help="en mappe med katalogfiler (.toml)"
    )
    catalog_commands.add_parser("list", help="én linje pr. løsning: id, områder, titel, link")


def _add_sheet(commands: Commands) -> None:
    sheet = commands.add_parser(
        "sheet",
        help="skriv en vejledning (eller en pakke) som PDF",
        description="Skriver vejledningen til en selvbetjeningsløsning som PDF. Løsningernes "
        "id'er: skranke catalog list.",
    )
    sheet.add_argument(
        "solution", nargs="?", metavar="LØSNING", help="løsningens id, fx moving (flytning)"
    )
    sheet.add_argument(
        "--pack", metavar="PAKKE", help="en pakke af vejledninger i stedet, fx new_in_municipality"
    )
    sheet.add_argument("--large-print", action="store_true", help="stor skrift (kun A4)")
    sheet.add_argument("--lang", choices=("da", "en"), default="da", help="sprog (standard da)")
    sheet.add_argument(
        "--format", choices=("a4", "slip"), default="a4",
        help="a4: et A4-ark (standard); slip: en 80 mm bon til bonprinteren",
    )  # fmt: skip
    sheet.add_argument(
        "--out", type=Path, required=True, metavar="FIL.pdf",
        help="PDF-filen, der skrives (navnet skal ende på .pdf)",
    )  # fmt: skip


def _add_export(commands: Commands) -> None:
    from skranke.exporters import EXPORTERS  # noqa: PLC0415 - see parse_arguments

    formats = "; ".join(f"{key}: {cls.label_da}" for key, cls in EXPORTERS.items())
    export = commands.add_parser("export", help="eksportér optællinger (" + formats + ")")
    export.add_argument(
        "--from", dest="first", type=iso_date, required=True, metavar="ÅÅÅÅ-MM-DD",
        help="periodens første dag (tæller med)",
    )  # fmt: skip
    export.add_argument(
        "--to", dest="last", type=iso_date, required=True, metavar="ÅÅÅÅ-MM-DD",
        help="periodens sidste dag (tæller med)",
    )  # fmt: skip
    export.add_argument("--desk", dest="only_desk", metavar="NAVN", help="kun denne skranke")
    export.add_argument(
        "--format", dest="export_format", choices=tuple(EXPORTERS), required=True,
        help=formats,
    )  # fmt: skip
    export.add_argument(
        "--tables",
        action="store_true",
        help="med --format csv: de optalte tabeller, én CSV-fil pr. tabel, i en mappe "
        "(eller en .zip-fil) i stedet for én række pr. henvendelse",
    )
    export.add_argument(
        "--out", type=Path, required=True, metavar="FIL",
        help="filen (eller mappen) der skrives; komhen: .xlsx (en fane pr. uge) eller .csv",
    )  # fmt: skip


def _add_demo(commands: Commands) -> None:
    demo = commands.add_parser(
        "demo-data",
        help="fyld databasen med realistiske testdata",
        description="Fylder databasen med opdigtede henvendelser på åbningsdagene de sidste "
        "D dage (til og med i dag). Samme --seed giver de samme henvendelser; et andet "
        "--seed tilføjer flere.",
    )
    demo.add_argument(
        "--contacts", type=_at_most(DEMO_MAX_CONTACTS), required=True, metavar="N",
        help=f"antal henvendelser, 1 til {_dotted(DEMO_MAX_CONTACTS)}",
    )  # fmt: skip
    demo.add_argument(
        "--days", type=_at_most(DEMO_MAX_DAYS), default=365, metavar="D",
        help=f"over så mange dage bagud fra i dag, 1 til {DEMO_MAX_DAYS} (standard 365)",
    )  # fmt: skip
    demo.add_argument(
        "--seed", type=_whole_number, default=1, metavar="S",
        help="tallet bag tilfældighederne (standard 1): samme tal, samme henvendelser",
    )  # fmt: skip
    demo.add_argument(
        "--finish",
        action="store_true",
        help="gem kun de henvendelser af dette --seed, der mangler (efter en kørsel, der "
        "blev afbrudt, fx af en fuld disk); brug samme --contacts og --days samme dag",
    )
