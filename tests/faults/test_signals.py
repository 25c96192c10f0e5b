"""SIGTERM or SIGINT ends a crawl within seconds, whatever it waits on; a second signal ends it at once.

Each test runs a real crawl in a child process against a site that holds an
article's answer (DOWNLOAD_TIMEOUT far away), or with its helper processes
stopped (SIGSTOP: an extraction or a write that never returns), and signals
it. The run must end with status 1, list the article it never finished as
failed ("interrupted"), record the run as not finished, and free the lock: the
next run starts (no status 3) and writes the article.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from newscrawl.state import RunLock
from tests.faults.stalling import helpers_of, stall_site, start, stderr_of, stop_with
from tests.helpers import need_tool, run_cli

pytestmark = pytest.mark.e2e

#: The issue's bound for any crawl is 30 s; a stop waits a few seconds for work in hand, then forces.
BOUND = 20
AT_ONCE = 5  # a second signal: no waiting for work in hand
HOLD = ("-s", "DOWNLOAD_TIMEOUT=600", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_ENABLED=False")


def crawl_args(site, out: Path, summary: Path, *extra: str) -> list[str]:
    return ["crawl", site.sitemap_url, "--out", str(out), "--summary", str(summary), *HOLD, *extra]


def failed_reasons(summary: Path) -> dict[str, str]:
    """Return the failed URLs of a --summary file with their reasons."""
    return {entry["url"]: entry["reason"] for entry in json.loads(summary.read_text(encoding="utf-8"))["failed"]}


def last_run_status(out: Path) -> str:
    with sqlite3.connect(out / ".newscrawl" / "state.sqlite") as db:
        return db.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]


def assert_lock_free(out: Path) -> None:
    lock = RunLock.for_archive(out)
    lock.acquire()  # raises LockBusy while the stopped run (or a child of it) still holds it
    lock.release()


def assert_next_run_writes(site, out: Path, tmp_path: Path, *extra: str) -> None:
    """Let the held answers go; the next run must start (not status 3) and write the article."""
    site.release.set()
    summary = tmp_path / "next.json"
    result = run_cli(*crawl_args(site, out, summary, *extra), "-q")
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(json.loads(summary.read_text(encoding="utf-8"))["created"]) == site.articles


def wait_for(predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "the crawl never got there"
        time.sleep(0.1)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_signal_ends_a_crawl_waiting_on_a_slow_server(tmp_path, name):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with stall_site() as site:
        child = start(*crawl_args(site, out, summary))
        assert site.asked.wait(60), stderr_of(child)
        status, seconds, stderr = stop_with(child, getattr(signal, name))
        assert (status, seconds < BOUND) == (1, True), (status, seconds, stderr[-3000:])
        assert f"newscrawl: FAILED: interrupted by {name}" in stderr
        [(url, reason)] = failed_reasons(summary).items()
        assert url == site.article_urls()[0] and reason.startswith(f"interrupted by {name}")
        assert last_run_status(out) != "finished"
        assert_lock_free(out)
        assert_next_run_writes(site, out, tmp_path)


def test_a_second_signal_ends_the_crawl_at_once(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with stall_site() as site:
        child = start(*crawl_args(site, out, summary))
        assert site.asked.wait(60)
        status, seconds, stderr = stop_with(child, signal.SIGTERM, signal.SIGINT, pause=0.5)
        assert (status, seconds < AT_ONCE) == (1, True), (status, seconds, stderr[-3000:])
        [reason] = failed_reasons(summary).values()
        assert reason.startswith("interrupted by SIGTERM")
        assert_lock_free(out)
        assert_next_run_writes(site, out, tmp_path)


@pytest.mark.parametrize("signals", [(signal.SIGTERM,), (signal.SIGTERM, signal.SIGTERM)], ids=["once", "twice"])
def test_scrapy_crawl_news_ends_on_a_signal_and_frees_the_lock(tmp_path, signals):
    out = tmp_path / "archive"
    with stall_site() as site:
        child = start("crawl", "news", "-a", f"url={site.sitemap_url}", "-s", f"NEWSCRAWL_OUT={out}", *HOLD,
                      scrapy=True)
        assert site.asked.wait(60)
        status, seconds, stderr = stop_with(child, *signals)
        assert (status, seconds < BOUND) == (1, True), (status, seconds, stderr[-3000:])
        assert "scrapy crawl news: FAILED: interrupted by SIGTERM" in stderr
        assert last_run_status(out) != "finished"
        assert_lock_free(out)
        assert_next_run_writes(site, out, tmp_path)


def stopped(pids: list[int]) -> None:
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)


def killed(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_signal_ends_a_crawl_waiting_on_a_stuck_extraction(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with stall_site() as site:
        child = start(*crawl_args(site, out, summary, "-s", "NEWSCRAWL_PROCESSES=1"))
        assert site.asked.wait(60)
        helpers = helpers_of(child.pid)  # the extracting process
        assert len(helpers) == 1
        try:
            stopped(helpers)
            site.release.set()  # the page comes, and its extraction never answers
            time.sleep(1.5)
            status, seconds, stderr = stop_with(child, signal.SIGTERM)
        finally:
            killed(helpers)
        assert (status, seconds < BOUND) == (1, True), (status, seconds, stderr[-3000:])
        [(url, reason)] = failed_reasons(summary).items()
        assert reason.startswith("interrupted by SIGTERM"), reason
        assert_lock_free(out)


def test_a_signal_ends_a_crawl_waiting_on_a_stuck_write(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with stall_site(articles=2, held={"1"}) as site:
        child = start(*crawl_args(site, out, summary, "-s", "NEWSCRAWL_PROCESSES=1"))
        wait_for(lambda: len(list((out / "_posts").glob("*.md"))) == 1)  # the writing process exists now
        assert site.asked.wait(60)
        _, writer = helpers_of(child.pid)  # the writing process starts with the first post
        try:
            stopped([writer])
            site.release.set()  # the second page comes, is extracted, and its post is never written
            time.sleep(1.5)
            status, seconds, stderr = stop_with(child, signal.SIGTERM)
        finally:
            killed([writer])
        assert (status, seconds < BOUND) == (1, True), (status, seconds, stderr[-3000:])
        run = json.loads(summary.read_text(encoding="utf-8"))
        assert [entry["url"] for entry in run["created"]] == [site.article_urls()[0]]
        [(url, reason)] = failed_reasons(summary).items()
        assert url == site.article_urls()[1] and reason.startswith("interrupted by SIGTERM"), (url, reason)
        assert_lock_free(out)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_writer_on_redis_ends_on_a_signal_and_lists_the_pages_it_held(tmp_path):
    need_tool("redis-server")
    port = free_port()
    redis = subprocess.Popen([shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    shared = ("--redis", f"redis://127.0.0.1:{port}/0", "-s", "NEWSCRAWL_REDIS_IDLE=2")
    try:
        with stall_site(articles=2) as site:
            time.sleep(0.5)  # redis-server starting
            child = start(*crawl_args(site, out, summary, *shared))
            assert site.asked.wait(60)
            status, seconds, stderr = stop_with(child, signal.SIGTERM)
            assert (status, seconds < BOUND) == (1, True), (status, seconds, stderr[-3000:])
            # On a shared queue the loans bring the pages back for the next run; the summary says what it gave up.
            assert failed_reasons(summary) == {url: "interrupted by SIGTERM" for url in site.article_urls()}
            assert_lock_free(out)
            assert_next_run_writes(site, out, tmp_path, *shared)  # the next writer resumes the queue left in Redis
    finally:
        redis.terminate()
        redis.wait(10)
