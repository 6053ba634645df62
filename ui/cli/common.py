"""What the sub-commands share: the start-up configuration, exit codes and messages."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skranke.errors import SkrankeError
    from skranke.settings import Settings

EXIT_OK = 0
EXIT_CANCELLED = 1  # the user cancelled the first-run set-up
EXIT_PROBLEMS = 1  # `catalog check` found problems
EXIT_BAD_INPUT = 2
EXIT_UNEXPECTED = 3


class UsageError(Exception):
    """Bad input on the command line; ``text`` is the Danish message (exit 2)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(text)


@dataclass
class StartupConfig:
    settings: Settings
    settings_path: Path
    database_url: str
    desk: str
    municipality: str


def say(text: str) -> None:
    """A message for the user on stderr, prefixed with the program's name."""
    print(f"skranke: {text}", file=sys.stderr)


def error_message(error: SkrankeError) -> str:
    from ui.messages import error_text  # noqa: PLC0415 - keeps `--version` fast

    return error_text(error)


def overlay(settings: Settings) -> Path | None:
    """The municipality's catalogue overlay folder, if the settings name one."""
    return Path(settings.catalog_overlay).expanduser() if settings.catalog_overlay else None
