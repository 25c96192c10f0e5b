"""Logging set-up for crawls: each response at INFO on request, one line per network failure.

Scrapy builds the log formatter (``LOG_FORMATTER``) once per crawler, after it
has configured logging, so this is where the crawl's logging is tuned for both
the ``newscrawl`` command and ``scrapy crawl``.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.logformatter import LogFormatter
from scrapy.utils.misc import load_object

from newscrawl.errors import ReportedError


class NetworkTracebackFilter(logging.Filter):
    """Drop the traceback of a record whose exception is an expected network failure."""

    def __init__(self, errors: tuple[type[BaseException], ...]):
        super().__init__()
        self.errors = errors

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record; strip its traceback when its exception is one of ``errors``."""
        if record.exc_info and isinstance(record.exc_info[1], self.errors):
            record.exc_info = None
            record.exc_text = None
        return True


class RobotsFailureFilter(logging.Filter):
    """Log a robots.txt that could not be downloaded at INFO, not ERROR.

    Scrapy then fetches the site's pages as if robots.txt allowed them, and a
    page that fails for the same reason (a refused connection) is reported by
    the spider's errback: one line per failure, not two.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record; lower a failed robots.txt download to INFO."""
        if record.levelno == logging.ERROR and str(record.msg).startswith("Error downloading"):
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"
MEDIA_LOGGER = "scrapy.pipelines.media"


class ReportedFailureFilter(logging.Filter):
    """Drop a record whose exception is a :class:`ReportedError`: it was logged in one line where raised.

    Scrapy's media pipeline logs every failed download with its traceback;
    the pictures pipeline reports each failure itself, in one line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record unless it carries a ReportedError."""
        error = record.exc_info[1] if record.exc_info else getattr(record.msg, "value", None)
        return not isinstance(error, ReportedError)


def quiet_reported_media_failures() -> None:
    """Add a :class:`ReportedFailureFilter` to Scrapy's media pipeline logger, once."""
    media = logging.getLogger(MEDIA_LOGGER)
    if not any(isinstance(f, ReportedFailureFilter) for f in media.filters):
        media.addFilter(ReportedFailureFilter())


def quiet_robots_failures() -> None:
    """Add a :class:`RobotsFailureFilter` to Scrapy's robots.txt logger, once."""
    robots = logging.getLogger(ROBOTS_LOGGER)
    if not any(isinstance(f, RobotsFailureFilter) for f in robots.filters):
        robots.addFilter(RobotsFailureFilter())


def network_errors(settings) -> tuple[type[BaseException], ...]:
    """Return the exception classes Scrapy retries (RETRY_EXCEPTIONS): the expected network failures."""
    errors = []
    for name in settings.getlist("RETRY_EXCEPTIONS"):
        try:
            errors.append(load_object(name) if isinstance(name, str) else name)
        except (ImportError, AttributeError, NameError, ValueError):
            continue  # an add-on's class that is not installed here cannot be raised either
    return tuple(e for e in errors if isinstance(e, type))


def hide_network_tracebacks(errors: tuple[type[BaseException], ...]) -> None:
    """Add a :class:`NetworkTracebackFilter` to every root handler that has none."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, NetworkTracebackFilter) for f in handler.filters):
            handler.addFilter(NetworkTracebackFilter(errors))


class NewsLogFormatter(LogFormatter):
    """Scrapy's log formatter, with responses at INFO when NEWSCRAWL_LOG_REQUESTS is on."""

    def __init__(self, log_requests: bool = False, hidden: tuple[type[BaseException], ...] = ()):
        super().__init__()
        self.log_requests = log_requests
        self.hidden = hidden  # exceptions logged without their traceback

    @classmethod
    def from_crawler(cls, crawler) -> "NewsLogFormatter":
        """Build the formatter; hide network tracebacks unless NEWSCRAWL_LOG_TRACEBACKS or DEBUG."""
        settings = crawler.settings
        debug = str(settings.get("LOG_LEVEL")).upper() == "DEBUG"
        hidden = () if settings.getbool("NEWSCRAWL_LOG_TRACEBACKS") or debug else network_errors(settings)
        formatter = cls(settings.getbool("NEWSCRAWL_LOG_REQUESTS"), hidden)
        quiet_robots_failures()
        # Scrapy installs the crawl's own root handler after building this formatter.
        crawler.signals.connect(formatter.spider_opened, signal=signals.spider_opened)
        return formatter

    def spider_opened(self, spider) -> None:
        """Filter the root handlers now that Scrapy has installed them."""
        if self.hidden:
            hide_network_tracebacks(self.hidden)

    def item_error(self, item, exception, response, spider):
        """Return one line naming the item's URL; an expected failure (already logged) only at DEBUG."""
        url = getattr(item, "url", None) or getattr(response, "url", "?")
        if isinstance(exception, ReportedError):
            return {"level": logging.DEBUG, "msg": "post failed: %(url)s: %(reason)s",
                    "args": {"url": url, "reason": exception.reason}}
        return {"level": logging.ERROR, "msg": "post failed: %(url)s: %(error)s",
                "args": {"url": url, "error": f"{exception.__class__.__name__}: {exception}"}}

    def crawled(self, request, response, spider):
        """Return Scrapy's 'Crawled (200) <GET …>' entry, at INFO when requests are logged."""
        entry = super().crawled(request, response, spider)
        if self.log_requests:
            entry["level"] = logging.INFO
        return entry
