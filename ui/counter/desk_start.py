"""What the counter window shows once the database is open, read in one go off the GUI thread.

The tile order by use and the solutions' usage (30 days of contacts), today's list and
today's figures are database reads: ~200 ms for a desk with 100,000 contacts over 60 days,
and up to the busy timeout when another program holds the database. The program reads them
on the worker that opened the database (``read_start``) and hands them to
``CounterWindow.attach``, so the window never waits for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from skranke.errors import SkrankeError

if TYPE_CHECKING:
    from datetime import date

    from database.counter import CounterDesk
    from skranke.contact import Contact
    from skranke.tally import DayTally
    from skranke.vocabulary import Area


class DeskStart(NamedTuple):
    """The desk's state when the window attaches it. ``problem`` is why today's list and
    figures could not be read (the window says so and shows the tiles anyway)."""

    day: date
    by_use: list[Area]
    solution_usage: Mapping[str, int]
    today: list[Contact]
    tally: DayTally | None
    problem: SkrankeError | None = None


def read_start(desk: CounterDesk) -> DeskStart:
    """Read what the window shows first (on a worker thread in the program)."""
    day, by_use, usage = desk.today(), desk.tile_order(), desk.solution_usage()
    try:
        return DeskStart(day, by_use, usage, desk.today_contacts(), desk.today_tally())
    except SkrankeError as error:
        return DeskStart(day, by_use, usage, [], None, error)
