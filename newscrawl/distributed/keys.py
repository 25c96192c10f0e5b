"""The Redis keys one distributed crawl uses, all under one prefix (NEWSCRAWL_REDIS_KEY).

One archive's crawl owns one prefix: run two archives' crawls on one Redis
with two prefixes, or two databases (``redis://host:6379/1``).
"""

from __future__ import annotations

from dataclasses import dataclass

import redis


@dataclass(frozen=True)
class RedisKeys:
    """Names of the keys of the crawl under ``prefix``."""

    prefix: str

    @property
    def run(self) -> str:
        """String: the run record (JSON) the writer publishes; workers read their profiles from it."""
        return f"{self.prefix}:run"

    @property
    def writer(self) -> str:
        """String with a time to live: who is the writer (``host:pid``); taken with SET NX."""
        return f"{self.prefix}:writer"

    @property
    def requests(self) -> str:
        """Sorted set: the shared request queue (scrapy-redis's priority queue)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """Set: fingerprints of every request scheduled this run (scrapy-redis's dupefilter)."""
        return f"{self.prefix}:dupefilter"

    @property
    def consumers(self) -> str:
        """Set: the processes taking requests (the writer and the workers)."""
        return f"{self.prefix}:consumers"

    def inflight(self, consumer: str) -> str:
        """Hash: requests ``consumer`` took and has not finished (token -> "score request")."""
        return f"{self.prefix}:inflight:{consumer}"

    def alive(self, consumer: str) -> str:
        """String with a time to live: ``consumer``'s heartbeat."""
        return f"{self.prefix}:alive:{consumer}"

    def tokens(self, consumer: str) -> str:
        """Counter: the last token ``consumer`` gave a request it took."""
        return f"{self.prefix}:tokens:{consumer}"

    @property
    def items(self) -> str:
        """List: items and failures sent by workers (JSON), oldest at the right."""
        return f"{self.prefix}:items"

    @property
    def taking(self) -> str:
        """List: results the writer took and has not yet written (moved back when a writer resumes)."""
        return f"{self.prefix}:taking"

    @property
    def archived(self) -> str:
        """Hash: canonical URL -> when workers may fetch it again (see ``published.fetch_mark``)."""
        return f"{self.prefix}:archived"

    @property
    def deaths(self) -> str:
        """Hash: SHA-1 of a request -> how many times a process died holding it."""
        return f"{self.prefix}:deaths"

    @property
    def given_up(self) -> str:
        """List: requests given up because every process that took them died (the writer fails them)."""
        return f"{self.prefix}:given_up"

    def run_keys(self) -> list[str]:
        """Return the fixed keys of one run (the per-consumer keys are found through ``consumers``)."""
        return [self.run, self.requests, self.dupefilter, self.items, self.taking, self.archived,
                self.deaths, self.given_up]


def connect(url: str) -> redis.Redis:
    """Return a client for ``url`` (``redis://host:port/db``); raise ``redis.RedisError`` when unreachable."""
    client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=30,
                                  health_check_interval=30)
    client.ping()
    return client
