"""A part of the counter window's behaviour (its writes, keys, favourites ...), parented to it.

A part reaches the window through Qt's parent, never through a Python attribute: window ->
part -> window would be a reference cycle, which only Python's cyclic collector frees, and
that may run on a worker thread, deleting the window there (a crash).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ui.counter_window import CounterWindow


class WindowPart(QObject):
    def __init__(self, window: CounterWindow) -> None:
        super().__init__(window)

    @property
    def _window(self) -> CounterWindow:
        return cast("CounterWindow", self.parent())
