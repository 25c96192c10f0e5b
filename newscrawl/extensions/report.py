"""RunReport: collect what a run created, updated, left unchanged, dropped or failed."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from scrapy import signals as scrapy_signals

from newscrawl import signals
from newscrawl.items import ArticleItem
from newscrawl.archive.write import write_text_atomic
from newscrawl.state.summary import RunSummary

#: Item fields that are bookkeeping for the next fetch, not part of a post.
_NOT_IN_RECORDS = ("etag", "last_modified", "fingerprint", "key", "aliases", "pictures_missing")


def item_record(item: ArticleItem, path: str, status: str) -> dict:
    """Return the JSON Lines record of a written post (dates in ISO 8601 with offset)."""
    record = item.to_dict()
    for name in _NOT_IN_RECORDS:
        record.pop(name, None)
    published = record.get("published")
    if isinstance(published, (datetime, date)):
        record["published"] = published.isoformat()
    record.update(path=path, status=status)
    return record


def failure_reason(failure) -> str:
    """Return why a pipeline failed an item: the message of our own errors, else the exception named."""
    error = failure.value
    if getattr(error, "reason", None):  # newscrawl's errors carry the reason a reader needs
        return error.reason
    return f"pipeline error: {error.__class__.__name__}: {error}"


class RunReport:
    """Fill a :class:`RunSummary` from the crawl's signals; read it after the crawl.

    Every outcome has its signal: a post that went through every pipeline
    (Scrapy's ``item_scraped``: written and recorded), a 304 on a re-check
    (``article_not_modified``), a drop in a pipeline (Scrapy's
    ``item_dropped``) or in the spider (``article_dropped``), a failure in a
    pipeline (Scrapy's ``item_error``, also counted here) or in the spider
    (``page_failed``), and a picture that could not be kept (``picture_failed``).
    With NEWSCRAWL_JSONL set, the posts created or updated
    are also written there as JSON Lines when the crawl closes (an empty file
    when none were).
    """

    def __init__(self, crawler=None, jsonl: str | None = None):
        self.crawler = crawler
        self.summary = RunSummary()
        self.jsonl = Path(jsonl) if jsonl else None
        self.records: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler) -> "RunReport":
        """Build the report and connect it to the crawl's signals."""
        report = cls(crawler, crawler.settings.get("NEWSCRAWL_JSONL") or None)
        connect = crawler.signals.connect
        connect(report.item_scraped, signal=scrapy_signals.item_scraped)
        connect(report.not_modified, signal=signals.article_not_modified)
        connect(report.item_dropped, signal=scrapy_signals.item_dropped)
        connect(report.article_dropped, signal=signals.article_dropped)
        connect(report.item_error, signal=scrapy_signals.item_error)
        connect(report.page_failed, signal=signals.page_failed)
        connect(report.picture_failed, signal=signals.picture_failed)
        connect(report.spider_closed, signal=scrapy_signals.spider_closed)
        return report

    def item_scraped(self, item, response=None, spider=None) -> None:
        """Record a post the pipelines wrote (or found unchanged) and the state recorded."""
        status = getattr(item, "status", None)
        if status is None:  # a crawl that writes no archive (check --live)
            return
        self.summary.add(status, item.url, path=item.path)
        if self.jsonl is not None and status in ("created", "updated"):
            self.records.append(item_record(item, item.path, status))

    def not_modified(self, url: str, path: str) -> None:
        """Record an archived article the site says has not changed."""
        self.summary.add("unchanged", url, path=path)

    def item_dropped(self, item, response, exception, spider=None) -> None:
        """Record a dropped item with its reason."""
        self.summary.add("dropped", getattr(item, "url", None) or response.url, reason=str(exception))

    def article_dropped(self, url: str, reason: str) -> None:
        """Record an article page the spider left out, with its reason."""
        self.summary.add("dropped", url, reason=reason)

    def item_error(self, item, response, spider, failure) -> None:
        """Record (and count) an item a pipeline failed on: its post is not in the archive."""
        if self.crawler is not None:
            self.crawler.stats.inc_value("newscrawl/failed")
            self.crawler.stats.inc_value("newscrawl/items_failed")
        self.summary.add("failed", getattr(item, "url", None) or response.url, reason=failure_reason(failure))

    def page_failed(self, url: str, reason: str) -> None:
        """Record a page that failed (the spider counted it)."""
        self.summary.add("failed", url, reason=reason)

    def picture_failed(self, url: str, reason: str, article: str, what: str = "picture") -> None:
        """Record a picture (or an e-paper's page file, ``what``) that could not be kept (its post links the
        paper's copy)."""
        self.summary.add("failed", url, reason=f"{what} not kept: {reason}", article=article)

    def spider_closed(self, spider, reason) -> None:
        """Write the JSON Lines file."""
        if self.jsonl is not None:
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records)
            write_text_atomic(self.jsonl, lines)
