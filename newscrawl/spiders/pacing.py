"""Hand requests to Scrapy no faster than it can take them.

A sitemap of 20,000 articles yields 20,000 requests in one callback, and
Scrapy's in-memory scheduler would hold every one of them at once: the
crawl's memory would grow with the size of the site. The spider waits after
each request while the scheduler holds more than NEWSCRAWL_PENDING_REQUESTS
(0: never waits; a crawl on Redis keeps its queue there).
"""

from __future__ import annotations

import asyncio
from typing import Any, AsyncIterator, Iterable

PAUSE_SECONDS = 0.05


async def room_to_schedule(crawler, limit: int) -> None:
    """Wait while the crawl's scheduler holds more than ``limit`` requests (0: no limit)."""
    engine = getattr(crawler, "engine", None) if limit else None
    scheduler = engine.scheduler if engine is not None else None
    while scheduler is not None and len(scheduler) > limit:
        await asyncio.sleep(PAUSE_SECONDS)


async def as_async(output: Iterable[Any] | AsyncIterator[Any] | None) -> AsyncIterator[Any]:
    """Yield what a callback returned, whether an iterable, an asynchronous iterable or None."""
    if hasattr(output, "__aiter__"):
        async for out in output:
            yield out
    else:
        for out in output or ():
            yield out
