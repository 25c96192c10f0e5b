"""The shared request queue on Redis Streams consumer groups: the candidate that issue 18 asked us to measure.

It does everything ``newscrawl/distributed/queue.py`` does, with Redis's own
leases: a request is an entry of a stream, taking it (``XREADGROUP``) puts it
in the taker's pending list, ``XACK`` (with ``XDEL``) ends the lease, and
``XAUTOCLAIM`` takes the entries of a process that stopped.

What the shared queue needs shapes it:

- priorities (Scrapy's redirects +2, retries -1): a stream is first in, first
  out, so there is one stream per priority, each with its group, and a sorted
  set of the priorities in use; a take asks each stream from the highest down;
- the duplicate filter and the queueing in one step, and a continued lease
  ended in that same step: still a Lua script (``_PUT``);
- a dead process's requests back in the queue: ``XAUTOCLAIM`` judges an entry
  by how long it has been idle, not its taker, so every live process must
  touch its own entries each beat (``XCLAIM … JUSTID``), or a slow download
  would be taken from it.

Not used by newscrawl: ``bench/redis_queues.py`` checks it against the same
behaviours as ``tests/distributed/test_queue.py`` and times it against the
Lua leases (see docs/architecture.md, "Leases on Redis").
"""

from __future__ import annotations

from scrapy_redis.queue import Base

GROUP = "crawl"

# KEYS: priorities, the priority's stream, dupefilter, stream of the continued lease; ARGV:
# priority, request, fingerprint ("" for one never filtered), id of the continued lease ("").
_PUT = """
if ARGV[3] ~= '' and redis.call('SADD', KEYS[3], ARGV[3]) == 0 then return 0 end
if redis.call('ZADD', KEYS[1], 'NX', -tonumber(ARGV[1]), ARGV[1]) == 1 then
  redis.pcall('XGROUP', 'CREATE', KEYS[2], 'crawl', '0', 'MKSTREAM')
end
redis.call('XADD', KEYS[2], '*', 'r', ARGV[2])
if ARGV[4] ~= '' then
  redis.call('XACK', KEYS[4], 'crawl', ARGV[4])
  redis.call('XDEL', KEYS[4], ARGV[4])
end
return 1
"""

LEASE = "stream_lease"  # request meta: (priority, entry id) of the lease a request was taken under


class StreamQueue(Base):
    """Requests in one stream per priority, taken under lease by ``consumer`` through a consumer group."""

    def __init__(self, server, spider, prefix: str, consumer: str, dupefilter: str):
        super().__init__(server, spider, prefix)
        self.consumer = consumer
        self.dupefilter = dupefilter
        self.priorities = f"{prefix}:priorities"
        self.held: dict[str, set[bytes]] = {}  # priority -> ids this process holds (for the heartbeat)
        self._put = server.register_script(_PUT)

    def stream(self, priority: str | bytes) -> str:
        """Return the key of the stream of ``priority``."""
        return f"{self.key}:{priority.decode() if isinstance(priority, bytes) else priority}"

    def push(self, request, fingerprint: str = "") -> bool:
        """Queue ``request`` unless its ``fingerprint`` was seen; continue the lease it carries; True if queued."""
        priority, entry = request.meta.pop(LEASE, ("", ""))
        data = self._encode_request(request)
        queued = bool(self._put(
            keys=[self.priorities, self.stream(request.priority), self.dupefilter, self.stream(priority or 0)],
            args=[request.priority, data, fingerprint, entry]))
        if entry:
            self.held.get(priority, set()).discard(entry)
        return queued

    def pop(self, timeout: int = 0):
        """Return the next request, highest priority first, leased to this process; None when none waits."""
        for priority in self.server.zrange(self.priorities, 0, -1):
            got = self.server.xreadgroup(GROUP, self.consumer, {self.stream(priority): ">"}, count=1)
            if got:
                entry, fields = got[0][1][0]
                request = self._decode_request(fields[b"r"])
                request.meta[LEASE] = (priority.decode(), entry)
                self.held.setdefault(priority.decode(), set()).add(entry)
                return request
        return None

    def ack(self, lease: tuple[str, bytes]) -> None:
        """End ``lease``: the request is done with."""
        priority, entry = lease
        with self.server.pipeline() as pipe:
            pipe.xack(self.stream(priority), GROUP, entry).xdel(self.stream(priority), entry).execute()
        self.held.get(priority, set()).discard(entry)

    def beat(self, lost_ms: int) -> int:
        """Touch this process's leases; queue again those idle ``lost_ms`` (a dead taker's); return how many."""
        for priority, entries in self.held.items():
            if entries:
                self.server.xclaim(self.stream(priority), GROUP, self.consumer, 0, list(entries), justid=True)
        returned = 0
        for priority in self.server.zrange(self.priorities, 0, -1):
            stream, cursor = self.stream(priority), "0-0"
            while True:
                cursor, claimed, _ = self.server.xautoclaim(stream, GROUP, self.consumer, lost_ms, cursor, count=100)
                for entry, fields in claimed:
                    with self.server.pipeline() as pipe:
                        pipe.xadd(stream, {"r": fields[b"r"]}).xack(stream, GROUP, entry).xdel(stream, entry).execute()
                    returned += 1
                if cursor in (b"0-0", "0-0"):
                    break
        return returned

    def return_all(self) -> int:
        """Put this process's leases back into the queue (it closes unfinished); return how many there were."""
        returned = 0
        for priority, entries in self.held.items():
            stream = self.stream(priority)
            for entry, fields in (self.server.xclaim(stream, GROUP, self.consumer, 0, list(entries)) if entries else []):
                with self.server.pipeline() as pipe:
                    pipe.xadd(stream, {"r": fields[b"r"]}).xack(stream, GROUP, entry).xdel(stream, entry).execute()
                returned += 1
            entries.clear()
        return returned

    def __len__(self) -> int:
        """Return how many requests wait (not leased), over every priority."""
        waiting = 0
        for priority in self.server.zrange(self.priorities, 0, -1):
            stream = self.stream(priority)
            waiting += self.server.xlen(stream) - self.server.xpending(stream, GROUP)["pending"]
        return waiting

    def leased(self) -> int:
        """Return how many requests are leased, to every process together."""
        return sum(self.server.xpending(self.stream(p), GROUP)["pending"]
                   for p in self.server.zrange(self.priorities, 0, -1))
