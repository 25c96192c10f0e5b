"""StateExtension: the archive's state store as one crawler-level component.

The spider and the pipelines find it with :meth:`StateExtension.of` (through
``crawler.get_extension``); nothing is set on the spider. It opens the store
when the crawl is built (after the lock, which is an earlier extension), and
answers the spider's "fetch this URL, and how?" (:func:`plan_fetch`). It
records a post once the archive pipeline has written it (the
``post_written`` signal: no article is recorded before its file is on disk),
a re-check the site answered 304, each dropped article (so later runs do not
fetch it again), and one record per run.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

from scrapy import signals as scrapy_signals
from scrapy.exceptions import NotConfigured

from newscrawl import signals
from newscrawl.items import SOURCE_FIELDS
from newscrawl.state import (
    FetchPlan, StateError, StateStore, canonical_url, content_fingerprint, default_state_path, plan_fetch,
)
from newscrawl.state.rechecks import RecheckTest

logger = logging.getLogger(__name__)


def state_path(settings) -> Path:
    """Return where the crawl's state lives: NEWSCRAWL_STATE, else inside the archive."""
    return Path(settings.get("NEWSCRAWL_STATE") or default_state_path(Path(settings.get("NEWSCRAWL_OUT"))))


def article_key(item) -> str:
    """Return the state key of an item's story: the one the decide pipeline found (``item.key``: the article
    its URL leads to), else its canonical URL (the id only names its file)."""
    return item.key or canonical_url(item.url)


class ArchiveView:
    """What the spider asks of the archive: fetch this URL, and how; when did the last run start.

    The crawl's state answers in the process that holds the archive; a worker
    of a distributed crawl has an answer the writer published instead.
    """

    recheck_hours: float | None = None  # NEWSCRAWL_RECHECK_HOURS; a profile's own value wins
    last_run_started: datetime | None = None  # when the archive's last finished run started
    resuming: bool = False  # the last run did not finish: listings must not stop at known pages

    def plan(self, url: str, recheck_hours: float | None = None, modified: datetime | None = None,
             recheck: RecheckTest | None = None) -> FetchPlan:
        """Return whether (and how) to fetch ``url`` (public form); ``modified``: when its source says it changed;
        ``recheck``: which archived articles the run re-checks whatever their age (--recheck)."""
        raise NotImplementedError

    def is_archived(self, url: str, recheck_hours: float | None = None, recheck: RecheckTest | None = None) -> bool:
        """Return True when ``url`` is archived (or dropped) and not due for a fetch."""
        return not self.plan(url, recheck_hours, None, recheck)

    @classmethod
    def of(cls, crawler):
        """Return the crawl's component of this class, or None when the crawl has none."""
        try:
            return crawler.get_extension(cls)
        except RuntimeError:  # extensions not built (a bare test crawler): none
            return None


