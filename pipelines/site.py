"""SitePipeline: the pages around the posts — the site skeleton and one page per category.

The skeleton (config, layouts, index) is written when the crawl opens and the
archive has no site config yet; a user's own files are never overwritten.
Each category a post of this run created or updated belongs to gets its page
written (only when its bytes change) when the crawl closes, titled with the
category's label and served at its own link when it has one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.exceptions import NotConfigured

from newscrawl.archive import write_category_page
from newscrawl.archive.write import UNCHANGED
from newscrawl.archive.skeleton import ensure_skeleton
from newscrawl.items import ArticleItem
from pipelines.archive import archive_format

logger = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Shanghai"


class SitePipeline:
    """Write the skeleton at the start and the category pages of the posts that passed at the end."""

    def __init__(self, crawler, out: Path, fmt: str, skeleton: bool, base_url: str = ""):
        self.crawler = crawler
        self.out = out
        self.fmt = fmt
        self.skeleton = skeleton
        self.base_url = base_url.rstrip("/")
        self.categories: dict[str, tuple[str, str | None]] = {}  # slug -> (label, link), written at close

    @classmethod
    def from_crawler(cls, crawler) -> "SitePipeline":
        """Build the pipeline from NEWSCRAWL_OUT, _FORMAT, _SKELETON and _BASE_URL."""
        settings = crawler.settings
        if not settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to write")
        return cls(crawler, Path(settings.get("NEWSCRAWL_OUT")), archive_format(settings),
                   settings.getbool("NEWSCRAWL_SKELETON", True), settings.get("NEWSCRAWL_BASE_URL", ""))

    def open_spider(self) -> None:
        """Write a site skeleton when the archive has none (in the first profile's time zone)."""
        if not self.skeleton:
            return
        for path in ensure_skeleton(self.out, self.fmt, timezone=self._timezone(), base_url=self.base_url):
            logger.info("wrote site skeleton file %s", path)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Remember the category of a created or updated post for its page; return the item."""
        if item.status != UNCHANGED:  # an unchanged post leaves its category page alone too
            self.categories.setdefault(item.category, (item.category_name or item.category, item.category_url))
        return item

    def close_spider(self) -> None:
        """Create or update the page of every category written this run."""
        for slug, (label, link) in sorted(self.categories.items()):
            write_category_page(self.out, slug, label, self.fmt, link)

    def _timezone(self) -> str:
        profiles = getattr(self.crawler.spider, "profiles", None) or []
        return str(profiles[0].timezone) if profiles else DEFAULT_TIMEZONE
