"""Three desks log, void and undo while their pushes succeed, fail on a dead link, or crash
between the central COMMIT and forgetting the batch locally; after a clean push the central
database always equals the union of the desks."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from database.errors import DatabaseError
from database.outbox import Outbox
from database.sync import Pusher
from skranke.vocabulary import Vocabulary, load_vocabulary
from tests.postgres import PostgresServer
from tests.sync.world import START, assert_converged, central_database, make_desk

desks = st.integers(min_value=0, max_value=2)


class ThreeDesks(RuleBasedStateMachine):
    server: ClassVar[PostgresServer]
    vocabulary: ClassVar[Vocabulary]

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="skranke-stateful-"))
        self.central_url = self.server.new_database()
        self.desks = [make_desk(self.folder, f"Skranke {n}") for n in (1, 2, 3)]
        self.pushers = [desk.pusher(self.central_url) for desk in self.desks]
        dead = self.server.url("skranke", port=1)  # nothing listens on port 1
        self.cut = [desk.pusher(dead) for desk in self.desks]
        self.last: list[list[object]] = [[], [], []]

    def teardown(self) -> None:
        for pusher in (*self.pushers, *self.cut):
            pusher.close()
        for desk in self.desks:
            desk.database.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(desk=desks, count=st.integers(min_value=1, max_value=3), handout=st.booleans())
    def log(self, desk: int, count: int, handout: bool) -> None:
        made = self.desks[desk].log(self.vocabulary, count, handout=handout)
        self.last[desk] = [c.id for c in made]

    @precondition(lambda self: any(self.last))
    @rule(desk=desks)
    def undo(self, desk: int) -> None:
        if self.last[desk]:
            self.desks[desk].repository.void_many(self.last[desk], START)  # type: ignore[arg-type]
            self.last[desk] = []

    @rule(desk=desks, data=st.data())
    def void_any(self, desk: int, data: st.DataObject) -> None:
        contacts = self.desks[desk].contacts()
        if contacts:
            chosen = data.draw(st.sampled_from(contacts))
            self.desks[desk].repository.void(chosen.id, START)

    @rule(desk=desks)
    def push(self, desk: int) -> None:
        self.pushers[desk].push_once()

    @rule(desk=desks)
    def push_over_a_dead_link(self, desk: int) -> None:
        before = Outbox(self.desks[desk].database).count()
        if before == 0:
            assert self.cut[desk].push_once() is None  # nothing to send: no network at all
            return
        with pytest.raises(DatabaseError):
            self.cut[desk].push_once()
        assert Outbox(self.desks[desk].database).count() == before

    @rule(desk=desks)
    def crash_after_the_central_commit(self, desk: int) -> None:
        """The central database committed; the desk died before forgetting the batch."""
        pusher: Pusher = self.pushers[desk]
        batch = pusher.outbox.next_batch(pusher.batch_size)
        if batch is not None:
            pusher._send(batch)

    @invariant()
    def nothing_is_lost(self) -> None:
        for desk in self.desks:
            assert all(c.desk == desk.identity.desk for c in desk.contacts())

    def check_after_a_clean_push(self) -> None:
        for pusher in self.pushers:
            pusher.push_all()
        central = central_database(self.central_url)
        try:
            assert_converged(central, self.desks)
        finally:
            central.close()


class ThreeDesksChecked(ThreeDesks):
    def teardown(self) -> None:
        try:
            self.check_after_a_clean_push()
        finally:
            super().teardown()


def test_three_desks_log_void_push_cut_and_crash(postgres: PostgresServer) -> None:
    ThreeDesks.server = postgres
    ThreeDesks.vocabulary = load_vocabulary()
    test = ThreeDesksChecked.TestCase
    test.settings = settings(
        max_examples=8,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    test().runTest()
