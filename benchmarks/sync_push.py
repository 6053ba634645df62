"""Push throughput: a day's backlog of a desk (5,000 contacts) pushed to a central PostgreSQL,
against the floor, a raw psycopg ``executemany`` INSERT of the same contact rows. Then 40
desks (processes, as 40 PCs would be) that were offline push their backlogs at once: the time
until the central database holds every contact.

Starts its own throw-away PostgreSQL cluster (Debian's binaries, as the tests do) unless
``--url`` names a server whose maintenance database this may create databases in. Each run
pushes the same desk file (copied) into a fresh central database.

    uv run python -m benchmarks.sync_push [--contacts 5000] [--runs 5]
                                          [--desks 40] [--per-desk 500]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import statistics
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.common import describe_machine, summary
from database.engine import open_database, sqlite_url
from database.outbox import Outbox
from database.repository import ContactRepository
from database.sync import DeskIdentity, Pusher, PushRunner
from skranke.contact import Contact, ContactChoice, Handout, make_contacts
from skranke.vocabulary import load_vocabulary
from tests.postgres import PostgresServer, start_cluster
from tests.sync.proxy import Proxy

_CHOICES = [
    ContactChoice("in_person", "passport", "handled_by_staff"),
    ContactChoice("phone", "mitid", "assisted_self_service"),
    ContactChoice("in_person", "moving", "referred_to_self_service"),
    ContactChoice("phone", "digital_post", "assisted_self_service"),
    ContactChoice("in_person", "health_card", "handled_by_staff"),
]


def _backlog(count: int, desk: str = "Skranke 1", seed: int = 9) -> list[Contact]:
    """A day at a busy desk: 08:00-18:00, one in ten with a QR code, one in thirty voided."""
    vocabulary = load_vocabulary()
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
    start = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    contacts = []
    for n in range(count):
        when = start + timedelta(seconds=n * 36_000 // count)
        (contact,) = make_contacts(
            rng.choice(_CHOICES),
            vocabulary,
            desk=desk,
            municipality_code="165",
            now=when,
            handouts=[Handout("moving", "qr")] if rng.random() < 0.1 else [],
        )
        if rng.random() < 1 / 30:
            contact = replace(contact, voided_at=when + timedelta(minutes=1))
        contacts.append(contact)
    return contacts


def _desk_file(
    folder: Path, contacts: list[Contact], desk_id: uuid.UUID, name: str = "desk"
) -> Path:
    path = folder / f"{name}.sqlite3"
    database = open_database(sqlite_url(path))
    repository = ContactRepository(database, desk_id)
    for start in range(0, len(contacts), 100):
        repository.add_many(contacts[start : start + 100])
    database.close()
    return path


def _push(server: PostgresServer, desk_file: Path, folder: Path, identity: DeskIdentity) -> float:
    copy = folder / "run.sqlite3"
    shutil.copyfile(desk_file, copy)
    desk = open_database(sqlite_url(copy))
    pusher = Pusher(desk, server.new_database(), identity)
    started = time.perf_counter()
    pusher.push_all()
    elapsed = time.perf_counter() - started
    assert Outbox(desk).count() == 0
    pusher.close()
    desk.close()
    return elapsed


def _raw(server: PostgresServer, contacts: list[Contact], desk_id: uuid.UUID) -> float:
    url = make_url(server.new_database())
    rows = [
        (c.id, c.logged_at, c.channel, c.area, c.kind, c.outcome, c.assisted, c.readiness,
         c.requester, c.on_behalf, c.exemption, c.duration_seconds, c.desk, c.municipality,
         c.note, c.voided_at, desk_id)
        for c in contacts
    ]  # fmt: skip
    with psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=url.database
    ) as conn:
        started = time.perf_counter()
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO contact (id, logged_at, channel, area, kind, outcome, assisted, "
                "readiness, requester, on_behalf, exemption, duration_seconds, desk, "
                "municipality, note, voided_at, desk_id) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        conn.commit()
        return time.perf_counter() - started


def _desk_process(path: Path, central: str, identity: DeskIdentity, go: Any, done: Any) -> None:
    """One desk PC: ready to push, waits for the start, pushes everything, reports the time."""
    desk = open_database(sqlite_url(path))
    pusher = Pusher(desk, central, identity)
    go.wait()
    started = time.perf_counter()
    pusher.push_all()
    done.put((time.perf_counter() - started, Outbox(desk).count()))
    pusher.close()
    desk.close()


def _many_desks(server: PostgresServer, root: Path, desks: int, per_desk: int) -> str:
    identities = [DeskIdentity(uuid.uuid4(), f"Skranke {n + 1}", "165") for n in range(desks)]
    paths = [
        _desk_file(root, _backlog(per_desk, i.desk, seed=n), i.desk_id, f"desk{n}")
        for n, i in enumerate(identities)
    ]
    central = server.new_database()
    fork = multiprocessing.get_context("fork")
    go, done = fork.Event(), fork.Queue()
    processes = [
        fork.Process(target=_desk_process, args=(path, central, identity, go, done))
        for path, identity in zip(paths, identities, strict=True)
    ]
    for process in processes:
        process.start()
    time.sleep(2)  # every desk has opened its file and waits; each connects when it starts
    started = time.perf_counter()
    go.set()
    results = [done.get(timeout=600) for _ in processes]
    converged = time.perf_counter() - started
    for process in processes:
        process.join()
    engine = create_engine(central)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM contact")).scalar_one()
        counted = conn.execute(
            text("SELECT sum(contacts) FROM tally_group WHERE span = 'year'")
        ).scalar_one()
        live = conn.execute(
            text("SELECT count(*) FROM contact WHERE voided_at IS NULL")
        ).scalar_one()
    engine.dispose()
    assert stored == desks * per_desk
    assert counted == live
    assert all(waiting == 0 for _, waiting in results)
    times = sorted(seconds for seconds, _ in results)
    return (
        f"{desks} desks x {per_desk} contacts pushing at once: every contact central after "
        f"{converged:.2f} s ({stored / converged:,.0f} contacts/s together); one desk's "
        f"push: median {statistics.median(times):.2f} s, slowest {times[-1]:.2f} s"
    )


def _adds(repository: ContactRepository, contacts: list[Contact]) -> list[float]:
    samples = []
    for contact in contacts:
        started = time.perf_counter()
        repository.add(contact)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _logging_while_black_holed(server: PostgresServer, root: Path, count: int) -> str:
    """Milliseconds per logged contact (one committed transaction each) with no pusher, and
    with a push thread stuck on a link that swallows everything (a TCP proxy black-holing)."""
    identity = DeskIdentity(uuid.uuid4(), "Skranke 1", "165")
    contacts = _backlog(2 * count, seed=3)
    alone = open_database(sqlite_url(root / "alone.sqlite3"))
    plain = _adds(ContactRepository(alone, identity.desk_id), contacts[:count])
    alone.close()
    desk = open_database(sqlite_url(root / "cut.sqlite3"))
    repository = ContactRepository(desk, identity.desk_id)
    repository.add_many(contacts[count : count + 50])  # something to push
    with Proxy(server.port) as proxy:
        proxy.blackhole()
        url = make_url(server.new_database()).set(port=proxy.port)
        pusher = Pusher(desk, url.render_as_string(hide_password=False), identity)
        runner = PushRunner(pusher, idle_seconds=0.1, first_backoff=0.1, max_backoff=0.1)
        runner.start()
        time.sleep(0.5)  # the push thread is inside a connect that will never be answered
        cut = []
        for contact in contacts[count + 50 :]:
            cut += _adds(repository, [contact])
            runner.wake()  # as the counter will after each contact
        state = pusher.status.state
        runner.stop(timeout=10)
        pusher.close()
    desk.close()
    return (
        f"logging one contact, no pusher: {summary('add', plain)}\n"
        f"logging one contact, push thread stuck on a black-holed link (status {state}): "
        f"{summary('add', cut)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--desks", type=int, default=40)
    parser.add_argument("--per-desk", type=int, default=500)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="skranke-bench-"))
    root.chmod(0o755)
    server = start_cluster(root / "cluster")
    try:
        identity = DeskIdentity(uuid.uuid4(), "Skranke 1", "165")
        contacts = _backlog(args.contacts)
        desk_file = _desk_file(root, contacts, identity.desk_id)
        pushes, raws = [], []
        for _ in range(args.runs):
            raws.append(_raw(server, contacts, identity.desk_id))
            pushes.append(_push(server, desk_file, root, identity))
        together = _many_desks(server, root, args.desks, args.per_desk) if args.desks else ""
        black_holed = _logging_while_black_holed(server, root, 500)
    finally:
        server.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
    n = args.contacts
    push, raw = statistics.median(pushes), statistics.median(raws)
    print(describe_machine())
    print(f"backlog: {n} contacts (1 in 10 with a hand-out, 1 in 30 voided), batches of 500")
    print(f"raw executemany INSERT (floor): median {raw * 1000:.0f} ms, {n / raw:,.0f} contacts/s")
    print(
        f"push_all (outbox -> central, summaries, desk_sync): median {push * 1000:.0f} ms, "
        f"{n / push:,.0f} contacts/s (runs: {', '.join(f'{p * 1000:.0f}' for p in pushes)} ms)"
    )
    print(f"ratio of medians to the floor: {push / raw:.2f}x")
    if together:
        print(together)
    print(black_holed)


if __name__ == "__main__":
    main()
