"""What the archive holds, published for workers: incremental runs stay incremental everywhere.

The writer copies the state's known URLs into a Redis hash when its run
starts (canonical URL -> the moment re-check windows count from, the
article's stored publication and the path of its post, or ``never``);
within the run, the shared dupefilter keeps any URL from being fetched
twice. :class:`PublishedArchive` answers a worker's spider the way the state
answers the writer's (``StateStore.should_fetch``'s rule).
"""

from __future__ import annotations

import itertools
import logging
import time
from datetime import datetime, timezone

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.distributed.keys import RedisKeys, connect
from newscrawl.distributed.run import last_run_started, load
from newscrawl.extensions.state import ArchiveView
from newscrawl.state import FetchPlan, StateStore, canonical_url
from newscrawl.state.rechecks import ARCHIVED, NEW, RECHECK, RecheckTest
from newscrawl.state.records import parse_published

logger = logging.getLogger(__name__)

NEVER = b"never"  # a known URL never fetched again (pruned, dropped, or known without an article)
_CHUNK = 1000  # fields per HSET while publishing


def publish_archived(server, keys: RedisKeys, store: StateStore, with_drops: bool = True) -> int:
    """Replace the published hash with the state's known URLs; return how many were published.

    ``with_drops``: remembered drops are published as never to fetch (not when
    the run retries them). An archived URL's own mark wins over a drop's.
    """
    staging = f"{keys.archived}:staging"
    server.delete(staging)
    count, chunk = 0, {}
    drops = ((canonical, None, None, None) for canonical in store.dropped_urls()) if with_drops else ()
    for canonical, born, path, published in itertools.chain(drops, store.archived_urls()):
        mark = f"{born.timestamp()!r} {published or '-'} {path or ''}".rstrip() if born is not None else NEVER
        chunk[canonical] = mark
        if len(chunk) >= _CHUNK:
            count += server.hset(staging, mapping=chunk)
            chunk = {}
    if chunk:
        count += server.hset(staging, mapping=chunk)
    if count:
        server.rename(staging, keys.archived)
    else:
        server.delete(keys.archived)
    return count


class PublishedArchive(ArchiveView):
    """A worker's view of the archive: the writer's published URLs, its last run and re-check hours."""

    def __init__(self, server, keys: RedisKeys, record: dict, recheck_hours: float | None):
        self.server = server
        self.keys = keys
        self.recheck_hours = recheck_hours
        self.last_run_started: datetime | None = last_run_started(record)
        self.resuming = bool(record.get("resuming"))

    @classmethod
    def from_crawler(cls, crawler) -> "PublishedArchive":
        """Read the run the writer published; NotConfigured unless this process is a worker."""
        settings = crawler.settings
        if not settings.get("NEWSCRAWL_REDIS") or settings.get("NEWSCRAWL_REDIS_ROLE") != "worker":
            raise NotConfigured
        server = connect(settings.get("NEWSCRAWL_REDIS"))
        keys = RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY"))
        raw = server.get(keys.run)
        record = load(raw) if raw else {}
        view = cls(server, keys, record, settings.getfloat("NEWSCRAWL_RECHECK_HOURS") or None)
        crawler.signals.connect(view.spider_closed, signal=signals.spider_closed)
        return view

    def plan(self, url: str, recheck_hours: float | None = None, modified: datetime | None = None,
             recheck: RecheckTest | None = None) -> FetchPlan:
        """Return NEW for a URL the archive does not hold, RECHECK (naming its post) when due, else ARCHIVED.

        A worker has no validators, so its re-checks are plain requests; a
        ``modified`` record time is not compared (the writer's own fetches do both).
        ``recheck`` (--recheck) is asked of the moment the writer published for the URL.
        The post's path lets the spider fetch a story once, whichever of its URLs comes first.
        """
        try:
            mark = self.server.hget(self.keys.archived, canonical_url(url))
        except ValueError:  # not an absolute http(s) URL: never archived
            return FetchPlan(True, NEW)
        if mark is None:
            return FetchPlan(True, NEW)
        hours = recheck_hours if recheck_hours is not None else self.recheck_hours
        if mark == NEVER:
            return FetchPlan(False, ARCHIVED)
        born, published, path = (mark.decode().split(" ", 2) + ["", ""])[:3]
        # The stored publication goes with a re-check, for a page whose source gives none.
        stored = parse_published(published) if published != "-" else None
        due = FetchPlan(True, RECHECK, path=path or None, published=stored)
        if recheck is not None and recheck(datetime.fromtimestamp(float(born), timezone.utc)):
            return due
        if not hours or time.time() - float(born) > hours * 3600:
            return FetchPlan(False, ARCHIVED)
        return due

    def spider_closed(self, spider) -> None:
        """Close the connection."""
        self.server.close()
