"""ArchivePipeline: render each item as a post and write it into the archive.

Rendering is pure (:func:`newscrawl.archive.render_post`); the write is atomic
and skipped when the bytes are unchanged, so an idempotent re-run moves no
mtime. Each post is announced with the ``post_written`` signal, which the run
report and the state store listen to; a post the state could not record
fails like a post that could not be written.

A story whose title and body are unchanged is rendered again when newscrawl
wrote its post, so a corrected date, author or source reaches the post (it is
then "updated"); a post newscrawl did not write (adopted from another system)
is left byte for byte as it is until its text really changes.

A write that fails fails its item with one clear reason (and stops the crawl
when the archive itself is at fault: see :mod:`pipelines.failures`).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from scrapy.exceptions import NotConfigured
from twisted.python.failure import Failure

from newscrawl import signals
from newscrawl.archive import check_format, post_path, render_post, resolve_inside, write_text_atomic
from newscrawl.archive.write import UNCHANGED, remove_temp_files
from newscrawl.extensions.state import StateExtension, article_key
from newscrawl.items import ArticleItem
from newscrawl.state import StateError
from pipelines.failures import PostNotWritten, stop_crawl, write_failed

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
        """Create the archive folder and remove temporary files a killed run left behind."""
        self.out.mkdir(parents=True, exist_ok=True)
        for path in remove_temp_files(self.out):
            logger.info("removed %s, left by an interrupted run", path)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Write ``item``'s post (only if its bytes changed), announce it and return the item.

        An unchanged story keeps the archived file of a post newscrawl did not
        write; ``item.status`` ends as what happened to the file. Raises
        PostNotWritten when the file cannot be written or recorded.
        """
        rel = item.path or str(post_path(item, self.fmt))
        target = resolve_inside(self.out, rel)
        rendered = None
        if item.status == UNCHANGED and target.exists() and not self._written_by_us(item):
            status = UNCHANGED
        else:
            text = render_post(item, base_url=self.base_url, fmt=self.fmt)
            status = self._write(target, text)
            rendered = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        item.status, item.path = status, rel
        self.crawler.stats.inc_value(f"newscrawl/posts_{status}")
        self._announce(item, rel, status, rendered)
        return item

    def _written_by_us(self, item: ArticleItem) -> bool:
        """Return True when the state says newscrawl wrote the item's post (it keeps the rendered bytes' hash)."""
        state = StateExtension.of(self.crawler)
        record = state.store.lookup_article(article_key(item)) if state is not None else None
        return record is not None and record.rendered is not None

    def _write(self, target: Path, text: str) -> str:
        """Write the post; raise PostNotWritten (stopping the crawl when the archive is at fault)."""
        try:
            return write_text_atomic(target, text)
        except OSError as exc:
            raise write_failed(self.crawler, self.out, target, exc) from exc

    def _announce(self, item: ArticleItem, rel: str, status: str, rendered: str | None) -> None:
        """Send ``post_written``; raise PostNotWritten when a listener (the state) could not record it.

        ``rendered`` hashes the bytes written (None: the archived file was kept
        as it is). A state that cannot record one post cannot record the next:
        the crawl stops.
        """
        results = self.crawler.signals.send_catch_log(signals.post_written, item=item, path=rel, status=status,
                                                      rendered=rendered, dont_log=StateError)
        for _, result in results:
            if isinstance(result, Failure):
                error = result.value
                reason = f"{rel} was written but not recorded in the state: {error}"
                if isinstance(error, StateError):
                    stop_crawl(self.crawler, reason)
                else:  # a listener's bug: logged with its traceback by send_catch_log
                    logger.error("post not recorded: %s", reason)
                raise PostNotWritten(reason)
