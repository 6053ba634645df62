"""``skranke demo-data --contacts N [--days D] [--seed S]``: fills the database."""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING, TextIO

from skranke.formatting import format_number
from ui.cli.common import EXIT_OK, StartupConfig, UsageError

if TYPE_CHECKING:
    from database.demo import DemoDataExistsError
    from skranke.vocabulary import Vocabulary

PROGRESS_PARTS = 20  # batches per run (at most BATCH_SIZE contacts each)


class Progress:
    """On a terminal one line rewritten in place (ending with a newline); otherwise (a log
    file, a pipe) a line at every tenth."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.terminal = stream.isatty()
        self.tenths_shown = 0

    def __call__(self, done: int, total: int) -> None:
        line = f"{format_number(done)} af {format_number(total)} henvendelser"
        if self.terminal:
            end = "\n" if done >= total else ""
            print(f"\r{line}", end=end, file=self.stream, flush=True)
            return
        tenths = done * 10 // max(total, 1)
        if tenths > self.tenths_shown:
            self.tenths_shown = tenths
            print(line, file=self.stream, flush=True)


def run(args: argparse.Namespace, config: StartupConfig, vocabulary: Vocabulary) -> int:
    from database.demo import BATCH_SIZE, DemoDataExistsError, fill_demo_data  # noqa: PLC0415
    from database.engine import open_database  # noqa: PLC0415
    from database.repository import ContactRepository  # noqa: PLC0415

    database = open_database(config.database_url, busy_timeout_ms=config.settings.busy_timeout_ms)
    batch_size = min(BATCH_SIZE, max(100, math.ceil(args.contacts / PROGRESS_PARTS)))
    try:
        stored = fill_demo_data(
            ContactRepository(database), args.contacts, args.days, args.seed, vocabulary,
            batch_size=batch_size, progress=Progress(sys.stderr), finish=args.finish,
        )  # fmt: skip
    except DemoDataExistsError as error:
        raise UsageError(_exists_text(error)) from error
    finally:
        database.close()
    if args.finish:
        print(
            f"{format_number(stored)} manglende demo-henvendelser med --seed {args.seed} gemt "
            f"i {database.location}" + ("" if stored else " (de var der alle)"),
            file=sys.stderr,
        )
        return EXIT_OK
    if stored == 0:
        raise UsageError(
            f"ingen åbningsdage blandt de sidste {args.days} dage; intet gemt. Brug flere --days."
        )
    print(f"{format_number(stored)} demo-henvendelser gemt i {database.location}", file=sys.stderr)
    return EXIT_OK


def _exists_text(error: DemoDataExistsError) -> str:
    stored = f" ({format_number(error.stored)} nye nåede at blive gemt)" if error.stored else ""
    return (
        f"demo-data med --seed {error.seed} ligger allerede i databasen {error.location}"
        f"{stored}: samme seed giver de samme henvendelser. Brug et andet tal, fx "
        f"--seed {error.seed + 1}, for at tilføje flere, eller --finish for at gemme dem "
        f"af --seed {error.seed}, der mangler efter en afbrudt kørsel."
    )
