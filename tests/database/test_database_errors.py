"""Database failures are told apart by the driver's own code, not its English words, and
each reads as a Danish sentence first (the driver's text after it, in parentheses): a full
disk is not "kan ikke åbnes", and a read-only folder still lets export read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from database.desk_open import open_desk_database
from database.engine import Database, open_database, sqlite_url
from database.errors import (
    DatabaseConstraintError,
    DatabaseError,
    DatabaseFullError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    NotADatabaseError,
)
from database.handle import translate_errors
from database.repository import ContactRepository
from skranke.contact import ContactChoice, make_contacts
from skranke.vocabulary import Vocabulary
from tests.helpers import read_only_folder, write_lock
from ui.messages import error_text

CHOICE = ContactChoice("in_person", "passport", "handled_by_staff")


def _fill_until_full(database: Database, vocabulary: Vocabulary) -> DatabaseError:
    """Log until SQLite says the database is full (a page limit on this connection: the
    same SQLITE_FULL a full disk gives)."""
    connection = database._sqlite()
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages + 2}")
    repository = ContactRepository(database)
    for _ in range(10_000):
        contacts = make_contacts(
            CHOICE, vocabulary, desk="Skranke 1", municipality_code="165", count=50,
            note="x" * 100,
        )  # fmt: skip
        try:
            repository.add_many(contacts)
        except DatabaseError as error:
            return error
    pytest.fail("the database never became full")


def test_a_full_disk_says_full_not_cannot_open(db_path: Path, vocabulary: Vocabulary) -> None:
    open_database(sqlite_url(db_path)).close()
    database = open_desk_database(sqlite_url(db_path))
    try:
        error = _fill_until_full(database, vocabulary)
    finally:
        database.close()
    assert isinstance(error, DatabaseFullError)
    text = error_text(error)
    assert text.startswith(f"Disken med databasen {db_path} er fuld")
    assert "kan ikke åbnes" not in text
    assert text.endswith("(database or disk is full)")


def _driver_error(action: Callable[[], object]) -> DatabaseError:
    with pytest.raises(DatabaseError) as caught, translate_errors("db"):
        action()
    return caught.value


def test_each_failure_by_its_code(db_path: Path, tmp_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database file at all" * 100)
    read_only = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    plain = sqlite3.connect(db_path, isolation_level=None, timeout=0.05)
    try:
        insert = "INSERT INTO alembic_version VALUES ('x')"
        found = {
            "read-only": _driver_error(lambda: read_only.execute(insert)),
            "not a database": _driver_error(
                lambda: sqlite3.connect(garbage).execute("SELECT * FROM sqlite_master")
            ),
            "cannot open": _driver_error(lambda: sqlite3.connect(tmp_path / "no" / "x.db")),
            "constraint": _driver_error(
                lambda: plain.executemany(insert, [(), ()])  # the same key twice
            ),
        }
        with write_lock(db_path):
            found["locked"] = _driver_error(lambda: plain.execute("BEGIN IMMEDIATE"))
    finally:
        read_only.close()
        plain.close()
    assert isinstance(found["read-only"], DatabaseReadOnlyError)
    assert isinstance(found["not a database"], NotADatabaseError)
    assert type(found["cannot open"]) is DatabaseUnavailableError
    assert isinstance(found["constraint"], DatabaseConstraintError)
    assert isinstance(found["locked"], DatabaseLockedError)
    texts = {name: error_text(error) for name, error in found.items()}
    assert "skrivebeskyttet" in texts["read-only"]
    assert "ikke en Skranke-database" in texts["not a database"]
    assert "kan ikke åbnes" in texts["cannot open"]
    assert "afviste ændringen" in texts["constraint"]
    assert "låst" in texts["locked"]
    for name, text in texts.items():  # Danish first, the driver's words in parentheses
        assert text.endswith(f"({found[name].detail})"), text


def test_a_wal_database_in_a_read_only_folder_is_read(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    db = folder / "skranke.sqlite3"
    database = open_database(sqlite_url(db))
    ContactRepository(database).add_many(
        make_contacts(CHOICE, vocabulary, desk="Skranke 1", municipality_code="165", count=3)
    )
    database.close()
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    check.close()  # the last connection: the -wal and -shm files go, as after a day's work
    assert sorted(p.name for p in folder.iterdir()) == ["skranke.sqlite3"]
    with read_only_folder(folder):
        reading = open_database(sqlite_url(db), writes=False)
        try:
            with reading.reading() as executor:
                assert executor.rows("SELECT count(*) FROM contact") == [(3,)]
            with reading.engine.connect() as conn:  # SQLAlchemy's side reads too (reports)
                assert conn.exec_driver_sql("SELECT count(*) FROM contact").scalar() == 3
        finally:
            reading.close()
        assert sorted(p.name for p in folder.iterdir()) == ["skranke.sqlite3"]  # nothing made
