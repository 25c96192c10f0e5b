"""Give a taken request back only when everything it led to is safe.

A response's callback yields items and requests; Scrapy hands them on in
parallel, after the callback's iterator is done. The lease of the request
(``queue.TOKEN`` in its meta) ends when its callback is done *and* each
request it yielded is in the shared queue *and* each item it yielded has left
the item pipelines (sent by a worker, written by the writer). A crash
before that leaves the lease open, and the request is queued again.

:class:`LeaseMiddleware` (a spider middleware next to the engine) sees the
callback's output; :class:`Leases` (the scheduler's) counts what is pending and
settles it when the scheduler queues a request or a pipeline finishes an item.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

import scrapy
from scrapy import signals
from twisted.python.failure import Failure

from newscrawl.distributed.queue import TOKEN

logger = logging.getLogger(__name__)


class Leases:
    """Count what each lease still waits for; call ``ack(token)`` when a lease has nothing left."""

    def __init__(self, ack):
        self.ack = ack
        self._waiting: dict[int, list] = {}  # token -> [outputs pending, callback still running]
        self._owner: dict[int, tuple[int, object]] = {}  # id(output) -> (token, output)

    def connect(self, crawler) -> None:
        """Settle items when the pipelines are done with them, and requests Scrapy drops."""
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_done, signal=signal)
        crawler.signals.connect(self._request_dropped, signal=signals.request_dropped)

    def begin(self, token: int) -> None:
        """Start counting for the lease whose response is being read."""
        self._waiting[token] = [0, True]

    def expect(self, token: int, output) -> None:
        """Count ``output`` (an item or request the callback yielded) as pending for ``token``."""
        self._waiting[token][0] += 1
        self._owner[id(output)] = (token, output)

    def end(self, token: int) -> None:
        """Note that the callback of ``token``'s response is done."""
        entry = self._waiting.get(token)
        if entry is not None:
            entry[1] = False
            self._maybe_ack(token)

    def settle(self, output) -> None:
        """Note that ``output`` is safe (queued, sent or written)."""
        owned = self._owner.pop(id(output), None)
        if owned is None or owned[1] is not output:
            return
        token = owned[0]
        self._waiting[token][0] -= 1
        self._maybe_ack(token)

    def pending(self) -> int:
        """Return how many leases are still counted."""
        return len(self._waiting)

    def _maybe_ack(self, token: int) -> None:
        count, running = self._waiting[token]
        if count == 0 and not running:
            del self._waiting[token]
            self.ack(token)

    def _item_done(self, item, **kwargs) -> None:
        self.settle(item)

    def _request_dropped(self, request, **kwargs) -> None:
        self.settle(request)


class LeaseMiddleware:
    """Spider middleware: count a taken request's output against its lease, and end the lease."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> "LeaseMiddleware":
        """Build the middleware for ``crawler`` (its scheduler holds the leases)."""
        return cls(crawler)

    def _lease_of(self, response) -> tuple[Leases | None, int | None]:
        """Return the leases and the token of the request ``response`` answers (None, None when not leased)."""
        token = response.meta.get(TOKEN) if response.request is not None else None
        return (getattr(self.crawler.engine.scheduler, "leases", None) if token is not None else None), token

    async def process_spider_output_async(self, response, result):
        """Pass the callback's output on, counting it against the response's lease."""
        with counting(*self._lease_of(response)) as count:
            async for out in result:
                yield count(out)

    def process_spider_output(self, response, result):
        """Pass a synchronous callback's output on, counting it against the response's lease."""
        yield from counted(*self._lease_of(response), result)


class LeaseFailures:
    """Downloader middleware: count the errback's output of a request that failed for good.

    Scrapy hands a download failure (refused, timed out, robots.txt) to the
    request's errback without the spider middlewares, so the errback is wrapped
    here, after the retry middleware gave up, to count its output like a callback's.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> "LeaseFailures":
        """Build the middleware for ``crawler`` (its scheduler holds the leases)."""
        return cls(crawler)

    def process_exception(self, request, exception):
        """Wrap the errback of a leased request whose download failed for good; let the failure go on."""
        token = request.meta.get(TOKEN)
        leases = getattr(self.crawler.engine.scheduler, "leases", None)
        if token is not None and leases is not None:
            request.errback = _CountedErrback(request.errback, leases, token)
        return None


class _CountedErrback:
    """An errback whose output is counted against a lease (the request is never queued again)."""

    def __init__(self, errback, leases: Leases, token: int):
        self.errback, self.leases, self.token = errback, leases, token

    def __call__(self, failure):
        output = self.errback(failure) if self.errback is not None else failure
        if isinstance(output, Failure):  # no errback, or one that passes the failure on
            self.leases.begin(self.token)
            self.leases.end(self.token)
            return output
        return counted(self.leases, self.token, output or ())


def counted(leases: Leases | None, token: int | None, result):
    """Yield ``result``, each output counted against lease ``token`` (none without leases)."""
    with counting(leases, token) as count:
        for out in result:
            yield count(out)


@contextmanager
def counting(leases: Leases | None, token: int | None):
    """Count the outputs passed to the yielded function against lease ``token``; end the lease after."""
    if leases is None:
        yield _fresh
        return

    def count(out):
        out = _fresh(out)
        if out is not None:
            leases.expect(token, out)
        return out

    leases.begin(token)
    try:
        yield count
    finally:
        leases.end(token)


def _fresh(out):
    """Return ``out``; a request made by copying the response's request loses the lease's token."""
    if isinstance(out, scrapy.Request) and TOKEN in out.meta:
        out.meta.pop(TOKEN)
    return out
