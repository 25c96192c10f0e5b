"""The command line of distributed crawls: bad or unreachable Redis, a second writer, a worker with no crawl."""

from __future__ import annotations

import json

import redis

from newscrawl.distributed.keys import RedisKeys
from tests.distributed.conftest import free_port
from tests.helpers import run_cli

KEYS = RedisKeys("newscrawl")


def test_a_url_that_is_no_redis_url_is_one_line_and_status_2(tmp_path):
    result = run_cli("worker", "--redis", "http://127.0.0.1:6379/")
    assert result.returncode == 2
    assert result.stderr.strip() == ("newscrawl: error: --redis 'http://127.0.0.1:6379/': give a URL such as "
                                     "redis://127.0.0.1:6379/0")


def test_an_unreachable_redis_stops_the_writer_before_anything_is_written(tmp_path):
    url = f"redis://127.0.0.1:{free_port()}/0"
    result = run_cli("crawl", "demo", "--out", str(tmp_path / "out"), "--redis", url)
    assert result.returncode == 2, result.stderr
    assert f"--redis {url}: cannot reach Redis" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_second_writer_is_refused_with_status_3(redis_url, tmp_path):
    redis.Redis.from_url(redis_url).set(KEYS.writer, "otherhost:4242:abcdef")
    result = run_cli("crawl", "demo", "--out", str(tmp_path / "out"), "--redis", redis_url)
    assert result.returncode == 3, result.stderr
    assert "another newscrawl writer (otherhost:4242:abcdef) is running the crawl" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_worker_without_a_crawl_to_join_stops_by_itself(redis_url, tmp_path):
    summary = tmp_path / "worker.json"
    result = run_cli("worker", "--redis", redis_url, "-s", "NEWSCRAWL_REDIS_IDLE=1", "--summary", str(summary),
                     timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (f"newscrawl worker: no crawl on {redis_url} under 'newscrawl' within 1 s; "
                                     "nothing to do")
    assert json.loads(summary.read_text(encoding="utf-8")) == {"extracted": [], "failed": []}
