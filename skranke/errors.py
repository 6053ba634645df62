"""Typed exceptions of the core. They carry facts; the user interface words them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class SkrankeError(Exception):
    """Base of every error Skranke reports to a user instead of a traceback."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a data file: where it is and what is wrong.

    ``code`` is one of: ``syntax``, ``missing``, ``wrong_type``, ``empty``, ``duplicate``,
    ``unknown_reference``, ``not_allowed``, ``invalid``.
    """

    path: Path
    line: int | None
    field: str
    code: str
    detail: str = ""


class DataFileError(SkrankeError):
    """A data file (vocabulary, settings, municipality list) is broken. Lists every problem."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s)")


class VocabularyError(DataFileError):
    """A vocabulary file (areas, channels, outcomes ...) is broken."""


class SettingsError(DataFileError):
    """A settings file is broken."""


class SettingsWriteError(SkrankeError):
    """The user's settings file could not be written (a full disk, no permission ...)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {detail}")


class UnknownMunicipalityError(SkrankeError):
    """A municipality code that is not one of the 98 Danish municipalities."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


class CprLikeNoteError(SkrankeError):
    """A note contains something shaped like a CPR number; it is refused, never stored."""

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        super().__init__(f"CPR-like text at {start}:{end}")


class NoteTooLongError(SkrankeError):
    """A note longer than the allowed maximum."""

    def __init__(self, length: int, maximum: int) -> None:
        self.length = length
        self.maximum = maximum
        super().__init__(f"note of {length} characters, maximum {maximum}")


class InvalidContactError(SkrankeError):
    """A contact refers to an unknown vocabulary entry or has an impossible value."""

    def __init__(self, field: str, value: object) -> None:
        self.field = field
        self.value = value
        super().__init__(f"{field}={value!r}")


class PrintError(SkrankeError):
    """The printer (or the PDF file printed to) could not be opened."""

    def __init__(self, printer: str) -> None:
        self.printer = printer
        super().__init__(printer)
