"""End to end: a news sitemap larger than Scrapy's 5 MB scraper slot is crawled to the end.

While a response over SCRAPER_SLOT_MAX_ACTIVE_SIZE is in hand, Scrapy's
engine takes no request from its scheduler; a callback that waited for the
scheduler to drain before yielding more (the old pacing) waited for ever,
and a 7.6 MB sitemap gave no post at all. ``bench/bigsitemap.py`` crawls the
real case (400 live stories among 60,000 dead URLs); here the sitemap keeps
its 7.6 MB with fewer, longer dead URLs.
"""

from __future__ import annotations

import json
import signal
import time

import pytest

from newscrawl.state import RunLock
from tests.e2e.bigsitemap import big_sitemap_site
from tests.faults.stalling import start, stop_with
from tests.helpers import run_cli

pytestmark = pytest.mark.e2e

SIZE = 7_600_000
LIVE = 400
DEAD = 2_000


def test_a_7_6_mb_news_sitemap_writes_every_live_story(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with big_sitemap_site(LIVE, DEAD, SIZE) as site:
        assert len(site.sitemap) >= SIZE
        result = run_cli("crawl", f"{site.base_url}sitemap.xml", "--out", str(out), "--summary", str(summary),
                         "-q", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
                         timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    run = json.loads(summary.read_text(encoding="utf-8"))
    assert len(run["created"]) == LIVE
    assert len(list((out / "_posts").glob("*.md"))) == LIVE
    assert len(run["failed"]) == DEAD
    assert all("404" in entry["reason"] for entry in run["failed"])


def test_a_signal_while_the_sitemap_is_read_ends_the_run_within_seconds(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with big_sitemap_site(LIVE, DEAD, SIZE) as site:
        child = start("crawl", f"{site.base_url}sitemap.xml", "--out", str(out), "--summary", str(summary),
                      "-s", "AUTOTHROTTLE_ENABLED=False")
        deadline = time.monotonic() + 60
        while site.hits < 50:  # robots.txt, the sitemap, then its first articles
            assert time.monotonic() < deadline and child.poll() is None, "the crawl never got to the articles"
            time.sleep(0.1)
        status, seconds, stderr = stop_with(child, signal.SIGTERM)
    assert (status, seconds < 20) == (1, True), (status, seconds, stderr[-3000:])
    run = json.loads(summary.read_text(encoding="utf-8"))
    interrupted = [entry for entry in run["failed"] if entry["reason"] == "interrupted by SIGTERM"]
    assert interrupted and len(run["created"]) + len(run["failed"]) <= LIVE + DEAD
    lock = RunLock.for_archive(out)
    lock.acquire()
    lock.release()
