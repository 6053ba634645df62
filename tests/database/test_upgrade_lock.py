"""A SQLite file's schema upgrade is one transaction under the write lock: an upgrade cut off
half-way leaves the old schema as it was, and programs started at once on one new file wait
for each other instead of racing the migration."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.operations import Operations
from sqlalchemy import create_engine

from database.engine import current_revision, open_database, sqlite_url
from database.schema import HEAD_REVISION
from tests.database.test_migrations import ROW_0001, _database_at

ROOT = Path(__file__).resolve().parents[2]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    return {row[0] for row in rows}


def test_an_upgrade_cut_off_half_way_leaves_the_old_schema(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _database_at(db_path, "0003")
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO contact VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ROW_0001)
    conn.close()
    before = _tables(db_path)

    def cut(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the power went")

    # 0004 adds a column and two tables, then fills the outbox: cut it there.
    monkeypatch.setattr(Operations, "execute", cut)
    with pytest.raises(RuntimeError, match="the power went"):
        open_database(sqlite_url(db_path))

    assert "sync_outbox" not in _tables(db_path)
    assert _tables(db_path) == before
    engine = create_engine(sqlite_url(db_path))
    assert current_revision(engine) == "0003"
    engine.dispose()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT id FROM contact").fetchall() == [(ROW_0001[0],)]
    conn.close()

    monkeypatch.undo()  # the next start upgrades it in full
    open_database(sqlite_url(db_path)).close()
    assert "sync_outbox" in _tables(db_path)


_OPEN = """
import sys, time
from database.engine import open_database
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all loaded: start together
open_database(sys.argv[1], busy_timeout_ms=30000).close()
"""


def test_programs_started_at_once_on_a_new_file_all_open_it(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    url = sqlite_url(path)
    at = str(time.time() + 4)
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, url, at],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in starts]
    for p in starts:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in results] == [0] * 6, [err[-400:] for _, err in results]
    engine = create_engine(url)
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()
