"""Noticing that the installed program was replaced while it runs (an upgrade during opening
hours).

Upgrading the .deb under a running Skranke replaced its files; the next module it imported
lazily (the team view) failed with only ``zipimport.ZipImportError: bad local file header`` on
stderr. :func:`watch_for_replacement` puts a finder first on ``sys.meta_path`` that, before any
module not yet loaded is imported, compares the program file with what it was at start, and
calls ``replaced`` once when it differs, so the program can say so before anything fails.
"""

from __future__ import annotations

import os
import sys
from importlib.abc import MetaPathFinder
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

Stamp = tuple[int, int, int]


def stamp(path: str) -> Stamp | None:
    """Inode, size and modification time of ``path``: a package manager that replaces the
    file (a new inode) or rewrites it changes one of them. None when it is gone."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


class _ReplacementWatch(MetaPathFinder):
    def __init__(self, path: str, replaced: Callable[[], None]) -> None:
        self.path = path
        self.at_start = stamp(path)
        self.replaced = replaced

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if stamp(self.path) != self.at_start:
            sys.meta_path.remove(self)  # once; what replaced() imports goes on as usual
            self.replaced()
        return None  # the other finders import the module


def watch_for_replacement(path: str, replaced: Callable[[], None]) -> MetaPathFinder:
    """Call ``replaced`` (once) when a module is about to be imported after ``path`` (the
    program's executable) changed since now. Returns the finder (remove it to stop)."""
    watch = _ReplacementWatch(path, replaced)
    sys.meta_path.insert(0, watch)
    return watch
