"""Push throughput: a day's backlog of a desk (5,000 contacts) pushed to a central PostgreSQL,
against the floor, a raw psycopg ``executemany`` INSERT of the same contact rows.

Starts its own throw-away PostgreSQL cluster (Debian's binaries, as the tests do) unless
``--url`` names a server whose maintenance database this may create databases in. Each run
pushes the same desk file (copied) into a fresh central database.

    uv run python -m benchmarks.sync_push [--contacts 5000] [--runs 5] [--url ...]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from benchmarks.common import describe_machine
from database.engine import open_database, sqlite_url
from database.outbox import Outbox
from database.repository import ContactRepository
from database.sync import DeskIdentity, Pusher
from skranke.contact import Contact, ContactChoice, Handout, make_contacts
from skranke.vocabulary import load_vocabulary
from tests.postgres import PostgresServer, start_cluster

_CHOICES = [
    ContactChoice("in_person", "passport", "handled_by_staff"),
    ContactChoice("phone", "mitid", "assisted_self_service"),
    ContactChoice("in_person", "moving", "referred_to_self_service"),
    ContactChoice("phone", "digital_post", "assisted_self_service"),
    ContactChoice("in_person", "health_card", "handled_by_staff"),
]


def _backlog(count: int) -> list[Contact]:
    """A day at a busy desk: 08:00-18:00, one in ten with a QR code, one in thirty voided."""
    vocabulary = load_vocabulary()
    rng = random.Random(9)  # noqa: S311 - repeatable test data, not secrets
    start = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    contacts = []
    for n in range(count):
        when = start + timedelta(seconds=n * 36_000 // count)
        (contact,) = make_contacts(
            rng.choice(_CHOICES),
            vocabulary,
            desk="Skranke 1",
            municipality_code="165",
            now=when,
            handouts=[Handout("moving", "qr")] if rng.random() < 0.1 else [],
        )
        if rng.random() < 1 / 30:
            contact = replace(contact, voided_at=when + timedelta(minutes=1))
        contacts.append(contact)
    return contacts


def _desk_file(folder: Path, contacts: list[Contact], desk_id: uuid.UUID) -> Path:
    path = folder / "desk.sqlite3"
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
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


if __name__ == "__main__":
    main()
