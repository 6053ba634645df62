"""Opening the database: migrate an empty file, refuse what we must not touch."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from database.desk_open import open_desk_database
from database.engine import Database, current_revision, open_database, sqlite_url
from database.errors import (
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    NotADatabaseError,
    SchemaTooNewError,
)
from database.models import metadata
from database.repository import ContactRepository
from database.schema import HEAD_REVISION
from skranke.contact import ContactChoice, make_contacts
from skranke.vocabulary import Vocabulary
from tests.database.test_migrations import _database_at
from tests.helpers import exclusive_lock, write_lock

# The full way (SQLAlchemy, Alembic) and the desk's (sqlite3 alone for a current file, the
# full way for anything else) refuse the same files with the same errors.
_BOTH_WAYS = pytest.mark.parametrize(
    "opener", [open_database, open_desk_database], ids=["full", "desk"]
)
Opener = Callable[..., Database]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _log_one(database: Database, vocabulary: Vocabulary) -> None:
    (contact,) = make_contacts(
        ContactChoice("phone", "mitid", "handled_by_staff"),
        vocabulary,
        desk="S1",
        municipality_code="165",
    )
    ContactRepository(database).add(contact)


def test_an_empty_file_is_migrated_to_the_head(db_path: Path) -> None:
    database = open_database(sqlite_url(db_path))
    try:
        assert current_revision(database.engine) == HEAD_REVISION
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            # The hand-written migration and the models describe the same schema.
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        database.close()


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "skranke.sqlite3"
    open_database(sqlite_url(path)).close()
    assert path.exists()


def test_reopening_keeps_the_data(db_path: Path, vocabulary: Vocabulary) -> None:
    database = open_database(sqlite_url(db_path))
    _log_one(database, vocabulary)
    database.close()
    database = open_database(sqlite_url(db_path))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM contact").scalar() == 1
    database.close()


@_BOTH_WAYS
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(
    tmp_path: Path, opener: Opener
) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Dear diary, today 40 citizens came about MitID.\n" * 200)
    before = _digest(path)
    with pytest.raises(NotADatabaseError) as caught:
        opener(sqlite_url(path))
    assert caught.value.location == str(path)
    assert _digest(path) == before


@_BOTH_WAYS
def test_a_database_from_a_newer_skranke_is_refused_and_left_alone(
    db_path: Path, vocabulary: Vocabulary, opener: Opener
) -> None:
    database = open_database(sqlite_url(db_path))
    _log_one(database, vocabulary)
    with database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0042'")
    database.close()
    before = _digest(db_path)
    with pytest.raises(SchemaTooNewError) as caught:
        opener(sqlite_url(db_path))
    assert caught.value.revision == "0042"
    assert _digest(db_path) == before


def test_a_read_only_database_is_refused(db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    with pytest.raises(DatabaseReadOnlyError):
        open_database(f"sqlite:///file:{db_path}?mode=ro&uri=true")


@_BOTH_WAYS
@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_file_is_refused(db_path: Path, opener: Opener) -> None:
    open_database(sqlite_url(db_path)).close()
    db_path.chmod(0o444)
    try:
        with pytest.raises(DatabaseReadOnlyError):
            opener(sqlite_url(db_path))
    finally:
        db_path.chmod(0o644)


@_BOTH_WAYS
def test_a_directory_is_not_a_database(tmp_path: Path, opener: Opener) -> None:
    with pytest.raises(DatabaseUnavailableError):
        opener(sqlite_url(tmp_path))


@_BOTH_WAYS
def test_a_locked_database_is_reported_at_start_up(
    db_path: Path, vocabulary: Vocabulary, opener: Opener
) -> None:
    database = open_database(sqlite_url(db_path))
    _log_one(database, vocabulary)
    database.close()
    with exclusive_lock(db_path), pytest.raises(DatabaseLockedError) as caught:
        opener(sqlite_url(db_path), busy_timeout_ms=100)
    assert caught.value.location == str(db_path)
    database = open_database(sqlite_url(db_path))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM contact").scalar() == 1
    database.close()


def test_a_desk_logs_into_a_current_file_and_waits_for_a_lock_without_losing_anything(
    db_path: Path, vocabulary: Vocabulary
) -> None:
    open_database(sqlite_url(db_path)).close()
    database = open_desk_database(sqlite_url(db_path), busy_timeout_ms=100)
    try:
        assert database._engine is None
        with write_lock(db_path), pytest.raises(DatabaseLockedError):
            _log_one(database, vocabulary)  # another program writes for longer than we wait
        _log_one(database, vocabulary)  # the lock is gone: the next click is stored
    finally:
        database.close()
    database = open_database(sqlite_url(db_path))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM contact").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() == 1
    database.close()


def test_an_older_schema_goes_the_full_way_and_is_upgraded(db_path: Path) -> None:
    _database_at(db_path, "0005")
    opened = open_desk_database(sqlite_url(db_path))
    try:
        assert opened._engine is not None
        assert current_revision(opened.engine) == HEAD_REVISION
    finally:
        opened.close()
