"""Ack a taken request's lease only when the request has been read and everything it led to is safe.

The scheduler puts a :class:`Lease` in the meta of each request it takes from
the shared queue (``LEASE``, beside the queue's ``TOKEN``). The lease is acked
once both hold:

- the request has been read: the output of its callback, or of its errback,
  has all been passed on to the engine, or reading it raised;
- each thing it yielded is safe: a request is in the shared queue (or refused
  there as seen), an item has left the item pipelines (sent by a worker,
  written by the writer, or dropped or failed there).

A request that takes its place (a retry, a redirect, a mirror's address)
continues the lease instead, in the queue's own step. A crash before the ack
leaves the lease open, and the request is queued again.

Output is counted where nothing can filter it any more. A response's callback
(and an errback Scrapy calls from the spider middlewares, as for an HTTP
error) is read through :class:`LeaseMiddleware`, the spider middleware next to
the engine. A failure Scrapy hands straight to the errback (a download that
failed after its retries, robots.txt, a page too large, a 304, a refused
redirect, too many redirects: whatever a downloader middleware raised) is read
through :class:`LeasedErrback`, which the scheduler puts in place of the
errback of every request it takes. An exception while reading is reported by
Scrapy (``spider_error``) and ends the reading too.

Acks are sent on the reactor's next turn, so that what the current step sends
first (a worker's failure or drop, told by a signal) is in Redis before them.
"""

from __future__ import annotations

import logging
from typing import Callable

import scrapy
from scrapy import signals
from twisted.python.failure import Failure

from newscrawl.distributed.queue import TOKEN

logger = logging.getLogger(__name__)

LEASE = "newscrawl_lease_state"  # request meta: the Lease of a request taken from the shared queue
PARENT = "newscrawl_lease_of_parent"  # request meta: the Lease of the request whose output this request is


class Lease:
    """The lease of one taken request: acked once it has been read and nothing it yielded is pending."""

    def __init__(self, token: int, ack: Callable[[int], None]):
        self.token = token
        self._ack = ack
        self.read = False  # its callback's or errback's output has all been passed on (or reading raised)
        self.pending = 0  # outputs passed on and not yet safe
        self.in_spider_middlewares = False  # its response went into the spider middlewares
        self.ended = False

    def counted(self, out):
        """Return ``out`` (an output of the request), counted as pending until it is safe."""
        if out is None:
            return None
        if isinstance(out, scrapy.Request):
            if out.meta.get(LEASE) is self:  # a copy of the request: a new request, not this one's continuation
                del out.meta[LEASE]
                out.meta.pop(TOKEN, None)
            restore_errback(out).meta[PARENT] = self
        self.pending += 1
        return out

    def settle(self) -> None:
        """Note that one output is safe (queued or refused as seen; sent, written, dropped or failed)."""
        self.pending -= 1
        self._maybe_ack()

    def done_reading(self) -> None:
        """Note that the request has been read (its output all passed on, or reading raised)."""
        self.read = True
        self._maybe_ack()

    def continued(self) -> None:
        """Note that a request taking this one's place continued the lease in the queue."""
        self.ended = True

    def _maybe_ack(self) -> None:
        if not self.ended and self.read and self.pending <= 0:
            self.ended = True
            self._ack(self.token)


def lease_of(source) -> Lease | None:
    """Return the lease of the request behind ``source`` (a request, response or failure), or None."""
    request = source if isinstance(source, scrapy.Request) else getattr(source, "request", None)
    return request.meta.get(LEASE) if request is not None else None


def restore_errback(request: scrapy.Request) -> scrapy.Request:
    """Return ``request`` with the errback the spider gave it (a LeasedErrback stays in its process)."""
    if isinstance(request.errback, LeasedErrback):
        request.errback = request.errback.errback
    return request


class LeasedErrback:
    """A taken request's errback: read the output of a failure Scrapy hands straight to it.

    When the request's response went into the spider middlewares, the errback
    is called from there and :class:`LeaseMiddleware` reads its output instead.
    """

    def __init__(self, errback):
        self.errback = errback  # the request's own errback, or None

    def __call__(self, failure: Failure):
        lease = lease_of(failure)
        if lease is None or lease.in_spider_middlewares:
            return self.errback(failure) if self.errback is not None else failure
        try:
            output = self.errback(failure) if self.errback is not None else failure
        except Exception:
            lease.done_reading()  # Scrapy reports the errback's exception
            raise
        if output is None or isinstance(output, Failure):
            lease.done_reading()
            return output
        if hasattr(output, "__aiter__"):
            return _read_async(lease, output)
        return _read(lease, output)


class LeaseMiddleware:
    """Spider middleware next to the engine: read a taken request's output against its lease.

    It also settles an item's lease when the item pipelines are done with it,
    and ends the reading of a request whose callback or errback raised.
    """

    @classmethod
    def from_crawler(cls, crawler) -> "LeaseMiddleware":
        """Build the middleware and listen for items leaving the pipelines and for reading errors."""
        middleware = cls()
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(middleware.item_done, signal=signal)
        crawler.signals.connect(middleware.spider_error, signal=signals.spider_error)
        return middleware

    def process_spider_input(self, response) -> None:
        """Note that the response's output (its callback's, or its errback's) passes through here."""
        lease = lease_of(response)
        if lease is not None:
            lease.in_spider_middlewares = True

    async def process_spider_output_async(self, response, result):
        """Pass the output on, counted against the response's lease; then end the reading."""
        lease = lease_of(response)
        if lease is None:
            async for out in result:
                yield out
            return
        async for out in _read_async(lease, result):
            yield out

    def process_spider_output(self, response, result):
        """Pass a synchronous callback's output on, counted against the response's lease."""
        lease = lease_of(response)
        yield from (result if lease is None else _read(lease, result))

    def item_done(self, item, response=None, **kwargs) -> None:
        """Settle an item the pipelines are done with (scraped, dropped or failed)."""
        lease = lease_of(response)
        if lease is not None:
            lease.settle()

    def spider_error(self, failure, response=None, **kwargs) -> None:
        """End the reading of a request whose callback or errback raised."""
        lease = lease_of(response)
        if lease is not None:
            lease.done_reading()


def _read(lease: Lease, result):
    """Yield ``result``, each output counted against ``lease``; end the reading when it is done or raises.

    A reading stopped from outside (the crawl closing) is not done: the lease stays open.
    """
    try:
        for out in result:
            yield lease.counted(out)
    except Exception:
        lease.done_reading()
        raise
    lease.done_reading()


async def _read_async(lease: Lease, result):
    """The same as :func:`_read` for an asynchronous iterable."""
    try:
        async for out in result:
            yield lease.counted(out)
    except Exception:
        lease.done_reading()
        raise
    lease.done_reading()
