"""Read sitemaps, sitemap indexes, Google News sitemaps and robots.txt sitemap lines.

Scrapy does the reading: ``scrapy.utils.sitemap.Sitemap`` (a streaming lxml
parse with entities off), ``sitemap_urls_from_robots`` and a bounded gunzip.
Our code adds what a news crawl needs on top: the Google News fields of each
``<url>`` (``<news:title>``, ``<news:publication_date>``), timestamps as
aware datetimes in the site's zone, relative locations resolved, and
plain-text sitemaps (one URL a line, as the sitemaps.org protocol allows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Literal
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.sitemap import Sitemap as ScrapySitemap
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newscrawl.modes.timeparse import parse_moment
from newscrawl.modes.xmlutil import XmlError, gunzip, local

_NEWS_FIELDS = {"title": "news_title", "publication_date": "news_published"}


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


class _NewsSitemap(ScrapySitemap):
    """Scrapy's sitemap reader that also keeps the Google News fields of each ``<url>``.

    Scrapy keeps only the text of direct children and clears each element
    after reading it, so the nested ``<news:news>`` fields are read first.
    """

    __slots__ = ()

    def _process_sitemap_element(self, elem: etree._Element) -> dict[str, Any] | None:
        news = _news_fields(elem)
        entry = super()._process_sitemap_element(elem)
        if entry is not None:
            entry.update(news)
        return entry


def _news_fields(elem: etree._Element) -> dict[str, str]:
    """Return ``news_title``/``news_published`` text from a ``<url>``'s ``<news:news>`` child."""
    for child in elem:
        if local(child.tag) == "news":
            return {_NEWS_FIELDS[local(f.tag)]: "".join(f.itertext()).strip()
                    for f in child if local(f.tag) in _NEWS_FIELDS}
    return {}


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
        reader = _NewsSitemap(body.lstrip(b"\xef\xbb\xbf \t\r\n"))
        kind = reader.type
        raw = list(reader) if kind in ("urlset", "sitemapindex") else []
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from exc
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"root element <{kind}> is neither urlset nor sitemapindex")
    entries = tuple(_entry(d, url, tz) for d in raw if d.get("loc"))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries)


def _entry(raw: dict[str, Any], base: str, tz: tzinfo | None) -> SitemapEntry:
    return SitemapEntry(
        url=urljoin(base, raw["loc"]),
        lastmod=parse_moment(raw.get("lastmod"), tz),
        news_title=raw.get("news_title") or None,
        news_published=parse_moment(raw.get("news_published"), tz),
    )


def _text_sitemap(body: bytes, base: str) -> Sitemap:
    text = body.decode("utf-8", errors="replace")
    urls = [line.strip() for line in text.splitlines() if line.strip()]
    if not urls or not all(u.startswith(("http://", "https://", "/")) for u in urls):
        raise SitemapError("neither XML nor a list of URLs")
    return Sitemap("urlset", tuple(SitemapEntry(url=urljoin(base, u)) for u in urls))


def sitemaps_in_robots(body: bytes, url: str) -> list[str]:
    """Return the ``Sitemap:`` URLs a robots.txt body declares, resolved against ``url``."""
    return list(sitemap_urls_from_robots(body, base_url=url))
