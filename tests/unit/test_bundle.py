"""An upgrade that replaces the running program is noticed before the next import (issue 17)."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from skranke.bundle import watch_for_replacement


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path where the test writes modules no one has imported yet."""
    folder = tmp_path / "modules"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def new_module(folder: Path, name: str) -> str:
    (folder / f"{name}.py").write_text("VALUE = 1\n")
    importlib.invalidate_caches()
    return name


def test_a_replaced_program_is_reported_once_before_the_next_import(
    tmp_path: Path, modules: Path
) -> None:
    program = tmp_path / "skranke"
    program.write_bytes(b"version 1")
    said: list[str] = []
    watch = watch_for_replacement(str(program), lambda: said.append("opdateret"))
    try:
        importlib.import_module(new_module(modules, "lazy_before_upgrade"))
        assert said == []
        # What dpkg does: the new file written beside the old and renamed over it.
        upgraded = tmp_path / "skranke.dpkg-new"
        upgraded.write_bytes(b"version 2, longer")
        os.replace(upgraded, program)
        module = importlib.import_module(new_module(modules, "lazy_after_upgrade"))
        assert said == ["opdateret"]
        assert module.VALUE == 1  # the import itself still goes on
        importlib.import_module(new_module(modules, "lazy_later"))
        assert said == ["opdateret"]  # once
    finally:
        if watch in sys.meta_path:
            sys.meta_path.remove(watch)


def test_a_program_that_was_removed_counts_as_replaced(tmp_path: Path, modules: Path) -> None:
    program = tmp_path / "Skranke.exe"
    program.write_bytes(b"x")
    said: list[bool] = []
    watch = watch_for_replacement(str(program), lambda: said.append(True))
    try:
        program.unlink()
        importlib.import_module(new_module(modules, "lazy_after_removal"))
        assert said == [True]
    finally:
        if watch in sys.meta_path:
            sys.meta_path.remove(watch)
