"""Skranke's front door: parses the command line, reads settings, opens the database,
upgrades its schema and starts the counter window, or runs a sub-command from ``ui/cli``.

Exit codes: 0 done, 1 the user cancelled the first-run set-up (or `catalog check` found
problems, each listed with file, line and field), 2 bad input (a broken file,
an unusable database, an unknown municipality ...), each with a Danish message that says what
and where, 3 an unexpected error (a bug: "uventet fejl", the traceback goes to stderr).

The window is shown first and the database opened on a worker thread meanwhile: importing
SQLAlchemy and checking the schema take longer than building the window.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    import uuid

    from database.counter import CounterDesk
    from database.sync import PushRunner
    from skranke.catalog import CatalogResult
    from skranke.errors import SkrankeError
    from skranke.settings import Settings
    from skranke.vocabulary import Vocabulary
    from ui.cli.common import StartupConfig
    from ui.counter.desk_start import DeskStart
    from ui.counter_window import CounterWindow
    from ui.settings_store import QtSettingsStore

    SyncStart = PushRunner | SkrankeError | None  # pushing, why not, or no central database

EXIT_BAD_INPUT = 2
EXIT_UNEXPECTED = 3
SYNC_STOP_SECONDS = 1.0  # closing never waits longer on a push (the outbox keeps it)
OWN_PACKAGES = ("skranke", "database", "ui")
MARKER = "__skranke_package__"  # set in each of Skranke's own packages


def foreign_package() -> str | None:
    """A Danish message when ``skranke``, ``database`` or ``ui`` is not Skranke's own package
    next to this file (another distribution's package of the same name shadows it).

    A frozen build (PyInstaller) carries only its own packages, so it is not checked."""
    import importlib  # noqa: PLC0415
    import importlib.util  # noqa: PLC0415

    if getattr(sys, "frozen", False):
        return None

    home = Path(__file__).resolve().parent
    for name in OWN_PACKAGES:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
        if origin is None:
            return f"Skranke er ikke installeret helt: pakken '{name}' mangler i {home}."
        if origin.parent.parent != home:
            return (
                f"pakken '{name}' i {origin.parent} hører ikke til Skranke, men skygger for "
                f"Skrankes egen i {home / name}. Fjern den anden pakke fra PYTHONPATH, eller "
                "installér Skranke i sit eget miljø (fx med pipx)."
            )
        if not getattr(importlib.import_module(name), MARKER, False):
            return (
                f"pakken '{name}' i {origin.parent} er overskrevet af et andet program med en "
                "pakke af samme navn. Installér Skranke igen i sit eget miljø (fx med pipx)."
            )
    return None


def run(argv: list[str]) -> int:
    from ui.cli.common import UsageError  # noqa: PLC0415
    from ui.cli.parser import parse_arguments  # noqa: PLC0415

    args = parse_arguments(argv)
    window = args.command is None
    try:
        return _start(args, argv)
    except UsageError as error:
        return _refuse(error.text, dialog=window)
    except _skranke_error() as error:
        return _fail(error, dialog=window)
    except Exception as error:  # a bug: say so, with the details for the developers
        return _unexpected(error)


def _start(args: argparse.Namespace, argv: list[str]) -> int:
    if args.command is not None:
        _collect_again()  # a command keeps the collector (off since ``main``)
        return _start_program(args, argv)
    try:
        return _start_program(args, argv)
    finally:
        _collect_again()


def _collect_again() -> None:
    """The collector on again, without a walk through everything the start made: it stays
    (modules, classes, the window), so it is set aside for good (``gc.freeze``)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _start_program(args: argparse.Namespace, argv: list[str]) -> int:
    config = _resolve(args)
    if args.print_paths:
        from skranke.settings import site_settings_path  # noqa: PLC0415

        print(f"site settings\t{site_settings_path()}")  # IT's, machine-wide
        print(f"settings\t{config.settings_path}")
        print(f"database\t{config.database_url}")
        return 0
    vocabulary = _load_vocabulary(config.settings)
    if args.command is not None:
        return _command(args, config, vocabulary)

    from skranke.settings import SettingsStore  # noqa: PLC0415
    from ui.app import create_application  # noqa: PLC0415
    from ui.cli.common import EXIT_CANCELLED, require_display  # noqa: PLC0415
    from ui.settings_store import QtSettingsStore  # noqa: PLC0415

    require_display("Skrankevinduet")
    create_application([sys.argv[0], *argv], config.settings.language)
    store = QtSettingsStore(SettingsStore(config.settings, config.settings_path))
    needs_set_up = not config.desk or not config.municipality
    if needs_set_up and not _first_run_set_up(config, store):
        return EXIT_CANCELLED
    return _run_window(args, config, vocabulary, store)


def _skranke_error() -> type[SkrankeError]:
    from skranke.errors import SkrankeError  # noqa: PLC0415

    return SkrankeError


def _command(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    """Run the sub-command's module from ``ui/cli`` (each loads what it needs). The imports
    are written out, not computed, so PyInstaller sees and bundles every module."""
    if args.command == "catalog":
        from ui.cli import catalog  # noqa: PLC0415

        return catalog.run(args, config, vocabulary)
    if args.command == "sheet":
        from ui.cli import sheet  # noqa: PLC0415

        return sheet.run(args, config, vocabulary)
    if args.command == "export":
        from ui.cli import export  # noqa: PLC0415

        return export.run(args, config, vocabulary)
    if args.command == "central":
        from ui.cli import central  # noqa: PLC0415

        return central.run(args, config, vocabulary)
    if args.command == "team":
        from ui.cli import team  # noqa: PLC0415

        return team.run(args, config, vocabulary)
    from ui.cli import demo  # noqa: PLC0415

    return demo.run(args, config, vocabulary)


def _refuse(text: str, *, dialog: bool) -> int:
    print(f"skranke: {text}", file=sys.stderr)
    if dialog:
        _show_dialog(text)
    return EXIT_BAD_INPUT


def _fail(error: SkrankeError, *, dialog: bool = True) -> int:
    from ui.cli.common import error_message  # noqa: PLC0415

    return _refuse(error_message(error), dialog=dialog)


def _unexpected(error: BaseException, doing: str = "") -> int:
    import traceback  # noqa: PLC0415

    details = "".join(traceback.format_exception(error))
    print(f"skranke: uventet fejl{doing}: {error}\n{details}", file=sys.stderr)
    return EXIT_UNEXPECTED


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
    from ui.cli.common import StartupConfig, UsageError  # noqa: PLC0415
    from ui.cli.parser import DATABASE_ENV  # noqa: PLC0415

    if args.config is not None and not args.config.is_file():
        what = "er en mappe" if args.config.is_dir() else "findes ikke"
        raise UsageError(
            f"indstillingsfilen {args.config} (--config) {what}. Skriv stien til en "
            "TOML-fil, der findes (den må gerne være tom), eller udelad --config."
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
        url = f"sqlite:///{default_database_path()}"
    return StartupConfig(settings, settings_path, url, desk, code)


def _load_vocabulary(settings: Settings) -> Vocabulary:
    from skranke.vocabulary import load_vocabulary  # noqa: PLC0415

    extension = Path(settings.vocabulary_file).expanduser() if settings.vocabulary_file else None
    return load_vocabulary(extension=extension)


def _first_run_set_up(config: StartupConfig, store: QtSettingsStore) -> bool:
    """Ask for the desk and municipality and save them; False when the user cancels."""
    from ui.cli.common import error_message  # noqa: PLC0415
    from ui.setup_dialog import SetupDialog  # noqa: PLC0415

    dialog = SetupDialog(config.desk, config.municipality)
    if dialog.exec() != SetupDialog.DialogCode.Accepted:
        return False
    config.desk, config.municipality = dialog.desk, dialog.municipality_code
    try:
        store.update(desk=config.desk, municipality=config.municipality)
    except _skranke_error() as error:  # the counter works; it asks again at the next start
        print(f"skranke: {error_message(error)}", file=sys.stderr)
    return True


def _open_desk(
    config: StartupConfig, vocabulary: Vocabulary, desk_id: uuid.UUID | None = None
) -> CounterDesk:
    """Open (and if needed upgrade) the database. Runs on a worker thread. A current SQLite
    file opens without SQLAlchemy (database/handle.py)."""
    from database.counter import CounterDesk  # noqa: PLC0415
    from database.desk_open import open_desk_database  # noqa: PLC0415
    from database.repository import ContactRepository  # noqa: PLC0415

    busy = config.settings.busy_timeout_ms
    database = open_desk_database(config.database_url, busy_timeout_ms=busy)
    return CounterDesk(
        ContactRepository(database, desk_id),
        vocabulary,
        desk=config.desk,
        municipality_code=config.municipality,
    )


def _desk_id(config: StartupConfig) -> uuid.UUID | SkrankeError:
    """This installation's desk id, made and saved on the first start (each contact carries
    it). An unsavable id is returned as the error: the desk logs without it and does not push.

    A plain store over the same file: it writes only ``desk_id`` into it, so the window's
    store (which never reads ``desk_id``) saves its own changes beside it."""
    from skranke.settings import SettingsStore, ensure_desk_id  # noqa: PLC0415

    try:
        return ensure_desk_id(SettingsStore(config.settings, config.settings_path))
    except _skranke_error() as error:
        return error


def _open_sync(
    config: StartupConfig, counter: CounterDesk, desk_id: uuid.UUID | SkrankeError
) -> SyncStart:
    """The push thread's runner (not started) when ``central_url`` is set; runs on a worker
    thread. The sync code and the PostgreSQL driver are loaded only here, never when no
    central database is configured."""
    url = config.settings.central_url
    if not url:
        return None
    from skranke.errors import SkrankeError  # noqa: PLC0415

    if isinstance(desk_id, SkrankeError):
        return desk_id
    from database.sync import DeskIdentity, Pusher, PushRunner  # noqa: PLC0415

    identity = DeskIdentity(desk_id, config.desk, config.municipality, config.settings.centre)
    try:
        return PushRunner(Pusher(counter.repository.database, url, identity))
    except _skranke_error() as error:  # a postgres:// or non-PostgreSQL URL, a missing driver
        return error


def _open_all(
    config: StartupConfig, vocabulary: Vocabulary
) -> tuple[CounterDesk, uuid.UUID | SkrankeError]:
    """The database, and the desk id the pusher needs; made on a worker thread."""
    import uuid  # noqa: PLC0415

    desk_id = _desk_id(config)
    counter = _open_desk(config, vocabulary, desk_id if isinstance(desk_id, uuid.UUID) else None)
    return counter, desk_id


def _load_catalog(config: StartupConfig, vocabulary: Vocabulary) -> CatalogResult:
    """The self-service catalogue (58 KB of TOML, ~25 ms), read on a worker thread once the
    desk is ready to log: the solution search needs it, logging does not."""
    from skranke.catalog import load_catalog  # noqa: PLC0415
    from ui.cli.common import overlay  # noqa: PLC0415

    return load_catalog(vocabulary, overlay(config.settings))


def _start_sync(window: CounterWindow, config: StartupConfig, sync: SyncStart) -> None:
    """Show the quiet sync status and start pushing; on the GUI thread, once the desk is open.
    The runner is woken after each of the desk worker's writes (log, undo, void)."""
    if sync is None:
        return  # no central database: no status, nothing started
    from skranke.errors import SkrankeError  # noqa: PLC0415
    from ui.counter.sync_status import SyncStatusLabel  # noqa: PLC0415

    label = SyncStatusLabel(config.settings.central_url, window.statusBar())
    window.statusBar().addPermanentWidget(label)
    if isinstance(sync, SkrankeError):
        label.show_problem(sync)
        return
    runner = sync
    runner.start()
    label.follow(lambda: runner.pusher.status)
    window.worker.busyChanged.connect(lambda busy: None if busy else runner.wake())


def _stop_sync(sync: SyncStart) -> None:
    """Stop pushing without holding up the closing: a push stuck on a dead link is abandoned
    (its thread is a daemon; the outbox keeps every change for the next start)."""
    from skranke.errors import SkrankeError  # noqa: PLC0415

    if sync is None or isinstance(sync, SkrankeError):
        return
    sync.stop(SYNC_STOP_SECONDS)
    sync.pusher.close()  # closes the idle connection; one still in use is left to the thread


def _show_counter(
    config: StartupConfig, vocabulary: Vocabulary, store: QtSettingsStore
) -> CounterWindow:
    """The counter window, shown before the database is open."""
    from ui.counter_window import CounterWindow  # noqa: PLC0415

    window = CounterWindow(
        vocabulary,
        store,
        desk_name=config.desk,
        municipality_code=config.municipality,
        staged=True,  # the tiles first; the panels around them on the next turns
    )
    window.show()
    window.raise_()
    window.activateWindow()  # keys go to the counter at once, also after the set-up dialog
    window.firstPainted.connect(_collect_again)  # off since main()
    return window


def _say_when_replaced(window: CounterWindow) -> None:
    """An upgrade that replaces the installed program while it runs (skranke/bundle.py): say
    so and end before a module imported later fails on the replaced files (issue 17)."""
    if not getattr(sys, "frozen", False):
        return
    import threading  # noqa: PLC0415

    from PySide6.QtCore import QCoreApplication, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    from skranke.bundle import watch_for_replacement  # noqa: PLC0415

    def tell() -> None:
        text = QCoreApplication.translate(
            "main",
            "Skranke er blevet opdateret – genstart Skranke.\n\nDine registreringer er gemt.",
        )
        window.writes.flush(10_000)  # what staff typed is stored before the program ends
        QMessageBox.warning(window, "Skranke", text)
        os._exit(0)  # the old program's files are gone: nothing more may be imported

    def replaced() -> None:
        if threading.current_thread() is threading.main_thread():
            tell()
        else:  # a worker's import: the window's thread says it
            QTimer.singleShot(0, window, tell)

    watch_for_replacement(sys.executable, replaced)


def _run_window(
    args: argparse.Namespace,
    config: StartupConfig,
    vocabulary: Vocabulary,
    store: QtSettingsStore,
) -> int:
    """Show the window at once; open the database meanwhile and hand it over when ready."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ui.counter.desk_start import read_start  # noqa: PLC0415
    from ui.tasks import run_task  # noqa: PLC0415

    def report(stage: str) -> None:
        if args.report_startup:
            print(f"{stage} {time.time():.6f}", flush=True)

    window = _show_counter(config, vocabulary, store)
    window.firstPainted.connect(lambda: report("shown"))
    _say_when_replaced(window)
    opened: list[CounterDesk] = []
    syncs: list[SyncStart] = []
    status = [0]
    running = [True]  # False once the event loop has ended: late results are dropped

    def open_and_read() -> tuple[tuple[CounterDesk, uuid.UUID | SkrankeError], DeskStart]:
        """On the worker: open the database, then read what the window shows first (the
        tile order by use, today's list and figures), so the window never waits for it."""
        opened = _open_all(config, vocabulary)
        return opened, read_start(opened[0])

    def ready(loaded: tuple[tuple[CounterDesk, uuid.UUID | SkrankeError], DeskStart]) -> None:
        (counter, desk_id), start = loaded
        opened.append(counter)
        window.attach(counter, start)
        report("ready")
        # After the desk: the catalogue (~30 ms sooner ready to log, docs/performance.md, a),
        # then the pusher (SQLAlchemy and the PostgreSQL driver, ~0.4 s, only with a central
        # database). Logging never waits for either.
        run_task(
            lambda: _load_catalog(config, vocabulary),
            lambda catalog: catalog_loaded(catalog, counter, desk_id),
            failed,
        )

    def catalog_loaded(
        catalog: CatalogResult, counter: CounterDesk, desk_id: uuid.UUID | SkrankeError
    ) -> None:
        if not running[0]:
            return
        window.solutions.set_catalog(catalog.catalog)
        if catalog.problems:  # a broken overlay: say so, and go on with what is good
            window.solutions.show_catalog_problems(catalog.problems)
        run_task(lambda: _open_sync(config, counter, desk_id), sync_opened, failed)

    def sync_opened(sync: SyncStart) -> None:
        if not running[0]:  # (a pusher made after the window closed was never started)
            return
        syncs.append(sync)
        _start_sync(window, config, sync)
        if args.quit_after_show:
            QApplication.quit()

    def failed(error: BaseException) -> None:
        if not running[0]:
            return
        window.hide()
        if isinstance(error, _skranke_error()):
            status[0] = _fail(error)
        else:
            status[0] = _unexpected(error, " ved åbning af databasen")
            _show_dialog(f"Uventet fejl ved åbning af databasen: {error}")
        QApplication.exit(status[0])

    # Start opening the database once the window has painted: the worker's imports would
    # otherwise compete with the first paint for the interpreter lock.
    window.firstPainted.connect(lambda: run_task(open_and_read, ready, failed))
    result = QApplication.exec()
    running[0] = False
    for sync in syncs:
        _stop_sync(sync)
    for counter in opened:
        counter.repository.database.close()
    return status[0] or result


def main() -> None:
    # The window's start makes ~35,000 objects that live as long as the program; the cyclic
    # collector would walk them over and over (~15 ms before the first paint). It is off
    # until the window has painted (or a command is chosen), and on again however the start
    # ends.
    gc.disable()
    problem = foreign_package()
    if problem is not None:
        print(f"skranke: {problem}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)
    try:
        code = run(sys.argv[1:])
    except BrokenPipeError:  # e.g. `skranke catalog list | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    main()
