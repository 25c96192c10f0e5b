"""Crawl a list of URLs with Scrapy alone and a callback that does one thing: the bench's yardsticks.

Usage: python bench/scrapy_only.py {bare,parse,trafilatura} URLFILE

- ``bare``: the callback does nothing (what fetching costs);
- ``parse``: it parses each page's bytes with lxml (``lxml.html.document_fromstring``):
  the floor of any HTML extractor, which must at least build the tree;
- ``trafilatura``: it runs trafilatura's ``bare_extraction`` with metadata, in the
  crawl's process: what a user would build instead of newscrawl.

Nothing of newscrawl is imported, so its start-up is not counted here.
The settings are bench/throughput.py's (passed as JSON in argv[3], optional).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess


def parse_floor(body: bytes, url: str) -> None:
    """Parse the page into an lxml tree, and nothing else."""
    from lxml.html import document_fromstring

    document_fromstring(body)


def run_trafilatura(body: bytes, url: str) -> None:
    """Extract the article with trafilatura, metadata included."""
    from trafilatura import bare_extraction

    bare_extraction(body, url=url, with_metadata=True)


CALLBACKS = {"bare": None, "parse": parse_floor, "trafilatura": run_trafilatura}


def crawl(kind: str, url_file: str, settings: dict) -> None:
    """Fetch every URL of ``url_file`` with Scrapy, handing each body to the ``kind`` callback."""
    work = CALLBACKS[kind]

    class YardstickSpider(scrapy.Spider):
        name = f"yardstick-{kind}"

        async def start(self):
            for url in Path(url_file).read_text().split():
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response):
            if work is not None:
                work(response.body, response.url)

    process = CrawlerProcess(settings=settings)
    process.crawl(YardstickSpider)
    process.start()


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in CALLBACKS:
        sys.exit(__doc__.splitlines()[2])
    crawl(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]) if len(sys.argv) > 3 else {})
