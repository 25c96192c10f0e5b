"""Read the timestamps feeds, sitemaps and APIs carry into aware datetimes.

The standard library reads ISO 8601 and RFC 822, dateutil the rest; our code
adds the site's time zone for a time without offset (feedparser and dateutil
would take UTC or leave it naive), epoch seconds and milliseconds, Chinese
dates (2023年5月19日), and zone words read as the site means them (``CST`` is
China's on a site in China, ``GMT+8`` is +08:00: see
:mod:`newscrawl.extract.datezones`).
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timezone, tzinfo

from dateutil import parser as dateparser

from newscrawl.extract.datezones import spell_offsets, zone_names

_EPOCH = re.compile(r"^\d{10}(\d{3})?$")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_RFC822 = re.compile(r"^[A-Za-z]{3},|\d{1,2}\s+[A-Za-z]{3}\s+\d{4}")


def parse_moment(value: str | int | float | None, tz: tzinfo | None = None) -> datetime | None:
    """Return ``value`` as an aware datetime; a time without offset is taken in ``tz``.

    Accepts RFC 822 (RSS), ISO 8601 / W3C (Atom, sitemaps, JSON Feed), epoch
    seconds or milliseconds, and ``2023年5月19日 10:00``. ``tz`` defaults to UTC.
    Returns None when ``value`` is empty or not a date.
    """
    tz = tz or timezone.utc
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value), tz)
    text = str(value).strip()
    if not text:
        return None
    if _EPOCH.match(text):
        return _from_epoch(float(text), tz)
    names = zone_names(tz)
    text = spell_offsets(text, names)
    moment = _parse_iso(text) or (_parse_rfc822(text) if _RFC822.search(text) else None)
    if moment is None:
        moment = _parse_loose(_CJK_DATE.sub(r"\1-\2-\3 ", text), names)
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _from_epoch(seconds: float, tz: tzinfo) -> datetime | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz)
    except (OverflowError, OSError, ValueError):
        return None


def _parse_iso(text: str) -> datetime | None:
    """Return an ISO 8601 / W3C time (the sitemap and Atom form) through the standard library's fast parser."""
    if not text[:4].isdigit():
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_rfc822(text: str) -> datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment


def _parse_loose(text: str, names) -> datetime | None:
    try:
        return dateparser.isoparse(text)
    except (ValueError, OverflowError):
        pass
    try:
        return dateparser.parse(text, fuzzy=False, tzinfos=names)
    except (ValueError, OverflowError, dateparser.ParserError):
        return None
