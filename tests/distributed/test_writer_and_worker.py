"""End to end on a real redis-server: one writer and workers crawl a 600-article paper together.

Every article must be exactly one post, both processes must have done work,
both must stop by themselves, and a worker killed mid-crawl must lose nothing.
The newspaper is served on 127.0.0.1 (``tests/localsite``), a little slowly
for article pages so that work is spread and a worker holds requests when killed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from newscrawl.distributed.keys import RedisKeys
from tests.e2e.sitegen import FixtureSite, story
from tests.helpers import REPO, read_post
from tests.localsite import local_site

pytestmark = pytest.mark.e2e

ARTICLES = 600
SLUG = "ceshiribao"
KEYS = RedisKeys("newscrawl")
# Quick to notice a dead worker and to stop: the tests wait for both.
FAST = ["-s", "NEWSCRAWL_REDIS_IDLE=2", "-s", "NEWSCRAWL_REDIS_LOST=3", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> FixtureSite:
    """Return a fixture newspaper of ARTICLES distinct stories, 20 to a listing page."""
    site = FixtureSite(tmp_path_factory.mktemp("paper") / "site", per_page=20)
    for n in range(ARTICLES):
        site.add_article(f"第{n}号新闻：分布式抓取测试", story(n), published=f"2024-05-{1 + n % 28:02d} 09:30")
    site.write()
    site.profile(site.root.parent / "profiles")
    return site


def slow_files(root: Path, article_delay: float):
    """Return a route serving ``root``'s files, each article page after ``article_delay`` seconds."""
    def route(path: str):
        rel = path.split("?")[0].lstrip("/") or "index.html"
        file = root / rel
        if not file.is_file():
            return None
        if rel.startswith("news/"):
            time.sleep(article_delay)
        kind = "text/plain" if rel.endswith(".txt") else "text/html; charset=utf-8"
        return 200, kind, file.read_bytes()
    return route


def cli(*args: str) -> subprocess.Popen:
    """Start ``python -m newscrawl ARGS`` (output to pipes)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.Popen([sys.executable, "-m", "newscrawl", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def writer(paper: FixtureSite, server, out: Path, redis_url: str, *extra: str) -> subprocess.Popen:
    """Start the writer's crawl of ``paper`` into ``out``."""
    return cli("crawl", SLUG, "--profiles-dir", str(paper.root.parent / "profiles"), "--out", str(out),
               "--redis", redis_url, "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={server.base_url}", *FAST, *extra)


def worker(redis_url: str, summary: Path, *extra: str) -> subprocess.Popen:
    """Start a worker on ``redis_url`` writing its summary to ``summary``.

    It waits up to its NEWSCRAWL_REDIS_IDLE for the writer's run (a writer starts
    slowly on a loaded machine), and stops as soon as the writer has finished.
    """
    return cli("worker", "--redis", redis_url, "--summary", str(summary), *FAST, "-s", "NEWSCRAWL_REDIS_IDLE=30",
               *extra)


def finish(process: subprocess.Popen, timeout: float = 240) -> tuple[int, str]:
    """Wait for ``process`` to stop by itself; return its status and stderr."""
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, stderr


def posts_by_url(out: Path) -> dict[str, list[str]]:
    """Return the post files of the archive by their article's URL."""
    found: dict[str, list[str]] = {}
    for path in sorted((out / "_posts").glob("*.md")):
        front, _ = read_post(path)
        found.setdefault(front["original_url"], []).append(path.name)
    return found


def sent_by_workers(stderr: str) -> int:
    """Return how many items the writer's closing lines say came from workers."""
    match = re.search(r"(\d+) of the \d+ items came from workers", stderr)
    assert match, stderr[-2000:]
    return int(match.group(1))


