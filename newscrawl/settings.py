"""Scrapy settings for newscrawl: the one place project keys are defined.

Every ``NEWSCRAWL_*`` key has its default here with a comment saying what it
does. Override per run with ``-s NAME=VALUE`` (scrapy or newscrawl CLI).
"""

from newscrawl import __version__

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
# and only pages whose top mentions a refresh are decoded to look for one.
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.mirrors.MirrorMiddleware": 40,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.downloader.retryafter.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.downloader.redirects.SiteMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawl.downloader.redirects.SiteRedirectMiddleware": 600,
    # A 304 to a conditional re-check ends there: no parse, no write.
    "newscrawl.downloader.conditional.ConditionalRequestMiddleware": 560,
}
# The longest Retry-After (seconds) a retry waits for; a server asking for more is given up on.
NEWSCRAWL_RETRY_AFTER_MAX = 60
# Responses larger than this are cancelled (a sitemap may reach 50 MB by its protocol).
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
# An article page larger than this is not read (dropped as too large; half of it logs a warning):
# real articles are well under 1 MB, and a page of many MB is a fault, not news.
NEWSCRAWL_ARTICLE_MAXSIZE = 8 * 1024 * 1024

# --- Pipelines: clean, validate, de-duplicate, decide (state), site pages, write --
# The category page goes before the post, so no post on disk ever lacks its page.
ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.decide.DecidePipeline": 400,
    "pipelines.site.SitePipeline": 700,
    "pipelines.archive.ArchivePipeline": 800,
}

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
# Folder the archive is written to (posts, category pages, site skeleton).
NEWSCRAWL_OUT = "data"
# Archive format: "jekyll" (the seed's shape) or "hugo".
NEWSCRAWL_FORMAT = "jekyll"
# Public base URL of the archive site, used in each post's back-links line
# (the seed uses a scheme-relative "//host"). No trailing slash.
NEWSCRAWL_BASE_URL = ""
# Extra folders searched for site profiles (*.yaml) before the built-in ones.
NEWSCRAWL_PROFILE_DIRS = []
# Fetch every profile's base_url from this prefix instead (the demo serves on a
# random local port): a mirror "<base_url>=<this>" for each profile.
NEWSCRAWL_BASE_URL_OVERRIDE = None
# Mirrors, as "PUBLIC_PREFIX=LOCAL_PREFIX" strings: URLs under PUBLIC_PREFIX are
# downloaded from LOCAL_PREFIX, while posts, state and the run summary keep the
# public URLs (tests, local copies, proxies of a multi-host profile).
NEWSCRAWL_MIRRORS = []
# Stop after this many articles have been scheduled (0 = no limit).
NEWSCRAWL_LIMIT = 0
# Write a site skeleton (config, layouts, index) when the output folder has none.
NEWSCRAWL_SKELETON = True
# Print a live progress line on stderr when it is a terminal.
NEWSCRAWL_PROGRESS = True
# Keep crawl state (URLs seen, articles written, runs) so that runs are incremental.
NEWSCRAWL_STATE_ENABLED = True
# Path of the state database; empty means <NEWSCRAWL_OUT>/.newscrawl/state.sqlite.
NEWSCRAWL_STATE = ""
# Re-fetch archived articles published less than this many hours ago (0: never);
# a profile's recheck_hours takes precedence. Articles get corrected after publication.
# (An article whose sitemap <lastmod>, feed <updated>/<pubDate> or API record time is
# newer than our last look is re-fetched too; re-checks are conditional requests.)
NEWSCRAWL_RECHECK_HOURS = 0
# Fetch again the articles earlier runs dropped (no date, not HTML, too large …), which
# are otherwise left alone until their sitemap, feed or API record says they changed.
NEWSCRAWL_RETRY_DROPPED = False
# Exit with status 4 (not 0) when a run finished without creating or updating a post
# (newscrawl --exit-nothing-new; `scrapy crawl news -s NEWSCRAWL_EXIT_NOTHING_NEW=True`).
NEWSCRAWL_EXIT_NOTHING_NEW = False
# Also write the posts created or updated by a run as JSON Lines to this file.
NEWSCRAWL_JSONL = ""
# Write --format's posts into an archive that holds the other generator's site
# (normally refused before the first request: two sites would sit side by side).
NEWSCRAWL_FORCE_FORMAT = False
# Log every response ("Crawled (200) <GET …>") at INFO instead of DEBUG (newscrawl -v).
NEWSCRAWL_LOG_REQUESTS = False
# Log tracebacks of expected network failures (DNS, refused, timeouts: RETRY_EXCEPTIONS);
# off, each is one line. LOG_LEVEL=DEBUG shows them too.
NEWSCRAWL_LOG_TRACEBACKS = False
# Fail a run that makes no progress for this many seconds (no page answered or failed, no
# request scheduled, no item written or dropped): a server that never answers, a helper
# that hangs. Every article still open is listed as failed with the reason (0: never).
# Keep it above DOWNLOAD_TIMEOUT and NEWSCRAWL_RETRY_AFTER_MAX: each answer is progress.
NEWSCRAWL_STALL_TIMEOUT = 300
# Hold the archive's run lock during a crawl, so that two runs never write one
# archive at once (the newscrawl command takes it itself and turns this off).
NEWSCRAWL_LOCK = True

