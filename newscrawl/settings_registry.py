"""The typed registry of settings: every ``NEWSCRAWL_*`` one, and the Scrapy ones users pass with ``-s``.

Each :class:`Setting` has a kind, a range or choices, a default and one line of
documentation. ``newscrawl/settings.py`` takes its ``NEWSCRAWL_*`` defaults
from :data:`NEWSCRAWL_SETTINGS`, the checks before the first request
(``preflight.py``) ask :meth:`Setting.problem` of every value, and the
README's settings table is made from it (``python3 docs/settings_table.py``).

To add a setting, add one line to :data:`NEWSCRAWL_SETTINGS`, e.g.
``Setting("NEWSCRAWL_STALL_TIMEOUT", FLOAT, 300, "…", low=0, note="0: never")``,
then run ``python3 docs/settings_table.py`` to update the README.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

BOOL, INT, FLOAT, TEXT, CHOICE, LIST, DICT, URL = "bool", "int", "float", "text", "choice", "list", "dict", "url"
#: Text kinds that name paths: a folder the run writes, a file it writes, folders it reads.
FOLDER, FILE, FOLDERS = "folder", "file", "folders"
#: How each kind is named in a message and in the README's table.
KIND_WORDS = {BOOL: "True or False", INT: "whole number", FLOAT: "number", TEXT: "text", CHOICE: "one of",
              LIST: "comma-separated list", DICT: "JSON object", URL: "URL", FOLDER: "folder",
              FILE: "file", FOLDERS: "comma-separated folders"}
_TRUE, _FALSE = ("1", "True", "true"), ("0", "False", "false")


@dataclass(frozen=True)
class Setting:
    """One setting: its kind, what values it takes, its default and what it does."""

    name: str
    kind: str
    default: Any
    doc: str  # one line: what the setting does
    low: float | None = None  # smallest value allowed (numbers)
    above: float | None = None  # the value must be greater than this (numbers)
    choices: tuple[str, ...] = ()  # CHOICE: the values allowed; URL: the schemes allowed
    note: str = ""  # what special values mean, e.g. "0: no limit"

    def problem(self, value: Any) -> str | None:
        """Return what is wrong with ``value`` and what would be right, or None when it is fine.

        ``value`` is what a settings object holds: a string from ``-s`` or the
        typed value of a settings file.
        """
        if value is None:
            return None if self.default is None else f"is empty; {self.expected()}"
        try:
            parsed = self.parse(value)
        except ValueError as exc:
            return f"{exc}; {self.expected()}"
        if self.kind in (INT, FLOAT):
            if self.low is not None and parsed < self.low:
                return f"is less than {_plain(self.low)}; {self.expected()}"
            if self.above is not None and parsed <= self.above:
                return f"is not above {_plain(self.above)}; {self.expected()}"
        if self.kind == CHOICE and parsed not in self.choices:
            return f"is not one of the choices; {self.expected()}"
        return None

    def parse(self, value: Any) -> Any:
        """Return ``value`` as this setting's kind; raise ValueError saying what it is not."""
        if self.kind == BOOL:
            if isinstance(value, bool) or value in (0, 1):
                return bool(value)
            if str(value).strip() in _TRUE + _FALSE:
                return str(value).strip() in _TRUE
            raise ValueError("is not True or False")
        if self.kind == INT:
            return _whole_number(value)
        if self.kind == FLOAT:
            return _number(value)
        if self.kind == DICT:
            return _json_object(value)
        if self.kind == URL:
            return _url(value, self.choices)
        if self.kind in (LIST, FOLDERS):
            return value if isinstance(value, (list, tuple)) else [v for v in str(value).split(",") if v]
        if not isinstance(value, str):
            raise ValueError(f"is a {type(value).__name__}, not text")
        return value

    def expected(self) -> str:
        """Return what a right value looks like, e.g. 'give a whole number of 0 or more (0: no limit)'."""
        if self.kind == CHOICE:
            shown = ", ".join(repr(c) if c == "" else c for c in self.choices)
            return f"give one of {shown}{self._note()}"
        if self.kind == URL:
            return f"give a URL such as {self.choices[0]}://…{self._note()}"
        if self.kind == BOOL:
            return "give True or False (or 1 or 0)"
        if self.kind in (INT, FLOAT):
            return f"give {'a whole number' if self.kind == INT else 'a number'}{self.range_words()}{self._note()}"
        return f"give {KIND_WORDS[self.kind]}{self._note()}"

    def range_words(self) -> str:
        """Return the range in words (' of 0 or more', ' above 0'); empty when any value goes."""
        if self.above is not None:
            return f" above {_plain(self.above)}"
        return f" of {_plain(self.low)} or more" if self.low is not None else ""

    def _note(self) -> str:
        return f" ({self.note})" if self.note else ""


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _whole_number(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("is True or False, not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError("is not a whole number") from None


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("is True or False, not a number")
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValueError("is not a number") from None
    if math.isnan(number):
        raise ValueError("is not a number")
    return number


def _json_object(value: Any) -> dict:
    if isinstance(value, dict) or hasattr(value, "copy_to_dict"):
        return dict(value)
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        raise ValueError("is not JSON") from None
    if not isinstance(parsed, dict):
        raise ValueError("is not a JSON object")
    return parsed


def _url(value: Any, schemes: tuple[str, ...]) -> str:
    text = str(value).strip()
    if text and not any(text.lower().startswith(f"{s}://") for s in schemes):
        raise ValueError(f"is not a {' or '.join(f'{s}://' for s in schemes)} URL")
    return text


#: Every NEWSCRAWL_* setting, grouped as the README's table shows them.
NEWSCRAWL_SETTINGS: tuple[Setting, ...] = (
    # The archive and its output
    Setting("NEWSCRAWL_OUT", FOLDER, "data", "folder the archive is written to (posts, category pages, skeleton)"),
    Setting("NEWSCRAWL_FORMAT", CHOICE, "jekyll", "archive format: Jekyll's _posts/ (the seed's shape) or Hugo's "
            "content/posts/", choices=("jekyll", "hugo")),
    Setting("NEWSCRAWL_FORCE_FORMAT", BOOL, False, "write --format's posts even into an archive of the other "
            "generator (normally refused: two sites would sit side by side)"),
    Setting("NEWSCRAWL_BASE_URL", TEXT, "", "public URL of the archive site (https://host/path, //host/path or "
            "/path, no trailing slash), used in each post's back-links and the skeleton's baseurl"),
    Setting("NEWSCRAWL_SKELETON", BOOL, True, "write a site skeleton (config, layouts, index) with the first "
            "post, when the archive has none"),
    Setting("NEWSCRAWL_JSONL", FILE, "", "also write the posts a run created or updated as JSON Lines to this "
            "file", note="empty: none"),
    Setting("NEWSCRAWL_IMAGES", CHOICE, "", "what posts do with their pictures: keep them in the archive "
            "(assets/images/ or static/images/), link the paper's, or leave them out (newscrawl --images)",
            choices=("", "keep", "link", "none"), note="'': as each profile's images key says, else keep"),
    Setting("NEWSCRAWL_IMAGE_MAXSIZE", INT, 10 * 1024 * 1024, "bytes of a picture past which it is not read "
            "(not kept: its post links the paper's copy)", low=1),
    Setting("NEWSCRAWL_EXIT_NOTHING_NEW", BOOL, False, "exit with status 4, not 0, when a run created or updated "
            "no post (newscrawl --exit-nothing-new)"),
    # What is crawled
    Setting("NEWSCRAWL_PROFILE_DIRS", FOLDERS, [], "extra folders searched for site profiles (*.yaml) before the "
            "built-in ones"),
    Setting("NEWSCRAWL_LIMIT", INT, 0, "stop after this many articles have been scheduled", low=0,
            note="0: no limit"),
    Setting("NEWSCRAWL_BASE_URL_OVERRIDE", URL, None, "fetch every profile's base_url from this prefix instead "
            "(a mirror 'BASE_URL=THIS' for each profile; the demo's random port)",
            choices=("http", "https")),
    Setting("NEWSCRAWL_MIRRORS", LIST, [], "mirrors as 'PUBLIC_PREFIX=LOCAL_PREFIX': URLs under the public prefix "
            "are downloaded from the local one, while posts, state and summary keep the public URLs"),
    Setting("NEWSCRAWL_ARTICLE_MAXSIZE", INT, 8 * 1024 * 1024, "bytes of an article page past which it is not "
            "read (dropped as too large; half of it logs a warning)", low=1),
    Setting("NEWSCRAWL_RETRY_AFTER_MAX", FLOAT, 60, "the longest Retry-After (seconds) a retry waits for; a "
            "server asking for more is given up on", low=0),
    # Incremental runs
    Setting("NEWSCRAWL_STATE_ENABLED", BOOL, True, "keep crawl state (URLs seen, articles written, runs) so that "
            "runs are incremental"),
    Setting("NEWSCRAWL_STATE", FILE, "", "path of the state database", note="empty: "
            ".newscrawl/state.sqlite in NEWSCRAWL_OUT"),
    Setting("NEWSCRAWL_RECHECK_HOURS", FLOAT, 0, "re-fetch (conditionally) archived articles published less than "
            "this many hours ago; a profile's recheck_hours wins", low=0, note="0: never"),
    Setting("NEWSCRAWL_RECHECK", BOOL, False, "re-fetch (conditionally) every archived article of the run's "
            "date window the crawl reaches, whatever its age (newscrawl crawl --recheck: the site corrected "
            "something)"),
    Setting("NEWSCRAWL_RETRY_DROPPED", BOOL, False, "fetch again the articles earlier runs dropped (no date, not "
            "HTML, too large …), otherwise left alone until their source says they changed"),
    Setting("NEWSCRAWL_LOCK", BOOL, True, "hold the archive's run lock during a crawl (the newscrawl command "
            "takes it itself and turns this off)"),
    Setting("NEWSCRAWL_STALL_TIMEOUT", FLOAT, 300, "fail a run that makes no progress (no page answered or "
            "failed, no request scheduled, no item written or dropped) for this many seconds; keep it above "
            "DOWNLOAD_TIMEOUT and NEWSCRAWL_RETRY_AFTER_MAX", low=0, note="0: never"),
    # Logging
    Setting("NEWSCRAWL_PROGRESS", BOOL, True, "draw a live progress line on stderr when it is a terminal"),
    Setting("NEWSCRAWL_LOG_REQUESTS", BOOL, False, "log every response (`Crawled (200) <GET …>`) at INFO "
            "instead of DEBUG (newscrawl -v)"),
    Setting("NEWSCRAWL_LOG_TRACEBACKS", BOOL, False, "log the tracebacks of expected network failures (DNS, "
            "refused, timeouts); off, each is one line (LOG_LEVEL=DEBUG shows them too)"),
    # Speed
    Setting("NEWSCRAWL_PROCESSES", INT, -1, "processes that extract article pages off the reactor's thread, "
            "plus one that writes posts", low=-1, note="-1: one per core; 0: none, all in the crawl's thread"),
    Setting("NEWSCRAWL_PENDING_REQUESTS", INT, 1000, "requests kept in memory while they wait to be fetched; "
            "more (a sitemap of 50,000) wait in Scrapy's disk queue, in a folder made for the run and removed "
            "at its end", low=0, note="0: all in memory, no disk queue"),
    Setting("NEWSCRAWL_WRITE_THREADS", INT, 8, "threads of the writing process, so that the disk's waits "
            "overlap", low=1),
    # Keeping what was fetched (WARC)
    Setting("NEWSCRAWL_WARC", FOLDER, "", "keep every response the crawl fetches (with its request) in WARC "
            "files in this folder, for re-extraction (newscrawl crawl --warc)", note="empty: none"),
    Setting("NEWSCRAWL_WARC_MAXSIZE", INT, 1_000_000_000, "bytes of a WARC file past which the next record "
            "starts a new file", low=1),
    Setting("NEWSCRAWL_WARC_SOURCE", LIST, [], "answer every request from these WARC files, folders or globs "
            "instead of the network (newscrawl crawl warc:PATH)", note="empty: fetch from the network"),
    Setting("NEWSCRAWL_WARC_REEXTRACT", BOOL, False, "re-extract the archived articles found in "
            "NEWSCRAWL_WARC_SOURCE instead of crawling (newscrawl archive reextract)"),
    # Distributed crawls on Redis
    Setting("NEWSCRAWL_REDIS", URL, "", "redis://HOST:PORT/DB of a crawl shared by one writer and workers",
            choices=("redis", "rediss", "unix"), note="empty: no Redis"),
    Setting("NEWSCRAWL_REDIS_ROLE", CHOICE, "writer", "this process's part: the writer (posts and state; the "
            "crawl command) or a worker", choices=("writer", "worker")),
    Setting("NEWSCRAWL_REDIS_KEY", TEXT, "newscrawl", "prefix of the crawl's keys: one archive's crawl per "
            "prefix (or per database)"),
    Setting("NEWSCRAWL_REDIS_IDLE", FLOAT, 10, "seconds the crawl must stay idle (nothing queued, leased or "
            "sent by a worker) before everyone stops", above=0),
    Setting("NEWSCRAWL_REDIS_LOST", FLOAT, 15, "seconds without a heartbeat after which a process is taken for "
            "dead and its requests are queued again", above=0),
    # Rendering pages in headless Chromium (off by default)
    Setting("NEWSCRAWL_RENDER", CHOICE, "", "render these pages of every profile in Chromium for one run "
            "(newscrawl crawl --render)", choices=("", "articles", "listings", "all", "none"),
            note="'': as each profile says; none: nothing"),
    Setting("NEWSCRAWL_CHROMIUM", TEXT, "/usr/bin/chromium", "the Chromium binary Playwright drives (Debian's "
            "package; no browser is downloaded)"),
    Setting("NEWSCRAWL_CHROMIUM_ARGS", LIST, [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ], "Chromium's flags: no sandbox (the crawl may run as root in a container), no calls home"),
    Setting("NEWSCRAWL_RENDER_TIMEOUT", FLOAT, 30, "seconds to wait for the browser to start, and for a page "
            "to load", above=0),
    Setting("NEWSCRAWL_RENDER_SETTLE", FLOAT, 5, "seconds to wait after a page's load event for its network to "
            "go quiet before its DOM is read", low=0),
    Setting("NEWSCRAWL_RENDER_PAGES", INT, 4, "pages rendered at once (each one a browser tab)", low=1),
    Setting("NEWSCRAWL_RENDER_BLOCK", LIST, ["image", "media", "font"], "resource types a rendered page does "
            "not load"),
    # check --live
    Setting("NEWSCRAWL_CHECK_ARTICLES", INT, 3, "article pages 'check --live' fetches per profile before it "
            "stops following links", low=1),
)

#: Scrapy's settings users commonly pass with -s, typed for the checks (defaults: Scrapy's or settings.py's).
SCRAPY_SETTINGS: tuple[Setting, ...] = (
    Setting("DOWNLOAD_DELAY", FLOAT, None, "seconds between requests to one site", low=0),
    Setting("RANDOMIZE_DOWNLOAD_DELAY", BOOL, None, "vary DOWNLOAD_DELAY between 0.5 and 1.5 times"),
    Setting("CONCURRENT_REQUESTS", INT, None, "requests in flight at most", low=1),
    Setting("CONCURRENT_REQUESTS_PER_DOMAIN", INT, None, "requests in flight to one site at most", low=1),
    Setting("CONCURRENT_ITEMS", INT, None, "outputs of one response handled at once", low=1),
    Setting("DOWNLOAD_TIMEOUT", FLOAT, None, "seconds before a request is given up", above=0),
    Setting("DOWNLOAD_MAXSIZE", INT, None, "bytes past which a response is cancelled", low=0, note="0: no limit"),
    Setting("DOWNLOAD_WARNSIZE", INT, None, "bytes past which a response logs a warning", low=0),
    Setting("RETRY_ENABLED", BOOL, None, "retry failed requests"),
    Setting("RETRY_TIMES", INT, None, "retries of a failed request", low=0),
    Setting("ROBOTSTXT_OBEY", BOOL, None, "obey robots.txt"),
    Setting("USER_AGENT", TEXT, None, "the User-Agent header"),
    Setting("AUTOTHROTTLE_ENABLED", BOOL, None, "adapt the delay to the site's speed"),
    Setting("AUTOTHROTTLE_START_DELAY", FLOAT, None, "AutoThrottle's first delay (seconds)", low=0),
    Setting("AUTOTHROTTLE_MAX_DELAY", FLOAT, None, "AutoThrottle's longest delay (seconds)", low=0),
    Setting("AUTOTHROTTLE_TARGET_CONCURRENCY", FLOAT, None, "requests AutoThrottle aims to have in flight "
            "per site", above=0),
    Setting("DEPTH_LIMIT", INT, None, "links followed from a start page at most", low=0, note="0: no limit"),
    Setting("CLOSESPIDER_TIMEOUT", FLOAT, None, "seconds after which the crawl stops", low=0, note="0: never"),
    Setting("CLOSESPIDER_ITEMCOUNT", INT, None, "items after which the crawl stops", low=0, note="0: never"),
    Setting("CLOSESPIDER_PAGECOUNT", INT, None, "responses after which the crawl stops", low=0, note="0: never"),
    Setting("CLOSESPIDER_ERRORCOUNT", INT, None, "errors after which the crawl stops", low=0, note="0: never"),
    Setting("MEMUSAGE_LIMIT_MB", INT, None, "megabytes of memory past which the crawl stops", low=0),
    Setting("REDIRECT_MAX_TIMES", INT, None, "redirects followed at most", low=0),
    Setting("LOG_LEVEL", CHOICE, None, "the least severe log records shown",
            choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    Setting("LOG_ENABLED", BOOL, None, "log at all"),
    Setting("LOG_FILE", FILE, None, "write the log to this file instead of stderr"),
    Setting("JOBDIR", FOLDER, None, "keep the crawl's queue here, so that a stopped crawl can resume"),
)

SETTINGS: dict[str, Setting] = {s.name: s for s in (*NEWSCRAWL_SETTINGS, *SCRAPY_SETTINGS)}


def newscrawl_defaults() -> dict[str, Any]:
    """Return every NEWSCRAWL_* setting's default, as newscrawl/settings.py sets them."""
    return {s.name: list(s.default) if isinstance(s.default, list) else s.default for s in NEWSCRAWL_SETTINGS}


def settings_of_kind(*kinds: str) -> tuple[str, ...]:
    """Return the names of the registered settings of these kinds (e.g. FILE: the files a run writes)."""
    return tuple(s.name for s in SETTINGS.values() if s.kind in kinds)
