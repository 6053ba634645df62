"""Start-up stays fast: without a central database, the counter loads no sync code and no
PostgreSQL driver; with one, both are loaded (off the GUI thread) and the desk gets its id."""

from __future__ import annotations

import json
from pathlib import Path

from database.engine import sqlite_url
from skranke.settings import read_settings_file
from tests.helpers import run_python

_START = """
import json, sys
import main
code = main.run(sys.argv[1:])
print(json.dumps({"code": code, "loaded": [m for m in ("database.sync", "psycopg")
                                           if m in sys.modules]}))
"""


def _start(folder: Path, settings: str) -> dict[str, object]:
    config = folder / "settings.toml"
    config.write_text(settings, encoding="utf-8")
    argv = ["--config", str(config), "--database", sqlite_url(folder / "desk.sqlite3"),
            "--desk", "Skranke 1", "--municipality", "165", "--quit-after-show"]  # fmt: skip
    done = run_python(_START, *argv)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_no_central_database_no_sync_code(tmp_path: Path) -> None:
    started = _start(tmp_path, "")
    assert started == {"code": 0, "loaded": []}
    # The desk id is made anyway: each contact carries it, for a central database set up later.
    assert read_settings_file(tmp_path / "settings.toml").desk_id


def test_a_central_database_loads_the_pusher(tmp_path: Path) -> None:
    url = "postgresql+psycopg://skranke_desk@127.0.0.1:9/skranke"
    started = _start(tmp_path, f'central_url = "{url}"\n')
    assert started == {"code": 0, "loaded": ["database.sync", "psycopg"]}
