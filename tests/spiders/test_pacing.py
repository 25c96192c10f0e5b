"""A page listing thousands of articles hands them to Scrapy's scheduler only as it has room."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import scrapy
from scrapy.core.scheduler import Scheduler
from scrapy.utils.test import get_crawler

from newscrawl.spiders.pacing import as_async, room_to_schedule


class Spider(scrapy.Spider):
    name = "pacing"


def scheduler_with(count: int) -> Scheduler:
    """Return Scrapy's own scheduler, open, holding ``count`` requests."""
    crawler = get_crawler(Spider, {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue"})
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(Spider())
    for n in range(count):
        scheduler.enqueue_request(scrapy.Request(f"http://paper.example/{n}.html"))
    return scheduler


def test_the_spider_waits_while_the_scheduler_is_full_and_goes_on_as_it_drains():
    scheduler = scheduler_with(30)
    crawler = SimpleNamespace(engine=SimpleNamespace(scheduler=scheduler))

    async def drain():
        await asyncio.sleep(0.2)
        while len(scheduler) > 5:
            scheduler.next_request()  # what the engine does as the downloader frees up
            await asyncio.sleep(0.01)

    async def run():
        draining = asyncio.ensure_future(drain())
        await room_to_schedule(crawler, 10)
        left = len(scheduler)
        await draining
        return left
    assert asyncio.run(run()) <= 10


def test_no_limit_never_waits():
    crawler = SimpleNamespace(engine=SimpleNamespace(scheduler=scheduler_with(30)))
    asyncio.run(asyncio.wait_for(room_to_schedule(crawler, 0), timeout=1))


def test_callbacks_of_every_kind_are_iterated():
    async def agen():
        yield 1
        yield 2

    async def collect(output):
        return [x async for x in as_async(output)]
    assert asyncio.run(collect(agen())) == [1, 2]
    assert asyncio.run(collect(iter([3]))) == [3]
    assert asyncio.run(collect(None)) == []
