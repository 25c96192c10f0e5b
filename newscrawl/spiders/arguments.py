"""Validate spider arguments when the spider starts; a bad one names itself.

The ``newscrawl`` command and ``scrapy crawl news`` check the same things with
these functions before the first request, so both say the same one line.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from newscrawl.profiles import ProfileError, SiteProfile, find_profile, load_profile, profile_dirs, profile_files
from newscrawl.profiles.adhoc import oneoff_profile

#: ``-a`` arguments of ``scrapy crawl news`` and what each takes.
SPIDER_ARGUMENTS = {
    "site": "comma-separated profile slugs",
    "url": "article, feed or sitemap URLs crawled without a profile (separated by spaces)",
    "base_url": "fetch from this mirror instead of the profile's base_url",
    "section": "only this section (版面/栏目)",
    "date": "only this day (YYYY-MM-DD)",
    "since": "only from this day on (YYYY-MM-DD)",
    "until": "only up to this day (YYYY-MM-DD)",
    "limit": "stop after this many articles (0: no limit)",
    "category": "category of posts from url: SLUG[:LABEL] or a name",
    "category_name": "label (tags) of posts from url",
    "timezone": "time zone of pages from url that give no UTC offset",
}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


class ArgumentError(ValueError):
    """A spider or CLI argument is malformed; the message names it."""


def parse_day(name: str, value: str | date | None) -> date | None:
    """Return ``value`` as a date (``YYYY-MM-DD``); None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ArgumentError(f"{name}: {value!r} is not a date like 2022-03-17") from exc


def check_window(day: date | None, since: date | None, until: date | None, dash: str = "") -> None:
    """Raise ArgumentError when the date options contradict each other.

    ``dash`` prefixes the option names in the message ("--" for the command line).
    """
    if day and (since or until):
        raise ArgumentError(f"{dash}date: cannot be combined with {dash}since/{dash}until; give "
                            f"{dash}date for one day or {dash}since/{dash}until for a range")
    if since and until and since > until:
        raise ArgumentError(f"{dash}since {since} is after {dash}until {until}; give an earlier "
                            f"{dash}since or a later {dash}until")


def parse_limit(value: str | int | None) -> int:
    """Return ``value`` as a non-negative article limit (0 means none)."""
    if value in (None, ""):
        return 0
    try:
        limit = int(value)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(f"limit: {value!r} is not a whole number") from exc
    if limit < 0:
        raise ArgumentError(f"limit: {limit} must not be negative")
    return limit


def split_list(value: str | list[str] | None) -> list[str]:
    """Return a comma-separated argument as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if v]
    return [v.strip() for v in value.split(",") if v.strip()]


def is_url(value: str) -> bool:
    """Return True when ``value`` is written as a URL (a scheme and ``://``, or ``//host``)."""
    return bool(_SCHEME.match(value)) or value.startswith("//")


def looks_like_address(value: str) -> bool:
    """Return True when ``value`` is no profile slug but a host or path (``www.x.cn/a.html``)."""
    return "/" in value or "." in value


def check_url(value: str) -> str:
    """Return ``value`` when it is an http(s) URL that can be fetched; raise ArgumentError naming the fault."""
    if any(ch.isspace() for ch in value):
        raise ArgumentError(f"{value!r}: a URL cannot contain spaces; write a space inside a URL "
                            "as %20, and give several URLs as separate arguments")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "no scheme"
        raise ArgumentError(f"{value!r}: only http:// and https:// URLs can be crawled ({scheme} given)")
    host = parts.hostname or ""
    if not host:
        raise ArgumentError(f"{value!r}: the URL has no host name; give a full address such as "
                            "https://www.example.cn/a.html")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        ascii_host = host.encode("idna").decode("ascii") if not host.startswith("[") else host
    except (ValueError, UnicodeError):
        raise ArgumentError(f"{value!r}: {host!r} is not a valid host name or port") from None
    if ":" not in ascii_host and not all(_HOST_LABEL.match(label) for label in ascii_host.rstrip(".").split(".")):
        raise ArgumentError(f"{value!r}: {host!r} is not a valid host name")
    return value


def url_needs_scheme(value: str) -> ArgumentError:
    """Return the error for a host or path given where a URL or slug was expected."""
    return ArgumentError(f"{value!r} is neither a profile slug nor a URL: a URL needs http:// or "
                         f"https:// (e.g. https://{value.lstrip('/')})")


def check_spider_arguments(arguments: dict) -> None:
    """Raise ArgumentError for an ``-a`` name the news spider does not take (``_job`` and such pass)."""
    for name in arguments:
        if name.startswith("_") or name in SPIDER_ARGUMENTS:
            continue
        close = difflib.get_close_matches(name, SPIDER_ARGUMENTS, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise ArgumentError(f"{name}: no such argument; {hint}the news spider takes "
                            f"{', '.join(SPIDER_ARGUMENTS)}")


def find_site(value: str, dirs: Iterable[str | Path] = ()) -> SiteProfile:
    """Return the profile named ``value`` (slug or file stem).

    Raises ArgumentError for an unknown name (suggesting close slugs, or
    http(s):// for what looks like an address) and ProfileError for a broken file.
    """
    try:
        return find_profile(value, dirs)
    except KeyError:
        pass
    if looks_like_address(value):
        raise url_needs_scheme(value)
    raise unknown_site(value, dirs)


def unknown_site(value: str, dirs: Iterable[str | Path] = ()) -> ArgumentError:
    """Return the error for an unknown profile: close matches first, then every slug."""
    words: dict[str, SiteProfile] = {}  # slug, file stem or name -> profile
    for folder in profile_dirs(dirs):
        for path in profile_files(folder):
            try:
                profile = load_profile(path)
            except ProfileError:
                continue  # a broken profile cannot be suggested; naming it is `check`'s job
            for word in (profile.slug, path.stem, profile.name):
                words.setdefault(word, profile)
    close = dict.fromkeys(words[w].slug for w in difflib.get_close_matches(value, words, n=3, cutoff=0.6))
    names = {p.slug: p.name for p in words.values()}
    hint = f"did you mean {' or '.join(f'{s} ({names[s]})' for s in close)}? " if close else ""
    return ArgumentError(f"{value!r}: no site profile of that name; {hint}"
                         f"known slugs: {', '.join(sorted(names))} (see 'newscrawl sites')")


def url_profile(urls: list[str], category: str | None = None, timezone: str = "Asia/Shanghai") -> SiteProfile:
    """Return the profile crawling one-off ``urls``; raise ArgumentError for a bad URL or option."""
    for url in urls:
        check_url(url)
    try:
        return oneoff_profile(urls, category, timezone)
    except ProfileError as exc:
        raise ArgumentError(f"timezone: {exc.reason}; give an IANA name such as Asia/Shanghai") from exc
    except ValueError as exc:
        raise ArgumentError(f"{exc}; give SLUG:LABEL such as jiangxiribao:江西日报新闻") from exc
