"""DecidePipeline: settle where each post lives and whether it is new, before anything is written.

With a state store, the store decides (:func:`newscrawl.state.decide_write`):
a known story keeps its path, a story already archived under another id or
pruned by retention is dropped. Without one, the post goes to the format's
default path. Either way the item leaves with ``path`` set for the writer,
and with ``status`` "unchanged" when the state holds the same story.

Posts are written while later items are decided, so a story decided but not
yet recorded in the state is kept here until its item is done: a copy of it
(same text, or the same post path) is dropped just as if it were recorded.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.archive import post_path
from newscrawl.extensions.processes import compute
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
        self._pending: dict[str, tuple[ArticleItem, str]] = {}  # "text:…"/"path:…" -> (item, its key)
        self._held: dict[int, tuple[ArticleItem, list[str]]] = {}  # id(item) -> (item, its names)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._item_done, signal=signal)

    @classmethod
    def from_crawler(cls, crawler) -> "DecidePipeline":
        """Build the pipeline from NEWSCRAWL_FORMAT and the crawl's state component."""
        if not crawler.settings.get("NEWSCRAWL_OUT"):
            raise NotConfigured("NEWSCRAWL_OUT is empty: no archive to write")
        return cls(crawler, archive_format(crawler.settings), StateExtension.of(crawler))

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` with its post path, or raise DropItem saying which post already holds it."""
        path = post_path(item, self.fmt)
        if self.state is not None:
            # Hashing the normalised text is the costliest step here: the process pool does it.
            item.fingerprint = await compute(self.crawler, content_fingerprint, item.title, item.paragraphs)
            store = self.state.store
            key, fingerprint = article_key(item), item.fingerprint
            decision = decide_write(store, key, fingerprint, path)
            reason = decision.reason if decision.kind == DROPPED else self._pending_copy(key, fingerprint,
                                                                                        decision.path)
            if reason:
                store.record_url(item.url, decision.existing.key if decision.existing else None)
                raise drop(self.crawler, item, reason)
            path, item.status = decision.path, decision.kind
            self._hold(item, key, fingerprint, path)
        item.path = str(path)
        return item

    def _pending_copy(self, key: str, fingerprint: str, path: str) -> str | None:
        """Return why a story decided this run and not yet recorded makes this one a copy; None if none does."""
        for kind, value in (("text", fingerprint), ("path", path)):
            pending = self._pending.get(f"{kind}:{value}")
            if pending is not None and pending[1] != key:
                first = pending[0]
                return (f"duplicate of {pending[1]} ({first.path}) from {first.url}" if kind == "text"
                        else f"path {path} already holds {pending[1]}")
        return None

    def _hold(self, item: ArticleItem, key: str, fingerprint: str, path) -> None:
        """Keep the story of ``item`` (its text and path) until the item is done."""
        names = [f"text:{fingerprint}", f"path:{path}"]
        for name in names:
            self._pending[name] = (item, key)
        self._held[id(item)] = (item, names)

    def _item_done(self, item, **kwargs) -> None:
        """Forget an item's pending story once it is recorded (or dropped)."""
        held = self._held.pop(id(item), None)
        if held is None or held[0] is not item:
            return
        for name in held[1]:
            if self._pending.get(name, (None,))[0] is item:
                del self._pending[name]
