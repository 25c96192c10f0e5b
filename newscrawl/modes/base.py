"""What every crawl mode shares: run options and the mode base class.

A mode is built as ``Mode(spider, profile, options)``. ``start_requests()``
yields the first requests; its callbacks yield further listing requests and
hand article URLs back with ``spider.article_request(url, section=..., hints=...)``
which de-duplicates, checks hosts and the limit, and returns a request or None.
A request for an HTML page of article links carries ``page_kind="listing"`` in
its meta (articles carry ``"article"``): a profile may have those rendered in a browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable

from scrapy.http import HtmlResponse
from w3lib.encoding import http_content_type_encoding

from newscrawl.extract.encoding import decode_html

if TYPE_CHECKING:  # pragma: no cover
    import scrapy

    from newscrawl.profiles import SiteProfile


@dataclass(frozen=True)
class StartUrl:
    """A crawl entry point, optionally tied to a section (版面/栏目)."""

    url: str
    section: str | None = None


@dataclass(frozen=True)
class CrawlOptions:
    """What a run asked for beyond the profile: narrowing and labelling."""

    section: str | None = None  # only this section (版面/栏目) name
    date: date | None = None  # only this day's edition / articles
    since: date | None = None  # first day to include
    until: date | None = None  # last day to include
    limit: int = 0  # stop scheduling articles after this many (0: no limit)
    category: str | None = None  # slug for posts from a profile-less URL
    category_name: str | None = None  # label for those posts

    def day_range(self) -> tuple[date | None, date | None]:
        """Return the first and last day selected, either may be None (open)."""
        if self.date:
            return self.date, self.date
        return self.since, self.until

    def wants_section(self, section: str | None) -> bool:
        """Return True when no section was asked for or ``section`` is it."""
        if not self.section:
            return True
        return section is not None and section.strip() == self.section.strip()


def decoded(response: "scrapy.http.Response") -> "scrapy.http.TextResponse":
    """Return ``response`` as a text response in the encoding its bytes are in.

    Scrapy trusts the HTTP header; GBK pages labelled UTF-8 would come out as
    mojibake (and non-ASCII links re-encoded wrongly), so the extractor's
    byte-level decoding decides instead.
    """
    encoding = decode_html(response.body, header_charset(response))[1]
    return HtmlResponse(url=response.url, body=response.body, encoding=encoding, request=response.request)


def header_charset(response: "scrapy.http.Response") -> str | None:
    """Return the codec the response's ``Content-Type`` header names; None without one (or an unknown one)."""
    content_type = response.headers.get(b"Content-Type")
    return http_content_type_encoding(content_type.decode("latin-1")) if content_type else None


class CrawlMode:
    """Base of the crawl modes: holds the spider, profile and options."""

    name = "base"

    def __init__(self, spider, profile: "SiteProfile", options: CrawlOptions):
        self.spider = spider
        self.profile = profile
        self.options = options
        # Names this mode in request meta, so any process of the crawl finds its callbacks.
        self.key = f"{profile.slug}:{self.name}"

    def submodes(self) -> list["CrawlMode"]:
        """Return the modes this one hands pages to (their callbacks are routed too)."""
        return []

    def start_requests(self) -> Iterable["scrapy.Request"]:
        """Yield the mode's first requests."""
        raise NotImplementedError

    def article(self, url: str, section: str | None = None, hints: dict | None = None, start: bool = False,
                **options):
        """Return the spider's request for an article page (``start``: one the profile names), or None.

        ``options``: ``headers`` to send, ``check_host=False`` for a URL that only names the post.
        """
        return self.spider.article_request(url, profile=self.profile, section=section, hints=hints, start=start,
                                           **options)

    def start_pages(self, sources: Iterable[StartUrl], callback, **meta) -> Iterable["scrapy.Request"]:
        """Yield a start request for each of ``sources`` in the run's section (URLs resolve on the profile)."""
        for source in sources:
            if self.options.wants_section(source.section):
                request = self.follow(self.profile.absolute(source.url), callback, section=source.section,
                                      start=True, **meta)
                if request is not None:
                    yield request

    def follow(self, url: str, callback, section: str | None = None, **meta):
        """Return the spider's request for a non-article page, or None to skip it."""
        return self.spider.listing_request(url, callback, profile=self.profile, section=section, **meta)
