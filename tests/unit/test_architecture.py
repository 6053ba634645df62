"""The dependency rule: main -> ui -> database -> skranke, checked by importing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from database.engine import MIGRATIONS_DIR
from database.schema import HEAD_REVISION, KNOWN_REVISIONS

ROOT = Path(__file__).resolve().parents[2]


def _modules(package: str) -> list[str]:
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        names.append(".".join(parts))
    return names


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(result.stdout.split())


def test_the_domain_imports_neither_qt_nor_sql() -> None:
    loaded = _loaded_after_import(_modules("skranke"))
    assert "skranke.contact" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"PySide6", "sqlalchemy", "alembic"}}


def test_the_database_layer_imports_no_qt() -> None:
    loaded = _loaded_after_import(_modules("database"))
    assert "database.repository" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"PySide6", "shiboken6"}}


def test_nothing_imports_the_composition_root() -> None:
    offenders = []
    for package in ("skranke", "database", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import) and any(a.name == "main" for a in node.names):
                    offenders.append(path)
                if isinstance(node, ast.ImportFrom) and node.module == "main":
                    offenders.append(path)
    assert offenders == []


def test_migrations_know_the_same_revisions_as_start_up() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert tuple(revisions) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD_REVISION