# --- Speed -------------------------------------------------------------------
# Processes that extract article pages, off the reactor's thread; posts are rendered
# and written in one more (-1: one per core; 0: everything in the crawl's own thread).
NEWSCRAWL_PROCESSES = -1
# Requests kept in memory while they wait to be fetched; more (a sitemap of 50,000) wait
# in Scrapy's disk queue, in a folder made for the run and removed at its end, so memory
# stays flat whatever a page lists (0: all in memory, no disk queue).
NEWSCRAWL_PENDING_REQUESTS = 1000
# Threads of the writing process (each post written, flushed to disk and renamed into
# place): the disk's waits overlap instead of holding up the crawl.
NEWSCRAWL_WRITE_THREADS = 8

# --- Distributed crawls on Redis (scrapy-redis), off by default ---------------
# redis://HOST:PORT/DB of a crawl shared between one writer (the run that holds the
# archive: `newscrawl crawl --redis`) and workers anywhere (`newscrawl worker --redis`).
NEWSCRAWL_REDIS = ""
# This process's part: "writer" (writes posts and state; the crawl command) or "worker".
NEWSCRAWL_REDIS_ROLE = "writer"
# Prefix of the crawl's keys: one archive's crawl per prefix (or per database) on one Redis.
NEWSCRAWL_REDIS_KEY = "newscrawl"
# Seconds the crawl must stay idle (nothing queued or on loan, nothing handed in)
# before the writer and the workers stop by themselves.
NEWSCRAWL_REDIS_IDLE = 10
# Seconds without a heartbeat after which a process is taken for dead and the
# requests it took are queued again for the others.
NEWSCRAWL_REDIS_LOST = 15

# --- Rendering pages in headless Chromium (off by default) ------------------
# A profile's `render: articles|listings|all` key asks for its pages to be rendered
# (scripts run, the DOM's HTML is extracted). This setting adds to every profile
# for one run (`newscrawl crawl --render [articles|listings|all]`): "" leaves it
# to each profile; "articles", "listings" or "all" render those pages everywhere;
# "none" renders nothing, whatever the profiles say.
NEWSCRAWL_RENDER = ""
# The Chromium binary Playwright drives: Debian's `chromium` package (no browser
# is downloaded; `playwright install` is never needed).
NEWSCRAWL_CHROMIUM = "/usr/bin/chromium"
# Chromium's flags. --no-sandbox: the crawl may run as root in a container.
# --disable-background-networking/-component-update/-sync: no calls home (on a
# closed network they also stall the browser). Playwright adds a fresh, empty
# --user-data-dir of its own to every launch.
NEWSCRAWL_CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Seconds to wait for the browser to start, and for a page to load.
NEWSCRAWL_RENDER_TIMEOUT = 30
# After a page's load event, wait up to this many seconds for its network to go
# quiet (scripts that fetch the article text), then read the DOM as it is.
NEWSCRAWL_RENDER_SETTLE = 5
# Pages rendered at once (each one is a browser tab).
NEWSCRAWL_RENDER_PAGES = 4
# Resource types a rendered page does not load: text needs none of them.
NEWSCRAWL_RENDER_BLOCK = ["image", "media", "font"]
# check --live: article pages a live check fetches per profile before it stops
# following links (every link a page offers is still counted).
NEWSCRAWL_CHECK_ARTICLES = 3
