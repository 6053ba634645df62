"""The desk's writes leave the GUI thread: one worker thread stores them in order.

A database locked by another program makes a write wait (up to the busy timeout); the window
stays responsive meanwhile and hears the result, or the error, on the GUI thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ui.tasks import run_task, serial_pool

T = TypeVar("T")

# A test hook: every write waits this many milliseconds first, as on a slow municipal PC.
SAVE_DELAY_ENV = "SKRANKE_SAVE_DELAY_MS"


class DeskWorker(QObject):
    """Runs the desk's writes (log, undo, void) one at a time, in the order asked.

    Signals:
        busyChanged(bool): a write started (True), or every write has come back (False).
    """

    busyChanged = Signal(bool)  # noqa: N815 - Qt naming

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = serial_pool(self)
        self._pending = 0
        self.delay_seconds = int(os.environ.get(SAVE_DELAY_ENV, "0") or 0) / 1000

    def _slowed(self, work: Callable[[], T]) -> Callable[[], T]:
        delay = self.delay_seconds
        if not delay:
            return work

        def slow() -> T:
            time.sleep(delay)
            return work()

        return slow

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def submit(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        run_task(
            self._slowed(work),
            lambda result: self._finish(on_done, result),
            lambda error: self._finish(on_error, error),
            pool=self._pool,
        )

    def _finish(self, callback: Callable[[Any], None], value: object) -> None:
        self._pending -= 1
        try:
            callback(value)
        finally:
            if self._pending == 0:
                self.busyChanged.emit(False)

    def wait(self, msecs: int) -> bool:
        """Block until the queued writes are stored (at close); False on time-out."""
        return self._pool.waitForDone(msecs)
