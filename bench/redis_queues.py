"""Bench: the shared queue's Lua leases against Redis Streams consumer groups (issue 18's question).

Usage: python bench/redis_queues.py [--requests 5000] [--held 64] [--rounds 5]

On a redis-server of its own it first checks that both queues behave as
tests/distributed/test_queue.py requires (the higher priority first, a request
seen this run refused, a retry continuing its lease in one step, a dead
process's leases queued again, a live one's kept, a closing one's given
back), then prints:

- lines of code of each queue (without blank lines, comments and docstrings);
- requests/s to queue N requests, then to take and ack them all (90% at
  priority 0, 5% at +2 as Scrapy gives redirects, 5% at -1 as it gives retries);
- the time of one heartbeat of a process holding --held leases.

Each figure is the median of --rounds rounds, the two queues taking turns (a
busy machine slows both alike).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import time
import tokenize
from pathlib import Path

import redis
import scrapy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from newscrawl.distributed.keys import RedisKeys  # noqa: E402
from newscrawl.distributed.queue import TOKEN, ReliableQueue, leased_count, requeue_dead  # noqa: E402
from stream_queue import LEASE, StreamQueue  # noqa: E402
from throughput import free_port  # noqa: E402

LOST_MS = 300  # how long a stopped process's leases stay out in the checks


class Spider(scrapy.Spider):
    name = "bench"

    def parse(self, response):
        return None


SPIDER = Spider()


def lua_queue(server, consumer: str) -> ReliableQueue:
    """Return newscrawl's queue for ``consumer``, joined to the crawl as the scheduler joins it."""
    keys = RedisKeys("lua")
    server.sadd(keys.consumers, consumer)
    server.set(keys.alive(consumer), consumer, px=LOST_MS)
    return ReliableQueue(server, SPIDER, keys.requests, keys=keys, consumer=consumer)


def stream_queue(server, consumer: str) -> StreamQueue:
    """Return the Streams queue for ``consumer``."""
    return StreamQueue(server, SPIDER, "streams:requests", consumer, "streams:dupefilter")


def request(n: int, priority: int = 0) -> scrapy.Request:
    return scrapy.Request(f"http://paper.example/news/2024/05/{n}.html", callback=SPIDER.parse, priority=priority,
                          meta={"site": "paper", "page_kind": "article", "article_url": f"http://paper.example/{n}"})


def check(kind: str, server) -> None:
    """Assert that the ``kind`` queue ("lua" or "streams") does what the shared queue must."""
    server.flushdb()
    make = lua_queue if kind == "lua" else stream_queue
    leased = ((lambda q: leased_count(q.server, RedisKeys("lua"))) if kind == "lua" else (lambda q: q.leased()))
    lease = (lambda r: r.meta[TOKEN]) if kind == "lua" else (lambda r: r.meta[LEASE])
    queue = make(server, "a")
    assert queue.push(request(1), "fp1") and queue.push(request(2, priority=5), "fp2")
    taken = queue.pop()
    assert taken.url.endswith("/2.html") and len(queue) == 1 and leased(queue) == 1, "the higher priority first"
    queue.ack(lease(taken))
    assert leased(queue) == 0
    assert not queue.push(request(1), "fp1"), "a request seen this run is refused"
    taken = queue.pop()
    assert queue.push(taken.replace(dont_filter=True), "") and leased(queue) == 0 and len(queue) == 1, \
        "a retry continues the lease in one step"
    queue.ack(lease(queue.pop()))
    dead, alive = make(server, "dead"), make(server, "alive")
    for n in range(10, 15):
        dead.push(request(n), f"fp{n}")
    held = [dead.pop() for _ in range(3)]
    mine = alive.pop()
    time.sleep(LOST_MS / 1000 + 0.1)  # the dead process's heartbeat expires; the live one beats now
    if kind == "lua":
        server.set(RedisKeys("lua").alive("alive"), "alive", px=LOST_MS)
        returned = requeue_dead(server, RedisKeys("lua"))
    else:
        returned = alive.beat(LOST_MS)
    assert returned == 3 and len(alive) == 4 and leased(alive) == 1, "a dead process's leases are queued again"
    assert {r.url for r in held} <= {alive.pop().url for _ in range(4)} and mine is not None
    assert alive.return_all() == 5 and len(alive) == 5 and leased(alive) == 0, "a closing process gives its leases back"


def code_lines(path: Path) -> int:
    """Return the lines of ``path`` holding code: no blank lines, comments or docstrings."""
    lines: set[int] = set()
    previous = tokenize.INDENT
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING and previous in (tokenize.INDENT, tokenize.NEWLINE, tokenize.DEDENT):
            previous = token.type
            continue  # a docstring
        if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                              tokenize.ENDMARKER):
            lines.update(range(token.start[0], token.end[0] + 1))
        previous = token.type
    return len(lines)


def timed(kind: str, server, count: int, held: int) -> tuple[float, float, float]:
    """Return (requests/s queued, requests/s taken and acked, ms per heartbeat holding ``held`` leases)."""
    server.flushdb()
    queue = (lua_queue if kind == "lua" else stream_queue)(server, "a")
    rng = random.Random(7)
    requests = [request(n, rng.choice([0] * 18 + [2, -1])) for n in range(count)]
    started = time.perf_counter()
    for n, item in enumerate(requests):
        queue.push(item, f"fp{n}")
    pushed = time.perf_counter() - started
    lease = (lambda r: r.meta[TOKEN]) if kind == "lua" else (lambda r: r.meta[LEASE])
    started = time.perf_counter()
    while (taken := queue.pop()) is not None:
        queue.ack(lease(taken))
    drained = time.perf_counter() - started
    for n in range(held):
        queue.push(request(count + n), f"held{n}")
    for _ in range(held):
        queue.pop()
    beats = 200
    started = time.perf_counter()
    for _ in range(beats):
        if kind == "lua":
            server.set(RedisKeys("lua").alive("a"), "a", px=15000)
            requeue_dead(server, RedisKeys("lua"))
        else:
            queue.beat(15000)
    beat_ms = (time.perf_counter() - started) / beats * 1000
    return count / pushed, count / drained, beat_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--held", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL)
    server = redis.Redis(port=port)
    try:
        for _ in range(100):
            try:
                server.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        for kind in ("lua", "streams"):
            check(kind, server)
        print("both queues: the higher priority first, duplicates refused, retries continue their lease, "
              "a dead process's leases queued again, a closing one's given back\n")
        files = {"lua": ROOT / "newscrawl/distributed/queue.py", "streams": ROOT / "bench/stream_queue.py"}
        print("| queue | lines of code | queue req/s | take+ack req/s | heartbeat ms "
              f"({args.held} leases) |")
        print("|---|---|---|---|---|")
        rounds: dict[str, list[tuple[float, float, float]]] = {"lua": [], "streams": []}
        for _ in range(args.rounds):
            for kind in rounds:
                rounds[kind].append(timed(kind, server, args.requests, args.held))
        for kind, figures in rounds.items():
            pushed, drained, beat = (statistics.median(column) for column in zip(*figures))
            print(f"| {kind} | {code_lines(files[kind])} | {pushed:,.0f} | {drained:,.0f} | {beat:.2f} |")
    finally:
        server.close()
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
