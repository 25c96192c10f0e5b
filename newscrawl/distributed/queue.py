"""The shared request queue: scrapy-redis's priority queue, with requests taken under lease.

scrapy-redis removes a request from the queue when a process takes it, so a
process that dies takes its requests with it. Here taking a request also files
it under the taker's ``inflight`` hash with a token, in one Lua call; the
taker gives the token back (:meth:`ReliableQueue.ack`) once everything the
request led to is safely elsewhere (its items sent or written, its links
queued). A process that stops beating (``alive`` key expired) has its leases
put back into the queue by whoever notices first (:func:`requeue_dead`).

A request whose takers died holding it MAX_DEATHS times (a page that kills
the process that reads it) is not queued again: it goes to the ``given_up``
list, and the writer lists it as failed (:meth:`ReliableQueue.given_up`), so
such a page cannot keep a crawl alive for ever. A process that returns its
leases itself (stopped by a signal) is no death.
"""

from __future__ import annotations

import logging

from scrapy_redis.queue import PriorityQueue

from newscrawl.distributed.keys import RedisKeys

logger = logging.getLogger(__name__)

# KEYS: queue, inflight hash, token counter. Returns {token, request} or nil.
_TAKE = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return nil end
local token = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, popped[2] .. ' ' .. popped[1])
return {token, popped[1]}
"""

# KEYS: queue, inflight hash, deaths hash, given-up list, consumers set, the taker's alive key;
# ARGV: deaths that give a request up (0: the taker returns its leases itself, no death), the
# taker. Puts every lease of the hash back, or gives it up, and takes the taker off the consumers;
# returns how many went back into the queue, or -1 when a taker thought dead is beating again.
_RETURN_ALL = """
if ARGV[1] ~= '0' and redis.call('EXISTS', KEYS[6]) == 1 then return -1 end
local leases = redis.call('HGETALL', KEYS[2])
local queued = 0
for i = 2, #leases, 2 do
  local lease = leases[i]
  local space = string.find(lease, ' ', 1, true)
  local data = string.sub(lease, space + 1)
  local deaths = 0
  if ARGV[1] ~= '0' then deaths = redis.call('HINCRBY', KEYS[3], redis.sha1hex(data), 1) end
  if ARGV[1] ~= '0' and deaths >= tonumber(ARGV[1]) then
    redis.call('RPUSH', KEYS[4], data)
  else
    redis.call('ZADD', KEYS[1], string.sub(lease, 1, space - 1), data)
    queued = queued + 1
  end
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[5], ARGV[2])
return queued
"""

# KEYS: queue, inflight hash, dupefilter; ARGV: score, request, fingerprint ("" for a request
# never filtered), token of the lease it continues ("" for none). Queues the request unless its
# fingerprint was seen (1: queued, 0: a duplicate); a queued request ends the lease it continues
# in the same step, so a crash never leaves a request marked seen but not queued, nor a lease
# ended but not continued. A duplicate leaves the lease to be acked once its drop is told.
_PUT = """
if ARGV[3] ~= '' and redis.call('SADD', KEYS[3], ARGV[3]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] ~= '' then redis.call('HDEL', KEYS[2], ARGV[4]) end
return 1
"""

# KEYS: the taker's alive key, consumers set, run record; ARGV: the taker, milliseconds alive.
# Returns 1 when the taker, taken for dead while the run goes on, joins the consumers again.
_BEAT = """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
return redis.call('SADD', KEYS[2], ARGV[1])
"""

TOKEN = "newscrawl_lease"  # request meta: the token of the lease a request was taken under
MAX_DEATHS = 3  # a request whose takers died holding it this many times is given up


class ReliableQueue(PriorityQueue):
    """A priority queue whose pops are leases to one consumer, returned by :meth:`ack`."""

    def __init__(self, server, spider, key, serializer=None, *, keys: RedisKeys, consumer: str):
        super().__init__(server, spider, key, serializer)
        self.keys = keys
        self.consumer = consumer
        self.inflight_key = keys.inflight(consumer)
        self._take = server.register_script(_TAKE)
        self._put = server.register_script(_PUT)

    def pop(self, timeout: int = 0):
        """Return the next request, leased to this consumer (its token in meta); None when empty."""
        taken = self._take(keys=[self.key, self.inflight_key, self.keys.tokens(self.consumer)])
        if not taken:
            return None
        token, data = taken
        request = self._decode_request(data)
        request.meta[TOKEN] = int(token)
        return request

    def push(self, request, fingerprint: str = "") -> bool:
        """Queue ``request`` unless its ``fingerprint`` was seen this run; return True when queued.

        A request that continues a lease (a retry, a redirect, a mirror's
        address: its TOKEN in meta) ends that lease in the same step when it
        is queued; a duplicate leaves the lease open for :meth:`ack`.
        """
        token = request.meta.pop(TOKEN, "")
        return bool(self._put(keys=[self.key, self.inflight_key, self.keys.dupefilter],
                              args=[-request.priority, self._encode_request(request), fingerprint, token]))

    def ack(self, token: int) -> None:
        """End the lease ``token``: the request is done with."""
        self.server.hdel(self.inflight_key, token)

    def return_all(self) -> int:
        """Put this consumer's leases back into the queue; return how many there were."""
        return requeue(self.server, self.keys, self.consumer)

    def given_up(self) -> list:
        """Return (and take off the list) the requests given up because their takers kept dying."""
        requests = []
        while (data := self.server.lpop(self.keys.given_up)) is not None:
            requests.append(self._decode_request(data))
        return requests


