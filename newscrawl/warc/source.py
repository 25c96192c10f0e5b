"""A crawl whose pages are WARC files: the add-on, the shared index and the start of the crawl.

:class:`WarcAddon` turns a crawl with NEWSCRAWL_WARC_SOURCE into one that
cannot reach the network: every scheme's download handler answers from the
files (``replay.py``), robots.txt, throttling, mirrors and rendering are off
(the pages were fetched under them already; a rendered page is kept as its DOM).
:class:`WarcReplay` builds the index of the files once, for the handler and the
start. :class:`WarcSource` replaces the spider's start (its crawl modes' first
requests) by the stored articles (``starts.py``); a re-extraction
(NEWSCRAWL_WARC_REEXTRACT) takes only the articles the archive holds.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured

from newscrawl.extensions.state import StateExtension
from newscrawl.warc.index import WarcIndex
from newscrawl.warc.starts import StartRequests

logger = logging.getLogger(__name__)

HANDLER = "newscrawl.warc.replay.WarcDownloadHandler"
SCHEMES = ("http", "https", "ftp", "s3", "file")
SOURCE_ORDER = 950  # SPIDER_MIDDLEWARES: next to the spider, so others see the requests it starts
EXTENSION_ORDER = 540  # after the state (520), which a re-extraction asks


class WarcAddon:
    """Answer the crawl from WARC files when NEWSCRAWL_WARC_SOURCE names some; no request reaches the network."""

    @classmethod
    def from_crawler(cls, crawler) -> "WarcAddon":
        """Return the add-on when NEWSCRAWL_WARC_SOURCE is set; NotConfigured otherwise."""
        if not crawler.settings.getlist("NEWSCRAWL_WARC_SOURCE"):
            raise NotConfigured
        return cls()

    def update_settings(self, settings) -> None:
        """Install the WARC handler for every scheme, the start and the index; turn network-only parts off.

        These values are what a crawl from files means, so they are set above
        the project's and -s's priority.
        """
        handlers = {**settings.getdict("DOWNLOAD_HANDLERS"), **{scheme: HANDLER for scheme in SCHEMES}}
        forced = {"DOWNLOAD_HANDLERS": handlers, "ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False,
                  "DOWNLOAD_DELAY": 0, "NEWSCRAWL_RENDER": "none",
                  "CONCURRENT_REQUESTS_PER_DOMAIN": settings.getint("CONCURRENT_REQUESTS")}
        for name, value in forced.items():
            settings.set(name, value, "cmdline")
        settings["DOWNLOADER_MIDDLEWARES"]["newscrawl.mirrors.MirrorMiddleware"] = None
        settings["SPIDER_MIDDLEWARES"]["newscrawl.warc.source.WarcSource"] = SOURCE_ORDER
        settings["EXTENSIONS"]["newscrawl.warc.source.WarcReplay"] = EXTENSION_ORDER
        settings["EXTENSIONS"]["newscrawl.warc.changes.FieldChanges"] = EXTENSION_ORDER + 1


class WarcReplay:
    """The crawl's index of its WARC files, built once (or handed over by the command that checked them)."""

    def __init__(self, index: WarcIndex):
        self.index = index

    @classmethod
    def from_crawler(cls, crawler) -> "WarcReplay":
        """Index NEWSCRAWL_WARC_SOURCE (or take the spider's ``warc_index``); log what cannot be read."""
        sources = crawler.settings.getlist("NEWSCRAWL_WARC_SOURCE")
        if not sources:
            raise NotConfigured
        index = getattr(crawler.spider, "warc_index", None) or WarcIndex.build(sources)
        for problem in index.unreadable:
            logger.warning("WARC file partly unreadable: %s", problem)
        crawler.stats.set_value("newscrawl/warc_records", index.records)
        if index.unreadable:
            crawler.stats.set_value("newscrawl/warc_unreadable", len(index.unreadable))
        return cls(index)

    @classmethod
    def of(cls, crawler) -> "WarcReplay":
        """Return the crawl's replay component (RuntimeError when the crawl reads no WARC files)."""
        return crawler.get_extension(cls)


class WarcSource:
    """Spider middleware: start the crawl from the stored articles instead of the profiles' start pages."""

    def __init__(self, crawler, reextract: bool):
        self.crawler = crawler
        self.reextract = reextract
        self.starts: StartRequests | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "WarcSource":
        """Build the start for NEWSCRAWL_WARC_SOURCE; NotConfigured without it."""
        if not crawler.settings.getlist("NEWSCRAWL_WARC_SOURCE"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getbool("NEWSCRAWL_WARC_REEXTRACT"))

    async def process_start(self, start):
        """Yield the stored article requests; the spider's own start is never asked."""
        spider = self.crawler.spider
        archived = self._archived() if self.reextract else None
        self.starts = StartRequests(spider, WarcReplay.of(self.crawler).index, archived)
        for request in self.starts:
            yield request
        for reason, count in sorted(self.starts.skipped.items()):
            logger.info("%d stored page(s) left out: %s", count, reason)

    def _archived(self):
        """Return url -> the archived post's record (None when the URL is no post, or was pruned)."""
        state = StateExtension.of(self.crawler)
        if state is None:
            raise NotConfigured("a re-extraction needs the archive's state (NEWSCRAWL_STATE_ENABLED)")

        def archived(url: str):
            _, record = state.store.lookup_url(url)
            return record if record is not None and not record.is_pruned else None
        return archived
