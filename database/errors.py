"""Errors of the storage layer, each saying what is wrong with which database."""

from __future__ import annotations

from skranke.errors import SkrankeError


class DatabaseError(SkrankeError):
    """Base: something is wrong with the database at ``location`` (a path or a URL)."""

    def __init__(self, location: str, detail: str = "") -> None:
        self.location = location
        self.detail = detail
        super().__init__(f"{location}: {detail}" if detail else location)


class DatabaseLockedError(DatabaseError):
    """Another program holds the database locked for longer than we wait."""


class DatabaseReadOnlyError(DatabaseError):
    """The database (or its folder) cannot be written."""


class NotADatabaseError(DatabaseError):
    """The file exists but is not a SQLite database (or is damaged)."""


class DatabaseFullError(DatabaseError):
    """The disk (or the database server's) is full: the change was not saved."""


class DatabaseIOError(DatabaseError):
    """The open database could not be read or written (a disk or network drive failing)."""


class DatabaseConstraintError(DatabaseError):
    """A write broke one of the schema's rules (a contact's id already stored ...)."""


class DatabaseUnavailableError(DatabaseError):
    """The database cannot be opened at all (missing folder, no access, server down ...)."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer Skranke; we do not touch it."""

    def __init__(self, location: str, revision: str) -> None:
        self.revision = revision
        super().__init__(location, revision)


class ContactNotFoundError(DatabaseError):
    """No contact with that id."""


class DatabaseUrlError(DatabaseError):
    """The database address cannot be used. ``reason``: ``invalid`` (not a URL),
    ``postgres`` (``postgres://`` instead of ``postgresql://``), ``unknown_type`` (no such
    database type or driver; ``detail`` names it) or ``missing_driver`` (the driver's Python
    package is not installed; ``detail`` names the module)."""

    def __init__(self, location: str, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(location, detail)