class StateExtension(ArchiveView):
    """Hold the crawl's :class:`StateStore`; plan fetches; record posts, 304s, drops and runs."""

    def __init__(self, crawler, store: StateStore, recheck_hours: float | None = None,
                 retry_dropped: bool = False):
        self.crawler = crawler
        self.store = store
        self.recheck_hours = recheck_hours  # NEWSCRAWL_RECHECK_HOURS; a profile's own value wins
        self.retry_dropped = retry_dropped  # NEWSCRAWL_RETRY_DROPPED: fetch remembered drops again
        runs = store.recent_runs(20)
        finished = [run for run in runs if run.status == "finished"]
        self.last_run_started: datetime | None = finished[0].started if finished else None
        # The last run did not finish (killed, crashed, stopped): it may have archived the newest
        # articles of a listing and not yet the older ones, so this run must not stop at known pages.
        self.resuming = bool(runs) and runs[0].status != "finished"
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "StateExtension":
        """Open the store; NotConfigured when NEWSCRAWL_STATE_ENABLED is off or there is no archive."""
        settings = crawler.settings
        if not settings.getbool("NEWSCRAWL_STATE_ENABLED") or not settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured  # no message: Scrapy would log a warning for a normal case
        extension = cls(crawler, StateStore(state_path(settings)),
                        settings.getfloat("NEWSCRAWL_RECHECK_HOURS") or None,
                        settings.getbool("NEWSCRAWL_RETRY_DROPPED"))
        connect = crawler.signals.connect
        connect(extension.spider_opened, signal=scrapy_signals.spider_opened)
        connect(extension.spider_closed, signal=scrapy_signals.spider_closed)
        connect(extension.post_written, signal=signals.post_written)
        connect(extension.not_modified, signal=signals.article_not_modified)
        connect(extension.item_dropped, signal=scrapy_signals.item_dropped)
        connect(extension.article_dropped, signal=signals.article_dropped)
        return extension

    def plan(self, url: str, recheck_hours: float | None = None, modified: datetime | None = None,
             recheck: RecheckTest | None = None) -> FetchPlan:
        """Return whether (and how) to fetch ``url`` (public form); see :func:`plan_fetch`.

        ``recheck_hours`` is the profile's own window (None: the setting's);
        ``modified`` is when the page's listing, sitemap, feed or API record says it last changed.
        """
        hours = recheck_hours if recheck_hours is not None else self.recheck_hours
        return plan_fetch(self.store, url, datetime.now(timezone.utc), hours, modified, self.retry_dropped,
                          recheck)

    def post_written(self, item, path: str, status: str, rendered: str | None = None) -> None:
        """Record a post the archive pipeline wrote (or found unchanged) in the store.

        Raises StateError (SQLite's reason, one line) when it cannot.
        """
        fingerprint = item.fingerprint or content_fingerprint(item.title, item.paragraphs)
        try:
            self.store.upsert_article(article_key(item), item.url, fingerprint, path, item.published,
                                      etag=item.etag, last_modified=item.last_modified, rendered=rendered,
                                      source_fields={name: getattr(item, name) for name in SOURCE_FIELDS},
                                      aliases=item.aliases, pictures_missing=item.pictures_missing)
        except sqlite3.Error as exc:
            raise StateError(str(exc)) from exc

    def not_modified(self, url: str, path: str) -> None:
        """Note that a re-checked article is as archived (its page answered 304)."""
        self._record(self.store.mark_checked, url)

    def item_dropped(self, item, response, exception, spider=None) -> None:
        """Remember an article a pipeline dropped, so later runs do not fetch it again."""
        url = getattr(item, "url", None)
        if url:
            self._record(self.store.record_dropped, url, str(exception))

    def article_dropped(self, url: str, reason: str) -> None:
        """Remember an article page the spider dropped, so later runs do not fetch it again."""
        self._record(self.store.record_dropped, url, reason)

    def _record(self, write, *args) -> None:
        """Write one note to the store; a note that cannot be written is logged (it only costs a fetch)."""
        try:
            write(*args)
        except (sqlite3.Error, ValueError) as exc:
            logger.error("state %s: could not note %s: %s", self.store.path, args[0], exc)

    def spider_opened(self, spider) -> None:
        """Start this run's record."""
        try:
            self.run_id = self.store.start_run({"argv": sys.argv[1:], "spider": spider.name})
        except sqlite3.Error as exc:
            logger.error("state %s: could not record the start of the run: %s", self.store.path, exc)
            self.crawler.stats.set_value("newscrawl/state_error", str(exc))

    def spider_closed(self, spider, reason: str) -> None:
        """Finish the run record with the crawl's counts, then close the store."""
        get = self.crawler.stats.get_value
        counts = {kind: get(f"newscrawl/posts_{kind}", 0) for kind in ("created", "updated", "unchanged")}
        counts.update(dropped=get("newscrawl/dropped", 0), failed=get("newscrawl/failed", 0),
                      pages=get("response_received_count", 0))
        try:
            if self.run_id is not None:
                self.store.finish_run(self.run_id, reason, counts)
        except sqlite3.Error as exc:
            logger.error("state %s: could not record the end of the run: %s", self.store.path, exc)
            self.crawler.stats.set_value("newscrawl/state_error", str(exc))
        finally:
            self.store.close()
