"""A desk's centre (afdeling) reaches the central database with its pushes (migration 0005),
so the team view there can group and filter desks by centre."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import text

from skranke.vocabulary import Vocabulary
from tests.postgres import PostgresServer
from tests.sync.world import central_database, make_desk


def test_the_centre_arrives_and_follows_a_desk_that_moves(
    postgres: PostgresServer, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    url = postgres.new_database()
    central = central_database(url)
    town_hall = make_desk(tmp_path, "Skranke 1")
    town_hall.identity = dataclasses.replace(town_hall.identity, centre="Rådhuset")
    nameless = make_desk(tmp_path, "Skranke 2")
    try:
        for desk in (town_hall, nameless):
            desk.log(vocabulary, 2)
            pusher = desk.pusher(url)
            pusher.push_all()
            pusher.close()
        # The desk is moved to the library: its next push says so.
        town_hall.identity = dataclasses.replace(town_hall.identity, centre="Biblioteket")
        town_hall.log(vocabulary, 1)
        pusher = town_hall.pusher(url)
        pusher.push_all()
        pusher.close()
        with central.engine.connect() as conn:
            centres = dict(conn.execute(text("SELECT desk, centre FROM desk_sync")).all())
        assert centres == {"Skranke 1": "Biblioteket", "Skranke 2": None}
    finally:
        for desk in (town_hall, nameless):
            desk.database.close()
        central.close()
