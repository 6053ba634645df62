"""The schema revisions this version of Skranke knows, without importing Alembic.

Start-up compares the database's revision with ``HEAD_REVISION`` and only loads Alembic when
an upgrade is due. A test checks these match ``migrations/versions``.
"""

KNOWN_REVISIONS = ("0001", "0002", "0003")
HEAD_REVISION = KNOWN_REVISIONS[-1]
