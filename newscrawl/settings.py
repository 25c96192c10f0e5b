"""Scrapy settings for newscrawl: the one place project keys are defined.

Scrapy's own keys are set here, each with a comment. Every ``NEWSCRAWL_*`` key
comes from the typed registry (``newscrawl/settings_registry.py``: kind, range,
default, one line of documentation). Override per run with ``-s NAME=VALUE``
(scrapy or newscrawl CLI); the value is checked against its kind first.
"""

from newscrawl import __version__
from newscrawl.settings_registry import newscrawl_defaults

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# --- Politeness -----------------------------------------------------------
# A descriptive User-Agent: site operators can see who we are and where to read more.
USER_AGENT = f"newscrawl/{__version__} (+https://github.com/newscrawl/newscrawl; news archiver)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Outputs of one response handled at once. A page yields one article item, or a
# listing's few dozen links; Scrapy's 100 costs 100 asyncio tasks per response.
CONCURRENT_ITEMS = 16
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2

# --- Off: nothing listens on a port during a crawl --------------------------
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "newscrawl.extensions.progress.ProgressReporter": 500,
    "newscrawl.extensions.report.RunReport": 510,
    "newscrawl.extensions.state.StateExtension": 520,
    "newscrawl.extensions.lock.ArchiveLock": 100,
    "newscrawl.extensions.processes.ProcessPool": 300,
    # A stop (SIGTERM/SIGINT, the watchdog) ends a run within seconds, forced if work in hand does not end.
    "newscrawl.extensions.stopping.RunStopper": 110,
    # Fails a run that makes no progress for NEWSCRAWL_STALL_TIMEOUT seconds.
    "newscrawl.extensions.watchdog.StallWatchdog": 120,
}

# --- Downloader: mirrors fetch public URLs from local prefixes -----------------
# Mirrors go before robots.txt (100), so robots.txt is asked of the host actually
# fetched. Scrapy's retry and redirect middlewares are replaced by subclasses in
# their places (newscrawl/downloader/): retries wait for Retry-After; redirects
# stay on the profile's hosts and out of loops; a meta refresh to javascript: is ignored,
# and only pages whose top mentions a refresh are decoded to look for one. robots.txt
# binds the requests that wait while it is fetched too (Scrapy lets them through).
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.mirrors.MirrorMiddleware": 40,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.downloader.robots.SharedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.downloader.retryafter.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.downloader.redirects.SiteMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.downloader.redirects.SiteRedirectMiddleware": 600,
    # A 304 to a conditional re-check ends there: no parse, no write.
    "newscrawl.downloader.conditional.ConditionalRequestMiddleware": 560,
    # Every response kept in WARC files when NEWSCRAWL_WARC is set: next to the downloader,
    # so it sees requests as sent and responses as received (redirects, 304s, compressed bodies).
    "newscrawl.warc.middleware.WarcMiddleware": 990,
}
# Responses larger than this are cancelled (a sitemap may reach 50 MB by its protocol).
# Article pages are told apart by canonical URL (a redirect too), other requests by Scrapy's fingerprint.
REQUEST_FINGERPRINTER_CLASS = "newscrawl.spiders.fingerprints.ArticleFingerprinter"
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# --- Pipelines: clean, validate, de-duplicate, decide (state), pictures, site pages, write --
# The category page goes before the post, so no post on disk ever lacks its page. Pictures are
# kept before the post is written, so the post can point at their files.
ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.decide.DecidePipeline": 400,
    "pipelines.pictures.PicturesPipeline": 600,
    "pipelines.pagefiles.PageFilesPipeline": 650,  # an e-paper page's PDF and image (epaper.page_files)
    "pipelines.site.SitePipeline": 700,
    "pipelines.archive.ArchivePipeline": 800,
}
# The pictures pipeline (Scrapy's FilesPipeline) follows redirects through the guarded redirect
# middleware (loops refused) instead of failing on every 3xx: CDNs redirect.
MEDIA_ALLOW_REDIRECTS = True

# --- Add-ons: components that configure others for the run at hand ---------
# RenderAddon plugs Chromium in only when a profile or the run asks for rendering.
ADDONS = {
    # DiskQueueAddon: requests waiting to be fetched beyond NEWSCRAWL_PENDING_REQUESTS spill to
    # Scrapy's disk queue (a folder made for the run): memory stays flat whatever a sitemap
    # lists, and no callback ever waits for the scheduler. Before RedisAddon, whose queue wins.
    "newscrawl.extensions.diskqueue.DiskQueueAddon": 50,
    "newscrawl.render.addon.RenderAddon": 100,
    # RedisAddon shares the crawl through Redis (scrapy-redis) when NEWSCRAWL_REDIS is set.
    "newscrawl.distributed.addon.RedisAddon": 200,
    # WarcAddon answers every request from WARC files when NEWSCRAWL_WARC_SOURCE names some
    # (crawl warc:PATH, archive reextract); before RenderAddon, since it turns rendering off.
    "newscrawl.warc.source.WarcAddon": 50,
}

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# --- Logging: one line per problem -------------------------------------------
# `scrapy crawl` checks arguments, settings and paths before the first request.
COMMANDS_MODULE = "newscrawl.commands"
# Responses logged at INFO with NEWSCRAWL_LOG_REQUESTS; network tracebacks hidden.
LOG_FORMATTER = "newscrawl.logs.NewsLogFormatter"
# pipelines/drops.py logs each drop as one line with its URL; Scrapy's own
# message (with the whole item) is left for DEBUG.
DEFAULT_DROPITEM_LOG_LEVEL = "DEBUG"
# The spider's errback logs each request that finally failed, with its URL.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"

# --- newscrawl --------------------------------------------------------------
# Every NEWSCRAWL_* setting, with its kind, range or choices, default and one line of
# documentation, is in newscrawl/settings_registry.py; the checks before the first request
# and the README's settings table come from there too. (An article page is read up to
# NEWSCRAWL_ARTICLE_MAXSIZE: real articles are well under 1 MB, and a page of many MB is a
# fault, not news. Chromium runs with --no-sandbox since the crawl may run as root in a
# container, and without calls home, which on a closed network also stall the browser.)
globals().update(newscrawl_defaults())
