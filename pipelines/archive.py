"""ArchivePipeline: render each item as a post and write it into the archive."""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from scrapy.exceptions import NotConfigured

from newscrawl import signals
from newscrawl.archive import (
    category_path,
    ensure_skeleton,
    post_path,
    render_category_page,
    render_post,
    resolve_inside,
    write_text_atomic,
)
from newscrawl.items import ArticleItem
from newscrawl.state import content_fingerprint, decide_write
from newscrawl.state.decide import DROPPED, UNCHANGED
from pipelines.drops import drop

logger = logging.getLogger(__name__)

FORMATS = ("jekyll", "hugo")


class ArchivePipeline:
    """Write posts and category pages; the rendering is pure, the write atomic."""

    def __init__(self, crawler, out: Path, fmt: str, base_url: str, skeleton: bool):
        self.crawler = crawler
        self.out = out
        self.fmt = fmt
        self.base_url = base_url.rstrip("/")
        self.skeleton = skeleton
        self.categories: dict[str, tuple[str, str | None]] = {}  # slug -> (label, link), written at close

    @classmethod
    def from_crawler(cls, crawler) -> "ArchivePipeline":
        """Build the pipeline from NEWSCRAWL_OUT, _FORMAT, _BASE_URL and _SKELETON."""
        settings = crawler.settings
        out = settings.get("NEWSCRAWL_OUT")
        if not out:
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to write")
        fmt = settings.get("NEWSCRAWL_FORMAT", "jekyll")
        if fmt not in FORMATS:
            raise ValueError(f"NEWSCRAWL_FORMAT: {fmt!r} is not one of {', '.join(FORMATS)}")
        return cls(crawler, Path(out), fmt, settings.get("NEWSCRAWL_BASE_URL", ""),
                   settings.getbool("NEWSCRAWL_SKELETON", True))

    def open_spider(self) -> None:
        """Create the archive folder and, when it has none, a site skeleton."""
        self.out.mkdir(parents=True, exist_ok=True)
        if self.skeleton:
            timezone = _profile_timezone(self.crawler.spider)
            for path in ensure_skeleton(self.out, self.fmt, timezone=timezone, base_url=self.base_url):
                logger.info("wrote site skeleton file %s", path)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Write ``item``'s post (only if its bytes changed) and return the item.

        With state, the store decides where the post lives (a story never
        moves) and drops stories already archived under another id or pruned.
        """
        state = getattr(self.crawler.spider, "state", None)
        rel = post_path(item, self.fmt)
        key, fingerprint = f"{item.site}:{item.id}", content_fingerprint(item.title, item.paragraphs)
        if state is not None:
            decision = decide_write(state, key, fingerprint, rel)
            if decision.kind == DROPPED:
                state.record_url(item.url, decision.existing.key if decision.existing else None)
                raise drop(self.crawler, item, decision.reason)
            rel = PurePosixPath(decision.path)
        target = resolve_inside(self.out, rel)
        if state is not None and decision.kind == UNCHANGED and target.exists():
            status = UNCHANGED  # same story: the archived file stays as it is (adopted posts too)
        else:
            status = write_text_atomic(target, render_post(item, base_url=self.base_url, fmt=self.fmt))
        if state is not None:
            state.upsert_article(key, item.url, fingerprint, rel, item.published)
        self.crawler.stats.inc_value(f"newscrawl/posts_{status}")
        if status != UNCHANGED:  # an unchanged post leaves its category page alone too
            self.categories.setdefault(item.category, (item.category_name or item.category, item.category_url))
        self.crawler.signals.send_catch_log(signals.post_written, item=item, path=str(rel), status=status)
        return item

    def close_spider(self) -> None:
        """Create or update the category page of every category written this run."""
        for slug, (label, link) in sorted(self.categories.items()):
            path = resolve_inside(self.out, category_path(slug, self.fmt))
            write_text_atomic(path, render_category_page(slug, label, self.fmt, link))


def _profile_timezone(spider) -> str:
    """Return the time zone name of the crawl's first profile (Asia/Shanghai if none)."""
    profiles = getattr(spider, "profiles", None) or []
    return str(profiles[0].timezone) if profiles else "Asia/Shanghai"
