"""DecidePipeline: settle where each post lives and whether it is new, before anything is written.

An article is known by its canonical URL; its id only names its file. With a
state store, the store decides (:func:`newscrawl.state.decide_write`): a
known story keeps its path, a story already archived under another URL or
pruned by retention is dropped, and a new story whose plain name another
story holds gets a distinct name of its own. Without one, the post goes to
the format's plain path, or to a distinct name when another story of the run
took it. Either way the item leaves with ``path`` set for the writer, and
with ``status`` "unchanged" when the state holds the same story.

Posts are written while later items are decided, so a story decided but not
yet recorded in the state is kept here until its item is done: a copy of it
(the same text) is dropped just as if it were recorded, and its path is
taken. What is kept is named by the item's own fields (its fingerprint and
path), so nothing here is keyed by the item's ``id()``.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.archive import post_path
from newscrawl.archive.paths import post_paths
from newscrawl.extensions.processes import compute
from newscrawl.extensions.state import StateExtension, article_key
from newscrawl.items import SOURCE_FIELDS, ArticleItem
from newscrawl.state import canonical_url, content_fingerprint, decide_write
from newscrawl.state.decide import DROPPED, UNCHANGED
from newscrawl.state.records import ArticleRecord
from pipelines.archive import archive_format
from pipelines.drops import drop


class DecidePipeline:
    """Set ``item.path`` (and ``item.status``); drop duplicates of archived stories and pruned articles."""

    def __init__(self, crawler, fmt: str, state: StateExtension | None = None):
        self.crawler = crawler
        self.fmt = fmt
        self.state = state
        # With a state: "text:<fingerprint>" / "path:<path>" -> the item of this run that holds it,
        # until the item is done (then the state answers). Without: each path named -> its article key.
        self._pending: dict[str, ArticleItem] = {}
        self._named: dict[str, str] = {}
        if state is not None:
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
        if self.state is not None:  # the story its URL (or a redirect's first) leads to, when the state knows it
            item.key = self.state.store.story_key([item.url, *item.aliases]) or canonical_url(item.url)
        wanted, key = post_path(item, self.fmt), article_key(item)
        if self.state is None:
            item.path = next(path for path in post_paths(wanted, key) if self._named.get(path, key) == key)
            self._named[item.path] = key
            return item
        # Hashing the normalised text is the costliest step here: the pool's extraction job hashed the
        # page's own text (read_article); an item whose title came from elsewhere is hashed in the pool now.
        if item.fingerprint is None:
            item.fingerprint = await compute(self.crawler, content_fingerprint, item.title, item.paragraphs)
        store = self.state.store
        decision = decide_write(store, key, item.fingerprint, wanted, lambda path: self._claimed(path, key))
        first = None if decision.kind == DROPPED else self._pending_copy(key, item.fingerprint)
        if decision.kind == DROPPED or first is not None:
            # A copy's URLs lead to its story (one decided this run too), so later runs follow the story's plan.
            story = decision.existing.key if decision.existing else article_key(first) if first else None
            for url in (item.url, *item.aliases):
                store.record_url(url, story)
            reason = decision.reason if first is None else f"duplicate of {first.path} from {first.url}"
            raise drop(self.crawler, item, reason)
        if decision.existing is not None:
            keep_archived(item, decision.existing, decision.kind)
        item.path, item.status = decision.path, decision.kind
        for name in self._names(item):
            self._pending[name] = item
        return item

    def _claimed(self, path: str, key: str) -> bool:
        """Return whether another story of this run holds ``path``."""
        holder = self._pending.get(f"path:{path}")
        return holder is not None and article_key(holder) != key

    def _pending_copy(self, key: str, fingerprint: str) -> ArticleItem | None:
        """Return the story decided this run and not yet recorded that this one copies; None if none."""
        first = self._pending.get(f"text:{fingerprint}")
        return first if first is not None and article_key(first) != key else None

    @staticmethod
    def _names(item: ArticleItem) -> tuple[str, str]:
        """Return what a decided item holds until it is done: its text and its path."""
        return f"text:{item.fingerprint}", f"path:{item.path}"

    def _item_done(self, item, **kwargs) -> None:
        """Forget an item's pending story once it is recorded (or dropped)."""
        if not isinstance(item, ArticleItem):
            return
        for name in self._names(item):
            if self._pending.get(name) is item:
                del self._pending[name]


def keep_archived(item: ArticleItem, record: ArticleRecord, kind: str) -> None:
    """Give an archived story's item what the fetch cannot tell apart from before: its URL, its source's fields.

    The post keeps the URL it was stored under when another URL of the story
    was fetched (that one is kept as an alias), and its id, which its file is
    named by. The fields a listing, feed or API gave stay as stored while the
    story is unchanged, whatever source reached it this time; a changed story
    takes the new ones, and the stored ones where the new source gives none.
    """
    if record.url and record.url != item.url:  # another URL, or the same one written otherwise (?utm_source=…)
        if canonical_url(record.url) != canonical_url(item.url):
            item.aliases.append(item.url)
        item.url = record.url
    if record.source_fields is None:
        return
    for name in SOURCE_FIELDS:
        stored = record.source_fields.get(name)
        keep = kind == UNCHANGED or (name == "id" and stored)
        setattr(item, name, stored if keep else getattr(item, name) or stored)