def test_writer_and_worker_crawl_every_article_once(paper, redis_url, tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "worker.json"
    with local_site(slow_files(paper.root, 0.02)) as server:
        helper = worker(redis_url, summary)
        time.sleep(1)  # the worker waits for the writer's run
        status, stderr = finish(writer(paper, server, out, redis_url, "--summary", str(tmp_path / "s.json")))
        worker_status, worker_err = finish(helper)
    assert status == 0, stderr[-3000:]
    assert worker_status == 0, worker_err[-3000:]
    posts = posts_by_url(out)
    assert set(posts) == {paper.public_url(a) for a in paper.articles}
    assert all(len(files) == 1 for files in posts.values()), [u for u, f in posts.items() if len(f) > 1]
    extracted = json.loads(summary.read_text(encoding="utf-8"))["extracted"]
    from_workers = sent_by_workers(stderr)
    assert from_workers == len(extracted) > 0  # the worker did work, and all of it reached the writer
    assert ARTICLES - from_workers > 0  # so did the writer
    written = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert len(written["created"]) == ARTICLES and not written["dropped"] and not written["failed"]
    assert not redis.Redis.from_url(redis_url).keys("*")  # a finished run leaves nothing in Redis


def test_a_worker_killed_mid_crawl_loses_nothing(paper, redis_url, tmp_path):
    out = tmp_path / "archive"
    client = redis.Redis.from_url(redis_url)
    with local_site(slow_files(paper.root, 0.2)) as server:
        helper = worker(redis_url, tmp_path / "worker.json", "-s", "CONCURRENT_REQUESTS=16")
        time.sleep(1)
        crawl = writer(paper, server, out, redis_url, "-s", "CONCURRENT_REQUESTS=2")
        leases = wait_for_leases(client, helper.pid, at_least=4)
        helper.send_signal(signal.SIGKILL)
        helper.wait(timeout=30)
        status, stderr = finish(crawl, timeout=600)
    assert status == 0, stderr[-3000:]
    requeued = [int(n) for n in re.findall(r"stopped beating: (\d+) of its requests are queued again", stderr)]
    assert requeued and requeued[0] >= 1, stderr[-3000:]
    posts = posts_by_url(out)
    assert set(posts) == {paper.public_url(a) for a in paper.articles}
    assert all(len(files) == 1 for files in posts.values())
    assert leases >= 4


def wait_for_leases(client: redis.Redis, pid: int, at_least: int, timeout: float = 60) -> int:
    """Wait until the worker with ``pid`` has ``at_least`` requests leased; return how many it has."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for raw in client.smembers(KEYS.consumers):
            consumer = raw.decode()
            if consumer.split(":")[1] == str(pid):
                count = client.hlen(KEYS.inflight(consumer))
                if count >= at_least:
                    return count
        time.sleep(0.05)
    pytest.fail(f"the worker (pid {pid}) never held {at_least} requests")


def test_a_writer_killed_mid_crawl_is_resumed_by_the_next_one(paper, redis_url, tmp_path):
    out = tmp_path / "archive"
    client = redis.Redis.from_url(redis_url)
    with local_site(slow_files(paper.root, 0.05)) as server:
        first = writer(paper, server, out, redis_url, "-s", "CONCURRENT_REQUESTS=4")
        deadline = time.monotonic() + 120
        while len(list((out / "_posts").glob("*.md"))) < 50 and time.monotonic() < deadline:
            time.sleep(0.2)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        written_before = len(list((out / "_posts").glob("*.md")))
        assert 50 <= written_before < ARTICLES
        assert client.zcard(KEYS.requests) > 0  # the run is still in Redis
        time.sleep(3.5)  # the dead writer's key and heartbeat expire (NEWSCRAWL_REDIS_LOST)
        status, stderr = finish(writer(paper, server, out, redis_url))
    assert status == 0, stderr[-3000:]
    assert "resuming the crawl a writer left unfinished" in stderr
    posts = posts_by_url(out)
    assert set(posts) == {paper.public_url(a) for a in paper.articles}
    assert all(len(files) == 1 for files in posts.values())
    assert not client.keys("*")


def test_drops_and_failures_of_workers_reach_the_writers_summary_and_state(redis_url, tmp_path):
    """Pages a worker could not make posts of are listed by the writer, and its state remembers the drops."""
    site = FixtureSite(tmp_path / "site", per_page=20)
    for n in range(90):
        site.add_article(f"第{n}号新闻：交回的结果", story(n), published=f"2024-05-{1 + n % 28:02d} 09:30")
    site.write()
    site.profile(tmp_path / "profiles")
    pdfs = {a.page for a in site.articles[::3]}  # not HTML: dropped, and remembered
    gone = {a.page for a in site.articles[1::10]} - pdfs  # 404: failed
    hits: list[str] = []
    pages = slow_files(site.root, 0.3)  # slow enough that the worker, which starts slowly, gets its share

    def route(path: str):
        rel = path.split("?")[0].lstrip("/")
        hits.append(rel)
        if rel in pdfs:
            time.sleep(0.3)
            return 200, "application/pdf", b"%PDF-1.4\n% not a news page\n"
        if rel in gone:
            return 404, "text/html", b"<html><body>not here</body></html>"
        return pages(path)

    out = tmp_path / "archive"
    expected_dropped = {site.public_url(a) for a in site.articles if a.page in pdfs}
    expected_failed = {site.public_url(a) for a in site.articles if a.page in gone}
    with local_site(route) as server:
        runs = []
        for round_ in (1, 2):
            summary = tmp_path / f"worker{round_}.json"
            helper = worker(redis_url, summary)
            time.sleep(1)
            status, stderr = finish(writer(site, server, out, redis_url, "--summary", str(tmp_path / f"s{round_}.json")))
            worker_status, worker_err = finish(helper)
            assert worker_status == 0, worker_err[-3000:]
            runs.append((status, stderr, json.loads((tmp_path / f"s{round_}.json").read_text(encoding="utf-8")),
                         json.loads(summary.read_text(encoding="utf-8")), list(hits)))
            hits.clear()
    (status, stderr, written, by_worker, _), (_, stderr_again, again, _, fetched_again) = runs
    assert status == 0, stderr[-3000:]  # article pages that fail do not fail the run, as in one process
    assert {d["url"] for d in written["dropped"]} == expected_dropped
    assert all("not HTML" in d["reason"] or "application/pdf" in d["reason"] for d in written["dropped"])
    assert {f["url"] for f in written["failed"]} == expected_failed
    assert len(written["created"]) == 90 - len(pdfs) - len(gone)
    assert by_worker["extracted"] and (by_worker["dropped"] or by_worker["failed"])  # the worker did its share
    # The second run fetches no dropped page again: the writer's state remembers what workers dropped.
    assert not pdfs & set(fetched_again)
    assert again["dropped"] == [] and {f["url"] for f in again["failed"]} == expected_failed, stderr_again[-3000:]
