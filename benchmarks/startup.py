"""Start-up to the window shown: Skranke against a bare PySide6 QMainWindow, same run.

Each run is a fresh process. Both print the wall-clock time when the event loop first turns
after ``show()`` (the window is painted); Skranke also prints when its database is open and
the tiles are there ("ready": staff can log). The parent notes when it spawned the process.
Runs alternate so both see the same noise. The database is already migrated, as on every
start but the first.

    uv run python -m benchmarks.startup [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import describe_machine, summary

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1366, 860)
window.show()
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def _stages(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from spawning the process to each stage it reports."""
    start = time.time()
    result = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    stages = {}
    for line in result.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        stages[name] = (float(stamp) - start) * 1000
    stages["exit"] = (time.time() - start) * 1000
    return stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QPA_PLATFORM", env["QT_QPA_PLATFORM"])
    # A real installation has bytecode caches; this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every start compile SQLAlchemy from source. The warm-up writes them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    skranke = str(Path(sys.executable).with_name("skranke"))
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "settings.toml"
        config.write_text('desk = "Skranke 1"\nmunicipality = "165"\n')
        database = f"sqlite:///{folder}/skranke.sqlite3"
        ours = [skranke, "--config", str(config), "--database", database]
        ours += ["--quit-after-show", "--report-startup"]
        bare = [sys.executable, "-c", BARE]
        for _ in range(2):  # creates and migrates the database, writes bytecode: not measured
            _stages(ours, env)
            _stages(bare, env)
        runs: dict[str, list[float]] = {"bare": [], "shown": [], "ready": []}
        for _ in range(args.runs):
            runs["bare"].append(_stages(bare, env)["shown"])
            stages = _stages(ours, env)
            runs["shown"].append(stages["shown"])
            runs["ready"].append(stages["ready"])
    bare_median = statistics.median(runs["bare"])
    print(describe_machine())
    print(summary("bare QMainWindow shown", runs["bare"]))
    print(summary("Skranke window shown", runs["shown"]))
    print(summary("Skranke ready to log (database open, tiles shown)", runs["ready"]))
    print(f"window shown, ratio of medians: {statistics.median(runs['shown']) / bare_median:.2f}x")
    print(f"ready to log, ratio of medians: {statistics.median(runs['ready']) / bare_median:.2f}x")


if __name__ == "__main__":
    main()
