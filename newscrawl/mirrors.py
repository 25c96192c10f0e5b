"""Fetch public URLs from local mirrors while every record keeps the public URL.

A mirror is ``PUBLIC_PREFIX=LOCAL_PREFIX``: a request for a URL under the
public prefix is downloaded from the same rest under the local prefix (a test
stand-in, a proxy, a saved copy), and its response is handed back under the
public URL. Spiders, pipelines, posts, state and run summaries therefore never
see a local URL. The longest matching prefix wins.

:class:`MirrorMiddleware` does this inside Scrapy's downloader, before the
robots.txt middleware, so robots.txt is asked of the host actually fetched.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Iterable

from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

MIRROR_META = "newscrawl_mirror"  # request meta: the Mirror a request was sent through
UNFILTERED_META = "newscrawl_dont_filter"  # request meta: its dont_filter before the mirror re-addressed it
_PAIR = re.compile(r"(https?://.+?)=(https?://.+)")  # split at the first "=" that starts a URL


@dataclass(frozen=True)
class Mirror:
    """One public prefix and the local prefix it is fetched from."""

    public: str
    local: str

    def to_local(self, url: str) -> str:
        """Return ``url`` (under the public prefix) under the local prefix."""
        return self.local + url[len(self.public):]

    def to_public(self, url: str) -> str:
        """Return ``url`` under the public prefix when it is under the local one, else as it is."""
        return self.public + url[len(self.local):] if url.startswith(self.local) else url


def parse_mirror(text: str) -> Mirror:
    """Return the mirror written as ``PUBLIC=LOCAL``; raise ValueError saying what is wrong."""
    match = _PAIR.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not PUBLIC=LOCAL with two http(s) URL prefixes "
                         "(e.g. http://news.example.cn/=http://127.0.0.1:8000/)")
    return Mirror(_prefix(match.group(1)), _prefix(match.group(2)))


def _prefix(url: str) -> str:
    """Return a URL prefix ending at least at the host's ``/`` (so hosts never run on)."""
    return url if url.count("/") >= 3 else url + "/"


class Mirrors:
    """The mirrors of a run, longest public prefix first."""

    def __init__(self, mirrors: Iterable[Mirror] = ()):
        self.mirrors = sorted(set(mirrors), key=lambda m: len(m.public), reverse=True)

    @classmethod
    def parse(cls, texts: Iterable[str]) -> "Mirrors":
        """Return the mirrors written as ``PUBLIC=LOCAL`` strings; ValueError names a bad one."""
        return cls(parse_mirror(t) for t in texts if t and t.strip())

    def __bool__(self) -> bool:
        return bool(self.mirrors)

    def plus(self, mirrors: Iterable[Mirror]) -> "Mirrors":
        """Return these mirrors and ``mirrors`` together."""
        return Mirrors([*self.mirrors, *mirrors])

    def find(self, url: str) -> Mirror | None:
        """Return the mirror whose public prefix ``url`` is under, or None."""
        return next((m for m in self.mirrors if url.startswith(m.public)), None)

    def to_local(self, url: str) -> str:
        """Return the URL to fetch for public ``url`` (unchanged when no mirror covers it)."""
        mirror = self.find(url)
        return mirror.to_local(url) if mirror else url


def public_url(request) -> str:
    """Return the public URL of a request that may have been sent through a mirror."""
    mirror = request.meta.get(MIRROR_META)
    return mirror.to_public(request.url) if mirror else request.url


def as_public(request):
    """Return a request made from a mirrored one (a redirect) under its public URL, filtered as at first.

    The mirror re-addresses a request with ``dont_filter`` (its public URL
    passed the duplicate filter already); a request for another page, made
    from it, must pass the filter under its own public URL, or a page reached
    by a redirect and by its own link is fetched twice.
    """
    mirror = request.meta.get(MIRROR_META)
    if mirror is None:
        return request
    return request.replace(url=mirror.to_public(request.url), dont_filter=bool(request.meta.get(UNFILTERED_META)))


class MirrorMiddleware:
    """Downloader middleware: send requests under a public prefix to their mirror."""

    def __init__(self, mirrors: Mirrors):
        self.mirrors = mirrors

    @classmethod
    def from_crawler(cls, crawler) -> "MirrorMiddleware":
        """Use the spider's ``mirrors``; NotConfigured when the run has none."""
        mirrors = getattr(crawler.spider, "mirrors", None)
        if not mirrors:
            raise NotConfigured  # no message: Scrapy would log a warning for a normal case
        return cls(mirrors)

    def process_request(self, request):
        """Return the request re-addressed to its mirror, or None to let it through."""
        sent = request.meta.get(MIRROR_META)
        if sent is not None and request.url.startswith(sent.local):
            return None  # already re-addressed (or redirected on the mirror)
        mirror = self.mirrors.find(request.url)
        if mirror is None:
            return None
        local = mirror.to_local(request.url)
        logger.debug("fetching %s from %s", request.url, local)
        # Scheduled again under the local URL; the public one already passed the dupefilter.
        return request.replace(url=local, dont_filter=True,
                               meta={**request.meta, MIRROR_META: mirror, UNFILTERED_META: request.dont_filter})

    def process_response(self, request, response):
        """Return the response under its public URL."""
        mirror = request.meta.get(MIRROR_META)
        if mirror is None:
            return response
        return response.replace(url=mirror.to_public(response.url))
