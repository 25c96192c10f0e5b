"""Measure the crawl modes' parsers: feeds, sitemaps and listing links, on generated documents.

Usage: python bench/modes.py [--rounds N]
Each figure is the best CPU time of N rounds for one document, so a busy
machine disturbs it less than wall time would. The documents are generated
here (no corpus needed): RSS and Atom feeds of 500 entries, a Google News
sitemap of 10,000 URLs (plain and gzipped), and a listing page of 300 links.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrapy.http import HtmlResponse  # noqa: E402

from newscrawl.modes.feed_parser import parse_feed  # noqa: E402
from newscrawl.modes.listing import ListingLinks  # noqa: E402
from newscrawl.modes.sitemap_parser import parse_sitemap  # noqa: E402
from newscrawl.profiles.loader import parse_profile  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")


def rss(n: int) -> bytes:
    """Return an RSS 2.0 feed of ``n`` items."""
    items = "".join(f"<item><title>标题 {i} &amp; more</title><link>http://x.test/a/{i}.html</link>"
                    f"<pubDate>Fri, 19 May 2023 10:{i % 60:02d}:00 +0800</pubDate>"
                    f"<description>&lt;p&gt;摘要 {i}&lt;/p&gt;</description></item>" for i in range(n))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            f"{items}</channel></rss>").encode()


def atom(n: int) -> bytes:
    """Return an Atom feed of ``n`` entries."""
    items = "".join(f'<entry><title>标题 {i}</title><link rel="alternate" href="http://x.test/a/{i}.html"/>'
                    f"<id>urn:{i}</id><published>2023-05-19T10:{i % 60:02d}:00+08:00</published>"
                    f"<summary>摘要 {i}</summary></entry>" for i in range(n))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>t</title>{items}</feed>").encode()


def news_sitemap(n: int) -> bytes:
    """Return a Google News sitemap of ``n`` URLs."""
    urls = "".join(f"<url><loc>http://x.test/news/2023/05/19/{i}.html</loc>"
                   f"<lastmod>2023-05-19T10:00:00+08:00</lastmod><news:news><news:publication>"
                   f"<news:name>X</news:name><news:language>zh</news:language></news:publication>"
                   f"<news:publication_date>2023-05-19T10:{i % 60:02d}:00+08:00</news:publication_date>"
                   f"<news:title>标题 {i}</news:title></news:news></url>" for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


def listing_page(n: int) -> bytes:
    """Return a listing page with ``n`` article links, navigation, images and pagination."""
    links = "".join(f'<li><a href="/system/2023/05/19/{1000 + i}.shtml?from=list#c">标题 {i}</a>'
                    f'<img src="/img/{i}.jpg"></li>' for i in range(n))
    nav = "".join(f'<a href="/{name}/">{name}</a>' for name in ("yaowen", "shehui", "jingji", "about"))
    pages = "".join(f'<a href="index_{p}.shtml">{p}</a>' for p in range(2, 11))
    return (f'<html><head><meta charset="utf-8"></head><body><nav>{nav}</nav><ul>{links}</ul>'
            f'<div class="pages">{pages}</div><a href="javascript:void(0)">x</a></body></html>').encode()


def best_cpu_ms(fn, rounds: int) -> float:
    """Return the least CPU time of ``rounds`` calls of ``fn``, in milliseconds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    profile = parse_profile({"name": "测试", "base_url": "http://x.test/", "listing": {
        "start_urls": ["yaowen/"], "article_links": [r"/system/\d{4}/\d{2}/\d{2}/\d+\.shtml"],
        "next_pages": [r"index_\d+\.shtml$"]}}, "bench.yaml")
    links = ListingLinks(profile)
    page = HtmlResponse("http://x.test/yaowen/index.shtml", body=listing_page(300))
    sitemap = news_sitemap(10_000)
    cases = [
        ("RSS feed, 500 items", lambda b=rss(500): parse_feed(b, "http://x.test/rss", TZ)),
        ("Atom feed, 500 entries", lambda b=atom(500): parse_feed(b, "http://x.test/atom", TZ)),
        ("news sitemap, 10,000 URLs", lambda: parse_sitemap(sitemap, "http://x.test/s.xml", TZ)),
        ("gzip news sitemap, 10,000 URLs",
         lambda b=gzip.compress(sitemap): parse_sitemap(b, "http://x.test/s.xml.gz", TZ)),
        ("listing page, 300 article links", lambda: links.find(page)),
    ]
    for name, fn in cases:
        print(f"{name:34} {best_cpu_ms(fn, args.rounds):8.1f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
