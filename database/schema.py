"""The schema revisions this version of Skranke knows, without importing Alembic.

Start-up compares the database's revision with ``HEAD_REVISION`` and only loads Alembic when
an upgrade is due. A test checks these match ``migrations/versions``. The central PostgreSQL
runs the same revisions (see database/central.py): a desk pushes only to a central database
at exactly its own ``HEAD_REVISION``.
"""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD_REVISION = KNOWN_REVISIONS[-1]

# pg_advisory_xact_lock's key for schema upgrades on PostgreSQL: any fixed bigint, the same in
# every Skranke version ("skranke" in ASCII). Held for the upgrade's transaction, so several
# programs starting at once on an empty database wait for each other instead of racing.
UPGRADE_LOCK_KEY = 0x736B72616E6B65
