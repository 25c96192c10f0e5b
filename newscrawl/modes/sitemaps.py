"""Parse sitemaps, sitemap indexes and Google News sitemaps; sniff body kinds."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal
from urllib.parse import urljoin

from newscrawl.modes.timeparse import parse_moment
from newscrawl.modes.xmlutil import XmlError, child_text, children, gunzip, local, parse_xml

Kind = Literal["feed", "sitemap", "html", "json"]

_ROOT_TAG = re.compile(rb"<\s*([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_SKIP_PROLOG = re.compile(rb"^(\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)


class SitemapError(ValueError):
    """A body is not a sitemap this module can read."""


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of a urlset, or one ``<sitemap>`` of an index."""

    url: str
    lastmod: datetime | None = None
    news_title: str | None = None  # <news:title>
    news_published: datetime | None = None  # <news:publication_date>

    @property
    def published(self) -> datetime | None:
        """Return the best date the sitemap gives: news date, else lastmod."""
        return self.news_published or self.lastmod


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: ``kind`` is "index" (entries are sitemaps) or "urlset"."""

    kind: Literal["index", "urlset"]
    entries: tuple[SitemapEntry, ...]


def parse_sitemap(body: bytes, url: str, tz: tzinfo | None = None) -> Sitemap:
    """Return the sitemap in ``body`` (gzip allowed); relative locations resolve against ``url``.

    A plain-text sitemap (one URL a line) is a urlset. Times without an offset
    are taken in ``tz`` (UTC by default). Raises :class:`SitemapError` when
    ``body`` is neither.
    """
    try:
        body = gunzip(body)
    except XmlError as exc:
        raise SitemapError(str(exc)) from exc
    if not body.lstrip()[:1] == b"<":
        return _text_sitemap(body, url)
    try:
        root = parse_xml(body)
    except XmlError as exc:
        raise SitemapError(str(exc)) from exc
    kind = local(root.tag)
    if kind == "sitemapindex":
        return Sitemap("index", tuple(_entries(root, "sitemap", url, tz)))
    if kind == "urlset":
        return Sitemap("urlset", tuple(_entries(root, "url", url, tz)))
    raise SitemapError(f"root element <{kind}> is neither urlset nor sitemapindex")


def _entries(root, name: str, base: str, tz: tzinfo | None):
    for el in children(root, name):
        loc = child_text(el, "loc")
        if not loc:
            continue
        news = children(el, "news")
        news_el = news[0] if news else None
        yield SitemapEntry(
            url=urljoin(base, loc),
            lastmod=parse_moment(child_text(el, "lastmod"), tz),
            news_title=child_text(news_el, "title") if news_el is not None else None,
            news_published=(parse_moment(child_text(news_el, "publication_date"), tz)
                            if news_el is not None else None),
        )


def _text_sitemap(body: bytes, base: str) -> Sitemap:
    text = body.decode("utf-8", errors="replace")
    urls = [line.strip() for line in text.splitlines() if line.strip()]
    if not urls or not all(u.startswith(("http://", "https://", "/")) for u in urls):
        raise SitemapError("neither XML nor a list of URLs")
    return Sitemap("urlset", tuple(SitemapEntry(url=urljoin(base, u)) for u in urls))


def sitemaps_in_robots(body: bytes, url: str) -> list[str]:
    """Return the ``Sitemap:`` URLs a robots.txt body declares, resolved against ``url``."""
    text = body.decode("utf-8", errors="replace")
    return [urljoin(url, m) for m in _ROBOTS_SITEMAP.findall(text)]


def sniff_kind(body: bytes) -> Kind:
    """Return what ``body`` is from its content: "feed", "sitemap", "json" or "html".

    Anything unrecognised is "html", the kind a crawler treats as a page.
    """
    try:
        body = gunzip(body)
    except XmlError:
        return "html"
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "feed" if _is_json_feed(body) else "json"
    match = _ROOT_TAG.match(head, _SKIP_PROLOG.match(head).end())
    root = match.group(2).lower() if match else b""
    if root in (b"rss", b"feed", b"rdf"):
        return "feed"
    if root in (b"urlset", b"sitemapindex"):
        return "sitemap"
    return "html"


def _is_json_feed(body: bytes) -> bool:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "jsonfeed.org" in str(data.get("version", ""))
