"""Measure Scrapy's scheduler with its memory queue and with its disk queue: memory held, push and pop cost.

Usage: python bench/queues.py [--requests N]

Each run fills one scheduler with N article requests shaped like the
spider's (callbacks by name, the meta an article request carries), then
empties it. Memory is what tracemalloc sees held after the pushes (a run of
its own, since tracing slows the timing); times are per request.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone

import scrapy
from scrapy.core.scheduler import Scheduler
from scrapy.utils.test import get_crawler

TZ = timezone(timedelta(hours=8))


class Spider(scrapy.Spider):
    name = "bench"

    def parse_article(self, response):
        pass

    def on_error(self, failure):
        pass


def article(spider: Spider, n: int) -> scrapy.Request:
    url = f"http://127.0.0.1:8000/news/gone/{n}-{'x' * 60}.html"
    return scrapy.Request(url, callback=spider.parse_article, errback=spider.on_error, meta={
        "site": "127-0-0-1", "section": None, "hints": {"title": "已删除", "published": datetime(2024, 5, 20, 9, 30,
                                                                                               tzinfo=TZ)},
        "page_kind": "article", "article_url": url, "download_maxsize": 8 << 20, "download_warnsize": 4 << 20})


def fill_and_empty(disk: bool, count: int, trace: bool) -> tuple[float, float, float]:
    """Return (MB held after the pushes, µs a push, µs a pop) for one scheduler."""
    folder = tempfile.mkdtemp(prefix="bench-queue-") if disk else None
    crawler = get_crawler(Spider, {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
                                   **({"JOBDIR": folder} if disk else {})})
    spider = Spider()
    crawler.spider = spider
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(spider)
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    for n in range(count):
        scheduler.enqueue_request(article(spider, n))
    push = time.perf_counter() - started
    held = tracemalloc.get_traced_memory()[0] / 1e6 if trace else 0.0
    tracemalloc.stop()
    started = time.perf_counter()
    while scheduler.next_request() is not None:
        pass
    pop = time.perf_counter() - started
    scheduler.close("finished")
    if folder:
        shutil.rmtree(folder)
    return held, push / count * 1e6, pop / count * 1e6


def main(argv: list[str] | None = None) -> int:
    """Print one line per queue."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60_000)
    args = parser.parse_args(argv)
    print("| queue | requests | MB held | µs a push | µs a pop |\n|---|---|---|---|---|")
    for disk in (False, True):
        held, _, _ = fill_and_empty(disk, args.requests, trace=True)
        _, push, pop = fill_and_empty(disk, args.requests, trace=False)
        print(f"| {'disk' if disk else 'memory'} | {args.requests} | {held:.1f} | {push:.0f} | {pop:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
