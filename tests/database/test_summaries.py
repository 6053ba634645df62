"""Migration 0006 fills the tally summaries from the contacts already logged: the same rows as
the code that keeps them counts, on SQLite and on PostgreSQL; a downgrade brings back the
hourly summaries of 0003."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, insert, inspect, text
from sqlalchemy.pool import NullPool

from database.demo import generate_demo_contacts
from database.engine import MIGRATIONS_DIR, open_database, sqlite_url
from database.models import metadata
from database.reports import tally_in_database
from database.repository import ContactRepository
from database.summaries import SummaryChanges, count_in, stored
from skranke.contact import Contact
from skranke.report import Filters, Period, tally
from skranke.vocabulary import Vocabulary
from tests.postgres import postgres

__all__ = ["postgres"]

_PERIODS = [
    Period.year(2026),
    Period.month(date(2026, 3, 1)),
    Period.custom(date(2025, 12, 20), date(2026, 2, 10)),
    Period.day(date(2026, 10, 26)),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, db_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgres").new_database(schema=False))
    return sqlite_url(db_path)


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    made = create_engine(url, poolclass=NullPool)
    yield made
    made.dispose()


def _migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _logged_at_0005(engine: Engine, vocabulary: Vocabulary) -> list[Contact]:
    """Demo contacts over a year end and both summer-time changes (some voided, some with
    hand-outs, several desks), logged before 0003 and upgraded to 0005."""
    _migrate(engine, "0002")  # the contacts of the last releases, summed up by 0003
    contacts = [
        c
        for batch in generate_demo_contacts(
            3000, 400, 7, end=date(2026, 11, 30), vocabulary=vocabulary,
            desks=("Skranke 1", "Skranke 2", "Telefon"),
        )
        for c in batch
    ]  # fmt: skip
    table, handouts = (metadata.tables[n] for n in ("contact", "contact_handout"))
    fields = [column.name for column in table.columns if column.name != "desk_id"]  # 0004's
    with engine.begin() as conn:
        conn.execute(insert(table), [{n: getattr(c, n) for n in fields} for c in contacts])
        conn.execute(
            insert(handouts),
            [
                {"contact_id": c.id, "solution": h.solution, "how": h.how}
                for c in contacts
                for h in c.handouts
            ],
        )
    _migrate(engine, "0005")
    return contacts


def test_0006_fills_the_summaries_as_they_are_kept(
    url: str, engine: Engine, vocabulary: Vocabulary
) -> None:
    contacts = _logged_at_0005(engine, vocabulary)
    assert any(c.voided for c in contacts)
    assert any(c.handouts for c in contacts)
    _migrate(engine, "0006")
    fresh = SummaryChanges()
    count_in(fresh, [c for c in contacts if not c.voided], +1)
    with engine.connect() as conn:
        assert stored(conn) == fresh.nonzero()
        assert not {"contact_hour", "handout_hour"} & set(inspect(conn).get_table_names())
    database = open_database(url)
    try:
        repository = ContactRepository(database)
        for period in _PERIODS:
            for filters in (Filters(), Filters(desks=frozenset({"Telefon"}))):
                assert tally_in_database(repository, period, filters) == tally(
                    contacts, period, filters
                )
    finally:
        database.close()


def test_a_downgrade_brings_back_the_hourly_summaries(
    engine: Engine, vocabulary: Vocabulary
) -> None:
    contacts = _logged_at_0005(engine, vocabulary)
    _migrate(engine, "0006")
    _migrate(engine, "0005", down=True)
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        assert "tally_group" not in names
        live = sum(1 for c in contacts if not c.voided)
        assert conn.execute(text("SELECT sum(contacts) FROM contact_hour")).scalar() == live
