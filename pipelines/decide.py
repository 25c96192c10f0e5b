"""DecidePipeline: settle where each post lives and whether it is new, before anything is written.

With a state store, the store decides (:func:`newscrawl.state.decide_write`):
a known story keeps its path, a story already archived under another id or
pruned by retention is dropped. Without one, the post goes to the format's
default path. Either way the item leaves with ``path`` set for the writer,
and with ``status`` "unchanged" when the state holds the same story.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured

from newscrawl.archive import post_path
from newscrawl.extensions.state import StateExtension, article_key
from newscrawl.items import ArticleItem
from newscrawl.state import content_fingerprint, decide_write
from newscrawl.state.decide import DROPPED
from pipelines.archive import archive_format
from pipelines.drops import drop


class DecidePipeline:
    """Set ``item.path`` (and ``item.status``); drop duplicates of archived stories and pruned articles."""

    def __init__(self, crawler, fmt: str, state: StateExtension | None = None):
        self.crawler = crawler
        self.fmt = fmt
        self.state = state

    @classmethod
    def from_crawler(cls, crawler) -> "DecidePipeline":
        """Build the pipeline from NEWSCRAWL_FORMAT and the crawl's state component."""
        if not crawler.settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to write")
        return cls(crawler, archive_format(crawler.settings), StateExtension.of(crawler))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` with its post path, or raise DropItem saying which post already holds it."""
        path = post_path(item, self.fmt)
        if self.state is not None:
            store = self.state.store
            decision = decide_write(store, article_key(item), content_fingerprint(item.title, item.paragraphs), path)
            if decision.kind == DROPPED:
                store.record_url(item.url, decision.existing.key if decision.existing else None)
                raise drop(self.crawler, item, decision.reason)
            path, item.status = decision.path, decision.kind
        item.path = str(path)
        return item
