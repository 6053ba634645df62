"""Three desks and the shared hotline's desk, each its own process, log against one central
PostgreSQL while the link to it is cut and restored: afterwards the central database holds
every contact exactly once.

Each desk process (tests/e2e/desk_child.py) is composed as the counter is and pushes through
the in-test TCP proxy; once every desk's contacts reach the central database, the test
black-holes the proxy; once every desk has noticed (offline) and logged on, it restores the
link; once every desk has pushed again, it stops them and checks the central ids = the union
of the desks' ids, the voided sets equal, the central summaries = a fresh GROUP BY, and every
outbox empty.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from database.engine import Database, open_database, sqlite_url
from database.repository import ContactRepository
from database.sync import DeskIdentity
from tests.postgres import PASSWORD, PostgresServer, postgres
from tests.sync.proxy import Proxy
from tests.sync.world import Desk, assert_converged, central_database, wait_for

ROOT = Path(__file__).resolve().parents[2]
__all__ = ["postgres"]  # the fixture: a throw-away PostgreSQL cluster (tests/postgres.py)


@dataclass(frozen=True)
class DeskSpec:
    """A desk process: its name, its municipality and, for a hotline desk, the municipalities
    whose callers it serves (each call is recorded under the caller's)."""

    name: str
    municipality: str
    callers: tuple[str, ...] = ()


DESKS = [
    DeskSpec("Rådhuset 1", "165"),
    DeskSpec("Rådhuset 2", "165"),
    DeskSpec("Bibliotek 1", "167"),
    DeskSpec("Hotline Vestegn", "165", callers=("165", "167", "169")),
]
# The shared evening hotline's desk records each call under the caller's municipality.


def _url_via(url: str, proxy: Proxy, postgres: PostgresServer) -> str:
    """The desk's URL: through the proxy, without the password (it comes from PGPASSWORD)."""
    return url.replace(f":{PASSWORD}@", "@").replace(f":{postgres.port}/", f":{proxy.port}/")


def _start(folder: Path, spec: DeskSpec, central_url: str, stop: Path) -> subprocess.Popen[str]:
    folder.mkdir()
    settings = folder / "settings.toml"
    settings.write_text(
        f'desk = "{spec.name}"\nmunicipality = "{spec.municipality}"\n'
        f'central_url = "{central_url}"\n',
        encoding="utf-8",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.desk_child", str(settings),
         sqlite_url(folder / "desk.sqlite3"), str(stop), ",".join(spec.callers)],
        cwd=ROOT, env={**os.environ, "PGPASSWORD": PASSWORD},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@dataclass(frozen=True)
class Progress:
    """How far a desk process got, from its ``progress.json``."""

    logged: int = 0
    state: str = ""  # its pusher's SyncState: "offline" once a push failed


def _progress(folder: Path, child: subprocess.Popen[str]) -> Progress:
    """Fails at once if the desk process died, with what it said."""
    if child.poll() is not None:
        _, err = child.communicate()
        raise AssertionError(f"a desk process ended ({child.returncode}): {err[-3000:]}")
    path = folder / "progress.json"
    if not path.exists():  # nothing logged yet
        return Progress()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Progress(int(data["logged"]), str(data["state"]))


def _central_counts(central: Database) -> dict[str, int]:
    """How many contacts the central database holds from each desk (by name)."""
    with central.engine.connect() as conn:
        query = text("SELECT desk, count(*) FROM contact GROUP BY desk")
        return {str(desk): int(n) for desk, n in conn.execute(query)}


def _desk(folder: Path, spec: DeskSpec) -> Desk:
    """The desk's file as the test reads it afterwards, with the id its process made."""
    text = (folder / "settings.toml").read_text(encoding="utf-8")
    desk_id = uuid.UUID(text.split('desk_id = "', 1)[1].split('"', 1)[0])
    database = open_database(sqlite_url(folder / "desk.sqlite3"))
    identity = DeskIdentity(desk_id, spec.name, spec.municipality)
    return Desk(identity, database, ContactRepository(database, desk_id))


def test_three_desks_and_the_hotline_log_through_a_cut_link_and_converge(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    central_url = postgres.new_database()
    stop = tmp_path / "stop"
    folders = [tmp_path / f"desk{i}" for i in range(len(DESKS))]
    watcher = central_database(central_url)  # the test's own look at the central database

    def progress() -> list[Progress]:
        return [_progress(f, child) for f, child in zip(folders, children, strict=True)]

    def pushed_since(counts: dict[str, int]) -> bool:
        now = _central_counts(watcher)
        return all(now.get(spec.name, 0) > counts.get(spec.name, 0) for spec in DESKS)

    with Proxy(postgres.port) as proxy:
        url = _url_via(central_url, proxy, postgres)
        children = [_start(f, s, url, stop) for f, s in zip(folders, DESKS, strict=True)]
        try:
            for child in children:
                assert child.stdout is not None
                assert child.stdout.readline().strip() == "ready"
            wait_for(  # they log and push
                lambda: pushed_since({spec.name: 4 for spec in DESKS}),
                "every desk's first contacts in the central database",
                60,
            )
            proxy.blackhole()  # the cable is cut: pushes hang, logging goes on
            at_cut = [p.logged for p in progress()]
            wait_for(
                lambda: all(
                    p.state == "offline" and p.logged >= before + 5
                    for p, before in zip(progress(), at_cut, strict=True)
                ),
                "every desk to notice the cut link (offline) and log on",
                60,
            )
            before_back = _central_counts(watcher)
            proxy.forward()  # back
            wait_for(
                lambda: (
                    all(p.state != "offline" and p.logged > 20 for p in progress())
                    and pushed_since(before_back)
                ),
                "every desk to push again over the restored link",
                90,
            )
            stop.touch()
            outputs = [child.communicate(timeout=120) for child in children]
        finally:
            for child in children:
                child.kill()
            watcher.close()
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-3000:]
    results = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert all(r["waiting"] == 0 for r in results), (results, [e[-4000:] for _, e in outputs])
    assert all(r["logged"] > 20 and r["voided"] > 0 for r in results), results

    desks = [_desk(tmp_path / f"desk{i}", spec) for i, spec in enumerate(DESKS)]
    central = central_database(central_url)
    try:
        assert_converged(central, desks)  # ids = union, voids equal, summaries = GROUP BY
        logged = sum(len(desk.contacts()) for desk in desks)
        assert logged == sum(r["logged"] for r in results)
        hotline = next(s for s in DESKS if s.callers)
        with central.engine.connect() as conn:
            callers = set(conn.execute(
                text("SELECT DISTINCT municipality FROM contact WHERE desk = :desk"),
                {"desk": hotline.name},
            ).scalars())  # fmt: skip
        assert callers == set(hotline.callers)  # each call under its caller's municipality
    finally:
        central.close()
        for desk in desks:
            desk.database.close()
