"""On Redis a request taken twice (its first taker stalled past its lease) still has one outcome (issue 18).

A process that stops answering for NEWSCRAWL_REDIS_LOST seconds (stopped,
starved of CPU, its reactor busy) is taken for dead, and its leases go back
into the queue: another process fetches them. When the first comes back it
finishes what it was fetching and hands in the same outcomes. The writer must
list each page once, in the summary and in the state, whatever the timing.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading
import time

import pytest

from tests.distributed.outcome_site import WORKER_AGENT, OutcomeServer
from tests.distributed.test_outcomes import crawl, ended, outcomes, worker
from tests.faults.server import FAULTS, ok
from tests.localsite import serving

pytestmark = pytest.mark.e2e

LOST = 3  # NEWSCRAWL_REDIS_LOST of these crawls
STOPPED_FOR = LOST + 5  # seconds the worker is stopped: past its lease, long enough for the writer to fetch
BAD = ("not-found", "pdf", "empty", "year-0001", "moved")  # a failure, drops in the spider and a pipeline, a redirect
STORIES = [f"story-{n}" for n in range(1, 7)]


class StallingServer(OutcomeServer):
    """The outcome site, which stops the worker (SIGSTOP) the first time it asks for an article page."""

    def __init__(self):
        super().__init__({**{name: FAULTS[name] for name in BAD},
                          **{name: (lambda name, hit: ok(name), "created") for name in STORIES}}, extra=False)
        self.worker_pid: int | None = None
        self.stopped_at: float | None = None
        self._lock = threading.Lock()

    def answer_request(self, path, hit, headers):
        """Stop the worker on its first article request (and let it go STOPPED_FOR s later); answer as usual."""
        if path.startswith("/a/") and headers.get("User-Agent") == WORKER_AGENT and self.worker_pid:
            with self._lock:
                if self.stopped_at is None:
                    self.stopped_at = time.monotonic()
                    os.kill(self.worker_pid, signal.SIGSTOP)
                    threading.Timer(STOPPED_FOR, os.kill, (self.worker_pid, signal.SIGCONT)).start()
        return super().answer_request(path, hit, headers)


def test_a_page_fetched_again_after_its_taker_stalled_has_one_outcome(redis_url, tmp_path):
    with serving(StallingServer()) as server:
        helper = worker(redis_url, tmp_path / "worker.json", "-s", f"NEWSCRAWL_REDIS_LOST={LOST}")
        server.worker_pid = helper.pid
        time.sleep(1)
        server.fast_agent, server.others_wait = WORKER_AGENT, 1.0  # the worker takes most pages
        # The writer waits long enough after its last result for the stalled worker's to come in.
        writer = crawl(server, tmp_path, "-s", "CONCURRENT_REQUESTS=2", "-s", "NEWSCRAWL_REDIS_IDLE=15",
                       "-s", f"NEWSCRAWL_REDIS_LOST={LOST}", redis_url=redis_url)
        status, stderr = ended(writer, within=120)
        worker_status, worker_err = ended(helper, within=60)
        base = server.base_url
        served = list(server.served)
    assert server.stopped_at is not None, "the worker never asked for an article page: nothing was tested"
    assert "stopped beating" in stderr, stderr[-3000:]
    twice = {path for path, agent in served if agent == WORKER_AGENT} & {path for path, agent in served
                                                                          if agent != WORKER_AGENT}
    assert {path for path in twice if path.startswith("/a/")}, f"no page was fetched by both: {served}"
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    found = outcomes(summary, base)  # fails on a page with two outcomes
    assert {name for name, (kind, _) in found.items() if kind == "created"} >= set(STORIES), found
    assert found["not-found"][0] == "failed" and found["pdf"][0] == "dropped", found
    with sqlite3.connect(tmp_path / "archive" / ".newscrawl" / "state.sqlite") as db:
        posts = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert posts == len(STORIES) + 1, (posts, found)  # each story and the redirect's target: one post each
    assert worker_status == 0, worker_err[-3000:]
