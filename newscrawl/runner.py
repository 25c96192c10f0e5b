"""Run one crawl in this process and report what it did.

Twisted's reactor cannot restart, so a process runs one crawl: the CLI calls
:func:`run_crawl` once; tests run the CLI as a subprocess.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.extensions.report import RunReport
from newscrawl.spiders.news import NewsSpider
from newscrawl.state.summary import RunSummary

logger = logging.getLogger(__name__)


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Return newscrawl's settings with ``overrides`` applied at command-line priority."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


@dataclass
class CrawlResult:
    """What a finished crawl reports: its stats, summary and whether it failed."""

    stats: dict[str, Any]
    summary: RunSummary
    seconds: float
    failure: str | None = None  # why the run failed; None when it succeeded
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Return True when the run as a whole failed."""
        return self.failure is not None


def run_crawl(settings: Settings, **spider_args: Any) -> CrawlResult:
    """Run NewsSpider with ``spider_args`` to completion and return its result."""
    started = time.monotonic()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    deferred = process.crawl(crawler, **spider_args)
    errors: list[str] = []
    deferred.addErrback(lambda failure: errors.append(failure.getErrorMessage()))
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    report = _find_extension(crawler, RunReport)
    summary = report.summary if report else RunSummary()
    summary.skipped_known = stats.get("newscrawl/articles_known", 0)
    return CrawlResult(stats=stats, summary=summary, seconds=time.monotonic() - started,
                       failure=_failure(stats, errors),
                       extra={"outside_window": list(getattr(crawler.spider, "outside_window", []))})


def _find_extension(crawler, kind: type):
    manager = getattr(crawler, "extensions", None)
    for ext in getattr(manager, "middlewares", ()):
        if isinstance(ext, kind):
            return ext
    return None


def _failure(stats: dict[str, Any], errors: list[str]) -> str | None:
    """Return why the crawl failed, or None when it ran to completion."""
    if errors:
        return f"crawl could not run: {errors[0]}"
    reason = stats.get("finish_reason")
    if reason not in ("finished", "closespider_itemcount", "closespider_pagecount"):
        return f"crawl ended early ({reason or 'did not start'})"
    if stats.get("newscrawl/start_failed"):
        return f"{stats['newscrawl/start_failed']} start page(s) could not be fetched"
    if stats.get("spider_exceptions/count", 0) or _exception_count(stats):
        return "the spider raised an exception (see the log)"
    return None


def _exception_count(stats: dict[str, Any]) -> int:
    return sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
