"""RedisAddon: turn a crawl into the writer or a worker of a distributed crawl when NEWSCRAWL_REDIS is set."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

PKG = "newscrawl.distributed"
ROLES = ("writer", "worker")
# Next to the engine: it must see all the spider's output, after every other middleware,
# and each response first (before HttpErrorMiddleware, 50, may hand it to the errback).
LEASE_MIDDLEWARE_ORDER = 1
EXTENSION_ORDER = 530  # after the state (520), whose store the writer publishes


class RedisAddon:
    """Share the crawl's queue and dupefilter in Redis (scrapy-redis) and plug in the process's role.

    The writer keeps every item pipeline and adds the results of the workers
    to its start; a worker's only pipeline sends items to the writer, and its spider asks
    the archive the writer published.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RedisAddon":
        """Return the add-on when NEWSCRAWL_REDIS is set; NotConfigured otherwise."""
        if not crawler.settings.get("NEWSCRAWL_REDIS"):
            raise NotConfigured
        return cls()

    def update_settings(self, settings: BaseSettings) -> None:
        """Install the shared scheduler, the lease middleware and the role's components."""
        role = settings.get("NEWSCRAWL_REDIS_ROLE")
        if role not in ROLES:
            raise ValueError(f"NEWSCRAWL_REDIS_ROLE: {role!r} is not one of {', '.join(ROLES)}")
        settings.set("SCHEDULER", f"{PKG}.scheduler.SharedScheduler", "addon")
        settings.set("NEWSCRAWL_PENDING_REQUESTS", 0, "addon")  # the queue is in Redis, not in memory
        settings["SPIDER_MIDDLEWARES"][f"{PKG}.leases.LeaseMiddleware"] = LEASE_MIDDLEWARE_ORDER
        if role == "writer":
            settings["SPIDER_MIDDLEWARES"][f"{PKG}.writer.ResultsMiddleware"] = LEASE_MIDDLEWARE_ORDER + 1
            settings["EXTENSIONS"][f"{PKG}.writer.WriterRole"] = EXTENSION_ORDER
            return
        settings["SPIDER_MIDDLEWARES"][f"{PKG}.worker.WorkerStartMiddleware"] = LEASE_MIDDLEWARE_ORDER + 1
        settings["EXTENSIONS"][f"{PKG}.worker.WorkerRole"] = EXTENSION_ORDER
        settings["EXTENSIONS"][f"{PKG}.archived.PublishedArchive"] = EXTENSION_ORDER + 1
        pipelines = settings["ITEM_PIPELINES"]
        for name in list(pipelines):
            pipelines[name] = None
        pipelines[f"{PKG}.handoff.HandOffPipeline"] = 100
