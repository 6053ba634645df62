"""The running timer of the contact in progress (ekspeditionstid)."""

from __future__ import annotations

import time
from collections.abc import Callable


class Stopwatch:
    """Idle until started; ``elapsed_seconds`` is None while idle."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started: float | None = None

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        """Start from zero (also when already running: a new citizen)."""
        self._started = self._clock()

    def start_if_idle(self) -> None:
        if self._started is None:
            self.start()

    def reset(self) -> None:
        self._started = None

    def elapsed_seconds(self) -> int | None:
        if self._started is None:
            return None
        return max(0, round(self._clock() - self._started))


def format_duration(seconds: int | None) -> str:
    """``"0:07"``, ``"12:34"``, ``"1:02:03"``; ``"–:––"`` when idle."""
    if seconds is None:
        return "–:––"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
