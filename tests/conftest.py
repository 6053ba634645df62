"""Shared fixtures. Qt runs offscreen; settings and data folders point into a temporary
folder so tests never touch a real user's files."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt or platformdirs.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="skranke-tests-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_SANDBOX / _name.lower())
os.environ["XDG_CONFIG_DIRS"] = str(_SANDBOX / "site-config")
os.environ.pop("SKRANKE_DATABASE_URL", None)

import pytest  # noqa: E402

from database.counter import CounterDesk  # noqa: E402
from database.engine import Database, open_database, sqlite_url  # noqa: E402
from database.repository import ContactRepository  # noqa: E402
from skranke.vocabulary import Vocabulary, load_vocabulary  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "skranke.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(sqlite_url(db_path), busy_timeout_ms=200)
    yield db
    db.close()


@pytest.fixture
def repository(database: Database) -> ContactRepository:
    return ContactRepository(database)


@pytest.fixture
def desk(repository: ContactRepository, vocabulary: Vocabulary) -> CounterDesk:
    return CounterDesk(repository, vocabulary, desk="Skranke 1", municipality_code="165")
