"""Start-up to the window shown: Skranke against a bare PySide6 QMainWindow, same run.

Each run is a fresh process. "Shown" is the event loop's first turn after the window's first
paint, in both programs (a zero timer started right after ``show()`` runs *before* that
paint: Qt sends posted events before the window system's expose). Skranke also prints when
its database is open and the tiles are there ("ready": staff can log). The parent notes when
it spawned the process. Runs alternate so both see the same noise. The database is already
migrated, as on every start but the first.

    uv run python -m benchmarks.startup [--runs 15] [--platforms offscreen,xcb] [--before DIR]

``xcb`` needs an X server (``DISPLAY``, e.g. Xvfb). ``--before`` also measures the program in
another checkout (e.g. ``git archive`` of an earlier commit), interleaved in the same run.
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

STAGES = ("bare", "shown", "ready", "before shown", "before ready")
ROOT = Path(__file__).resolve().parent.parent  # the tree measured (its main.py and packages)
# What the installed ``skranke`` script does, from this tree.
PROGRAM = "import sys; from main import main; sys.exit(main())"

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, shown)
window = Window()
window.resize(1366, 860)
window.show()
sys.exit(app.exec())
"""


def _stages(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> dict[str, float]:
    """Milliseconds from spawning the process to each stage it reports."""
    start = time.time()
    result = subprocess.run(command, check=False, env=env, capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")
    stages = {}
    for line in result.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        stages[name] = (float(stamp) - start) * 1000
    stages["exit"] = (time.time() - start) * 1000
    return stages


def _measure(platform: str, runs: int, before: Path | None) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    # A real installation has bytecode caches; this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every start compile SQLAlchemy from source. The warm-up writes them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        # Window state (QSettings) and settings in a folder of our own.
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = folder
        config = Path(folder) / "settings.toml"
        config.write_text('desk = "Skranke 1"\nmunicipality = "165"\n')

        def program(name: str) -> list[str]:
            # Each checkout its own database: an older one refuses a newer schema.
            database = f"sqlite:///{folder}/{name}.sqlite3"
            return [sys.executable, "-c", PROGRAM, "--config", str(config), "--database", database]

        ours = [*program("skranke"), "--quit-after-show", "--report-startup"]
        earlier = [*program("before"), "--quit-after-show", "--report-startup"]
        bare = [sys.executable, "-c", BARE]
        for _ in range(2):  # creates and migrates the database, writes bytecode: not measured
            _stages(ours, env)
            _stages(bare, env)
            if before is not None:
                _stages(earlier, env, before)
        measured: dict[str, list[float]] = {key: [] for key in STAGES}
        for _ in range(runs):
            measured["bare"].append(_stages(bare, env)["shown"])
            stages = _stages(ours, env)
            measured["shown"].append(stages["shown"])
            measured["ready"].append(stages["ready"])
            if before is not None:
                stages = _stages(earlier, env, before)
                measured["before shown"].append(stages["shown"])
                measured["before ready"].append(stages["ready"])
    bare_median = statistics.median(measured["bare"])
    os.environ["QT_QPA_PLATFORM"] = platform  # for describe_machine
    print(describe_machine())
    print(summary("bare QMainWindow shown", measured["bare"]))
    print(summary("Skranke window shown", measured["shown"]))
    print(summary("Skranke ready to log (database open, tiles shown)", measured["ready"]))
    if before is not None:
        print(f"before: {before}")
        print(summary("before: Skranke window shown", measured["before shown"]))
        print(summary("before: Skranke ready to log", measured["before ready"]))
        for stage in ("shown", "ready"):
            ratio = statistics.median(measured[f"before {stage}"]) / bare_median
            print(f"before: {stage}, ratio of medians: {ratio:.2f}x")
    shown_ratio = statistics.median(measured["shown"]) / bare_median
    ready_ratio = statistics.median(measured["ready"]) / bare_median
    print(f"window shown, ratio of medians: {shown_ratio:.2f}x (goal <= 1.5x)")
    print(f"ready to log, ratio of medians: {ready_ratio:.2f}x (goal <= 3x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--platforms",
        default=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        help="comma-separated Qt platforms, e.g. offscreen,xcb (xcb needs DISPLAY)",
    )
    parser.add_argument("--before", type=Path, help="another checkout, measured alongside")
    args = parser.parse_args()
    for platform in args.platforms.split(","):
        _measure(platform.strip(), args.runs, args.before)


if __name__ == "__main__":
    main()
