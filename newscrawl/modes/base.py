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
from datetime import date, datetime
from typing import TYPE_CHECKING, Iterable

import parsel

from newscrawl.extract.encoding import decode_html

if TYPE_CHECKING:  # pragma: no cover
    import scrapy

    from newscrawl.profiles import SiteProfile


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

    def wants_day(self, day: date | datetime | None) -> bool:
        """Return True when ``day`` falls in the selected range (unknown days pass)."""
        if day is None:
            return True
        if isinstance(day, datetime):
            day = day.date()
        first, last = self.day_range()
        return (first is None or day >= first) and (last is None or day <= last)

    def wants_section(self, section: str | None) -> bool:
        """Return True when no section was asked for or ``section`` is it."""
        if not self.section:
            return True
        return section is not None and section.strip() == self.section.strip()


def page_selector(response: "scrapy.http.Response") -> parsel.Selector:
    """Return a selector over the response text decoded from its bytes.

    Scrapy trusts the HTTP header; GBK pages labelled UTF-8 would come out as
    mojibake, so the extractor's byte-level decoding decides instead.
    """
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip() or None
    text = decode_html(response.body, charset)[0]
    return parsel.Selector(text=text, base_url=response.url)


class CrawlMode:
    """Base of the crawl modes: holds the spider, profile and options."""

    name = "base"

    def __init__(self, spider, profile: "SiteProfile", options: CrawlOptions):
        self.spider = spider
        self.profile = profile
        self.options = options

    def start_requests(self) -> Iterable["scrapy.Request"]:
        """Yield the mode's first requests."""
        raise NotImplementedError

    def article(self, url: str, section: str | None = None, hints: dict | None = None):
        """Return the spider's request for an article page, or None to skip it."""
        return self.spider.article_request(url, profile=self.profile, section=section, hints=hints)

    def follow(self, url: str, callback, section: str | None = None, **meta):
        """Return the spider's request for a non-article page, or None to skip it."""
        return self.spider.listing_request(url, callback, profile=self.profile, section=section, **meta)
