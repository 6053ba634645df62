"""The repository and report tests run on SQLite and on a real PostgreSQL server.

A test that reaches into the SQLite file itself (it asks for ``db_path``) runs on SQLite only.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from database.engine import Database, open_database, sqlite_url
from tests.postgres import postgres

__all__ = ["postgres"]

_ON_BOTH_ENGINES = ("test_repository", "test_reports")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.module.__name__.rsplit(".", 1)[-1] not in _ON_BOTH_ENGINES:
        return
    if "database" not in metafunc.fixturenames:
        return
    sqlite_only = "db_path" in inspect.signature(metafunc.function).parameters
    metafunc.parametrize("engine_name", ["sqlite"] if sqlite_only else ["sqlite", "postgresql"])


@pytest.fixture
def engine_name() -> str:
    return "sqlite"


@pytest.fixture
def database(engine_name: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    if engine_name == "postgresql":
        url = request.getfixturevalue("postgres").new_database()
    else:
        url = sqlite_url(db_path)
    db = open_database(url, busy_timeout_ms=200)
    yield db
    db.close()
