"""The shared queue leases requests: a lease ends when acked or continued, and a dead taker's leases return."""

from __future__ import annotations

import redis
import scrapy

from newscrawl.distributed.keys import RedisKeys
from newscrawl.distributed.queue import MAX_DEATHS, TOKEN, ReliableQueue, beat, leased_count, requeue_dead

KEYS = RedisKeys("test")


class Spider(scrapy.Spider):
    name = "queue-test"

    def parse(self, response):
        return None


SPIDER = Spider()


def queue_for(url: str, consumer: str) -> ReliableQueue:
    server = redis.Redis.from_url(url)
    server.sadd(KEYS.consumers, consumer)
    server.set(KEYS.alive(consumer), consumer)
    return ReliableQueue(server, SPIDER, KEYS.requests, keys=KEYS, consumer=consumer)


def request(path: str, **kwargs) -> scrapy.Request:
    return scrapy.Request(f"http://paper.example/{path}", callback=SPIDER.parse, **kwargs)


def test_a_taken_request_is_leased_until_acked(redis_url):
    queue = queue_for(redis_url, "a")
    assert queue.push(request("1.html"), "fp1") and queue.push(request("2.html", priority=5), "fp2")
    taken = queue.pop()
    assert taken.url.endswith("2.html") and taken.meta[TOKEN]  # the higher priority first
    assert len(queue) == 1 and leased_count(queue.server, KEYS) == 1
    queue.ack(taken.meta[TOKEN])
    assert leased_count(queue.server, KEYS) == 0


def test_a_request_seen_this_run_is_not_queued_again(redis_url):
    queue = queue_for(redis_url, "a")
    assert queue.push(request("1.html"), "fp1")
    assert not queue.push(request("1.html?again"), "fp1")
    assert queue.push(request("1.html", dont_filter=True), "")  # dont_filter requests carry no fingerprint
    assert len(queue) == 2


def test_a_retry_continues_the_lease_in_one_step(redis_url):
    queue = queue_for(redis_url, "a")
    queue.push(request("1.html"), "fp1")
    taken = queue.pop()
    retry = taken.replace(dont_filter=True)  # what RetryMiddleware and the mirror do: meta copied
    assert queue.push(retry, "")
    assert leased_count(queue.server, KEYS) == 0 and len(queue) == 1
    again = queue.pop()
    assert again.url == taken.url and again.meta[TOKEN] != taken.meta[TOKEN]


def test_the_leases_of_a_taker_that_stopped_beating_go_back_to_the_queue(redis_url):
    dead, alive = queue_for(redis_url, "dead"), queue_for(redis_url, "alive")
    for n in range(5):
        dead.push(request(f"{n}.html"), f"fp{n}")
    taken = [dead.pop() for _ in range(3)]
    alive_lease = alive.pop()
    assert len(dead) == 1 and leased_count(dead.server, KEYS) == 4
    dead.server.delete(KEYS.alive("dead"))  # its heartbeat expired
    assert requeue_dead(alive.server, KEYS) == 3
    assert len(alive) == 4 and leased_count(alive.server, KEYS) == 1
    urls = {alive.pop().url for _ in range(4)}
    assert {r.url for r in taken} <= urls and alive_lease.url not in urls
    assert requeue_dead(alive.server, KEYS) == 0  # once


def test_a_continuation_refused_as_seen_leaves_the_lease_for_its_ack(redis_url):
    """A redirect to a page the run queued already is refused; its lease waits until the drop is told."""
    queue = queue_for(redis_url, "a")
    queue.push(request("1.html"), "fp1")
    queue.push(request("2.html"), "fp2")
    taken = queue.pop()
    redirect = taken.replace(url="http://paper.example/2.html")  # meta copied: it continues the lease
    assert not queue.push(redirect, "fp2")
    assert leased_count(queue.server, KEYS) == 1 and len(queue) == 1
    queue.ack(taken.meta[TOKEN])
    assert leased_count(queue.server, KEYS) == 0


def test_a_request_whose_takers_keep_dying_is_given_up_not_queued_forever(redis_url):
    """A page that kills every process that reads it must not keep the crawl alive for ever."""
    queue = queue_for(redis_url, "watcher")
    queue.push(request("poison.html", meta={"article_url": "http://paper.example/poison.html"}), "fp")
    for death in range(1, MAX_DEATHS + 1):
        taker = queue_for(redis_url, f"taker-{death}")
        assert taker.pop().url.endswith("poison.html")
        taker.server.delete(KEYS.alive(f"taker-{death}"))  # it died holding the request
        assert requeue_dead(queue.server, KEYS) == (1 if death < MAX_DEATHS else 0)
    assert len(queue) == 0 and leased_count(queue.server, KEYS) == 0
    given_up = queue.given_up()
    assert [r.meta["article_url"] for r in given_up] == ["http://paper.example/poison.html"]
    assert queue.given_up() == []  # handed over once


def test_a_taker_that_gives_its_leases_back_is_no_death(redis_url):
    """A process stopped by a signal returns its leases; that counts against no request."""
    queue = queue_for(redis_url, "a")
    queue.push(request("1.html"), "fp1")
    for _ in range(MAX_DEATHS + 1):
        assert queue.pop() is not None
        assert queue.return_all() == 1
        queue.server.sadd(KEYS.consumers, "a")
    assert len(queue) == 1 and queue.given_up() == []


def test_a_taker_taken_for_dead_that_comes_back_keeps_its_new_leases(redis_url):
    """A process that stalled past its lease and beats again: what it takes then is leased as before.

    Its old leases went back into the queue; a late ack of one of them must
    not end a new lease, and its new leases count for the crawl's work left
    and go back into the queue if it dies for good.
    """
    stalled, other = queue_for(redis_url, "stalled"), queue_for(redis_url, "other")
    stalled.server.set(KEYS.run, "{}")  # the run goes on
    for n in range(3):
        stalled.push(request(f"{n}.html"), f"fp{n}")
    old = stalled.pop()
    stalled.server.delete(KEYS.alive("stalled"))  # it stalled past NEWSCRAWL_REDIS_LOST
    assert requeue_dead(other.server, KEYS) == 1
    assert beat(stalled.server, KEYS, "stalled", 3.0)  # it comes back, and learns it was taken for dead
    assert not beat(stalled.server, KEYS, "stalled", 3.0)
    new = stalled.pop()
    assert leased_count(other.server, KEYS) == 1
    stalled.ack(old.meta[TOKEN])  # the old lease's ack comes late
    assert leased_count(other.server, KEYS) == 1
    stalled.server.delete(KEYS.alive("stalled"))  # now it dies for good
    assert requeue_dead(other.server, KEYS) == 1
    assert new.url in {other.pop().url for _ in range(len(other))}


def test_a_taker_beating_after_the_run_was_cleared_does_not_join_it_again(redis_url):
    """The writer clears a finished run while a worker still beats: the worker is not taken for one that woke."""
    queue = queue_for(redis_url, "late")
    queue.server.delete(KEYS.consumers)  # what the writer's clear_run does
    assert not beat(queue.server, KEYS, "late", 3.0)
    assert not queue.server.exists(KEYS.consumers)
