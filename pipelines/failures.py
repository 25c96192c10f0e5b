"""Failed writes: one clear reason per post, and a crawl stopped once the archive cannot take posts.

A write that fails because of the archive itself (disk full, read-only, no
permission, ``_posts`` not a folder) would fail every later post the same
way, so the first one stops the crawl with one line; the items still on
their way fail quietly with the same reason (each is still listed under
``failed`` in the run summary).
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from scrapy.utils.defer import deferred_from_coro

from newscrawl.errors import ReportedError

logger = logging.getLogger(__name__)

#: errno values that say the archive cannot take any post, not just this one.
ARCHIVE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM,
                            errno.ENOTDIR, errno.EIO})
STOPPED_REASON = "archive_unwritable"  # the crawl's finish reason when the archive stopped it
_STOPPED_STAT = "newscrawl/archive_error"  # the first reason, kept in the stats for the run's closing line


class PostNotWritten(ReportedError):
    """A post could not be written or recorded; ``reason`` says why in one line."""


def write_error_reason(out: Path, target: Path, exc: OSError) -> str:
    """Return the one-line reason for a failed write: the file (relative to the archive) and the OS's words."""
    try:
        shown = Path(target).relative_to(out).as_posix()
    except ValueError:
        shown = str(target)
    return f"cannot write {shown}: {exc.strerror or exc}"


def write_failed(crawler, out: Path, target: Path, exc: OSError) -> PostNotWritten:
    """Log a failed write (stopping the crawl when the archive is at fault) and return the error to raise."""
    reason = write_error_reason(out, target, exc)
    if exc.errno in ARCHIVE_ERRNOS:
        stop_crawl(crawler, reason)
    else:
        logger.error("post not written: %s", reason)
    return PostNotWritten(reason)


def stop_crawl(crawler, reason: str) -> None:
    """Stop the crawl, saying why in one line; after the first call, only log at DEBUG."""
    if crawler.stats.get_value(_STOPPED_STAT):
        logger.debug("post not written: %s", reason)
        return
    crawler.stats.set_value(_STOPPED_STAT, reason)
    logger.error("%s; stopping the crawl: the archive cannot take posts", reason)
    deferred_from_coro(crawler.engine.close_spider_async(reason=STOPPED_REASON))
