"""Crawl one big news sitemap: 400 live stories among 60,000 dead (404) URLs, 7.6 MB, served on 127.0.0.1.

Usage: python bench/bigsitemap.py [--live N] [--dead N] [--size BYTES] [--memory-queue]

The issue's case: a sitemap over Scrapy's 5 MB scraper slot once gave no post
at all. Prints the wall time, the posts written, the failures listed and the
crawl's peak RSS. ``--memory-queue`` runs Scrapy's own scheduler (every
request in memory) instead of the disk queue, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.bigsitemap import big_sitemap_site  # noqa: E402


def crawl(base_url: str, work: Path, memory_queue: bool) -> tuple[int, float, float, dict]:
    """Crawl the sitemap into ``work``; return exit status, seconds, peak RSS (MB) and the summary."""
    out, summary = work / "archive", work / "run.json"
    command = [sys.executable, "-m", "newscrawl", "crawl", f"{base_url}sitemap.xml", "--out", str(out),
               "--summary", str(summary), "-q", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]
    if memory_queue:
        command += ["-s", "SCHEDULER=scrapy.core.scheduler.Scheduler"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    started = time.monotonic()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    data = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else {}
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, data


def main(argv: list[str] | None = None) -> int:
    """Serve the sitemap, crawl it once and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", type=int, default=400, help="stories that answer (default 400)")
    parser.add_argument("--dead", type=int, default=60_000, help="URLs that answer 404 (default 60,000)")
    parser.add_argument("--size", type=int, default=7_600_000, help="sitemap size in bytes at least (7.6 MB)")
    parser.add_argument("--memory-queue", action="store_true",
                        help="Scrapy's own scheduler (every request in memory) instead of the disk queue")
    args = parser.parse_args(argv)
    with big_sitemap_site(args.live, args.dead, args.size) as site, tempfile.TemporaryDirectory() as work:
        print(f"sitemap: {len(site.sitemap) / 1e6:.1f} MB, {args.live} live + {args.dead} dead URLs; "
              f"queue: {'memory' if args.memory_queue else 'disk'}", flush=True)
        status, seconds, rss, summary = crawl(site.base_url, Path(work), args.memory_queue)
        created, failed = len(summary.get("created", [])), len(summary.get("failed", []))
        print(f"exit {status}; {created} posts, {failed} failed; {seconds:.0f} s "
              f"({(created + failed) / seconds:.0f} pages/s); peak RSS {rss:.0f} MB")
        return 0 if status == 0 and created == args.live and failed == args.dead else 1


if __name__ == "__main__":
    sys.exit(main())
