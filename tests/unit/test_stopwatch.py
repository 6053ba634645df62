from __future__ import annotations

from skranke.stopwatch import Stopwatch, format_duration


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_idle_until_started_then_counts_seconds() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    assert watch.elapsed_seconds() is None
    watch.start_if_idle()
    clock.now += 42.4
    assert watch.elapsed_seconds() == 42
    watch.start_if_idle()  # already running: keeps counting
    assert watch.elapsed_seconds() == 42
    watch.start()  # a new citizen: from zero
    assert watch.elapsed_seconds() == 0
    watch.reset()
    assert not watch.running


def test_format_duration() -> None:
    assert format_duration(None) == "–:––"
    assert format_duration(7) == "0:07"
    assert format_duration(754) == "12:34"
    assert format_duration(3723) == "1:02:03"
