"""A SQLite desk is ready to log sooner: a current file opens, and the desk logs, undoes and
voids, without SQLAlchemy at all (database/handle.py: ~350 ms of the start, docs/performance.md
"Ready to log"). What it wrote is what the SQLAlchemy side (team view, pusher) reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from database.desk_open import open_desk_database
from database.engine import open_database, sqlite_url
from database.repository import ContactRepository
from database.summaries import stored

ROOT = Path(__file__).resolve().parents[2]
_EVERYTHING = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
_WATCHED = (
    "database.repository",
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.postgresql",
    "alembic",
)
_REPORT = f"print(json.dumps([m for m in {_WATCHED!r} if m in sys.modules]))"
_START = f"""
import json, sys
import main
code = main.run(sys.argv[1:])
assert code == 0, code
{_REPORT}
"""
_LOG = f"""
import json, sys
from database.counter import CounterDesk
from database.desk_open import open_desk_database
from database.repository import ContactRepository
from skranke.contact import ContactChoice, Handout
from skranke.vocabulary import load_vocabulary

database = open_desk_database(sys.argv[1])
desk = CounterDesk(ContactRepository(database), load_vocabulary(), desk="Skranke 1",
                   municipality_code="165")
desk.log(ContactChoice("in_person", "passport", "handled_by_staff"), duration_seconds=80,
         handouts=[Handout("mitid_app", "qr")])
(voided,) = desk.log(ContactChoice("phone", "mitid", "assisted_self_service"))
desk.void(voided.id)
assert desk.today_tally().total == 1
database.close()
{_REPORT}
"""


def _run(code: str, *argv: str) -> list[str]:
    """Run ``code`` in a fresh interpreter from the repository (its stderr goes to the
    test's captured output); the watched modules it reports as loaded."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", code, *argv]
    out = subprocess.check_output(command, cwd=ROOT, env=env, text=True, timeout=120)
    loaded: list[str] = json.loads(out.splitlines()[-1])
    return loaded


def _existing_database(folder: Path) -> str:
    """A desk's database as on every start but the first: created, schema current."""
    url = sqlite_url(folder / "desk.sqlite3")
    open_database(url).close()
    return url


def test_a_sqlite_desk_gets_ready_without_sqlalchemy(tmp_path: Path) -> None:
    url = _existing_database(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text("", encoding="utf-8")  # no central database
    argv = ["--config", str(config), "--database", url,
            "--desk", "Skranke 1", "--municipality", "165", "--quit-after-show"]  # fmt: skip
    # --quit-after-show quits once the desk is open, the window ready to log and the
    # catalogue read.
    assert _run(_START, *argv) == ["database.repository"]


def test_logging_and_voiding_on_a_sqlite_desk_needs_no_sqlalchemy_and_counts_right(
    tmp_path: Path,
) -> None:
    url = _existing_database(tmp_path)
    assert _run(_LOG, url) == ["database.repository"]
    # Read back the SQLAlchemy way, as the team view and the pusher do.
    database = open_database(url)
    try:
        contacts = ContactRepository(database).between(*_EVERYTHING, include_voided=True)
        with database.engine.connect() as conn:
            days = stored(conn)["tally_day"]
            handouts = stored(conn)["tally_handout"]
            outbox = conn.exec_driver_sql("SELECT change FROM sync_outbox ORDER BY seq").all()
    finally:
        database.close()
    assert sorted(c.channel for c in contacts) == ["in_person", "phone"]
    assert [c.handouts[0].solution for c in contacts if c.handouts] == ["mitid_app"]
    assert sum(c.voided for c in contacts) == 1
    assert sum(days.values()) == 1  # the void subtracted what its add added
    assert sum(handouts.values()) == 2  # the month's and the year's row
    assert [change for (change,) in outbox] == ["add", "add", "void"]


def test_a_new_file_goes_the_full_way_and_is_then_opened_without_sqlalchemy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new" / "desk.sqlite3"
    first = open_desk_database(str(path))  # created and migrated with Alembic
    try:
        assert first._engine is not None
    finally:
        first.close()
    again = open_desk_database(str(path))
    try:
        assert again._engine is None
        assert ContactRepository(again).desks() == []
    finally:
        again.close()


def test_the_columns_spelled_out_for_plain_sql_are_the_models() -> None:
    from database.models import metadata  # noqa: PLC0415
    from database.repository import COLUMNS  # noqa: PLC0415
    from database.summary_rows import COUNT_COLUMN, KEY_COLUMNS, TABLE_NAMES  # noqa: PLC0415

    assert [c.name for c in metadata.tables["contact"].columns] == [*COLUMNS, "desk_id"]
    for name in TABLE_NAMES:
        table = metadata.tables[name]
        assert tuple(c.name for c in table.primary_key.columns) == KEY_COLUMNS[name]
        others = [c.name for c in table.columns if not c.primary_key]
        assert others == [COUNT_COLUMN[name]]
