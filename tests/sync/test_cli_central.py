"""``skranke central upgrade``: municipal IT creates or upgrades the central schema."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from database.engine import current_revision, open_database
from database.schema import HEAD_REVISION
from skranke import __version__
from skranke.settings import Settings
from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.world import START, make_desk
from ui.cli import central
from ui.cli.common import StartupConfig, UsageError


def _config(tmp_path: Path, central_url: str = "") -> StartupConfig:
    settings = Settings(desk="IT", municipality="165", central_url=central_url)
    return StartupConfig(settings, tmp_path / "settings.toml", "", "IT", "165")


def _args(url: str | None, command: str = "upgrade") -> argparse.Namespace:
    return argparse.Namespace(command="central", central_command=command, url=url)


def test_creates_then_finds_nothing_to_do(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres.new_database(schema=False)
    assert central.run(_args(url), _config(tmp_path), vocabulary) == 0
    assert (
        capsys.readouterr().err == f"Den fælles database er oprettet med skema {HEAD_REVISION}.\n"
    )
    # The address from the settings when none is given.
    assert central.run(_args(None), _config(tmp_path, url), vocabulary) == 0
    assert "allerede skema" in capsys.readouterr().err
    database = open_database(url, upgrade=False)
    assert current_revision(database.engine) == HEAD_REVISION
    database.close()


def test_says_what_is_missing_or_wrong(tmp_path: Path, vocabulary: Vocabulary) -> None:
    with pytest.raises(UsageError, match="angiv den fælles databases adresse"):
        central.run(_args(None), _config(tmp_path), vocabulary)
    with pytest.raises(UsageError, match="skal være PostgreSQL"):
        central.run(_args(str(tmp_path / "central.sqlite3")), _config(tmp_path), vocabulary)


def test_lists_when_each_desk_was_last_heard_from(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres.new_database()
    desks = _args(url, "desks")
    assert central.run(desks, _config(tmp_path), vocabulary) == 0
    assert capsys.readouterr().out.splitlines()[1] == "(ingen skranker har sendt endnu)"
    for name, minutes in (("Skranke 2", 5), ("Skranke 1", 65)):
        desk = make_desk(tmp_path, name)
        desk.log(vocabulary, 3)
        pusher = desk.pusher(url, clock=lambda m=minutes: START + timedelta(minutes=m))
        pusher.push_all()
        pusher.close()
        desk.database.close()
    assert central.run(desks, _config(tmp_path), vocabulary) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split("\t")[:3] == ["kommune", "skranke", "sidst hørt fra"]
    # 08:00 UTC is 09:00 in Copenhagen in December.
    assert [row.split("\t")[:5] for row in rows] == [
        ["165", "Skranke 1", "2026-12-01 10:05", "3", __version__],
        ["165", "Skranke 2", "2026-12-01 09:05", "3", __version__],
    ]


def _skranke(*args: str) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).with_name("skranke")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=60, env=environment,
        check=False,
    )  # fmt: skip


def test_the_installed_command(postgres: PostgresServer, tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('desk = "IT"\nmunicipality = "165"\n', encoding="utf-8")
    url = postgres.new_database(schema=False)
    done = _skranke("--config", str(config), "central", "upgrade", url)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"Den fælles database er oprettet med skema {HEAD_REVISION}.\n"
    listed = _skranke("--config", str(config), "central", "desks", url)
    assert (listed.returncode, listed.stdout.splitlines()[1]) == (
        0,
        "(ingen skranker har sendt endnu)",
    )
    missing = _skranke("--config", str(config), "central", "upgrade")
    assert missing.returncode == 2
    assert "angiv den fælles databases adresse" in missing.stderr
    assert "Traceback" not in missing.stderr
    helped = _skranke("central", "--help")
    assert "opgradér den fælles databases skema" in helped.stdout
