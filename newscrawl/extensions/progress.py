"""ProgressReporter: a live one-line status on a terminal's stderr."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class ProgressReporter:
    """Redraw ``pages · posts · drops · errors · rate`` once a second on a TTY."""

    def __init__(self, crawler, stream=None, interval: float = 1.0):
        self.stats = crawler.stats
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler) -> "ProgressReporter":
        """Build the reporter; NotConfigured unless NEWSCRAWL_PROGRESS and stderr is a TTY."""
        if not crawler.settings.getbool("NEWSCRAWL_PROGRESS") or not sys.stderr.isatty():
            raise NotConfigured  # no message: Scrapy would log a warning for a normal case
        reporter = cls(crawler)
        crawler.signals.connect(reporter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(reporter.spider_closed, signal=signals.spider_closed)
        return reporter

    def spider_opened(self, spider) -> None:
        """Start redrawing."""
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.draw)
        self.loop.start(self.interval, now=True)

    def spider_closed(self, spider, reason) -> None:
        """Stop redrawing and leave the last line on screen."""
        if self.loop and self.loop.running:
            self.loop.stop()
        self.draw()
        self.stream.write("\n")
        self.stream.flush()

    def line(self) -> str:
        """Return the current status line."""
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        posts = sum(get(f"newscrawl/posts_{s}", 0) for s in ("created", "updated", "unchanged"))
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return (f"pages {pages} · posts {posts} · drops {get('newscrawl/dropped', 0)}"
                f" · errors {get('newscrawl/failed', 0)} · {pages / elapsed:.1f} pages/s")

    def draw(self) -> None:
        """Overwrite the terminal line with the current status."""
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()
