"""Slow work off the GUI thread: one helper for every background job.

``run_task(work, on_done, on_error)`` runs ``work()`` on Qt's thread pool and calls
``on_done(result)`` or ``on_error(exception)`` back on the GUI thread. Widgets are never
touched from the worker. ``pool=`` picks another pool, e.g. one with a single thread so
that writes run one at a time in the order they were asked for (``serial_pool``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Task(QObject):
    """Lives on the GUI thread; the worker only emits its signals.

    Signals:
        finished(object): the work's result.
        failed(object): the exception the work raised.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self.finished.connect(self._done)
        self.failed.connect(self._fail)

    def run(self) -> None:  # on the worker thread
        try:
            result = self._work()
        except Exception as error:  # handed to the GUI thread, which words it
            self.failed.emit(error)
        else:
            self.finished.emit(result)

    @Slot(object)
    def _done(self, result: object) -> None:
        on_done = self._on_done
        self._let_go()
        on_done(result)

    @Slot(object)
    def _fail(self, error: BaseException) -> None:
        on_error = self._on_error
        self._let_go()
        on_error(error)

    def _let_go(self) -> None:
        """Drop the work and the callbacks here, on the GUI thread. The worker may hold the
        task a moment longer; had it the last reference to what the callbacks reach (a
        window), that would be freed on the worker thread ("Timers cannot be stopped from
        another thread", or a crash)."""
        _running.discard(self)
        self._work = self._on_done = self._on_error = _nothing


def _nothing(*_args: object) -> None:
    pass


_running: set[Task] = set()  # keeps tasks alive until their callback ran


def serial_pool(parent: QObject | None = None) -> QThreadPool:
    """A pool with one thread: its tasks run one after another, in order."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


def run_task(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    pool: QThreadPool | None = None,
) -> Task:
    task = Task(work, on_done, on_error)
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(QRunnable.create(task.run))
    return task
