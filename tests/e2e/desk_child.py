"""One desk as its own process, composed as the counter composes it (main.py: the desk id
from the settings, the desk's SQLite file, a ``CounterDesk``, a ``PushRunner`` woken after each
write): it logs, undoes and voids until told to stop, then waits for its outbox to empty.

``python -m tests.e2e.desk_child SETTINGS DATABASE STOPFILE [CALLERS]``; ``CALLERS`` (comma-
separated municipality codes) makes it a hotline desk that records each call under the
caller's municipality. Prints one JSON line: what it logged and voided. While it runs, the
file ``progress.json`` next to SETTINGS says how far it got (logged, voided, the pusher's
state), so the test can wait for what it needs instead of sleeping.
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import time
from pathlib import Path

import main
from database.sync import DeskIdentity, Pusher, PushRunner
from skranke.contact import ContactChoice
from skranke.settings import load_settings
from skranke.vocabulary import load_vocabulary
from tests.sync.world import FAST
from ui.cli.common import StartupConfig

CHOICES = [
    ContactChoice("in_person", "passport", "handled_by_staff"),
    ContactChoice("phone", "mitid", "assisted_self_service"),
    ContactChoice("in_person", "moving", "referred_to_self_service"),
]


def _report(path: Path, progress: dict[str, object]) -> None:
    """Write ``progress`` whole: the test never reads a half-written file."""
    part = path.with_suffix(".part")
    part.write_text(json.dumps(progress), encoding="utf-8")
    os.replace(part, path)


def run(settings_path: Path, database: str, stop_file: Path, callers: list[str]) -> dict[str, int]:
    settings = load_settings(settings_path)
    config = StartupConfig(settings, settings_path, database, settings.desk, settings.municipality)
    desk_id = main._desk_id(config)
    assert not isinstance(desk_id, Exception), desk_id
    desk = main._open_desk(config, load_vocabulary(), desk_id)
    # The app's composition (main._open_sync) with the tests' short timeouts, so a push
    # stuck on the cut link is given up in seconds, not the app's 30.
    identity = DeskIdentity(desk_id, config.desk, config.municipality, settings.centre)
    pusher = Pusher(desk.repository.database, settings.central_url, identity,
                    timeouts=FAST, push_timeout=3.0)  # fmt: skip
    runner = PushRunner(pusher, idle_seconds=1, first_backoff=0.2, max_backoff=1)
    runner.start()
    print("ready", flush=True)  # opened and migrated: the test's clock starts now
    logged = voided = 0
    progress = settings_path.parent / "progress.json"
    while not stop_file.exists():
        caller = callers[logged % len(callers)] if callers else None
        made = desk.log(CHOICES[logged % len(CHOICES)], municipality_code=caller)
        logged += len(made)
        if logged % 7 == 0:
            voided += len(desk.undo_last())  # Ctrl+Z
        elif logged % 11 == 0:
            voided += len(desk.void_many([made[0].id]))  # Delete in today's list
        runner.wake()  # as the counter does after each write
        _report(progress, {"logged": logged, "voided": voided, "state": pusher.status.state})
        time.sleep(0.03)
    deadline = time.monotonic() + 90
    while pusher.outbox.count() and time.monotonic() < deadline:
        runner.wake()
        time.sleep(0.1)
    waiting = pusher.outbox.count()
    if waiting:  # stuck: show where, for the test's failure message
        print(f"status {pusher.status}", file=sys.stderr)
        faulthandler.dump_traceback(sys.stderr, all_threads=True)
    runner.stop()
    pusher.close()
    desk.repository.database.close()
    return {"logged": logged, "voided": voided, "waiting": waiting}


if __name__ == "__main__":
    callers = sys.argv[4].split(",") if len(sys.argv) > 4 and sys.argv[4] else []
    print(json.dumps(run(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), callers)))
