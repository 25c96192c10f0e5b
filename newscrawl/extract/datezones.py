"""Time-zone words in written dates: what they mean on a page, spelled as numeric offsets.

Abbreviations are ambiguous: ``CST`` is China Standard Time on a Chinese page
and US Central Time on an American one (``IST``: India, Ireland or Israel).
A page's abbreviations mean, in this order: those of its own zone (its
profile's: Asia/Shanghai calls itself CST, America/Chicago CST and CDT); on a
Chinese page, China's (``CST``, ``CCT``); else the common table of
:data:`~newscrawl.extract.datewords.TZ_NAMES` (US Central for ``CST``).
``北京时间`` and "Beijing time" are +08:00, and ``GMT+8`` or ``UTC+08:00`` the
offset they name, on any page: the date patterns would read ``GMT+8`` as UTC,
dateutil the POSIX way, as -08:00.

:func:`spell_offsets` rewrites a zone word that follows a time as the offset
it means (``10:00 CST`` → ``10:00 +0800``), so every parser after it (the
date patterns, dateutil, email.utils for RSS) reads the same instant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import datetime, tzinfo
from types import MappingProxyType

from newscrawl.extract.datewords import TZ_NAMES

#: What the ambiguous abbreviations mean on a Chinese page (CCT: China Coast Time, an older name).
CHINA_TZ_NAMES = {"CST": 8 * 3600, "CCT": 8 * 3600}
_BEIJING = 8 * 3600
_MAX_OFFSET = 14  # hours: the widest offset in use (UTC+14)

# A time's minutes (and seconds, am/pm), then the zone written after it: GMT/UTC with an offset (and
# JavaScript's "(China Standard Time)" after it), 北京时间 (in brackets or not), or an abbreviation.
_ZONE_AFTER_TIME = re.compile(
    r"(?P<time>[:：][0-5]\d(?:[:：][0-5]\d)?(?:\.\d+)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?)\s*"
    r"(?:(?:UTC|GMT)\s?(?P<sign>[+-])(?P<hh>\d{1,2})(?::?(?P<mm>[0-5]\d))?(?!\d)(?:\s*\([^()\d]{2,40}\))?"
    r"|[(（]?\s*(?P<beijing>北京[时時][间間]|[Bb]eijing\s+[Tt]ime)\s*[)）]?"
    r"|(?P<abbr>[A-Z]{2,5})(?![A-Za-z]))"
)


@functools.lru_cache(maxsize=64)
def zone_names(zone: tzinfo | None = None, chinese: bool = False) -> Mapping[str, int]:
    """Return what each zone abbreviation means (seconds east of UTC) on a page of ``zone``.

    ``zone`` is the page's own (its profile's), None when unknown; ``chinese``
    says the page is Chinese.
    """
    names = dict(TZ_NAMES)
    if chinese:
        names.update(CHINA_TZ_NAMES)
    if zone is not None:
        names.update(_own_names(zone))
    return MappingProxyType(names)


def _own_names(zone: tzinfo) -> dict[str, int]:
    """Return the abbreviations ``zone`` calls itself by this year, winter and summer, with their offsets."""
    year = datetime.now().year
    names = {}
    for month in (1, 7):
        moment = datetime(year, month, 15, 12, tzinfo=zone)
        name, offset = moment.tzname(), moment.utcoffset()
        if name and offset is not None and name.isalpha() and name.isupper() and name not in ("UTC", "GMT"):
            names[name] = int(offset.total_seconds())
    return names


def spell_offsets(text: str, names: Mapping[str, int]) -> str:
    """Return ``text`` with each zone word after a time written as the offset it means (``+0800``).

    Abbreviations not in ``names`` stay as they are.
    """
    if ":" not in text and "：" not in text:
        return text
    return _ZONE_AFTER_TIME.sub(lambda match: _spelled(match, names), text)


def _spelled(match: re.Match, names: Mapping[str, int]) -> str:
    """Return one matched time and zone with the zone as a numeric offset, or as it was."""
    if match["sign"]:
        hours, minutes = int(match["hh"]), int(match["mm"] or 0)
        if hours > _MAX_OFFSET:
            return match.group(0)
        seconds = (hours * 3600 + minutes * 60) * (-1 if match["sign"] == "-" else 1)
    elif match["beijing"]:
        seconds = _BEIJING
    else:
        seconds = names.get(match["abbr"])
        if seconds is None:
            return match.group(0)
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{match['time']} {sign}{hours:02d}{rest // 60:02d}"
