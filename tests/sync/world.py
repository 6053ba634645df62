"""Desks with their own SQLite files, a central PostgreSQL, and the check that they agree."""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import text

from database.central import Timeouts
from database.engine import Database, open_database, sqlite_url
from database.outbox import Outbox
from database.repository import ContactRepository
from database.summaries import SummaryChanges, count_in, stored
from database.sync import DeskIdentity, Pusher
from skranke.contact import Contact, ContactChoice, Handout, make_contacts
from skranke.vocabulary import Vocabulary

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
EVERYTHING = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
FAST = Timeouts(connect=2, keepalive_idle=1, keepalive_interval=1, keepalive_count=2,
                user_timeout=2, statement=5, idle_in_transaction=2)  # fmt: skip
_CHOICES = [
    ContactChoice("in_person", "passport", "handled_by_staff"),
    ContactChoice("phone", "mitid", "assisted_self_service"),
    ContactChoice("in_person", "moving", "referred_to_self_service"),
]


@dataclass
class Desk:
    identity: DeskIdentity
    database: Database
    repository: ContactRepository
    logged: int = 0

    def log(
        self, vocabulary: Vocabulary, count: int = 1, *, handout: bool = False
    ) -> list[Contact]:
        made = make_contacts(
            _CHOICES[self.logged % len(_CHOICES)],
            vocabulary,
            desk=self.identity.desk,
            municipality_code=self.identity.municipality,
            count=count,
            now=START + timedelta(minutes=7 * self.logged),
            handouts=[Handout("moving", "qr")] if handout else [],
        )
        self.logged += 1
        self.repository.add_many(made)
        return list(made)

    def pusher(self, central_url: str, **options: Any) -> Pusher:
        options.setdefault("timeouts", FAST)
        options.setdefault("push_timeout", 3.0)
        return Pusher(self.database, central_url, self.identity, **options)

    def contacts(self) -> list[Contact]:
        return self.repository.between(*EVERYTHING, include_voided=True)


@cache
def _empty_desk_file() -> Path:
    """A desk's SQLite file at the head schema, made once and copied (migrating each takes
    a while)."""
    path = Path(tempfile.mkdtemp(prefix="skranke-desk-")) / "empty.sqlite3"
    open_database(sqlite_url(path)).close()
    return path


def make_desk(folder: Path, name: str, municipality: str = "165") -> Desk:
    identity = DeskIdentity(uuid.uuid4(), name, municipality)
    path = folder / f"{identity.desk_id}.sqlite3"
    shutil.copyfile(_empty_desk_file(), path)
    database = open_database(sqlite_url(path))
    return Desk(identity, database, ContactRepository(database, identity.desk_id))


def assert_converged(central: Database, desks: list[Desk]) -> None:
    """Central = the union of the desks: the same contacts (voids, hand-outs and all), each
    once, with its desk's id; summaries equal to a fresh GROUP BY; every outbox empty."""
    local = [c for desk in desks for c in desk.contacts()]
    remote = ContactRepository(central).between(*EVERYTHING, include_voided=True)
    assert Counter(c.id for c in remote) == Counter(c.id for c in local)
    assert sorted(remote, key=lambda c: c.id) == sorted(local, key=lambda c: c.id)
    assert {c.id for c in remote if c.voided} == {c.id for c in local if c.voided}
    fresh = SummaryChanges()  # the summaries counted afresh from the central contacts
    count_in(fresh, [c for c in remote if not c.voided], +1)
    with central.engine.connect() as conn:
        assert stored(conn) == fresh.nonzero()
        owners = dict(conn.execute(text("SELECT id, desk_id FROM contact")).all())
    for desk in desks:
        assert {owners[c.id] for c in desk.contacts()} <= {desk.identity.desk_id}
        assert Outbox(desk.database).count() == 0


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.02)


def central_database(url: str) -> Database:
    return open_database(url, upgrade=False)
