"""``skranke central upgrade``: municipal IT creates or upgrades the central schema."""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import socket
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from database.central import CentralLoginError
from database.engine import current_revision, open_database
from database.schema import HEAD_REVISION
from skranke import __version__
from skranke.settings import Settings
from skranke.vocabulary import Vocabulary
from tests.postgres import PASSWORD, PostgresServer
from tests.sync.world import START, make_desk
from ui.cli import central
from ui.cli.common import EXIT_PROBLEMS, StartupConfig, UsageError


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
        desk.identity = dataclasses.replace(desk.identity, centre=f"Centre of {name}")
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
    assert [row.split("\t")[6] for row in rows] == ["Centre of Skranke 1", "Centre of Skranke 2"]


def _skranke(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).with_name("skranke")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=300, env=environment,
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


def _init_args(url: str | None, command: str = "init", **more: object) -> argparse.Namespace:
    return argparse.Namespace(command="central", central_command=command, url=url, **more)


def _database_name() -> str:
    return f"init_{os.getpid()}_{uuid.uuid4().hex[:8]}"


def test_init_says_what_to_give_each_pc_then_that_nothing_changed(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres.url(_database_name())
    assert central.run(_init_args(url), _config(tmp_path), vocabulary) == 0
    said = capsys.readouterr().out
    assert "databasen er oprettet" in said
    assert f"skemaet {HEAD_REVISION} er oprettet" in said
    assert "skranke central add-desk" in said
    assert "skranke central add-reader" in said
    name = make_url(url).database
    assert f'central_url = "postgresql+psycopg://LOGIN@127.0.0.1:{postgres.port}/{name}"' in said
    assert f"127.0.0.1:{postgres.port}:{name}:LOGIN:ADGANGSKODE" in said
    assert PASSWORD not in said
    assert central.run(_init_args(url), _config(tmp_path), vocabulary) == 0
    assert "intet er ændret" in capsys.readouterr().out.splitlines()[0]


def test_add_desk_prints_a_password_once_that_pushes(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = postgres.url(_database_name())
    central.run(_init_args(url), _config(tmp_path), vocabulary)
    capsys.readouterr()
    login = f"desk_{uuid.uuid4().hex[:8]}"
    add = _init_args(url, "add-desk", name="Rådhuset  3", municipalities=["165"], login=login,
                     password_stdin=False)  # fmt: skip
    assert central.run(add, _config(tmp_path), vocabulary) == 0
    said = capsys.readouterr().out
    password = said.split("Adgangskode (vises kun nu, gemmes ingen steder): ")[1].split()[0]
    assert f"127.0.0.1:{postgres.port}:{make_url(url).database}:{login}:{password}" in said
    assert "Skrankens navn i dens indstillinger skal være præcis 'Rådhuset 3'." in said
    desk = make_desk(tmp_path, "Rådhuset 3")
    desk.log(vocabulary, 2)
    desk_url = make_url(url).set(username=login, password=password)
    pusher = desk.pusher(desk_url.render_as_string(hide_password=False))
    assert pusher.push_all() == 2
    pusher.close()
    # A new password from stdin: not printed; the old one stops working.
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-new-password-of-enough-length\n"))
    again = argparse.Namespace(**{**vars(add), "password_stdin": True})
    assert central.run(again, _config(tmp_path), vocabulary) == 0
    said = capsys.readouterr().out
    assert "ny adgangskode" in said
    assert "a-new-password" not in said
    desk.log(vocabulary, 1)
    pusher = desk.pusher(desk_url.render_as_string(hide_password=False))
    with pytest.raises(CentralLoginError):
        pusher.push_all()
    pusher.close()
    desk.database.close()
    # A reader of all municipalities, and one of 161 only.
    reader = _init_args(url, "add-reader", name="koordinator", municipalities=None,
                        password_stdin=False)  # fmt: skip
    assert central.run(reader, _config(tmp_path), vocabulary) == 0
    assert (
        "Læse-login koordinator ser tal for alle kommuner (nyt login)." in capsys.readouterr().out
    )


def test_add_login_refuses_bad_names(tmp_path: Path, vocabulary: Vocabulary) -> None:
    bad = _init_args("postgresql+psycopg://a@127.0.0.1:1/x", "add-reader", name="Team Leder",
                     municipalities=["165"], password_stdin=False)  # fmt: skip
    with pytest.raises(UsageError, match="loginnavnet 'Team Leder' kan ikke bruges"):
        central.run(bad, _config(tmp_path), vocabulary)


def test_the_administrators_mistakes_are_said_in_danish(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    """Through the installed command: exit 2, a Danish sentence, no traceback, and never the
    password (given in PGPASSWORD, as the documentation says)."""
    config = tmp_path / "settings.toml"
    config.write_text('desk = "IT"\nmunicipality = "165"\n', encoding="utf-8")
    limited, secret = f"it_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    postgres.admin(f"CREATE ROLE {limited} LOGIN PASSWORD '{secret}'")
    name = _database_name()

    def url(user: str, port: int = postgres.port) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{port}/{name}"

    cases = [
        (url(limited), secret, "mangler rettigheden CREATEROLE og CREATEDB"),
        (url(limited), "wrong-" + secret, "afviste login"),
        (url("postgres", _closed_port()), secret, "svarer ikke"),
        (url("postgres").replace("postgresql+psycopg", "postgres"), secret, "'postgres://'"),
    ]
    for address, password, expected in cases:
        done = _skranke("--config", str(config), "central", "init", address,
                        env={"PGPASSWORD": password})  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert expected in done.stderr
        assert "Traceback" not in done.stderr
        assert password not in done.stderr + done.stdout
    missing = _skranke("--config", str(config), "central", "add-desk", "Skranke 1",
                       url("postgres"), "--municipality", "165",
                       env={"PGPASSWORD": PASSWORD})  # fmt: skip
    assert missing.returncode == 2
    assert "findes ikke. Opret den med: skranke central init" in missing.stderr


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_check_finds_summaries_that_differ_and_repairs_them(
    postgres: PostgresServer,
    tmp_path: Path,
    vocabulary: Vocabulary,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres.url(_database_name())
    central.run(_init_args(url), _config(tmp_path), vocabulary)
    desk = make_desk(tmp_path, "Skranke 1")
    desk.log(vocabulary, 2)
    pusher = desk.pusher(url)
    pusher.push_all()
    pusher.close()
    desk.database.close()
    capsys.readouterr()
    check = _init_args(url, "check", repair=False)
    assert central.run(check, _config(tmp_path), vocabulary) == 0
    assert capsys.readouterr().out == "Opsummeringerne stemmer med de 2 gældende henvendelser.\n"
    engine_url = make_url(url).render_as_string(hide_password=False)
    with create_engine(engine_url, poolclass=NullPool).begin() as conn:
        conn.execute(text("UPDATE tally_group SET contacts = contacts + 1"))
    assert central.run(check, _config(tmp_path), vocabulary) == EXIT_PROBLEMS
    said = capsys.readouterr().out
    assert "stemmer IKKE med de 2 gældende henvendelser" in said
    assert "  tally_group: 2 rækker afveg" in said  # the month's and the year's
    assert "skranke central check --repair" in said
    repair = _init_args(url, "check", repair=True)
    assert central.run(repair, _config(tmp_path), vocabulary) == 0
    assert "skrevet forfra" in capsys.readouterr().out
    assert central.run(check, _config(tmp_path), vocabulary) == 0


def test_add_login_never_takes_over_another_role(
    postgres: PostgresServer, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    """Neither a role Skranke did not make (the superuser!) nor a desk's login can be turned
    into a reader, or get a new password, by add-reader."""
    url = postgres.url(_database_name())
    central.run(_init_args(url), _config(tmp_path), vocabulary)
    login = f"desk_{uuid.uuid4().hex[:8]}"
    desk = _init_args(url, "add-desk", name="Skranke 1", municipalities=["165"], login=login,
                      password_stdin=False)  # fmt: skip
    assert central.run(desk, _config(tmp_path), vocabulary) == 0
    for taken, what in ((login, "som en skrankes login"), ("postgres", "ikke har oprettet")):
        reader = _init_args(url, "add-reader", name=taken, municipalities=None,
                            password_stdin=False)  # fmt: skip
        with pytest.raises(UsageError, match=f"findes allerede .* {what}"):
            central.run(reader, _config(tmp_path), vocabulary)
    postgres.admin("SELECT 1")  # the superuser's password is unchanged
