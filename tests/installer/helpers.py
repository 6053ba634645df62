"""What the installer tests share: the repository's paths, the spec run without PyInstaller's
build, and the rule for tests that need the built folder and package."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "skranke.spec"
DIST = ROOT / "dist"
BUILT_APP = DIST / "skranke"


@dataclass
class SpecRun:
    """What the spec asked PyInstaller for: the analysis, the executables, the folder."""

    analysis: dict[str, Any] = field(default_factory=dict)
    binaries_kept: list[tuple[str, str, str]] = field(default_factory=list)
    executables: list[dict[str, Any]] = field(default_factory=list)
    folder: dict[str, Any] = field(default_factory=dict)
    namespace: dict[str, Any] = field(default_factory=dict)

    @property
    def datas(self) -> list[tuple[str, str]]:
        return list(self.analysis["datas"])

    def bundled(self, relative_folder: str) -> set[str]:
        """Names of the data files that go into ``relative_folder`` of the bundle."""
        return {Path(source).name for source, target in self.datas if target == relative_folder}


def run_spec(target: str) -> SpecRun:
    """Execute installer/skranke.spec as PyInstaller would for ``target`` (``linux`` or
    ``win32``), with recording stand-ins for PyInstaller's build classes."""
    run = SpecRun()

    class Analysis:
        def __init__(self, scripts: list[str], **options: Any) -> None:
            run.analysis = {"scripts": scripts, **options}
            # PyInstaller adds its run-time hooks, e.g. a throw-away MPLCONFIGDIR per start.
            self.scripts = [("pyi_rth_mplconfig", "pyi_rth_mplconfig.py", "PYSOURCE")]
            self.scripts += [(Path(s).stem, s, "PYSOURCE") for s in scripts]
            self.pure: list[Any] = []
            self.binaries: list[tuple[str, str, str]] = []
            self.datas = options["datas"]

    def pyz(*parts: Any, **options: Any) -> str:
        return "PYZ"

    def exe(*parts: Any, **options: Any) -> dict[str, Any]:
        run.executables.append({"scripts": [name for name, _, _ in parts[1]], **options})
        return options

    def collect(*parts: Any, **options: Any) -> dict[str, Any]:
        run.binaries_kept = list(parts[-2])
        run.folder = options
        return options

    namespace: dict[str, Any] = {
        "__file__": str(SPEC),
        "__name__": "__main__",
        "SPECPATH": str(INSTALLER),
        "SKRANKE_TARGET": target,
        "Analysis": Analysis,
        "PYZ": pyz,
        "EXE": exe,
        "COLLECT": collect,
    }
    path = list(sys.path)
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)  # noqa: S102
    finally:
        sys.path[:] = path
    run.namespace = namespace
    return run


SOURCES = ("main.py", "skranke", "database", "ui", "resources", "installer")


def newest_source() -> Path:
    """The most recently changed file the build is made from."""
    files = [ROOT / "main.py"]
    for folder in SOURCES[1:]:
        files += [
            p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ]
    return max(files, key=lambda p: p.stat().st_mtime)


def require_build(path: Path, what: str) -> Path:
    """``path`` when the build made it from the current sources. Otherwise skip, except in CI,
    where .ci/run builds the installers before the tests run, so a missing or stale build is a
    failure. (Locally a build older than a source would test yesterday's program.)"""
    message = ""
    if not path.exists():
        message = f"{path.relative_to(ROOT)} not built"
    else:
        newest = newest_source()
        if newest.stat().st_mtime > path.stat().st_mtime:
            message = f"{path.relative_to(ROOT)} is older than {newest.relative_to(ROOT)}"
    if not message:
        return path
    message += f": run installer/linux/build-deb.sh ({what})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
