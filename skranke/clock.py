"""Time: stored in UTC, shown in Europe/Copenhagen."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_day_bounds(day: date, tz: ZoneInfo = LOCAL_TZ) -> tuple[datetime, datetime]:
    """The UTC instants where the local calendar day starts and the next one starts.

    A day is 23 or 25 hours long when summer time starts or ends; this accounts for it.
    """
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def local_today(now: datetime | None = None, tz: ZoneInfo = LOCAL_TZ) -> date:
    return (now or utc_now()).astimezone(tz).date()


def to_local(moment: datetime, tz: ZoneInfo = LOCAL_TZ) -> datetime:
    return moment.astimezone(tz)
