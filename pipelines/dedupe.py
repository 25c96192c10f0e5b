"""DedupePipeline: one post per story within a run (URL and content)."""

from __future__ import annotations

import hashlib
import re

from newscrawl.items import ArticleItem
from pipelines.drops import drop


def fingerprint(item: ArticleItem) -> str:
    """Return a hash of the article text, insensitive to whitespace and punctuation."""
    text = (item.title or "") + "\n" + "\n".join(item.paragraphs)
    text = re.sub(r"[\W_]+", "", text.lower())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class DedupePipeline:
    """Drop an item whose id, URL or text was already seen in this run."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.seen: dict[str, str] = {}  # key -> url of the first item

    @classmethod
    def from_crawler(cls, crawler) -> "DedupePipeline":
        """Build the pipeline for ``crawler``."""
        return cls(crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` if new in this run, else raise DropItem naming the first copy."""
        keys = (f"id:{item.site}:{item.id}", f"url:{item.url}", f"text:{fingerprint(item)}")
        for key in keys:
            first = self.seen.get(key)
            if first is not None:
                raise drop(self.crawler, item, f"duplicate: same story as {first}")
        for key in keys:
            self.seen[key] = item.url
        return item
