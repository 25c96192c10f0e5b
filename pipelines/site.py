"""SitePipeline: the pages around the posts — the site skeleton and one page per category.

The skeleton (config, layouts, index) is written with the first post a run
writes, when the archive has no site config yet: a run that fetched or wrote
nothing leaves the folder without one. A user's own files are never overwritten.
A category's page is written (only when its bytes change) before the first
post of that category this run writes, titled with the category's label and
served at its own link when it has one. Written before the post, a page is
never missing for a post newscrawl wrote, however a run ends (a crash, a
kill, a full disk); a post left as it is leaves its category alone (an
adopted archive may have no category pages).
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.exceptions import NotConfigured

from newscrawl.archive import category_path, resolve_inside, write_category_page
from newscrawl.archive.skeleton import ensure_skeleton
from newscrawl.archive.write import UNCHANGED
from newscrawl.items import ArticleItem
from pipelines.archive import archive_format
from pipelines.failures import write_failed

logger = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Shanghai"


class SitePipeline:
    """Write the skeleton and each category's page before the first post of the run that needs them."""

    def __init__(self, crawler, out: Path, fmt: str, skeleton: bool, base_url: str = ""):
        self.crawler = crawler
        self.out = out
        self.fmt = fmt
        self.skeleton = skeleton  # still to be written (when the archive has none)
        self.base_url = base_url.rstrip("/")
        self.categories: set[str] = set()  # slugs whose page this run has written (or found as it is)

    @classmethod
    def from_crawler(cls, crawler) -> "SitePipeline":
        """Build the pipeline from NEWSCRAWL_OUT, _FORMAT, _SKELETON and _BASE_URL."""
        settings = crawler.settings
        if not settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to write")
        return cls(crawler, Path(settings.get("NEWSCRAWL_OUT")), archive_format(settings),
                   settings.getbool("NEWSCRAWL_SKELETON", True), settings.get("NEWSCRAWL_BASE_URL", ""))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Write the skeleton and the page of the item's category, the first time the run needs them.

        Returns the item; raises PostNotWritten when either cannot be written:
        the post is not written either.
        """
        if item.category in self.categories or self._kept(item):
            return item
        target = self.out
        try:
            self._write_skeleton()
            target = resolve_inside(self.out, category_path(item.category, self.fmt))
            write_category_page(self.out, item.category, item.category_name or item.category, self.fmt,
                                item.category_url)
        except OSError as exc:
            raise write_failed(self.crawler, self.out, target, exc) from exc
        self.categories.add(item.category)
        return item

    def _write_skeleton(self) -> None:
        """Write a site skeleton when the archive has none (in the first profile's time zone), once a run."""
        if not self.skeleton:
            return
        for path in ensure_skeleton(self.out, self.fmt, timezone=self._timezone(), base_url=self.base_url):
            logger.info("wrote site skeleton file %s", path)
        self.skeleton = False

    def _kept(self, item: ArticleItem) -> bool:
        """Return True when the item's post is archived and will be kept as it is."""
        return item.status == UNCHANGED and item.path is not None and resolve_inside(self.out, item.path).exists()

    def _timezone(self) -> str:
        profiles = getattr(self.crawler.spider, "profiles", None) or []
        return str(profiles[0].timezone) if profiles else DEFAULT_TIMEZONE
