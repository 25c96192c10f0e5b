"""Profiles made on the fly for URLs crawled without a site profile."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.profiles.loader import ProfileError
from newscrawl.profiles.model import SiteProfile, slugify


def parse_category(value: str) -> tuple[str, str]:
    """Return (slug, label) from ``--category``: ``slug:label``, an ASCII slug, or a name.

    A name becomes its pinyin slug and the label ``<name>新闻`` (江西日报 →
    jiangxiribao, 江西日报新闻). Raises ValueError for an unusable value.
    """
    slug, sep, label = value.partition(":")
    slug, label = slug.strip(), label.strip()
    if not sep and not re.fullmatch(r"[A-Za-z0-9-]+", slug):
        slug, label = slugify(slug), f"{slug}新闻"
    slug = slug.lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise ValueError(f"category: {value!r} gives no usable ASCII slug")
    return slug, label or slug


def oneoff_profile(urls: list[str], category: str | None = None, timezone: str = "Asia/Shanghai") -> SiteProfile:
    """Return a profile crawling ``urls`` as given (feeds and sitemaps followed, pages extracted)."""
    host = urlsplit(urls[0]).hostname or "web"
    slug, label = parse_category(category) if category else (re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-"), host)
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ProfileError("<command line>", "timezone", f"unknown time zone {timezone!r}") from exc
    # Stay on the hosts the user named: a feed's entries on other sites are not followed.
    hosts = tuple(sorted({(urlsplit(u).hostname or "").lower() for u in urls} - {""}))
    return SiteProfile(name=label, slug=slug, label=label, timezone=tz, path="<command line>",
                       allowed_hosts=hosts, modes_config={"oneoff": list(urls)})
