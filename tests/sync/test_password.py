"""The desk's central_url carries no password: libpq takes it from a password file that only
the user can read (or PGPASSWORD), as docs/central.md tells municipal IT."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from database.errors import DatabaseError
from database.sync import SyncState
from skranke.vocabulary import Vocabulary
from tests.postgres import PASSWORD, PostgresServer
from tests.sync.world import Desk, make_desk


def _without_password(url: str) -> str:
    parts = make_url(url)
    return f"{parts.drivername}://{parts.username}@{parts.host}:{parts.port}/{parts.database}"


def _password_file(folder: Path, port: int, mode: int) -> Path:
    path = folder / "pgpass"
    path.write_text(f"127.0.0.1:{port}:*:postgres:{PASSWORD}\n", encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture
def url(postgres: PostgresServer) -> str:
    url = _without_password(postgres.new_database())
    assert PASSWORD not in url
    return url


@pytest.fixture
def desk(tmp_path: Path, vocabulary: Vocabulary) -> Iterator[Desk]:
    desk = make_desk(tmp_path, "Skranke 1")
    desk.log(vocabulary, 2)
    yield desk
    desk.database.close()


def test_the_password_comes_from_a_file_only_the_user_can_read(
    postgres: PostgresServer,
    url: str,
    desk: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(_password_file(tmp_path, postgres.port, 0o644)))
    pusher = desk.pusher(url)
    with pytest.raises(DatabaseError):  # libpq ignores a file others can read
        pusher.push_once()
    pusher.close()
    monkeypatch.setenv("PGPASSFILE", str(_password_file(tmp_path, postgres.port, 0o600)))
    pusher = desk.pusher(url)
    assert pusher.push_all() == 2
    assert pusher.status.state is SyncState.SYNCED
    pusher.close()


def test_or_from_the_environment(
    url: str, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    pusher = desk.pusher(url)
    assert pusher.push_all() == 2
    pusher.close()
