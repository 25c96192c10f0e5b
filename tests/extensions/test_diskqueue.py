"""Requests waiting beyond NEWSCRAWL_PENDING_REQUESTS spill to disk, in a folder that goes with the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import scrapy
from scrapy.utils.test import get_crawler

from newscrawl.extensions.diskqueue import SCHEDULER, DiskQueueAddon, DiskQueueScheduler
from newscrawl.runner import project_settings
from tests.faults.disk import file_size_limit
from tests.helpers import REPO


class Spider(scrapy.Spider):
    name = "queued"

    def parse_article(self, response):
        pass

    def on_error(self, failure):
        pass


def open_scheduler(**settings) -> tuple[DiskQueueScheduler, scrapy.Spider]:
    """Return the scheduler of a crawler with ``settings``, open (a priority queue that needs no engine)."""
    crawler = get_crawler(Spider, {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
                                   "NEWSCRAWL_PENDING_REQUESTS": 100, **settings})
    spider = Spider()
    crawler.spider = spider
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    scheduler.open(spider)
    return scheduler, spider


def article(spider, n: int) -> scrapy.Request:
    url = f"http://paper.example/news/{n}.html"
    return scrapy.Request(url, callback=spider.parse_article, errback=spider.on_error,
                          meta={"site": "paper", "page_kind": "article", "article_url": url,
                                "hints": {"title": "稿件"}})


def drain(scheduler) -> list[scrapy.Request]:
    requests = []
    while (request := scheduler.next_request()) is not None:
        requests.append(request)
    return requests


def test_requests_past_the_limit_wait_on_disk_in_a_folder_that_goes_with_the_crawl():
    scheduler, spider = open_scheduler()
    folder = Path(scheduler.dqdir)
    assert folder.is_dir() and folder.name == "requests.queue"
    for n in range(3000):
        scheduler.enqueue_request(article(spider, n))
    stats = scheduler.stats
    assert (stats.get_value("scheduler/enqueued/memory"), stats.get_value("scheduler/enqueued/disk")) == (100, 2900)
    assert sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) > 2900 * 200  # the requests are there
    requests = drain(scheduler)
    assert sorted(r.url for r in requests) == sorted(article(spider, n).url for n in range(3000))
    assert {r.callback for r in requests} == {spider.parse_article}
    assert requests[-1].meta["hints"] == {"title": "稿件"}
    scheduler.close("finished")
    assert not folder.parent.exists()


def test_no_limit_keeps_every_request_in_memory_and_makes_no_folder():
    scheduler, spider = open_scheduler(NEWSCRAWL_PENDING_REQUESTS=0)
    assert scheduler.dqdir is None
    for n in range(300):
        scheduler.enqueue_request(article(spider, n))
    assert scheduler.stats.get_value("scheduler/enqueued/memory") == 300
    assert len(drain(scheduler)) == 300


def test_a_jobdir_given_to_the_run_is_used_and_kept(tmp_path):
    scheduler, spider = open_scheduler(JOBDIR=str(tmp_path / "job"), NEWSCRAWL_PENDING_REQUESTS=0)
    scheduler.enqueue_request(article(spider, 1))
    assert scheduler.stats.get_value("scheduler/enqueued/disk") == 1  # Scrapy's JOBDIR: everything on disk
    scheduler.close("shutdown")
    assert (tmp_path / "job" / "requests.queue" / "active.json").is_file()


FILL_UNDER_A_LIMIT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from tests.extensions.test_diskqueue import article, drain, open_scheduler
scheduler, spider = open_scheduler()
for n in range(3000):
    scheduler.enqueue_request(article(spider, n))
got = drain(scheduler)
print(json.dumps({"got": len(got), "error": scheduler.stats.get_value("newscrawl/queue_error"),
                  "disk": scheduler.stats.get_value("scheduler/enqueued/disk")}))
"""


def test_a_disk_that_fails_loses_what_waited_there_says_so_and_the_crawl_goes_on_in_memory():
    done = subprocess.run([sys.executable, "-c", FILL_UNDER_A_LIMIT, str(REPO)], capture_output=True, text=True,
                          timeout=120, preexec_fn=file_size_limit(64 * 1024), cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    lost = 3000 - result["got"]
    assert 0 < result["disk"] < 2900 and lost <= result["disk"]  # the disk took some, then failed
    assert result["error"] == ("the request queue on disk failed (OSError: [Errno 27] File too large); "
                               f"{lost} requests lost")


def test_the_addon_sets_the_scheduler_and_redis_or_the_command_line_win():
    settings = project_settings()
    DiskQueueAddon().update_settings(settings)
    assert settings.get("SCHEDULER") == SCHEDULER
    settings.set("SCHEDULER", "newscrawl.distributed.scheduler.SharedScheduler", "addon")  # RedisAddon, later
    assert settings.get("SCHEDULER") == "newscrawl.distributed.scheduler.SharedScheduler"
    given = project_settings({"SCHEDULER": "scrapy.core.scheduler.Scheduler"})
    DiskQueueAddon().update_settings(given)
    assert given.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert "newscrawl.extensions.diskqueue.DiskQueueAddon" in project_settings().getdict("ADDONS")
