"""The test PostgreSQL server is real and each test's database is its own."""

from __future__ import annotations

from sqlalchemy import text

from database.engine import current_revision, open_database
from database.schema import HEAD_REVISION
from tests.postgres import PostgresServer


def test_a_fresh_database_per_test_at_the_head_schema(postgres: PostgresServer) -> None:
    first, second = postgres.new_database(), postgres.new_database()
    assert first != second
    for url in (first, second):
        database = open_database(url, upgrade=False)
        try:
            assert current_revision(database.engine) == HEAD_REVISION
            with database.engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM contact")).scalar() == 0
                version = conn.execute(text("SHOW server_version_num")).scalar()
                assert int(str(version)) >= 150000
        finally:
            database.close()
