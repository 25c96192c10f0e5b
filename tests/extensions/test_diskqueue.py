"""Requests waiting to be fetched are on disk, in a folder made for the run and removed with it."""

from __future__ import annotations

from pathlib import Path

import scrapy
from scrapy.utils.test import get_crawler

from newscrawl.extensions.diskqueue import SCHEDULER, DiskQueueAddon, DiskQueueScheduler
from newscrawl.runner import project_settings



class Spider(scrapy.Spider):
    name = "queued"

    def parse_article(self, response):
        pass

    def on_error(self, failure):
        pass


def open_scheduler(**settings) -> tuple[DiskQueueScheduler, scrapy.Spider]:
    """Return the scheduler of a crawler with ``settings``, open (a priority queue that needs no engine)."""
    crawler = get_crawler(Spider, {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue", **settings})
    spider = Spider()
    crawler.spider = spider
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    scheduler.open(spider)
    return scheduler, spider


def article(spider, n: int) -> scrapy.Request:
    url = f"http://paper.example/news/{n}.html"
    return scrapy.Request(url, callback=spider.parse_article, errback=spider.on_error,
                          meta={"site": "paper", "page_kind": "article", "article_url": url, "hints": {"title": "稿件"}})


def test_requests_wait_on_disk_in_a_folder_that_goes_with_the_crawl():
    scheduler, spider = open_scheduler()
    folder = Path(scheduler.dqdir)
    assert folder.is_dir() and folder.name == "requests.queue"
    for n in range(3000):
        scheduler.enqueue_request(article(spider, n))
    assert scheduler.stats.get_value("scheduler/enqueued/disk") == 3000
    assert not scheduler.stats.get_value("scheduler/enqueued/memory")
    assert sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) > 3000 * 200  # the requests are there
    first = scheduler.next_request()
    assert first.callback == spider.parse_article and first.meta["hints"] == {"title": "稿件"}
    scheduler.close("finished")
    assert not folder.parent.exists()


def test_a_jobdir_given_to_the_run_is_used_and_kept(tmp_path):
    scheduler, spider = open_scheduler(JOBDIR=str(tmp_path / "job"))
    scheduler.enqueue_request(article(spider, 1))
    scheduler.close("shutdown")
    assert (tmp_path / "job" / "requests.queue" / "active.json").is_file()


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
