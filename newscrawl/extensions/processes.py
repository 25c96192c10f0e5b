"""ProcessPool: the crawl's CPU and disk work in worker processes, off the reactor's thread.

Extraction (parse, walk, score) is pure CPU work and most of what a crawl costs
in Python; writing a post means rendering it (sanitise, front matter) and
waiting for the disk (each file flushed before it is renamed into place). On
Scrapy's one reactor thread either would hold up fetching and use one core
only. The pool extracts pages in NEWSCRAWL_PROCESSES processes and writes posts
in one more, with NEWSCRAWL_WRITE_THREADS threads so that the disk's waits
overlap (:mod:`newscrawl.extensions.workers`). With 0 processes both run in
place, on the reactor's thread.

A process that ends (killed, out of memory, unable to import newscrawl)
fails the jobs it held and every later job (WorkerDied), and the crawl stops
with one line saying which process and how (finish reason ``pool_broken``).
None is started again: a process that cannot start would only die again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from newscrawl.extensions.workers import Worker, WorkerDied, package_folder
from newscrawl.extensions.tasks import Reading, publish_post, read_article

if TYPE_CHECKING:
    from newscrawl.extract import Extracted

logger = logging.getLogger(__name__)

STOPPED_REASON = "pool_broken"  # the crawl's finish reason when a worker process ended
POOL_ERROR_STAT = "newscrawl/pool_error"  # the first reason, kept for the run's closing line
#: modules the fork server loads once for every worker: the jobs' own (light: no Scrapy, no Twisted)
PRELOAD = ["newscrawl.extensions.tasks", "newscrawl.extract.article", "newscrawl.items"]


def processes_setting(settings) -> int:
    """Return NEWSCRAWL_PROCESSES, with -1 meaning one per core."""
    count = settings.getint("NEWSCRAWL_PROCESSES")
    return os.cpu_count() or 1 if count < 0 else count


def forkserver_context():
    """Return the fork server's context, preloading PRELOAD there when that imports the crawl's newscrawl.

    The fork server is a fresh interpreter (``python -c``) in the working
    folder, with none of the crawl's own additions to ``sys.path``: a folder
    named ``newscrawl`` there (the project's clone, another package) would be
    imported instead, and a crawl run from an egg (scrapyd) or a path added at
    run time would not be found at all. Preloading is only right when a fresh
    interpreter finds the crawl's package, so one is asked (about 40 ms); else
    nothing is preloaded, and each worker imports newscrawl itself with the
    crawl's ``sys.path`` (which multiprocessing hands every child).
    """
    context = multiprocessing.get_context("forkserver")
    found = fresh_interpreter_finds("newscrawl")
    if found == package_folder():
        context.set_forkserver_preload(PRELOAD)
    else:
        logger.debug("a fresh interpreter here imports newscrawl from %s, not %s: the workers import "
                     "theirs one by one", found, package_folder())
        context.set_forkserver_preload([])
    return context


# Run by a fresh interpreter: print the folder an import of the package named in argv[1] loads.
_FIND = ("import importlib.util, os, sys\n"
         "spec = importlib.util.find_spec(sys.argv[1])\n"
         "print(os.path.dirname(os.path.realpath(spec.origin)) if spec and spec.has_location else '')")


def fresh_interpreter_finds(package: str) -> str | None:
    """Return the folder a fresh interpreter started here (as the fork server is) imports ``package`` from.

    None when it finds none, finds a namespace (a folder without __init__.py), or cannot be asked.
    """
    flags = [flag for flag, on in (("-I", sys.flags.isolated), ("-E", sys.flags.ignore_environment),
                                   ("-s", sys.flags.no_user_site)) if on]
    try:
        probe = subprocess.run([sys.executable, *flags, "-c", _FIND, package], capture_output=True,
                               text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return probe.stdout.strip() or None


class ProcessPool:
    """Extract pages and write posts in worker processes: ``await pool.read(...)``, ``pool.publish(...)``."""

    def __init__(self, processes: int, write_threads: int = 1, crawler=None):
        self.context = forkserver_context()
        self.crawler = crawler
        self.broken: str | None = None  # why the pool stopped working; None while it works
        self.crawling = False  # the spider is open: a death can close it
        self.extractors = [self._worker(f"newscrawl-extract-{n}") for n in range(processes)]
        self.write_threads = write_threads
        self._writer: Worker | None = None  # started with the first post: a check writes none

    @classmethod
    def from_crawler(cls, crawler) -> "ProcessPool":
        """Start the processes; NotConfigured when NEWSCRAWL_PROCESSES is 0 (everything in place)."""
        processes = processes_setting(crawler.settings)
        if processes <= 0:
            raise NotConfigured
        pool = cls(processes, max(1, crawler.settings.getint("NEWSCRAWL_WRITE_THREADS")), crawler)
        crawler.signals.connect(pool.spider_opened, signal=signals.spider_opened)
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

    async def read(self, html: bytes, url: str | None, profile=None,
                   charset: str | None = None) -> tuple[Extracted, str | None]:
        """Return what ``extract_article`` finds in ``html`` (``charset``: the HTTP header's) and the
        fingerprint of its text (:func:`read_article`), computed by the least busy extractor."""
        return await self.compute(read_article, html, url, Reading.of(profile), charset)

    async def compute(self, fn, *args):
        """Return ``fn(*args)`` (a module-level function), computed by the least busy extractor.

        Re-raise what it raised; raise JobFailed when the job or its answer
        cannot be carried, WorkerDied when a process of the pool has ended.
        """
        self._check()
        return await min(self.extractors, key=lambda w: w.load).call(fn, *args)

    async def publish(self, target: Path, item, base_url: str, fmt: str) -> tuple[str, str]:
        """Render and write ``item``'s post in the writing process; see :func:`publish_post`."""
        self._check()
        if self._writer is None:
            try:
                self._writer = self._worker("newscrawl-write", self.write_threads)
            except OSError as exc:  # no process to be had (too many open files, no memory)
                self._died(None, f"the writing process could not start: {exc}")
                raise WorkerDied(self.broken) from exc
        return await self._writer.call(publish_post, target, item, base_url, fmt)

    def _worker(self, name: str, threads: int = 1) -> Worker:
        return Worker(self.context, threads=threads, name=name, on_death=self._died)

    def _check(self) -> None:
        """Raise WorkerDied when a process of the pool has ended."""
        if self.broken is not None:
            raise WorkerDied(self.broken)

    def _died(self, worker: Worker | None, reason: str) -> None:
        """Stop the crawl, once, saying which process ended and how (when its spider opens, if not yet)."""
        if self.broken is not None:
            return
        self.broken = reason
        logger.error("%s; stopping the crawl", reason)
        if self.crawler is not None:
            self.crawler.stats.set_value(POOL_ERROR_STAT, reason)
            if self.crawling:
                self._stop_crawl()

    def spider_opened(self, spider) -> None:
        """Note that the crawl runs; stop it at once if a process has ended already."""
        self.crawling = True
        if self.broken is not None:
            self._stop_crawl()

    def _stop_crawl(self) -> None:
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=STOPPED_REASON))

    def engine_stopped(self) -> None:
        """Stop the processes once their jobs are done."""
        self.crawling = False
        for worker in [*self.extractors, *([self._writer] if self._writer else [])]:
            worker.close()


async def read_page(crawler, html: bytes, url: str | None, profile=None,
                    charset: str | None = None) -> tuple[Extracted, str | None]:
    """Return the fields of ``html`` (``charset``: the HTTP header's) and the fingerprint of its text
    (:func:`read_article`): in the crawl's pool when it has one, else here."""
    pool = ProcessPool.of(crawler) if crawler is not None else None
    if pool is None:
        return read_article(html, url, profile, charset)
    return await pool.read(html, url, profile, charset)


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
