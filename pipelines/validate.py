"""ValidatePipeline: drop items that lack what a post needs, saying why."""

from __future__ import annotations

from newscrawl.items import ArticleItem
from pipelines.drops import drop


class ValidatePipeline:
    """Require url, title, published and at least one non-empty paragraph."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> "ValidatePipeline":
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` unchanged, or raise DropItem naming the missing field."""
        reason = missing_field(item)
        if reason:
            raise drop(self.crawler, item, reason)
        return item


def missing_field(item: ArticleItem) -> str | None:
    """Return why ``item`` cannot become a post, or None when it can."""
    if not item.url:
        return "missing url"
    if not item.title or not item.title.strip():
        return "missing title"
    if item.published is None:
        return "missing published date"
    if not any(p and p.strip() for p in item.paragraphs):
        return "missing body: no paragraphs"
    return None
