"""Run one crawl in this process and report what it did.

Twisted's reactor cannot restart, so a process runs one crawl: the CLI calls
:func:`run_crawl` once; tests run the CLI as a subprocess. SIGTERM or SIGINT
stops the process's crawls within seconds, a second one at once
(:mod:`newscrawl.extensions.stopping`, in place of Scrapy's unbounded stop).
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newscrawl.exits import EXIT_FAILED, EXIT_LOCKED, EXIT_NOTHING_NEW, EXIT_OK
from newscrawl.extensions.report import RunReport
from newscrawl.extensions.stopping import stop_on_signals
from newscrawl.spiders.news import NewsSpider
from newscrawl.spiders.skips import selector_misses, skipped_records
from newscrawl.state import LockBusy
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
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. "outside_window": example articles
    crawler: Any = None  # the finished crawler, for components a caller reads after the run
    locked: bool = False  # the run did not start: another run holds the archive's lock

    @property
    def failed(self) -> bool:
        """Return True when the run as a whole failed."""
        return self.failure is not None

    def exit_status(self, nothing_new_status: bool | None = None) -> int:
        """Return the run's status from the one table (:mod:`newscrawl.exits`).

        3 when the lock was busy, 1 when the run failed, else 4 with
        ``nothing_new_status`` (None: the NEWSCRAWL_EXIT_NOTHING_NEW setting)
        when no post was created or updated, else 0.
        """
        if nothing_new_status is None:
            settings = getattr(self.crawler, "settings", None)
            nothing_new_status = bool(settings and settings.getbool("NEWSCRAWL_EXIT_NOTHING_NEW"))
        if self.locked:
            return EXIT_LOCKED
        if self.failed:
            return EXIT_FAILED
        if nothing_new_status and not self.summary.has_changes():
            return EXIT_NOTHING_NEW
        return EXIT_OK


def run_crawl(settings: Settings, **spider_args: Any) -> CrawlResult:
    """Run NewsSpider with ``spider_args`` to completion and return its result."""
    return run_crawls(settings, [spider_args])[0]


def run_crawls(settings: Settings, runs: list[dict[str, Any]]) -> list[CrawlResult]:
    """Run one NewsSpider per item of ``runs`` (its spider arguments), side by side; return their results."""
    started = time.monotonic()
    process = CrawlerProcess(settings)
    crawls = []
    for spider_args in runs:
        crawler = process.create_crawler(NewsSpider)
        crawls.append((crawler, collect_errors(process.crawl(crawler, **spider_args))))
    # What is loaded by now (modules, settings, profiles) stays to the end: the
    # garbage collector need not walk it again on every full collection.
    gc.freeze()
    restore = stop_on_signals([crawler for crawler, _ in crawls])
    try:
        process.start(install_signal_handlers=False)
    finally:
        restore()
    return [crawl_result(crawler, errors, time.monotonic() - started) for crawler, errors in crawls]


def collect_errors(crawling) -> list[Failure]:
    """Return the list the failures of a crawl (a Deferred, or an asyncio task) will be added to.

    A failure there means the crawl could not run (a busy lock, a bad setting).
    """
    errors: list[Failure] = []
    if isinstance(crawling, Deferred):
        crawling.addErrback(errors.append)
    else:
        crawling.add_done_callback(
            lambda task: errors.append(Failure(task.exception())) if not task.cancelled() and task.exception()
            else None)
    return errors


def crawl_result(crawler, errors: list, seconds: float) -> CrawlResult:
    """Return what a finished crawl of ``crawler`` did; ``errors`` are the Failures that kept it from running."""
    try:
        stats = crawler.stats.get_stats()
    except RuntimeError:  # the crawl failed before Scrapy made its stats
        stats = {}
    try:
        report = crawler.get_extension(RunReport)
    except RuntimeError:  # the crawl stopped before its extensions were built
        report = None
    summary = report.summary if report else RunSummary()
    summary.skipped_known = stats.get("newscrawl/articles_known", 0)
    summary.skipped_dropped = stats.get("newscrawl/articles_dropped_before", 0)
    summary.skipped = skipped_records(stats)
    summary.selectors = selector_misses(stats)
    return CrawlResult(stats=stats, summary=summary, seconds=seconds, failure=_failure(stats, errors),
                       extra={"outside_window": list(getattr(crawler.spider, "outside_window", []))},
                       crawler=crawler, locked=any(e.check(LockBusy) for e in errors))


def _failure(stats: dict[str, Any], errors: list) -> str | None:
    """Return why the crawl failed, or None when it ran to completion."""
    if errors:
        return f"crawl could not run: {errors[0].getErrorMessage()}"
    if stats.get("newscrawl/stopped"):  # a signal, the stall watchdog
        return stats["newscrawl/stopped"]
    reason = stats.get("finish_reason")
    if stats.get("newscrawl/archive_error"):
        return f"the archive cannot be written: {stats['newscrawl/archive_error']}"
    if stats.get("newscrawl/state_error"):
        return f"the state could not be written: {stats['newscrawl/state_error']}"
    if stats.get("newscrawl/pool_error"):
        return f"the crawl stopped: {stats['newscrawl/pool_error']}"
    if stats.get("newscrawl/queue_error"):
        return stats["newscrawl/queue_error"]
    if reason not in ("finished", "closespider_itemcount", "closespider_pagecount"):
        return f"crawl ended early ({reason or 'did not start'})"
    if stats.get("newscrawl/profiles_unreached"):
        return f"no start page of {stats['newscrawl/profiles_unreached']} could be fetched"
    if stats.get("newscrawl/start_failed"):
        return f"{stats['newscrawl/start_failed']} start page(s) could not be fetched"
    if stats.get("newscrawl/items_failed"):
        return f"{stats['newscrawl/items_failed']} post(s) could not be written (see 'failed')"
    if stats.get("spider_exceptions/count", 0) or _exception_count(stats):
        return "the spider raised an exception (see the log)"
    return None


def _exception_count(stats: dict[str, Any]) -> int:
    return sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
