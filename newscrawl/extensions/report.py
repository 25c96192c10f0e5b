"""RunReport: collect what a run created, updated, left unchanged, dropped or failed."""

from __future__ import annotations

from scrapy import signals as scrapy_signals

from newscrawl import signals
from newscrawl.state.summary import RunSummary


class RunReport:
    """Fill a :class:`RunSummary` from the crawl's signals; read it after the crawl."""

    def __init__(self):
        self.summary = RunSummary()

    @classmethod
    def from_crawler(cls, crawler) -> "RunReport":
        """Build the report and connect it to the crawl's signals."""
        report = cls()
        crawler.signals.connect(report.post_written, signal=signals.post_written)
        crawler.signals.connect(report.item_dropped, signal=scrapy_signals.item_dropped)
        crawler.signals.connect(report.spider_closed, signal=scrapy_signals.spider_closed)
        return report

    def post_written(self, item, path: str, status: str) -> None:
        """Record a post the archive pipeline wrote or found unchanged."""
        self.summary.add(status, item.url, path=path)

    def item_dropped(self, item, response, exception, spider=None) -> None:
        """Record a dropped item with its reason."""
        self.summary.add("dropped", getattr(item, "url", None) or response.url, reason=str(exception))

    def spider_closed(self, spider, reason) -> None:
        """Record the requests that failed (fetch or extraction errors)."""
        for failure in getattr(spider, "failures", []):
            self.summary.add("failed", failure["url"], reason=failure["reason"])
