"""Bench part (c): one writer alone against a writer plus one worker, on a redis-server of its own.

Both crawl the same N stories into empty archives; the time counted runs from
the start to the last post written (the processes then wait NEWSCRAWL_REDIS_IDLE
to be sure the crawl is over, which is not crawling).

Part of ``bench/throughput.py``; alone: ``python bench/redis_compare.py [--stories 2000]``
(the site is built from ../shared/corpus and served by nginx, as there).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

import sitebuild
from throughput import ENV, ROOT, free_port, measure, row, settings_args

IDLE = ["-s", "NEWSCRAWL_REDIS_IDLE=1"]


def compare_writers(work: Path, site: Path, base: str, n: int, nginx: sitebuild.Nginx) -> None:
    """Print the time and pages/s of a writer alone and of a writer with one worker, over ``n`` stories."""
    sitemap = f"sitemap-{n}.xml"
    sitebuild.write_sitemap(site, range(n), base, sitemap)
    profiles = sitebuild.write_profile(work / f"profiles-redis-{n}", base, sitemap).parent
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(url)
        alone = crawl_with_workers(work / "redis-alone", profiles, url, 0, nginx)
        helped = crawl_with_workers(work / "redis-helped", profiles, url, 1, nginx)
    finally:
        server.terminate()
        server.wait()
    print()
    print(row("N", "(c) run", "seconds to the last post", "pages/s", "× writer alone", "CPU s (writer)"))
    print(row(*["---"] * 6))
    for label, (seconds, cpu) in (("writer alone", alone), ("writer + 1 worker", helped)):
        print(row(n, label, f"{seconds:.1f}", f"{n / seconds:.0f}", f"{alone[0] / seconds:.2f}", f"{cpu:.1f}"))
    print(flush=True)


def crawl_with_workers(out: Path, profiles: Path, url: str, workers: int, nginx) -> tuple[float, float]:
    """Crawl into ``out`` with ``workers`` workers; return (seconds to the last post, the writer's CPU s)."""
    redis.Redis.from_url(url).flushdb()
    shutil.rmtree(out, ignore_errors=True)
    started = time.time()
    helpers = [subprocess.Popen([sys.executable, "-m", "newscrawl", "worker", "--redis", url, "-q",
                                 *settings_args(), *IDLE], cwd=ROOT, env=ENV) for _ in range(workers)]
    writer = measure([sys.executable, "-m", "newscrawl", "crawl", "bench", "--profiles-dir", str(profiles),
                      "--out", str(out), "-q", "--redis", url, *settings_args(), *IDLE], nginx).check("writer")
    for helper in helpers:
        helper.wait(timeout=300)
    last = max(p.stat().st_mtime for p in (out / "_posts").glob("*.md"))
    return last - started, writer.cpu


def wait_for(url: str) -> None:
    """Wait until the redis-server at ``url`` answers."""
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server at {url} did not start")


def main() -> int:
    """Build a site of --stories stories, serve it with nginx and print part (c) alone."""
    parser = argparse.ArgumentParser(description="a writer alone against a writer plus one worker, on Redis")
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--sets", default="zh-news", help="corpus sets the pages are made from")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newscrawl-redis-bench-"))
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        site = work / "site"
        sitebuild.write_site(site, sitebuild.load_templates(args.sets.split(",")), range(args.stories), base)
        with sitebuild.Nginx(site, port, work / "nginx") as nginx:
            compare_writers(work, site, base, args.stories, nginx)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
