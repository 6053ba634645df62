"""A logged contact survives the process being killed the next instant."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(db_path: Path, after: int) -> list[str]:
    """Start the child, read ``after`` committed ids (at least), SIGKILL it, return all ids."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.database.logging_child", str(db_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    reported = [child.stdout.readline().strip() for _ in range(after)]
    time.sleep(random.uniform(0, 0.02))  # kill mid-commit, not just between commits
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    # Lines the child flushed before it died were also reported as committed.
    reported += [line for line in rest.splitlines() if line]
    return reported


@pytest.mark.slow
@pytest.mark.parametrize("after", [1, 25, 120])
def test_every_reported_contact_survives_sigkill(tmp_path: Path, after: int) -> None:
    db_path = tmp_path / "killed.sqlite3"
    reported = _run_and_kill(db_path, after)
    assert len(reported) >= after
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM contact")}
    # SQLAlchemy stores UUIDs as 32 hex digits on SQLite.
    missing = {i for i in reported if uuid.UUID(i).hex not in stored}
    assert missing == set()
