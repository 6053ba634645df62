"""The schema revisions this version of Skranke knows, without importing Alembic.

Start-up compares the database's revision with ``HEAD_REVISION`` and only loads Alembic when
an upgrade is due. A test checks these match ``migrations/versions``. The central PostgreSQL
runs the same revisions (see database/central.py): a desk pushes only to a central database
at exactly its own ``HEAD_REVISION``.
"""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")
HEAD_REVISION = KNOWN_REVISIONS[-1]
