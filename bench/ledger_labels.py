"""Which component of a crawl each module's code belongs to: the labels of bench/cpuledger.py.

Labels name components, not files: the crawl's side of the pool is the
hand-off, and so is the workers' loop. A module missing from a checkout
(``--compare`` with older code) is simply never wrapped.
"""

# Module -> label of every function and method it defines. Components, not files: the
# crawl's side of the pool is the hand-off, the workers' loop too.
LABELS = {
    "newscrawl.spiders.news": "spider (requests, responses to items)",
    "newscrawl.spiders.routing": "spider (requests, responses to items)",
    "newscrawl.spiders.outcomes": "spider (requests, responses to items)",
    "newscrawl.spiders.accounts": "spider: accounts of every page",
    "newscrawl.spiders.ledger": "spider: accounts of every page",
    "newscrawl.modes.sitemap": "crawl mode (sitemap read, article requests)",
    "newscrawl.modes.base": "crawl mode (sitemap read, article requests)",
    "newscrawl.modes.sitemap_parser": "crawl mode (sitemap read, article requests)",
    "newscrawl.extensions.processes": "hand-off: crawl side (pickle, pipes, answers)",
    "newscrawl.extensions.workers": "hand-off: crawl side (pickle, pipes, answers)",
    "newscrawl.extensions.jobs": "hand-off: crawl side (pickle, pipes, answers)",
    "newscrawl.extensions.handoff": "hand-off: crawl side (pickle, pipes, answers)",
    "newscrawl.extensions.report": "run report, progress, watchdog",
    "newscrawl.extensions.progress": "run report, progress, watchdog",
    "newscrawl.extensions.watchdog": "run report, progress, watchdog",
    "newscrawl.extensions.stopping": "run report, progress, watchdog",
    "newscrawl.extensions.diskqueue": "scheduler queue (newscrawl's)",
    "newscrawl.extensions.state": "state (SQLite reads and writes)",
    "newscrawl.state.store": "state (SQLite reads and writes)",
    "newscrawl.state.rechecks": "state (SQLite reads and writes)",
    "newscrawl.state.decide": "state (SQLite reads and writes)",
    "newscrawl.state.pictures": "state (SQLite reads and writes)",
    "newscrawl.state.records": "state (SQLite reads and writes)",
    "newscrawl.state.canonical": "canonical URLs and text fingerprints",
    "pipelines.clean": "pipelines: clean, validate, dedupe, decide",
    "pipelines.validate": "pipelines: clean, validate, dedupe, decide",
    "pipelines.dedupe": "pipelines: clean, validate, dedupe, decide",
    "pipelines.decide": "pipelines: clean, validate, dedupe, decide",
    "pipelines.drops": "pipelines: clean, validate, dedupe, decide",
    "pipelines.pictures": "pipelines: pictures, site, archive (crawl side)",
    "pipelines.site": "pipelines: pictures, site, archive (crawl side)",
    "pipelines.archive": "pipelines: pictures, site, archive (crawl side)",
    "newscrawl.archive.paths": "pipelines: pictures, site, archive (crawl side)",
    "newscrawl.archive.render": "render posts",
    "newscrawl.archive.frontmatter": "render posts",
    "newscrawl.archive.safety": "render posts",
    "newscrawl.archive.pictures": "render posts",
    "newscrawl.archive.write": "write posts (atomic, flushed)",
    "newscrawl.downloader.robots": "newscrawl's downloader middlewares",
    "newscrawl.downloader.retryafter": "newscrawl's downloader middlewares",
    "newscrawl.downloader.redirects": "newscrawl's downloader middlewares",
    "newscrawl.downloader.conditional": "newscrawl's downloader middlewares",
    "newscrawl.mirrors": "newscrawl's downloader middlewares",
    "newscrawl.warc.middleware": "WARC records",
    "newscrawl.warc.records": "WARC records",
    "newscrawl.warc.capture": "WARC records",
    "newscrawl.items": "items (build, convert)",
}
# Functions labelled on their own, whatever their module's label.
FUNCTIONS = {
    ("newscrawl.extract.article", "extract_article"): "extraction: the rest (walk, fields)",
    ("newscrawl.extract.parse", "parse_html"): "extraction: decode and lxml parse",
    ("newscrawl.extensions.jobs", "run_job"): "hand-off: worker side (unpickle, pickle)",
    ("newscrawl.extensions.workers", "serve"): "hand-off: worker side (pipes, loop)",
    ("newscrawl.extensions.processes", "publish_post"): "render posts",  # before issue 22's tasks module
    ("newscrawl.extensions.tasks", "publish_post"): "render posts",
    ("newscrawl.extensions.tasks", "text_fingerprint"): "canonical URLs and text fingerprints",
    ("newscrawl.state.canonical", "content_fingerprint"): "canonical URLs and text fingerprints",
}
IMPORTS = "imports (start-up)"
# Labels whose calls end by asking malloc for 4 KiB: glibc merges the small blocks freed before
# (an lxml tree: ~0.17 ms a page) at the next request of 1 KiB or more, which would charge
# the freeing of the tree to whatever runs next (the pickling of the answer).
SETTLE = {FUNCTIONS[("newscrawl.extract.article", "extract_article")]}
ROOT = {"start": "start-up (settings, profiles, pool, state)",
        "run": "Scrapy (engine, downloader, scheduler, signals)", "stop": "shutdown",
        "thread": "threads of Scrapy and libraries", "worker": "hand-off: worker side (pipes, loop)",
        "fork server": "fork server", "helper": "start-up (settings, profiles, pool, state)"}
