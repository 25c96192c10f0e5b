"""ArchivePipeline: render each item as a post and write it into the archive.

Rendering is pure (:func:`newscrawl.archive.render_post`); the write is atomic
(flushed to disk before it is renamed into place) and skipped when the bytes
are unchanged, so an idempotent re-run moves no mtime. Both happen in the
crawl's writing process (:mod:`newscrawl.extensions.processes`), so that
neither the rendering nor the disk holds up the crawl. Each post is announced
with the ``post_written`` signal, which the run report and the state store
listen to, only once its file is in place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.exceptions import NotConfigured

from newscrawl import signals
from newscrawl.archive import check_format, post_path, resolve_inside
from newscrawl.archive.write import UNCHANGED
from newscrawl.extensions.processes import publish
from newscrawl.items import ArticleItem

logger = logging.getLogger(__name__)


def archive_format(settings) -> str:
    """Return NEWSCRAWL_FORMAT; raise ValueError naming the setting when it is not a known format."""
    fmt = settings.get("NEWSCRAWL_FORMAT", "jekyll")
    try:
        return check_format(fmt)
    except ValueError as exc:
        raise ValueError(f"NEWSCRAWL_FORMAT: {exc}") from exc


class ArchivePipeline:
    """Write each item's post at ``item.path`` (the format's default path when unset)."""

    def __init__(self, crawler, out: Path, fmt: str, base_url: str):
        self.crawler = crawler
        self.out = out
        self.fmt = fmt
        self.base_url = base_url.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler) -> "ArchivePipeline":
        """Build the pipeline from NEWSCRAWL_OUT, NEWSCRAWL_FORMAT and NEWSCRAWL_BASE_URL."""
        settings = crawler.settings
        out = settings.get("NEWSCRAWL_OUT")
        if not out:
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to write")
        return cls(crawler, Path(out), archive_format(settings), settings.get("NEWSCRAWL_BASE_URL", ""))

    def open_spider(self) -> None:
        """Create the archive folder."""
        self.out.mkdir(parents=True, exist_ok=True)

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        """Write ``item``'s post (only if its bytes changed), announce it and return the item.

        A story the state found unchanged keeps its archived file as it is
        (adopted posts too); ``item.status`` ends as what happened to the file.
        """
        rel = item.path or str(post_path(item, self.fmt))
        target = resolve_inside(self.out, rel)
        if item.status == UNCHANGED and target.exists():
            status = UNCHANGED
        else:
            status = await publish(self.crawler, target, item, self.base_url, self.fmt)
        item.status = status
        self.crawler.stats.inc_value(f"newscrawl/posts_{status}")
        self.crawler.signals.send_catch_log(signals.post_written, item=item, path=rel, status=status)
        return item
