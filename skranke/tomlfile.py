"""Reading TOML data files so that every problem can name its file, line and field.

``tomllib`` gives values without positions, so we index the lines of the file ourselves:
each ``[[section]]`` header and each ``key =`` line within a table.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skranke.errors import Problem

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]\[]+?)\s*\]")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass
class LineIndex:
    """Line numbers (1-based) of tables and keys in one TOML file."""

    tables: dict[tuple[str, int], int] = field(default_factory=dict)
    keys: dict[tuple[str, int, str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> LineIndex:
        index = cls()
        counts: dict[str, int] = {}
        section, nth = "", 0
        for number, line in enumerate(text.splitlines(), start=1):
            if match := _ARRAY_HEADER.match(line):
                section = match.group(1)
                nth = counts.get(section, 0)
                counts[section] = nth + 1
                index.tables[(section, nth)] = number
            elif match := _TABLE_HEADER.match(line):
                section, nth = match.group(1), 0
                index.tables[(section, 0)] = number
            elif match := _KEY.match(line):
                key = match.group(1).strip("\"'")
                index.keys.setdefault((section, nth, key), number)
        return index

    def line_of(self, section: str, nth: int = 0, key: str | None = None) -> int | None:
        """The line of ``key`` in the ``nth`` table of ``section``, else of the table itself."""
        if key is not None and (section, nth, key) in self.keys:
            return self.keys[(section, nth, key)]
        return self.tables.get((section, nth))


@dataclass
class TomlFile:
    path: Path
    data: dict[str, Any]
    lines: LineIndex

    def problem(
        self, section: str, nth: int, field_name: str, code: str, detail: str = ""
    ) -> Problem:
        return Problem(
            self.path, self.lines.line_of(section, nth, field_name), field_name, code, detail
        )


def read_toml(path: Path) -> TomlFile | Problem:
    """Parse ``path``; on failure return the one :class:`Problem` that says why."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Problem(path, None, "", "not_found")
    except OSError as exc:
        return Problem(path, None, "", "unreadable", exc.strerror or str(exc))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(path, line, "", "encoding", "UTF-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line_no = int(match.group(1)) if match else None
        if "(at end of document)" in message:
            line_no = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        detail = _TOML_POSITION.sub("", message).replace("(at end of document)", "").strip()
        return Problem(path, line_no, "", "syntax", detail)
    return TomlFile(path, data, LineIndex.of(text))
