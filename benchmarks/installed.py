"""The built program (PyInstaller folder) against the source run: start-up to the window shown
and to ready-to-log, and a command-line start (`--version`), in alternating fresh processes.

    installer/linux/build-deb.sh        # makes dist/skranke/
    uv run python -m benchmarks.installed [--runs 15] [--program dist/skranke/skranke]
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
from benchmarks.startup import _stages

ROOT = Path(__file__).resolve().parent.parent


def _version_ms(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*command, "--version"], check=True, env=env, capture_output=True)
    return (time.perf_counter() - start) * 1000


def _folder_mib(folder: Path) -> float:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--program", type=Path, default=ROOT / "dist" / "skranke" / "skranke")
    args = parser.parse_args()
    if not args.program.is_file():
        sys.exit(f"{args.program} is missing: run installer/linux/build-deb.sh first")
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QPA_PLATFORM", env["QT_QPA_PLATFORM"])
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as in benchmarks.startup: an installed source run
    source = [str(Path(sys.executable).with_name("skranke"))]
    built = [str(args.program.resolve())]
    runs: dict[str, dict[str, list[float]]] = {
        name: {"shown": [], "ready": [], "version": []} for name in ("source", "built")
    }
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "settings.toml"
        config.write_text('desk = "Skranke 1"\nmunicipality = "165"\n')
        database = f"sqlite:///{folder}/skranke.sqlite3"
        tail = ["--config", str(config), "--database", database]
        tail += ["--quit-after-show", "--report-startup"]
        for command in (source, built, source, built):  # migrate, write caches: not measured
            _stages([*command, *tail], env)
        for _ in range(args.runs):
            for name, command in (("source", source), ("built", built)):
                stages = _stages([*command, *tail], env)
                runs[name]["shown"].append(stages["shown"])
                runs[name]["ready"].append(stages["ready"])
                runs[name]["version"].append(_version_ms(command, env))
    print(describe_machine())
    print(f"built folder: {_folder_mib(args.program.parent):.0f} MiB ({args.program.parent})")
    for name in ("source", "built"):
        print(summary(f"{name}: window shown", runs[name]["shown"]))
        print(summary(f"{name}: ready to log", runs[name]["ready"]))
        print(summary(f"{name}: --version", runs[name]["version"]))
    for stage in ("shown", "ready", "version"):
        ratio = statistics.median(runs["built"][stage]) / statistics.median(runs["source"][stage])
        print(f"{stage}: built / source, ratio of medians {ratio:.2f}x")


if __name__ == "__main__":
    main()
