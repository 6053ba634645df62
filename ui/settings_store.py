"""The settings store as a QObject: widgets read ``current`` and hear about changes.

One instance is made by ``main.py`` and handed to every window and dialog that reads or changes
a setting (qutebrowser's config pattern): no widget keeps a copy of the settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from skranke.settings import Settings, SettingsStore


class QtSettingsStore(QObject):
    """The run-time settings (see :class:`skranke.settings.SettingsStore`).

    Signals:
        changed(str): the name of a setting whose value changed, once per setting, after it
            was saved.
    """

    changed = Signal(str)

    def __init__(self, store: SettingsStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    @classmethod
    def in_memory(cls, settings: Settings, path: Path | None = None) -> QtSettingsStore:
        return cls(SettingsStore(settings, path))

    @property
    def current(self) -> Settings:
        return self._store.current

    @property
    def path(self) -> Path | None:
        return self._store.path

    def update(self, **changes: Any) -> Settings:
        """Validate, save and apply; raises SettingsError/SettingsWriteError, changing nothing."""
        before = self._store.current
        after = self._store.update(**changes)
        for name in changes:
            if getattr(before, name) != getattr(after, name):
                self.changed.emit(name)
        return after
