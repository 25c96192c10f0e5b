"""What a crawl mode's callback returns is iterated the same whatever its kind."""

from __future__ import annotations

import asyncio

from newscrawl.spiders.routing import as_async


def test_callbacks_of_every_kind_are_iterated():
    async def agen():
        yield 1
        yield 2

    async def collect(output):
        return [x async for x in as_async(output)]
    assert asyncio.run(collect(agen())) == [1, 2]
    assert asyncio.run(collect(iter([3]))) == [3]
    assert asyncio.run(collect(None)) == []
