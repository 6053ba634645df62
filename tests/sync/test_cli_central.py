"""``skranke central upgrade``: municipal IT creates or upgrades the central schema."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from database.engine import current_revision, open_database
from database.schema import HEAD_REVISION
from skranke.settings import Settings
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from ui.cli import central
from ui.cli.common import StartupConfig, UsageError


def _config(tmp_path: Path, central_url: str = "") -> StartupConfig:
    settings = Settings(desk="IT", municipality="165", central_url=central_url)
    return StartupConfig(settings, tmp_path / "settings.toml", "", "IT", "165")


def _upgrade(url: str | None) -> argparse.Namespace:
    return argparse.Namespace(command="central", central_command="upgrade", url=url)


def test_creates_then_finds_nothing_to_do(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres.new_database(schema=False)
    assert central.run(_upgrade(url), _config(tmp_path), vocabulary) == 0
    assert capsys.readouterr().err == f"den fælles database er oprettet med skema {HEAD_REVISION}\n"
    # The address from the settings when none is given.
    assert central.run(_upgrade(None), _config(tmp_path, url), vocabulary) == 0
    assert "allerede skema" in capsys.readouterr().err
    database = open_database(url, upgrade=False)
    assert current_revision(database.engine) == HEAD_REVISION
    database.close()


def test_says_what_is_missing_or_wrong(tmp_path: Path, vocabulary: Vocabulary) -> None:
    with pytest.raises(UsageError, match="angiv den fælles databases adresse"):
        central.run(_upgrade(None), _config(tmp_path), vocabulary)
    with pytest.raises(UsageError, match="skal være PostgreSQL"):
        central.run(_upgrade(str(tmp_path / "central.sqlite3")), _config(tmp_path), vocabulary)
