"""A lease is acked once its request has been read and all it yielded is safe; never before, always after.

The end-to-end tests (test_outcomes.py) crawl every way a request can end;
these pin the rules they rest on, with Scrapy's own requests and failures.
"""

from __future__ import annotations

import asyncio

import scrapy
from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

from newscrawl.distributed.leases import LEASE, PARENT, Lease, LeasedErrback, LeaseMiddleware, lease_of
from newscrawl.distributed.queue import TOKEN


def taken(errback=None) -> tuple[scrapy.Request, Lease, list[int]]:
    """Return a request as the scheduler hands it out (token 7), its lease, and the acks sent."""
    acks: list[int] = []
    request = scrapy.Request("http://paper.example/a/1.html", errback=errback)
    lease = Lease(7, acks.append)
    request.meta.update({TOKEN: 7, LEASE: lease})
    request.errback = LeasedErrback(request.errback)
    return request, lease, acks


def failure_of(request: scrapy.Request) -> Failure:
    failure = Failure(IgnoreRequest("refused"))
    failure.request = request  # as Scrapy's scraper sets it before calling the errback
    return failure


def test_the_ack_waits_for_the_reading_and_every_output():
    request, lease, acks = taken()
    item, child = {"title": "t"}, scrapy.Request("http://paper.example/a/2.html")
    out = list(LeaseMiddleware().process_spider_output(scrapy.http.Response(request.url, request=request),
                                                        [item, child]))
    assert out == [item, child] and child.meta[PARENT] is lease and acks == []
    assert lease_of(child) is None  # a child has no lease of its own
    child.meta[PARENT].settle()  # queued
    assert acks == []
    LeaseMiddleware().item_done(item, response=scrapy.http.Response(request.url, request=request))
    assert acks == [7]
    lease.settle()  # a late signal acks nothing twice
    assert acks == [7]


def test_a_failure_handed_straight_to_the_errback_is_read_there():
    yielded = scrapy.Request("http://paper.example/index.html")
    request, lease, acks = taken(errback=lambda failure: iter([yielded]))
    output = list(request.errback(failure_of(request)))
    assert output == [yielded] and lease.read and lease.pending == 1 and acks == []
    yielded.meta[PARENT].settle()
    assert acks == [7]


def test_an_errback_that_raises_or_returns_nothing_ends_the_reading():
    def broken(failure):
        raise RuntimeError("a bug in an errback")

    request, lease, acks = taken(errback=broken)
    try:
        request.errback(failure_of(request))
    except RuntimeError:
        pass
    assert acks == [7]
    request, lease, acks = taken(errback=lambda failure: None)
    assert request.errback(failure_of(request)) is None and acks == [7]
    request, lease, acks = taken()  # no errback of its own: the failure goes on, the reading is over
    assert isinstance(request.errback(failure_of(request)), Failure) and acks == [7]


def test_an_errback_called_from_the_spider_middlewares_is_counted_once():
    yielded = scrapy.Request("http://paper.example/index.html")
    request, lease, acks = taken(errback=lambda failure: [yielded])
    response = scrapy.http.Response(request.url, status=404, request=request)
    middleware = LeaseMiddleware()
    middleware.process_spider_input(response)  # first of the chain, before HttpErrorMiddleware
    output = request.errback(failure_of(request))  # as HttpErrorMiddleware's refusal makes Scrapy call it
    assert list(middleware.process_spider_output(response, output)) == [yielded]
    assert lease.pending == 1
    yielded.meta[PARENT].settle()
    assert acks == [7]


def test_a_copy_of_the_taken_request_is_a_request_of_its_own():
    request, lease, acks = taken(errback=print)
    copy = request.replace(url="http://paper.example/a/1.html?page=2")
    list(LeaseMiddleware().process_spider_output(scrapy.http.Response(request.url, request=request), [copy]))
    assert LEASE not in copy.meta and TOKEN not in copy.meta and copy.errback is print
    assert copy.meta[PARENT] is lease


def test_a_reading_the_crawl_stops_from_outside_is_not_over():
    request, lease, acks = taken()

    async def pages():
        yield {"n": 1}
        yield {"n": 2}

    async def read_one():
        reading = LeaseMiddleware().process_spider_output_async(
            scrapy.http.Response(request.url, request=request), pages())
        await reading.__anext__()
        await reading.aclose()  # the crawl closing mid-page

    asyncio.run(read_one())
    assert not lease.read and acks == []  # the lease stays open: the request goes back to the queue


def test_a_callback_that_raises_ends_the_reading_once_the_crawl_reports_it():
    request, lease, acks = taken()
    response = scrapy.http.Response(request.url, request=request)
    LeaseMiddleware().spider_error(Failure(RuntimeError("a bug in a callback")), response=response)
    assert acks == [7]
