"""The days a run selects, in the site's own time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from newscrawl.modes.base import CrawlOptions


@dataclass(frozen=True)
class DayWindow:
    """A closed range of days; either end may be open (None)."""

    first: date | None
    last: date | None

    def contains(self, moment: date | datetime | None, tz: tzinfo) -> bool:
        """Return True when ``moment`` (seen in ``tz``) falls in the window; None passes."""
        if moment is None:
            return True
        if isinstance(moment, datetime):
            moment = (moment.astimezone(tz) if moment.tzinfo else moment).date()
        return (self.first is None or moment >= self.first) and (self.last is None or moment <= self.last)

    def days(self) -> list[date]:
        """Return every day of a closed window, oldest first; [] when an end is open."""
        if self.first is None or self.last is None or self.first > self.last:
            return []
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def today_in(tz: tzinfo) -> date:
    """Return today's date in time zone ``tz``."""
    return datetime.now(tz).date()


def select_window(options: CrawlOptions, tz: tzinfo, recent_days: int | None) -> DayWindow:
    """Return the run's day window; without --date/--since/--until, the ``recent_days`` up to today.

    ``recent_days`` None with no date options means every day (an open window).
    An open end of --since/--until closes at today (or ``recent_days`` before --until).
    """
    first, last = options.day_range()
    if first is None and last is None:
        if recent_days is None:
            return DayWindow(None, None)
        last = today_in(tz)
        return DayWindow(last - timedelta(days=recent_days - 1), last)
    return DayWindow(first, last)


def closed_days(window: DayWindow, tz: tzinfo, recent_days: int) -> list[date]:
    """Return the window's days, closing an open end at today or ``recent_days`` back."""
    last = window.last or today_in(tz)
    first = window.first or last - timedelta(days=recent_days - 1)
    return DayWindow(first, last).days()
