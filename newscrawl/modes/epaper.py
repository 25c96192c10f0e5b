"""E-paper mode: a day's edition → its 版面 pages → their articles, in the layout of that day."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from itertools import groupby
from typing import Iterable

import scrapy
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.modes.base import CrawlMode
from newscrawl.modes.config import mode_config
from newscrawl.modes.editions import XmlError, is_other_day, parse_month_index, parse_page, section_matches
from newscrawl.modes.epaperconfig import EpaperLayout
from newscrawl.modes.links import same_page
from newscrawl.modes.pagefiles import find_page_files
from newscrawl.modes.window import closed_days, select_window

logger = logging.getLogger(__name__)


class EpaperMode(CrawlMode):
    """Crawl the selected days' editions: every 版面 (or the asked one) and its articles."""

    name = "epaper"

    def __init__(self, spider, profile, options):
        super().__init__(spider, profile, options)
        self.config = mode_config(profile, "epaper")
        self.tz = profile.timezone

    def reader(self, layout):
        """Return the profile a layout's article pages are read with: its own selectors over the profile's."""
        if not layout.selectors:
            return self.profile
        return replace(self.profile, selectors={**self.profile.selectors, **layout.selectors})

    def start_requests(self) -> Iterable[scrapy.Request]:
        """Yield one month-index request per month and layout, else one front-page request per day."""
        days = self.selected_days()
        for _, group in groupby(days, key=lambda d: (self.config.layout_for(d).starts, d.year, d.month)):
            wanted = list(group)
            layout = self.config.layout_for(wanted[0])
            if not layout.month_index:
                yield from self.edition_requests(wanted)
                continue
            url = layout.url(layout.month_index, wanted[0], self.profile.base_url)
            request = self.follow(url, self.parse_month, start=True, days=[d.isoformat() for d in wanted])
            if request is not None:
                yield request.replace(errback=self.month_failed)

    def selected_days(self) -> list[date]:
        """Return the edition days the run selects (recent days when none is given)."""
        window = select_window(self.options, self.tz, self.config.recent_days)
        return closed_days(window, self.tz, self.config.recent_days)

    def edition_requests(self, days: Iterable[date]) -> Iterable[scrapy.Request]:
        """Yield a front-page request for each day whose layout has an edition template."""
        for day in days:
            layout = self.config.layout_for(day)
            if not layout.edition:
                logger.warning("no edition template for %s and its month index is unreadable", day)
                self.spider.crawler.stats.inc_value("newscrawl/epaper_days_unreachable")
                continue
            yield from self._front_page(layout.url(layout.edition, day, self.profile.base_url), day)

    def parse_month(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield front-page requests for the listed editions of the wanted days."""
        wanted = {date.fromisoformat(d) for d in response.meta["days"]}
        layout = self.config.layout_for(min(wanted))
        try:
            refs = parse_month_index(response.body, response.url,
                                     base_for=lambda day: layout.day_folder(day, self.profile.base_url))
        except XmlError as exc:
            logger.warning("month index %s unreadable (%s); trying each day", response.url, exc)
            yield from self.edition_requests(sorted(wanted))
            return
        for ref in refs:
            if ref.day in wanted:
                yield from self._front_page(ref.url, ref.day)

    def month_failed(self, failure: Failure) -> Iterable[scrapy.Request]:
        """Fall back to the edition template when a month index cannot be fetched."""
        request = failure.request
        logger.warning("month index %s failed; trying each day", request.url)
        self.spider.on_error(failure, start=False)  # listed under failed; the editions decide the run
        self.spider.crawler.stats.inc_value("newscrawl/epaper_month_index_failed")
        yield from self.edition_requests(date.fromisoformat(d) for d in request.meta["days"])

    def _front_page(self, url: str, day: date) -> Iterable[scrapy.Request]:
        # A day's front page is a start page: a profile none of whose editions answer fails the run.
        request = self.follow(url, self.parse_page, page_kind="listing", day=day.isoformat(), front=True,
                              start=True)
        if request is not None:
            yield request.replace(errback=self.edition_failed)

    def edition_failed(self, failure: Failure):
        """Count a day without an edition (HTTP 404); hand other failures to the spider."""
        if failure.check(HttpError) and failure.value.response.status == 404:
            logger.info("no edition at %s", failure.request.url)
            self.spider.crawler.stats.inc_value("newscrawl/epaper_missing_editions")
            return None
        return self.spider.on_error(failure)

    def parse_page(self, response: scrapy.http.Response) -> Iterable[scrapy.Request]:
        """Yield the other 版面 pages and the articles of this 版面 when it is selected."""
        day = date.fromisoformat(response.meta["day"])
        layout = self.config.layout_for(day)
        page = parse_page(response.body, response.url, layout.pages, layout.articles,
                          layout.section_selector, lambda u: self._allows(layout, u))
        wanted = self.options.section
        for link in page.pages:
            # 往期/上一期 links lead to other editions: stay on the day being crawled
            if is_other_day(link.url, day):
                continue
            if wanted and link.label and not section_matches(wanted, link.label):
                continue
            request = self.follow(link.url, self.parse_page, section=link.section, page_kind="listing",
                                  day=day.isoformat())
            if request is not None:
                yield request
        own = next((p.label for p in page.pages if same_page(p.url, response.url)), None)
        if wanted and not (section_matches(wanted, own) or section_matches(wanted, page.section)):
            return
        reader = self.reader(layout)
        files = self.page_files(response) if page.articles else []
        for art in page.articles:
            hints = {"title": art.title, "published": day} if art.title else {"published": day}
            if files:
                hints["page_files"] = files
            request = self.spider.article_request(art.url, profile=reader, section=page.section, hints=hints)
            if request is not None:
                yield request

    def page_files(self, response: scrapy.http.Response) -> list[dict]:
        """Return the 版面's PDF and page image for its posts (``kind``, ``url``, ``page``); none unless the
        profile's ``epaper.page_files`` asks."""
        if not self.config.page_files:
            return []
        found = find_page_files(response.body, response.url)
        return [{"kind": kind, "url": url, "page": response.url}
                for kind, url in (("pdf", found.pdf), ("image", found.image)) if url]

    def _allows(self, layout: EpaperLayout, url: str) -> bool:
        """Return True when ``url`` is on the layout's hosts, or the profile's when it names none."""
        own = layout.allows(url)
        return self.profile.allows(url) if own is None else own
