"""RunStopper: end a crawl within seconds when it is asked to stop (a signal, the stall watchdog).

Scrapy's own stop (its first SIGINT) is graceful and has no bound: the engine
closes once every request in progress has its answer and every callback has
returned. A server that holds an answer for DOWNLOAD_TIMEOUT, a Retry-After
wait, or a helper process that never answers holds the run, and the archive's
lock with it. A stop here is Scrapy's graceful stop first, so that work in
hand may end (a post half written is written); after GRACE_SECONDS, or at
once when asked again, it is forced: Scrapy's ``spider_closed`` is sent as at
the end of any crawl (the spider lists every article still open as failed
with the stop's reason, the state records the run as not finished, the run
report is complete), the archive's lock is released, the crawl's helper
processes are killed, and the reactor stops, as Scrapy's second SIGINT stops
it. The reason is kept in the stats (``newscrawl/stopped``): the run fails
with it (status 1).

:func:`stop_on_signals` is the process's side: SIGTERM or SIGINT stops every
crawl of the process, a second one forces them; should the process still not
end (a thread blocked in a system call), it leaves on its own a little later.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from typing import Callable

from scrapy import signals
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import deferred_from_coro

from newscrawl.extensions.lock import ArchiveLock

logger = logging.getLogger(__name__)

GRACE_SECONDS = 3.0  # work in hand may end in this time after a stop; then the stop is forced
FINISH_REASON = "shutdown"  # Scrapy's finish reason for a crawl stopped from outside
#: seconds after the first and the second signal at which a process that has not ended leaves anyway
LAST_RESORT = (20.0, 3.0)
EXIT_FAILED = 1  # newscrawl.exits.EXIT_FAILED (extensions do not import it)


class RunStopper:
    """Stop one crawl for a reason: gracefully at once, forced after GRACE_SECONDS or when asked again."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.reason: str | None = None  # why the crawl was stopped (one line); None while it runs
        self.closed = False  # spider_closed was sent: the crawl's outcomes are told
        self.ended = False  # the engine stopped, or the stop was forced
        self._forcing = None

    @classmethod
    def from_crawler(cls, crawler) -> "RunStopper":
        """Build the stopper and follow the crawl's end."""
        stopper = cls(crawler)
        crawler.signals.connect(stopper.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(stopper.engine_stopped, signal=signals.engine_stopped)
        return stopper

    @classmethod
    def of(cls, crawler) -> "RunStopper | None":
        """Return the crawl's stopper, or None when it has none."""
        try:
            return crawler.get_extension(cls)
        except RuntimeError:  # extensions not built yet
            return None

    def spider_closed(self, spider=None, reason=None) -> None:
        """Note that the crawl's outcomes are told."""
        self.closed = True

    def engine_stopped(self) -> None:
        """Note that the crawl ended by itself; a pending forced stop is not needed."""
        self.ended = True
        if self._forcing is not None:
            self._forcing.cancel()

    def stop(self, reason: str) -> None:
        """Stop the crawl for ``reason``: Scrapy's graceful stop now, forced after GRACE_SECONDS."""
        if self.reason is not None or self.ended:
            return
        self._record(reason)
        logger.warning("stopping: %s", reason)
        self._forcing = call_later(GRACE_SECONDS, self.force)
        stopping = deferred_from_coro(self.crawler.stop_async())
        stopping.addErrback(lambda failure: logger.error("graceful stop failed: %s", failure.getErrorMessage()))

    def force(self) -> None:
        """End the crawl now: its outcomes told, its lock released, its helper processes killed, the reactor stopped."""
        if self.ended:
            return
        self.ended = True
        if self._forcing is not None:
            self._forcing.cancel()
        if self.reason is None:
            self._record("stopped")
        spider = getattr(self.crawler, "spider", None)
        if not self.closed and spider is not None:
            logger.warning("forcing the stop: work in hand is given up")
            self.crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason=FINISH_REASON)
        lock = self.crawler.get_extension(ArchiveLock)
        if lock is not None:
            lock.release()
        for child in multiprocessing.active_children():  # the extraction and writing processes
            child.kill()
        stop_reactor()

    def _record(self, reason: str) -> None:
        """Keep ``reason`` as why the crawl stopped: the run fails with it."""
        self.reason = reason
        self.crawler.stats.set_value("newscrawl/stopped", reason)


def stop_reactor() -> None:
    """Stop the reactor (doing so when it is stopping already is harmless)."""
    from twisted.internet import reactor

    try:
        reactor.stop()
    except RuntimeError:  # not running, or stopping already
        pass


def stop_on_signals(crawlers: list) -> Callable[[], None]:
    """Stop ``crawlers`` on SIGTERM or SIGINT, and force them on a second; return what restores the handlers.

    Install it in place of Scrapy's handlers (``start(install_signal_handlers=False)``),
    after the crawlers are built and before the reactor runs. Outside the main
    thread, where no handler can be installed, it does nothing.
    """
    from twisted.internet import reactor

    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    received: list[str] = []

    def handle(signum, frame) -> None:  # a signal handler: no logging here, only hand-overs
        name = signal.Signals(signum).name
        received.append(name)
        first = len(received) == 1
        if len(received) <= 2:
            reactor.callFromThread(_each, crawlers, f"interrupted by {name}" if first else None)
            _leave_after(LAST_RESORT[0 if first else 1], name)

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return restore


def _each(crawlers: list, reason: str | None) -> None:
    """Stop each crawler for ``reason``, or force each one (None)."""
    for crawler in crawlers:
        stopper = RunStopper.of(crawler)
        if stopper is None:  # a crawl without the extension: Scrapy's own stops
            if reason is None:
                stop_reactor()
            else:
                deferred_from_coro(crawler.stop_async())
        elif reason is None:
            stopper.force()
        else:
            stopper.stop(reason)


def _leave_after(seconds: float, name: str) -> None:
    """Leave the process (status 1) ``seconds`` from now, unless it has ended by then."""
    def leave() -> None:
        os.write(2, f"newscrawl: still running {seconds:g} s after {name}; leaving now\n".encode())
        os._exit(EXIT_FAILED)
    timer = threading.Timer(seconds, leave)
    timer.daemon = True
    timer.start()