def requeue(server, keys: RedisKeys, consumer: str, died: bool = False) -> int:
    """Put ``consumer``'s leases back into the queue and forget it; return how many went back.

    ``died``: the consumer stopped beating; each of its requests counts one
    death, and one at MAX_DEATHS is given up instead of queued.
    A consumer taken for dead may only have stalled: it keeps its token
    counter (a late ack of an old lease must not end a new one), and one
    found beating again in the same step keeps its leases (0 returned).
    """
    count = int(server.eval(_RETURN_ALL, 6, keys.requests, keys.inflight(consumer), keys.deaths,
                            keys.given_up, keys.consumers, keys.alive(consumer), MAX_DEATHS if died else 0,
                            consumer))
    if not died:
        server.delete(keys.tokens(consumer))
    return max(count, 0)


def beat(server, keys: RedisKeys, consumer: str, lost_after: float) -> bool:
    """Say ``consumer`` is alive for ``lost_after`` seconds; return True when it had been taken for dead.

    A consumer taken for dead (it stalled past ``lost_after``: its leases went
    back into the queue) joins the consumers again, so that what it takes
    from now on counts as leased and goes back if it dies for good; not once
    the writer has cleared the finished run (no run record).
    """
    return bool(server.eval(_BEAT, 3, keys.alive(consumer), keys.consumers, keys.run, consumer,
                            int(lost_after * 1000)))


def requeue_dead(server, keys: RedisKeys) -> int:
    """Put the leases of every consumer whose heartbeat stopped back into the queue; return how many."""
    returned = 0
    for raw in server.smembers(keys.consumers):
        consumer = raw.decode()
        if not server.exists(keys.alive(consumer)):
            count = requeue(server, keys, consumer, died=True)
            if count:
                logger.warning("%s stopped beating: %d of its requests are queued again", consumer, count)
            returned += count
    return returned


def leased_count(server, keys: RedisKeys) -> int:
    """Return how many requests are leased, to every consumer together."""
    consumers = [raw.decode() for raw in server.smembers(keys.consumers)]
    if not consumers:
        return 0
    with server.pipeline(transaction=False) as pipe:
        for consumer in consumers:
            pipe.hlen(keys.inflight(consumer))
        return sum(pipe.execute())
