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


def item_record(item: ArticleItem, path: str, status: str) -> dict:
    """Return the JSON Lines record of a written post (dates in ISO 8601 with offset)."""
    record = item.to_dict()
    record.pop("fingerprint", None)  # the state's key, not a field of the post
    published = record.get("published")
    if isinstance(published, (datetime, date)):
        record["published"] = published.isoformat()
    record.update(path=path, status=status)
    return record


class RunReport:
    """Fill a :class:`RunSummary` from the crawl's signals; read it after the crawl.

    With NEWSCRAWL_JSONL set, the posts created or updated are also written
    there as JSON Lines when the crawl closes (an empty file when none were).
    """

    def __init__(self, jsonl: str | None = None):
        self.summary = RunSummary()
        self.jsonl = Path(jsonl) if jsonl else None
        self.records: list[dict] = []

    @classmethod
    def from_crawler(cls, crawler) -> "RunReport":
        """Build the report and connect it to the crawl's signals."""
        report = cls(crawler.settings.get("NEWSCRAWL_JSONL") or None)
        crawler.signals.connect(report.post_written, signal=signals.post_written)
        crawler.signals.connect(report.item_dropped, signal=scrapy_signals.item_dropped)
        crawler.signals.connect(report.spider_closed, signal=scrapy_signals.spider_closed)
        return report

    def post_written(self, item, path: str, status: str) -> None:
        """Record a post the archive pipeline wrote or found unchanged."""
        self.summary.add(status, item.url, path=path)
        if self.jsonl is not None and status in ("created", "updated"):
            self.records.append(item_record(item, path, status))

    def item_dropped(self, item, response, exception, spider=None) -> None:
        """Record a dropped item with its reason."""
        self.summary.add("dropped", getattr(item, "url", None) or response.url, reason=str(exception))

    def spider_closed(self, spider, reason) -> None:
        """Record the requests that failed; write the JSON Lines file."""
        for failure in getattr(spider, "failures", []):
            self.summary.add("failed", failure["url"], reason=failure["reason"])
        if self.jsonl is not None:
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records)
            write_text_atomic(self.jsonl, lines)
