"""Fixtures for the installer tests: the spec as run for Linux and for Windows, and the built
folder and package (present after installer/linux/build-deb.sh; .ci/run builds them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.installer.helpers import BUILT_APP, DIST, SpecRun, require_build, run_spec


@pytest.fixture(scope="session")
def linux_spec() -> SpecRun:
    return run_spec("linux")


@pytest.fixture(scope="session")
def windows_spec() -> SpecRun:
    return run_spec("win32")


@pytest.fixture(scope="session")
def built_app() -> Path:
    return require_build(BUILT_APP, "the PyInstaller folder")


@pytest.fixture(scope="session")
def built_deb() -> Path:
    packages = sorted(DIST.glob("skranke_*.deb"), key=lambda p: p.stat().st_mtime)
    return require_build(packages[-1] if packages else DIST / "skranke_VERSION_ARCH.deb", ".deb")
