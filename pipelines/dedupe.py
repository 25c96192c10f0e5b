"""DedupePipeline: one post per story within a run (canonical URL, text).

Not by id: ids repeat across a site's dated folders and sections, and two
stories that share one are two posts (DecidePipeline gives them two names).
"""

from __future__ import annotations

from newscrawl.extensions.state import StateExtension
from newscrawl.items import ArticleItem
from newscrawl.state import canonical_url, content_fingerprint
from pipelines.drops import drop


class DedupePipeline:
    """Drop an item whose canonical URL or text was already seen in this run.

    With a state store the text check is left to DecidePipeline, which asks
    the store: it knows which copy of a story is archived, while this pipeline
    sees only the order items arrive in (a copy may come before its original).
    """

    def __init__(self, crawler, state: StateExtension | None = None):
        self.crawler = crawler
        self.state = state
        self.seen: dict[str, str] = {}  # key -> url of the first item

    @classmethod
    def from_crawler(cls, crawler) -> "DedupePipeline":
        """Build the pipeline for ``crawler`` and its state component (if any)."""
        return cls(crawler, StateExtension.of(crawler))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` if new in this run, else raise DropItem naming the first copy."""
        keys = [f"url:{canonical_url(item.url)}"]
        if self.state is None:
            keys.append(f"text:{content_fingerprint(item.title or '', item.paragraphs)}")
        for key in keys:
            first = self.seen.get(key)
            if first is not None:
                self._link(item)
                raise drop(self.crawler, item, f"duplicate: same story as {first}")
        for key in keys:
            self.seen[key] = item.url
        return item

    def _link(self, item: ArticleItem) -> None:
        """Link the URLs that led to a second copy of a story (a redirect's first) to the story, for later runs.

        The copy has the story's canonical URL, so the story is keyed as the
        first copy will be (see DecidePipeline); without the link a redirect
        that led here would be fetched again every run.
        """
        if self.state is None or not item.aliases:
            return
        store = self.state.store
        key = store.story_key([item.url]) or canonical_url(item.url)
        for url in item.aliases:
            store.record_url(url, key)
