"""What the sub-commands share: the start-up configuration, exit codes and messages."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skranke.catalog import Catalog
    from skranke.errors import SkrankeError
    from skranke.settings import Settings
    from skranke.vocabulary import Vocabulary

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


def checked_catalog(config: StartupConfig, vocabulary: Vocabulary) -> Catalog:
    """The catalogue with the settings' overlay; a broken overlay is refused with every
    problem's file, line and field (the window goes on without the broken file and says so;
    a command would otherwise quietly print or write the shipped entry)."""
    from skranke.catalog import load_catalog  # noqa: PLC0415
    from ui.messages import problem_text  # noqa: PLC0415

    folder = overlay(config.settings)
    result = load_catalog(vocabulary, folder)
    if not result.problems:
        return result.catalog
    lines = [
        f"katalogtillægget {folder} (indstillingen catalog_overlay i {config.settings_path}) "
        "har fejl; ret dem (se 'skranke catalog check'):"
    ]
    lines += ["  • " + problem_text(problem) for problem in result.problems]
    raise UsageError("\n".join(lines))


def require_display(what: str) -> None:
    """Refuse to open ``what`` (a window) where there is no screen to show it on: on Linux
    without DISPLAY or WAYLAND_DISPLAY (an ssh session, a service), unless QT_QPA_PLATFORM
    chooses a platform itself. Qt would abort with its own English text (exit 134)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise UsageError(
        f"{what} kan ikke vises: der er ingen skærm (hverken DISPLAY eller WAYLAND_DISPLAY er "
        "sat, fx i en ssh-session). Start Skranke fra skrivebordet eller med ssh -X; "
        "kommandoerne (export, sheet, catalog ...) virker uden skærm."
    )


def central_address(config: StartupConfig, given: str | None) -> str:
    """The central database's address: ``given`` on the command line, else the setting
    ``central_url``, which must be a PostgreSQL address (a plain name would be taken for a
    SQLite file). Empty when neither is set. (A desk with a bad ``central_url`` still logs
    and says so in its status bar: the setting is checked here, where it is used.)"""
    if given:
        return given
    url = config.settings.central_url.strip()
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if url and scheme.split("+", 1)[0] != "postgresql":
        raise UsageError(
            f"indstillingen central_url i {config.settings_path} er '{url}', som ikke er en "
            "PostgreSQL-adresse. Skriv fx central_url = "
            '"postgresql+psycopg://skranke_leder@server/skranke".'
        )
    return url
