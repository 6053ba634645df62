"""Every migration runs from the previous release's schema with data in it."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from database.engine import MIGRATIONS_DIR, open_database, sqlite_url
from database.reports import tally_in_database
from database.repository import ContactRepository
from database.schema import HEAD_REVISION
from skranke.contact import Handout
from skranke.report import Period, tally
from skranke.vocabulary import Vocabulary

ROW_0001 = (
    uuid.UUID("12345678123456781234567812345678").hex, "2026-11-20 09:15:00.000000",
    "in_person", "passport", "transaction", "handled_by_staff", 0, None, "citizen", 0, 0, 95,
    "Skranke 1", "165", "kom uden billede", None,
)  # fmt: skip


def _database_at(path: Path, revision: str) -> None:
    engine = create_engine(sqlite_url(path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def test_from_0001_with_data_to_head(db_path: Path, vocabulary: Vocabulary) -> None:
    _database_at(db_path, "0001")
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO contact VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ROW_0001)
    database = open_database(sqlite_url(db_path))
    try:
        backup = db_path.with_name(f"{db_path.name}.before-{HEAD_REVISION}-from-0001.bak")
        assert backup.exists()  # the file as it was, before the upgrade
        with sqlite3.connect(backup) as old:
            assert old.execute("SELECT count(*) FROM contact").fetchone()[0] == 1
        repository = ContactRepository(database)
        (contact,) = repository.between(
            datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC)
        )
        assert contact.id == uuid.UUID(ROW_0001[0])
        assert (contact.area, contact.duration_seconds, contact.note) == (
            "passport",
            95,
            "kom uden billede",
        )
        assert contact.handouts == ()
        with database.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO contact_handout VALUES (?, 'mitid_app', 'qr')", (ROW_0001[0],)
            )
        stored = repository.get(contact.id)
        assert stored is not None
        assert stored.handouts == (Handout("mitid_app", "qr"),)
    finally:
        database.close()


def test_a_new_database_gets_no_backup(db_path: Path) -> None:
    open_database(sqlite_url(db_path)).close()
    assert [p.name for p in db_path.parent.iterdir() if p.suffix == ".bak"] == []


def test_from_0002_the_hourly_summaries_are_filled(db_path: Path, vocabulary: Vocabulary) -> None:
    _database_at(db_path, "0002")
    voided = (uuid.uuid4().hex, *ROW_0001[1:15], "2026-11-20 10:00:00.000000")
    live = (uuid.uuid4().hex, "2026-11-20 13:59:59.000000", *ROW_0001[2:])
    with sqlite3.connect(db_path) as conn:
        for row in (ROW_0001, voided, live):
            conn.execute("INSERT INTO contact VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
        conn.execute("INSERT INTO contact_handout VALUES (?, 'moving', 'qr')", (live[0],))
        conn.execute("INSERT INTO contact_handout VALUES (?, 'moving', 'sheet')", (voided[0],))
    database = open_database(sqlite_url(db_path))
    try:
        repository = ContactRepository(database)
        period = Period.day(date(2026, 11, 20))
        expected = tally(repository.between(*period.utc_bounds()), period)
        assert expected.total == 2
        assert tally_in_database(repository, period) == expected
        assert expected.solutions_shown == {"moving": 1}
        assert not expected.sheets_printed  # its contact was voided
    finally:
        database.close()


def test_from_0003_the_outbox_holds_the_history(db_path: Path) -> None:
    """0004: contacts already logged wait in the outbox, oldest first, and keep no desk id;
    a new contact is queued in the same transaction, after them."""
    _database_at(db_path, "0003")
    later = (uuid.uuid4().hex, "2026-11-20 13:59:59.000000", *ROW_0001[2:])
    with sqlite3.connect(db_path) as conn:
        for row in (later, ROW_0001):
            conn.execute("INSERT INTO contact VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
    database = open_database(sqlite_url(db_path))
    try:
        desk_id = uuid.uuid4()
        repository = ContactRepository(database, desk_id)
        (old, *_) = repository.between(
            datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC)
        )
        new = replace(old, id=uuid.uuid4(), logged_at=datetime(2026, 11, 21, 9, tzinfo=UTC))
        repository.add(new)
        with database.engine.connect() as conn:
            queued = conn.exec_driver_sql(
                "SELECT o.seq, o.contact_id, o.change, c.desk_id FROM sync_outbox o "
                "JOIN contact c ON c.id = o.contact_id ORDER BY o.seq"
            ).all()
        assert [(row[1], row[2]) for row in queued] == [
            (ROW_0001[0], "add"),
            (later[0], "add"),
            (new.id.hex, "add"),
        ]
        assert [row[3] for row in queued] == [None, None, desk_id.hex]
        assert [row[0] for row in queued] == sorted(row[0] for row in queued)
    finally:
        database.close()


def test_from_0004_a_desk_heard_from_keeps_its_row_without_a_centre(db_path: Path) -> None:
    """0005: desks heard from before the centre existed keep their row, with no centre."""
    _database_at(db_path, "0004")
    desk_id = uuid.uuid4().hex
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO desk_sync VALUES (?, 'Skranke 1', '165', 42, "
            "'2026-12-01 18:00:00.000000', '0.9.0')",
            (desk_id,),
        )
    open_database(sqlite_url(db_path)).close()
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT desk, last_sequence, centre FROM desk_sync").fetchall()
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert rows == [("Skranke 1", 42, None)]
    assert revision == HEAD_REVISION
