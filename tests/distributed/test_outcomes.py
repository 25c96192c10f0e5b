"""On Redis every way a taken request can end ends its lease, and the crawl ends by itself (issue 18, case 5).

A request taken from the shared queue ends in one of these ways, and each is
served by :class:`OutcomeServer`:

- its callback reads the page: a post (``flaky-500`` …), a page the spider
  drops (``pdf``, ``empty``), an item a pipeline drops (``year-0001``) or fails
  (``pipeline-error``), an exception while reading it (``callback-error``);
- its errback: a download that failed after its retries (``server-error``,
  ``reset``, ``truncated``), robots.txt (``robots-refused``), a response too
  large (``huge``, ``gzip-bomb``), a refused redirect (``off-host``,
  ``redirect-loop``), too many redirects (``redirect-chain``), a 404 (through
  the spider middlewares), a 304 to a re-check (``recheck``);
- a request that takes its place: a retry (``flaky-503``), a redirect
  (``moved``), or one the duplicate filter refuses (``moved-again``, whose
  target ``moved`` reached first).

Each crawl must end within seconds of NEWSCRAWL_REDIS_IDLE and account for
every page exactly as the same crawl does in one process. And nothing a
worker sends is lost when it is killed: a failure is in Redis before the
request it came from is acked.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import scrapy
import yaml

from newscrawl.distributed.keys import RedisKeys
from newscrawl.distributed.queue import ReliableQueue
from tests.distributed.outcome_site import EXTRA, SAME_TARGET, WORKER_AGENT, OutcomeServer
from tests.faults.server import FAULTS, FINAL_NAME, SLOW_FAULTS, Answer, ok
from tests.helpers import REPO
from tests.localsite import serving

pytestmark = pytest.mark.e2e

SLUG = "guzhang"
KEYS = RedisKeys("newscrawl")
IDLE = 1  # NEWSCRAWL_REDIS_IDLE of these crawls
ENDS_WITHIN = 90  # seconds: a crawl on Redis still running then never ends (it used to run forever)
FAST = {name: fault for name, fault in FAULTS.items() if name not in SLOW_FAULTS}
PIPELINES = {"pipelines.clean.CleanPipeline": 100, "pipelines.validate.ValidatePipeline": 200,
             "tests.distributed.outcome_site.PipelineBug": 250, "pipelines.dedupe.DedupePipeline": 300,
             "pipelines.decide.DecidePipeline": 400, "pipelines.site.SitePipeline": 700,
             "pipelines.archive.ArchivePipeline": 800}
CALLBACK_BUG = ["-s", "SPIDER_MIDDLEWARES=" + json.dumps({"tests.distributed.outcome_site.CallbackBug": 950})]
BUGS = [*CALLBACK_BUG, "-s", "ITEM_PIPELINES=" + json.dumps(PIPELINES)]  # a worker's one pipeline sends items
QUICK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=20", "-s", "REDIRECT_MAX_TIMES=4",
         "-s", f"NEWSCRAWL_REDIS_IDLE={IDLE}", "-s", "NEWSCRAWL_REDIS_LOST=3"]


def start(*args: str) -> subprocess.Popen:
    """Start ``python -m newscrawl ARGS`` (output to pipes)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.Popen([sys.executable, "-m", "newscrawl", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def ended(process: subprocess.Popen, within: float = ENDS_WITHIN) -> tuple[int, str]:
    """Return the status and stderr of ``process`` once it stops by itself; fail if it is still running."""
    try:
        _, stderr = process.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        pytest.fail(f"still running after {within:g} s, so it never ends by itself:\n{stderr[-3000:]}")
    return process.returncode, stderr


def write_profile(folder: Path, server: OutcomeServer) -> Path:
    """Write a listing profile of the outcome site, fetched as it is named (no mirror)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{SLUG}.yaml").write_text(yaml.safe_dump(
        {"name": "故障日报", "slug": SLUG, "timezone": "Asia/Shanghai", "base_url": server.base_url,
         "listing": {"start_urls": ["index.html"], "article_links": [r"/a/"]}}, allow_unicode=True), encoding="utf-8")
    return folder


def outcomes(summary: dict, base: str) -> dict[str, tuple[str, str]]:
    """Return each page's outcome by name (``a/<name>.html``): (kind, reason, or "" for a post)."""
    found: dict[str, tuple[str, str]] = {}
    for kind in ("created", "updated", "unchanged", "dropped", "failed"):
        for entry in summary[kind]:
            name = entry["url"].removeprefix(base).removeprefix("a/").removesuffix(".html")
            name = SAME_TARGET[0] if name in SAME_TARGET else name  # which one comes first varies
            assert name not in found, f"{name} has two outcomes: {found[name]} and {kind}: {summary}"
            found[name] = (kind, entry.get("reason", ""))
    return found


def crawl(server: OutcomeServer, work: Path, *extra: str, redis_url: str | None = None) -> subprocess.Popen:
    """Start the writer's crawl of the outcome site into ``work/archive`` (on ``redis_url`` when given)."""
    profiles = write_profile(work / "profiles", server)
    on_redis = ["--redis", redis_url] if redis_url else []
    return start("crawl", SLUG, "--profiles-dir", str(profiles), "--out", str(work / "archive"),
                 "--summary", str(work / "summary.json"), *on_redis, *QUICK, *BUGS, *extra)


def worker(redis_url: str, summary: Path, *extra: str) -> subprocess.Popen:
    """Start a worker; it waits up to 30 s for the writer's run, then stops IDLE s after the crawl is done."""
    return start("worker", "--redis", redis_url, "--summary", str(summary), *QUICK, *CALLBACK_BUG,
                 "-s", "NEWSCRAWL_REDIS_IDLE=30", "-s", f"USER_AGENT={WORKER_AGENT}", *extra)


@pytest.fixture(scope="module")
def outcome_site():
    """Serve the outcome site for the module."""
    with serving(OutcomeServer(FAST)) as server:
        yield server


@pytest.fixture(scope="module")
def in_one_process(outcome_site, tmp_path_factory):
    """Return the status and outcomes of the crawl of the outcome site in one process: what Redis must match."""
    work = tmp_path_factory.mktemp("one-process")
    status, stderr = ended(crawl(outcome_site, work))
    summary = json.loads((work / "summary.json").read_text(encoding="utf-8"))
    found = outcomes(summary, outcome_site.base_url)
    assert found["off-host"][0] == "dropped" and found["callback-error"][0] == "failed", stderr[-3000:]
    return status, found


def test_in_one_process_every_page_has_the_outcome_it_is_served_for(in_one_process):
    status, found = in_one_process
    assert status == 1  # the pipeline's bug fails the run
    expected = {**{name: want for name, (_, want) in FAST.items()}, **EXTRA}
    for name, want in expected.items():
        got = found.get(FINAL_NAME.get(name, name))
        assert got is not None, name
        if want == "created":
            assert got[0] == "created", (name, got)
        else:
            assert got[0] == want[0] and want[1] in got[1], (name, got)
    assert found["moved"][0] == "dropped" and "duplicate: redirects to" in found["moved"][1]


def test_a_writer_alone_on_redis_ends_and_accounts_for_every_outcome(outcome_site, in_one_process, redis_url,
                                                                       tmp_path):
    status, stderr = ended(crawl(outcome_site, tmp_path, redis_url=redis_url))
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert (status, outcomes(summary, outcome_site.base_url)) == in_one_process, stderr[-3000:]
    assert not redis.Redis.from_url(redis_url).keys("*")  # a finished run leaves nothing in Redis


def test_a_writer_and_a_worker_end_and_account_for_every_outcome(outcome_site, in_one_process, redis_url, tmp_path):
    helper = worker(redis_url, tmp_path / "worker.json")
    time.sleep(1)
    outcome_site.fast_agent, outcome_site.others_wait = WORKER_AGENT, 1.0  # the worker takes most pages
    try:
        status, stderr = ended(crawl(outcome_site, tmp_path, "-s", "CONCURRENT_REQUESTS=2", redis_url=redis_url))
        worker_status, worker_err = ended(helper)
    finally:
        outcome_site.fast_agent = None
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert (status, outcomes(summary, outcome_site.base_url)) == in_one_process, stderr[-3000:]
    by_worker = json.loads((tmp_path / "worker.json").read_text(encoding="utf-8"))
    # A process whose callback raised exits 1 (as a crawl in one process does): the worker only
    # when it was the one that read the page with the bug.
    read_the_bug = any(entry["url"].endswith("/callback-error.html") for entry in by_worker["failed"])
    assert worker_status == (1 if read_the_bug else 0), worker_err[-3000:]
    assert by_worker["extracted"] and by_worker["failed"] and by_worker["dropped"], worker_err[-3000:]
    assert not redis.Redis.from_url(redis_url).keys("*")


class _Callbacks(scrapy.Spider):
    """The names of the spider's callbacks an article request carries (to encode one as the crawl does)."""

    name = "news"

    def parse_article(self, response):
        return None

    def on_error(self, failure):
        return None


def test_a_request_given_up_because_its_takers_died_is_listed_as_failed(redis_url, tmp_path):
    """A page that killed every process that took it ends as a failure in the writer's summary, and the crawl ends."""
    with serving(OutcomeServer({"story": (lambda name, hit: ok(name), "created")}, extra=False)) as server:
        writer = crawl(server, tmp_path, "-s", "NEWSCRAWL_REDIS_IDLE=5", redis_url=redis_url)
        client = redis.Redis.from_url(redis_url)
        deadline = time.monotonic() + 30
        while not client.exists(KEYS.run) and time.monotonic() < deadline:
            time.sleep(0.1)
        poison = f"{server.base_url}a/poison.html"
        queue = ReliableQueue(client, _Callbacks(), KEYS.requests, keys=KEYS, consumer="test")
        spider = queue.spider
        request = scrapy.Request(poison, callback=spider.parse_article, errback=spider.on_error,
                                 meta={"article_url": poison, "page_kind": "article", "site": SLUG})
        client.rpush(KEYS.given_up, queue._encode_request(request))
        status, stderr = ended(writer)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    failed = {entry["url"]: entry["reason"] for entry in summary["failed"]}
    assert "every process that took it died" in failed.get(poison, ""), (summary, stderr[-3000:])
    assert [entry["url"] for entry in summary["created"]] == [f"{server.base_url}a/story.html"]
    assert not client.keys("*")


def test_a_one_url_crawl_redirected_off_the_site_ends_by_itself(outcome_site, redis_url, tmp_path):
    url = f"{outcome_site.base_url}a/off-host.html"
    runs = {}
    for where, on_redis in (("alone", []), ("redis", ["--redis", redis_url])):
        started = time.monotonic()
        status, stderr = ended(start("crawl", url, "--out", str(tmp_path / where), "--summary",
                                     str(tmp_path / f"{where}.json"), *on_redis, *QUICK), within=30)
        runs[where] = (status, json.loads((tmp_path / f"{where}.json").read_text(encoding="utf-8")),
                       time.monotonic() - started)
    (alone, alone_summary, alone_took), (status, summary, took) = runs["alone"], runs["redis"]
    assert [f["url"] for f in summary["failed"] + summary["dropped"]] == [url]
    assert (status, summary) == (alone, alone_summary)
    assert took < alone_took + IDLE + 15, (took, alone_took)


@pytest.mark.parametrize("helped", [False, True], ids=["alone", "with-a-worker"])
def test_rechecks_answered_304_on_redis_end_by_themselves(redis_url, tmp_path, helped):
    """A 304 ends its lease, and one a worker got reaches the writer's summary as unchanged."""
    pages = {f"recheck-{n}": (None, "unchanged") for n in range(10)}
    recheck = ["-s", f"NEWSCRAWL_RECHECK_HOURS={10 ** 6}", "-s", "CONCURRENT_REQUESTS=1"]
    with serving(OutcomeServer(pages, extra=False)) as server:
        status, stderr = ended(crawl(server, tmp_path))
        assert status == 0, stderr[-3000:]
        server.served.clear()
        helper = worker(redis_url, tmp_path / "worker.json") if helped else None
        if helper is not None:
            time.sleep(1)
            server.fast_agent, server.others_wait = WORKER_AGENT, 1.5  # the worker takes most
        status, stderr = ended(crawl(server, tmp_path, *recheck, redis_url=redis_url), within=45)
        if helper is not None:
            assert ended(helper)[0] == 0
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    urls = [f"{server.base_url}a/{name}.html" for name in pages]
    assert sorted(u["url"] for u in summary["unchanged"]) == urls, (summary, stderr[-3000:])
    assert status == 0 and not summary["created"] and not summary["failed"]
    asked = [(path, agent) for path, agent in server.served if path.startswith("/a/recheck-")]
    assert len(asked) == len(urls) and server.not_modified == len(urls)  # each asked once more: 304
    assert not helped or any(agent == WORKER_AGENT for _, agent in asked)


def leased_or_queued(client: redis.Redis, path: str) -> bool:
    """Return True while a request for ``path`` is queued or taken (and not acked) anywhere in the crawl."""
    needle = path.encode()
    if any(needle in member for member in client.zrange(KEYS.requests, 0, -1)):
        return True
    for raw in client.smembers(KEYS.consumers):
        if any(needle in lease for lease in client.hvals(KEYS.inflight(raw.decode()))):
            return True
    return False


@pytest.mark.parametrize("kind,answer", [
    ("failed", Answer(status=404, body=b"gone")),
    ("dropped", Answer(body=b"%PDF-1.4\n% not a news page\n", headers={"Content-Type": "application/pdf"})),
])
def test_a_worker_killed_right_after_a_failure_or_drop_loses_nothing(redis_url, tmp_path, kind, answer):
    """Kill the worker the moment its request for a bad page is acked: the outcome must be in Redis already."""
    bad = {f"bad-{n}": (lambda name, hit: answer, None) for n in range(8)}
    good = {f"good-{n}": (lambda name, hit: ok(name), "created") for n in range(24)}
    client = redis.Redis.from_url(redis_url)
    with serving(OutcomeServer({**bad, **good}, extra=False)) as server:
        server.fast_agent, server.others_wait = WORKER_AGENT, 0.5  # the writer is slow: the worker takes most
        helper = worker(redis_url, tmp_path / "worker.json", "-s", "CONCURRENT_REQUESTS=4")
        time.sleep(1)
        writer = crawl(server, tmp_path, "-s", "CONCURRENT_REQUESTS=1", redis_url=redis_url)
        path = first_bad_page_served_to_the_worker(server, timeout=60)
        deadline = time.monotonic() + 30
        while leased_or_queued(client, path) and time.monotonic() < deadline:
            time.sleep(0.002)
        helper.send_signal(signal.SIGKILL)
        helper.wait(timeout=30)
        status, stderr = ended(writer)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    listed = {e["url"].removeprefix(server.base_url) for e in summary[kind]}
    assert path.lstrip("/") in listed, (path, summary, stderr[-3000:])
    assert listed == {f"a/{name}.html" for name in bad}


def first_bad_page_served_to_the_worker(server: OutcomeServer, timeout: float) -> str:
    """Return the path of the first bad page the server answered the worker; fail if none within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path, agent in list(server.served):
            if agent == WORKER_AGENT and path.startswith("/a/bad-"):
                return path
        time.sleep(0.002)
    pytest.fail("the worker never fetched a bad page")
