"""ProcessPool: the crawl's CPU and disk work in worker processes, off the reactor's thread.

Extraction (parse, walk, score) is pure CPU work and most of what a crawl costs
in Python; writing a post means rendering it (sanitise, front matter) and
waiting for the disk (each file flushed before it is renamed into place). On
Scrapy's one reactor thread either would hold up fetching and use one core
only. The pool extracts pages in NEWSCRAWL_PROCESSES processes and writes posts
in one more, each a ``concurrent.futures.ProcessPoolExecutor`` whose futures
the reactor's asyncio loop awaits. With 0 processes both run in place, on the
reactor's thread.

A process that dies (killed, out of memory, or unable to import newscrawl)
breaks its executor: the jobs it held and every later one fail, and the crawl
stops with one line saying so (finish reason ``pool_broken``). Nothing is
started again: a process that cannot start would only die again.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

import newscrawl
from newscrawl.archive import render_post, write_text_atomic
from newscrawl.errors import ReportedError
from newscrawl.extensions.workers import pack_job, read_answer, run_job, start_worker
from newscrawl.extract import Extracted, extract_article

logger = logging.getLogger(__name__)

STOPPED_REASON = "pool_broken"  # the crawl's finish reason when a worker process died
POOL_ERROR_STAT = "newscrawl/pool_error"  # the first reason, kept for the run's closing line
#: modules each worker loads before its first job (the jobs' own modules)
PRELOAD = ("newscrawl.extract", "newscrawl.archive", "newscrawl.state")


class PoolBroken(ReportedError):
    """A worker process died: its jobs, and every later one, fail; ``reason`` says which."""


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


def _executor(processes: int) -> ProcessPoolExecutor:
    """Return an executor of ``processes`` processes that import the crawl's own newscrawl.

    The processes come from the fork server without a preload: it would import
    from the fork server's ``sys.path``, whose first entry is the working
    folder (a folder named ``newscrawl`` there would win). Each process takes
    the crawl's ``sys.path`` instead, and :func:`start_worker` checks the result.
    """
    package = str(Path(newscrawl.__file__).resolve().parent)
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=start_worker, initargs=(os.getpid(), package, PRELOAD))


class ProcessPool:
    """Extract pages and write posts in worker processes: ``await pool.extract(...)``, ``pool.publish(...)``."""

    def __init__(self, processes: int, write_threads: int = 1, crawler=None):
        self.crawler = crawler  # write_threads: not used; one writing process writes one post at a time
        self.extractors = _executor(processes)
        self.writer = _executor(1)  # no process until the first post: a check writes none
        self.broken: str | None = None  # why the pool stopped working; None while it works

    @classmethod
    def from_crawler(cls, crawler) -> "ProcessPool":
        """Make the executors; NotConfigured when NEWSCRAWL_PROCESSES is 0 (everything in place)."""
        processes = processes_setting(crawler.settings)
        if processes <= 0:
            raise NotConfigured
        pool = cls(processes, crawler=crawler)
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
        """Return what ``extract_article`` finds in ``html``, computed by an extracting process."""
        return await self.compute(extract_article, html, url, Reading.of(profile))

    async def compute(self, fn, *args):
        """Return ``fn(*args)`` (a module-level function), computed by an extracting process.

        Re-raise what it raised; raise JobFailed when the job or its answer
        cannot be carried, PoolBroken when a process of the pool died.
        """
        return await self._run(self.extractors, "an extraction", fn, args)

    async def publish(self, target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
        """Render and write ``item``'s post in the writing process; see :func:`publish_post`."""
        return await self._run(self.writer, "the writing", publish_post, (target, item, base_url, fmt))

    async def _run(self, executor: Executor, kind: str, fn, args: tuple):
        if self.broken:
            raise PoolBroken(self.broken)
        job = pack_job(fn, args)
        try:
            answer = await asyncio.wrap_future(executor.submit(run_job, job))
        except BrokenProcessPool as exc:
            raise self._stop(f"{kind} process ended abruptly (killed, out of memory, or it could not "
                             "start: see the log)") from exc
        return read_answer(answer)

    def _stop(self, reason: str) -> PoolBroken:
        """Note why the pool broke and stop the crawl, once; return the error each failed job raises."""
        if self.broken is None:
            self.broken = reason
            logger.error("%s; stopping the crawl", reason)
            if self.crawler is not None and self.crawler.engine is not None:
                self.crawler.stats.set_value(POOL_ERROR_STAT, reason)
                deferred_from_coro(self.crawler.engine.close_spider_async(reason=STOPPED_REASON))
        return PoolBroken(self.broken)

    def engine_stopped(self) -> None:
        """Stop the processes once their jobs are done."""
        for executor in (self.extractors, self.writer):
            executor.shutdown(wait=True, cancel_futures=True)


def _pool(crawler) -> ProcessPool | None:
    return ProcessPool.of(crawler) if crawler is not None else None


async def extract(crawler, html: bytes, url: str | None, profile=None) -> Extracted:
    """Return the fields of ``html``: in the crawl's pool when it has one, else here."""
    pool = _pool(crawler)
    if pool is None:
        return extract_article(html, url, profile)
    return await pool.extract(html, url, profile)


async def compute(crawler, fn, *args):
    """Return ``fn(*args)``: in the crawl's pool when it has one, else here."""
    pool = _pool(crawler)
    if pool is None:
        return fn(*args)
    return await pool.compute(fn, *args)


async def publish(crawler, target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
    """Render and write ``item``'s post: in the crawl's writing process when it has one, else here.

    Return what happened to the file and the rendered bytes' hash (:func:`publish_post`).
    """
    pool = _pool(crawler)
    if pool is None:
        return publish_post(target, item, base_url, fmt)
    return await pool.publish(target, item, base_url, fmt)
