"""A SQLite desk is ready to log sooner: on its way to "ready" (and while logging) it loads
neither SQLAlchemy's ORM (the tables are Core) nor the PostgreSQL dialect (loaded only for a
PostgreSQL connection). Together ~160 ms of the start (docs/performance.md, section a)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from database.engine import open_database, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
_WATCHED = (
    "database.repository",
    "sqlalchemy.dialects.sqlite",
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
from database.engine import open_database
from database.repository import ContactRepository
from database.summaries import stored
from skranke.contact import ContactChoice
from skranke.vocabulary import load_vocabulary

database = open_database(sys.argv[1])
desk = CounterDesk(ContactRepository(database), load_vocabulary(), desk="Skranke 1",
                   municipality_code="165")
desk.log(ContactChoice("in_person", "passport", "handled_by_staff"), duration_seconds=80)
(voided,) = desk.log(ContactChoice("phone", "mitid", "assisted_self_service"))
desk.void(voided.id)
with database.engine.connect() as conn:
    days = stored(conn)["tally_day"]
assert sum(days.values()) == 1, days  # the void subtracted what its add added
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


def test_a_sqlite_desk_gets_ready_without_the_orm_or_the_postgresql_dialect(
    tmp_path: Path,
) -> None:
    url = _existing_database(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text("", encoding="utf-8")  # no central database
    argv = ["--config", str(config), "--database", url,
            "--desk", "Skranke 1", "--municipality", "165", "--quit-after-show"]  # fmt: skip
    # --quit-after-show quits once the desk is open and the window is ready to log.
    assert _run(_START, *argv) == ["database.repository", "sqlalchemy.dialects.sqlite"]


def test_logging_and_voiding_on_a_sqlite_desk_loads_no_postgresql_dialect(
    tmp_path: Path,
) -> None:
    url = _existing_database(tmp_path)
    assert _run(_LOG, url) == ["database.repository", "sqlalchemy.dialects.sqlite"]
