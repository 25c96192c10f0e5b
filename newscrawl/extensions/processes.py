"""ProcessPool: the crawl's CPU and disk work in worker processes, off the reactor's thread.

Extraction (parse, walk, score) is pure CPU work and most of what a crawl costs
in Python; writing a post means rendering it (sanitise, front matter) and
waiting for the disk (each file flushed before it is renamed into place). On
Scrapy's one reactor thread either would hold up fetching and use one core
only. The pool extracts pages in NEWSCRAWL_PROCESSES processes and writes posts
in one more process, with NEWSCRAWL_WRITE_THREADS threads so that the disk's
waits overlap (:mod:`newscrawl.extensions.workers`). With 0 processes both
run in place, on the reactor's thread.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.archive import render_post, write_text_atomic
from newscrawl.extensions.workers import Worker
from newscrawl.extract import Extracted, extract_article

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    """What the extractor reads of a profile (its selectors, zone and language), small to send."""

    selectors: dict
    timezone: tzinfo | None
    language: str | None

    @classmethod
    def of(cls, profile) -> "Reading | None":
        """Return the reading of ``profile`` (None stays None)."""
        if profile is None:
            return None
        return cls(dict(profile.selectors), profile.timezone, profile.language)


def publish_post(target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
    """Render ``item`` and write it to ``target`` atomically.

    Return what happened to the file (created, updated or unchanged) and a
    hash of the rendered bytes (the state keeps it: the mark of a post we wrote).
    """
    text = render_post(item, base_url=base_url, fmt=fmt)
    return write_text_atomic(target, text), hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def processes_setting(settings) -> int:
    """Return NEWSCRAWL_PROCESSES, with -1 meaning one per core."""
    count = settings.getint("NEWSCRAWL_PROCESSES")
    return os.cpu_count() or 1 if count < 0 else count


class ProcessPool:
    """Extract pages and write posts in worker processes: ``await pool.extract(...)``, ``pool.publish(...)``."""

    def __init__(self, processes: int, write_threads: int):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newscrawl.extract", "newscrawl.archive"])
        self.context = context
        self.extractors = [Worker(context, name=f"newscrawl-extract-{n}") for n in range(processes)]
        self.write_threads = write_threads
        self._writer: Worker | None = None  # started with the first post: a check writes none

    @classmethod
    def from_crawler(cls, crawler) -> "ProcessPool":
        """Start the processes; NotConfigured when NEWSCRAWL_PROCESSES is 0 (everything in place)."""
        processes = processes_setting(crawler.settings)
        if processes <= 0:
            raise NotConfigured
        pool = cls(processes, max(1, crawler.settings.getint("NEWSCRAWL_WRITE_THREADS")))
        crawler.signals.connect(pool.engine_stopped, signal=signals.engine_stopped)
        logger.debug("extracting pages in %d processes", processes)
        return pool

    @classmethod
    def of(cls, crawler) -> "ProcessPool | None":
        """Return the crawl's pool, or None when pages are extracted and posts written in place."""
        try:
            return crawler.get_extension(cls)
        except RuntimeError:  # extensions not built (a bare test crawler)
            return None

    async def extract(self, html: bytes, url: str | None, profile=None) -> Extracted:
        """Return what ``extract_article`` finds in ``html``, computed by the least busy extractor."""
        return await self.compute(extract_article, html, url, Reading.of(profile))

    async def compute(self, fn, *args):
        """Return ``fn(*args)`` (a module-level function), computed by the least busy extractor."""
        worker = min(self._living(), key=lambda w: w.load)
        return await worker.call(fn, *args)

    async def publish(self, target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
        """Render and write ``item``'s post in the writing process; see :func:`publish_post`."""
        if self._writer is None or not self._writer.alive:
            self._writer = Worker(self.context, threads=self.write_threads, name="newscrawl-write")
        return await self._writer.call(publish_post, target, item, base_url, fmt)

    def _living(self) -> list[Worker]:
        """Return the extractors, each one that died replaced by a new process."""
        for index, worker in enumerate(self.extractors):
            if not worker.alive:
                logger.warning("%s died; starting another", worker.process.name)
                self.extractors[index] = Worker(self.context, name=worker.process.name)
        return self.extractors

    def engine_stopped(self) -> None:
        """Stop the processes once their jobs are done."""
        for worker in [*self.extractors, *([self._writer] if self._writer else [])]:
            worker.close()


async def extract(crawler, html: bytes, url: str | None, profile=None, charset: str | None = None) -> Extracted:
    """Return the fields of ``html`` (``charset``: the HTTP header's): in the crawl's pool when it has one,
    else here."""
    pool = ProcessPool.of(crawler) if crawler is not None else None
    if pool is None:
        return extract_article(html, url, profile, charset)
    return await pool.compute(extract_article, html, url, Reading.of(profile), charset)


async def compute(crawler, fn, *args):
    """Return ``fn(*args)``: in the crawl's pool when it has one, else here."""
    pool = ProcessPool.of(crawler) if crawler is not None else None
    if pool is None:
        return fn(*args)
    return await pool.compute(fn, *args)


async def publish(crawler, target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
    """Render and write ``item``'s post: in the crawl's writing process when it has one, else here.

    Return what happened to the file and the rendered bytes' hash (:func:`publish_post`).
    """
    pool = ProcessPool.of(crawler) if crawler is not None else None
    if pool is None:
        return publish_post(target, item, base_url, fmt)
    return await pool.publish(target, item, base_url, fmt)
