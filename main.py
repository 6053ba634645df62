"""Skranke's front door: parses the command line, reads settings, opens the database,
upgrades its schema and starts the counter window.

Exit codes: 0 done, 1 the user cancelled the first-run set-up (or `catalog check` found
problems, each listed with file, line and field), 2 bad input (a broken file,
an unusable database, an unknown municipality ...), each with a Danish message that says what
and where, 3 an unexpected error (a bug: the details go to stderr).

The window is shown first and the database opened on a worker thread meanwhile: importing
SQLAlchemy and checking the schema take longer than building the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from skranke import __version__
from skranke.errors import SkrankeError
from skranke.settings import Settings

if TYPE_CHECKING:
    from database.counter import CounterDesk
    from database.repository import ContactRepository
    from skranke.catalog import CatalogResult
    from skranke.vocabulary import Vocabulary

EXIT_CANCELLED = 1
EXIT_PROBLEMS = 1  # `catalog check` found problems
EXIT_BAD_INPUT = 2
EXIT_UNEXPECTED = 3
DATABASE_ENV = "SKRANKE_DATABASE_URL"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skranke",
        description="Skranke: registrering af henvendelser ved borgerservice. "
        "Uden KOMMANDO åbnes skrankevinduet.",
    )
    parser.add_argument("--version", action="version", version=f"Skranke {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help=f"databasens adresse (SQLAlchemy-URL); ellers ${DATABASE_ENV}, indstillingen "
        "database_url eller en SQLite-fil i brugerens datamappe",
    )
    parser.add_argument("--desk", metavar="NAVN", help="skrankens navn (springer opsætningen over)")
    parser.add_argument(
        "--municipality", metavar="KODE", help="kommunekode, tre cifre, fx 165 (Albertslund)"
    )
    parser.add_argument(
        "--config", metavar="FIL", type=Path, help="brugerens indstillingsfil (TOML)"
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
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    catalog = commands.add_parser("catalog", help="selvbetjeningskataloget")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="HANDLING")
    catalog_commands.required = True
    check = catalog_commands.add_parser(
        "check", help="kontrollér kataloget (eller en kommunes mappe); alle fejl på én gang"
    )
    check.add_argument("folder", nargs="?", type=Path, metavar="MAPPE")
    catalog_commands.add_parser("list", help="én linje pr. løsning: id, områder, titel, link")
    sheet = commands.add_parser("sheet", help="skriv en vejledning (eller en pakke) som PDF")
    sheet.add_argument("solution", nargs="?", metavar="LØSNING", help="løsningens id")
    sheet.add_argument("--pack", metavar="PAKKE", help="en pakke af vejledninger i stedet")
    sheet.add_argument("--large-print", action="store_true", help="stor skrift (A4)")
    sheet.add_argument("--lang", choices=("da", "en"), default="da", help="sprog")
    sheet.add_argument("--format", choices=("a4", "slip"), default="a4", help="A4 eller 80 mm bon")
    sheet.add_argument("--out", type=Path, required=True, metavar="FIL.pdf")
    export = commands.add_parser(
        "export",
        help="eksportér optællinger: csv (mappe), xlsx, pdf (rapport) eller komhen (tælleuge)",
    )
    export.add_argument("--from", dest="first", type=_date, required=True, metavar="ÅÅÅÅ-MM-DD")
    export.add_argument("--to", dest="last", type=_date, required=True, metavar="ÅÅÅÅ-MM-DD")
    export.add_argument("--desk", dest="only_desk", metavar="NAVN", help="kun denne skranke")
    export.add_argument(
        "--format", dest="export_format", choices=("csv", "xlsx", "pdf", "komhen"), required=True
    )
    export.add_argument("--out", type=Path, required=True, metavar="FIL")
    demo = commands.add_parser("demo-data", help="fyld databasen med realistiske testdata")
    demo.add_argument("--contacts", type=int, required=True, metavar="N")
    demo.add_argument("--days", type=int, default=365, metavar="D")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ugyldig dato '{text}': skriv den som ÅÅÅÅ-MM-DD, fx 2026-11-22"
        ) from None


@dataclass
class StartupConfig:
    settings: Settings
    settings_path: Path
    database_url: str
    desk: str
    municipality: str


def _fail(error: SkrankeError) -> int:
    from ui.messages import error_text  # noqa: PLC0415 - keeps `--version` fast

    text = error_text(error)
    print(f"skranke: {text}", file=sys.stderr)
    _show_dialog(text)
    return EXIT_BAD_INPUT


def _can_show_dialogs() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _show_dialog(text: str) -> None:
    """Someone who started Skranke from a desktop icon sees no terminal: show it."""
    if not _can_show_dialogs():
        return
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    from ui.app import create_application  # noqa: PLC0415

    create_application(sys.argv[:1])
    QMessageBox.critical(None, "Skranke", text)


def _resolve(args: argparse.Namespace) -> StartupConfig:
    from skranke.contact import clean_desk  # noqa: PLC0415
    from skranke.municipalities import municipality  # noqa: PLC0415
    from skranke.settings import (  # noqa: PLC0415
        default_database_path,
        load_settings,
        user_settings_path,
    )

    settings_path = args.config or user_settings_path()
    settings = load_settings(settings_path)
    desk = args.desk if args.desk is not None else settings.desk
    code = args.municipality if args.municipality is not None else settings.municipality
    if desk:
        desk = clean_desk(desk)
    if code:
        code = municipality(code).code
    url = args.database or os.environ.get(DATABASE_ENV) or settings.database_url
    if not url:
        from database.engine import sqlite_url  # noqa: PLC0415

        url = sqlite_url(default_database_path())
    return StartupConfig(settings, settings_path, url, desk, code)


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = _resolve(args)
        if args.print_paths:
            print(f"settings\t{config.settings_path}")
            print(f"database\t{config.database_url}")
            return 0
        vocabulary = _load_vocabulary(config.settings)
    except SkrankeError as error:
        return _fail(error)
    if args.command is not None:
        return _sub_command(args, config, vocabulary)

    from ui.app import create_application  # noqa: PLC0415

    create_application([sys.argv[0], *argv], config.settings.language)
    needs_set_up = not config.desk or not config.municipality
    if needs_set_up and not _first_run_set_up(config):
        return EXIT_CANCELLED
    return _run_window(args, config, vocabulary)


def _load_vocabulary(settings: Settings) -> Vocabulary:
    from skranke.vocabulary import load_vocabulary  # noqa: PLC0415

    extension = Path(settings.vocabulary_file).expanduser() if settings.vocabulary_file else None
    return load_vocabulary(extension=extension)


def _sub_command(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    if args.command == "catalog":
        return _catalog_command(args, config.settings, vocabulary)
    if args.command == "sheet":
        return _sheet_command(args, config, vocabulary)
    try:
        return _data_command(args, config, vocabulary)
    except SkrankeError as error:
        return _fail(error)


def _overlay(settings: Settings) -> Path | None:
    return Path(settings.catalog_overlay).expanduser() if settings.catalog_overlay else None


def _catalog_command(args: argparse.Namespace, settings: Settings, vocabulary: Vocabulary) -> int:
    """``skranke catalog check [FOLDER]`` and ``skranke catalog list``."""
    from skranke.catalog import CATALOG_DIR, check_folder, load_catalog  # noqa: PLC0415
    from ui.messages import problem_text  # noqa: PLC0415

    if args.catalog_command == "list":
        result = load_catalog(vocabulary, _overlay(settings))
        for solution in result.catalog.solutions:
            fields = (solution.id, ",".join(solution.areas), solution.title_da, solution.url)
            print("\t".join(fields))
        return 0
    if args.folder is not None:
        problems = check_folder(args.folder, vocabulary, strict=False)
    else:
        problems = check_folder(CATALOG_DIR, vocabulary, strict=True)
        overlay = _overlay(settings)
        if overlay is not None:
            problems += check_folder(overlay, vocabulary, strict=False)
    for problem in sorted(problems, key=lambda p: (str(p.path), p.line or 0)):
        print(problem_text(problem))
    if problems:
        print(f"{len(problems)} fejl.", file=sys.stderr)
        return EXIT_PROBLEMS
    result = load_catalog(vocabulary, args.folder or _overlay(settings))
    print(
        f"Kataloget er i orden: {len(result.catalog.solutions)} løsninger, "
        f"{len(result.catalog.packs)} pakker."
    )
    return 0


def _sheet_command(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    """``skranke sheet ID --out FILE.pdf`` and ``skranke sheet --pack ID --out FILE.pdf``."""
    from skranke.catalog import load_catalog  # noqa: PLC0415
    from skranke.sheets import Sender, SheetOptions, render_pack, render_sheet  # noqa: PLC0415

    catalog = load_catalog(vocabulary, _overlay(config.settings)).catalog
    if (args.solution is None) == (args.pack is None):
        print("skranke: angiv enten en løsnings id eller --pack PAKKE.", file=sys.stderr)
        return EXIT_BAD_INPUT
    sender = Sender(catalog.issuer_name(config.municipality), catalog.contact)
    options = SheetOptions(language=args.lang, large_print=args.large_print, format=args.format)
    try:
        if args.pack is not None:
            pack = catalog.pack(args.pack)
            if pack is None:
                known = ", ".join(p.id for p in catalog.packs)
                print(
                    f"skranke: pakken '{args.pack}' findes ikke (kendte: {known}).", file=sys.stderr
                )
                return EXIT_BAD_INPUT
            solutions = [s for s in (catalog.get(i) for i in pack.solutions) if s is not None]
            pdf = render_pack(pack, solutions, options, sender)
        else:
            solution = catalog.get(args.solution)
            if solution is None:
                print(
                    f"skranke: løsningen '{args.solution}' findes ikke i kataloget "
                    "(se 'skranke catalog list').",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
            pdf = render_sheet(solution, options, sender)
    except SkrankeError as error:
        return _fail(error)
    try:
        args.out.write_bytes(pdf)
    except OSError as error:
        print(
            f"skranke: kan ikke skrive {args.out}: {error.strerror or error}. "
            "Vælg en mappe, du må skrive i.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(f"{args.out}\t{len(pdf)} bytes")
    return 0


def _data_command(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    """``skranke export ...`` and ``skranke demo-data ...`` on the configured database."""
    from database.engine import open_database  # noqa: PLC0415
    from database.repository import ContactRepository  # noqa: PLC0415

    database = open_database(config.database_url, busy_timeout_ms=config.settings.busy_timeout_ms)
    try:
        repository = ContactRepository(database)
        if args.command == "demo-data":
            from database.demo import fill_demo_data  # noqa: PLC0415

            def shown(done: int, total: int) -> None:
                print(f"\r{done:,} af {total:,} henvendelser".replace(",", "."), end="",
                      file=sys.stderr)  # fmt: skip

            stored = fill_demo_data(
                repository, args.contacts, args.days, args.seed, vocabulary, progress=shown
            )
            print(f"\n{stored} demo-henvendelser gemt i {database.location}", file=sys.stderr)
            return 0
        return _export(args, config, vocabulary, repository)
    finally:
        database.close()


def _export(
    args: argparse.Namespace,
    config: StartupConfig,
    vocabulary: Vocabulary,
    repository: ContactRepository,
) -> int:
    from database.exporting import ExportRequest, run_export  # noqa: PLC0415
    from skranke.catalog import load_catalog  # noqa: PLC0415
    from skranke.costs import load_price_table  # noqa: PLC0415
    from skranke.report import Filters, Period  # noqa: PLC0415

    period = Period.custom(args.first, args.last)
    filters = Filters(desks=frozenset({args.only_desk})) if args.only_desk else Filters()
    catalog = load_catalog(vocabulary, _overlay(config.settings)).catalog
    name = catalog.issuer_name(config.municipality)
    request = ExportRequest(period, filters, args.export_format, args.out, name)
    result = run_export(request, repository, vocabulary, catalog, load_price_table())
    for path in result.paths:
        print(path)
    print(f"{result.contacts} henvendelser i perioden.", file=sys.stderr)
    return 0


def _first_run_set_up(config: StartupConfig) -> bool:
    """Ask for the desk and municipality and save them; False when the user cancels."""
    from skranke.settings import save_user_settings  # noqa: PLC0415
    from ui.setup_dialog import SetupDialog  # noqa: PLC0415

    dialog = SetupDialog(config.desk, config.municipality)
    if dialog.exec() != SetupDialog.DialogCode.Accepted:
        return False
    config.desk, config.municipality = dialog.desk, dialog.municipality_code
    try:
        save_user_settings(config.settings_path, desk=config.desk, municipality=config.municipality)
    except (OSError, SkrankeError) as error:
        print(f"skranke: {config.settings_path}: {error}", file=sys.stderr)
    return True


def _open_desk(config: StartupConfig, vocabulary: Vocabulary) -> CounterDesk:
    """Open (and if needed upgrade) the database. Runs on a worker thread."""
    from database.counter import CounterDesk  # noqa: PLC0415
    from database.engine import open_database  # noqa: PLC0415
    from database.repository import ContactRepository  # noqa: PLC0415

    database = open_database(config.database_url, busy_timeout_ms=config.settings.busy_timeout_ms)
    return CounterDesk(
        ContactRepository(database),
        vocabulary,
        desk=config.desk,
        municipality_code=config.municipality,
    )


def _open_all(config: StartupConfig, vocabulary: Vocabulary) -> tuple[CounterDesk, CatalogResult]:
    """The database and the self-service catalogue, read on a worker thread."""
    from skranke.catalog import load_catalog  # noqa: PLC0415

    catalog = load_catalog(vocabulary, _overlay(config.settings))
    return _open_desk(config, vocabulary), catalog


def _run_window(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    """Show the window at once; open the database meanwhile and hand it over when ready."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ui.counter_window import CounterWindow  # noqa: PLC0415
    from ui.tasks import run_task  # noqa: PLC0415

    def report(stage: str) -> None:
        if args.report_startup:
            print(f"{stage} {time.time():.6f}", flush=True)

    window = CounterWindow(
        vocabulary,
        config.settings,
        desk_name=config.desk,
        municipality_code=config.municipality,
        settings_path=config.settings_path,
    )
    window.show()
    window.raise_()
    window.activateWindow()  # keys go to the counter at once, also after the set-up dialog
    QTimer.singleShot(0, lambda: report("shown"))
    opened: list[CounterDesk] = []
    status = [0]

    def ready(loaded: tuple[CounterDesk, CatalogResult]) -> None:
        counter, catalog = loaded
        opened.append(counter)
        window.set_catalog(catalog.catalog)
        if catalog.problems:  # a broken overlay: say so, and go on with what is good
            window.show_catalog_problems(catalog.problems)
        window.attach(counter)
        report("ready")
        if args.quit_after_show:
            QApplication.quit()

    def failed(error: BaseException) -> None:
        window.hide()
        if isinstance(error, SkrankeError):
            status[0] = _fail(error)
        else:
            import traceback  # noqa: PLC0415

            details = "".join(traceback.format_exception(error))
            print(f"skranke: uventet fejl ved åbning af databasen:\n{details}", file=sys.stderr)
            _show_dialog(f"Uventet fejl ved åbning af databasen: {error}")
            status[0] = EXIT_UNEXPECTED
        QApplication.exit(status[0])

    # Start opening the database once the window has painted: the worker's imports would
    # otherwise compete with the first paint for the interpreter lock.
    QTimer.singleShot(0, lambda: run_task(lambda: _open_all(config, vocabulary), ready, failed))
    result = QApplication.exec()
    for counter in opened:
        counter.repository.database.close()
    return status[0] or result


def main() -> None:
    try:
        code = run(sys.argv[1:])
    except BrokenPipeError:  # e.g. `skranke catalog list | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    main()
