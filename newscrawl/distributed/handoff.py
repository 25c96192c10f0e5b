"""Items and failures a worker sends to the writer, through one Redis list, as JSON.

A result is one JSON object: ``{"item": {...}}`` (the item's fields, dates in
ISO 8601 with their offset, a bare ``YYYY-MM-DD`` for a day) or
``{"failed": {"url": ..., "reason": ..., "start": ...}}``, ``{"dropped": {"url": ...,
"reason": ...}}`` or ``{"unchanged": {"url": ..., "path": ...}}`` (a re-check answered
304), with ``"by"``: the worker. Workers push on the left; the writer takes from the right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from scrapy.exceptions import NotConfigured

from newscrawl.distributed.keys import RedisKeys, connect
from newscrawl.items import ArticleItem

_ITEM_FIELDS = {f.name for f in fields(ArticleItem)}
OUTCOMES = ("failed", "dropped", "unchanged")  # kinds of result of a page that became no item


@dataclass
class SentItem(ArticleItem):
    """An item a worker sent, with the result it came in (the writer lets go of it once the item is done)."""

    result: bytes = field(default=b"", repr=False, compare=False)

    @classmethod
    def of(cls, item: ArticleItem, result: bytes) -> "SentItem":
        """Return ``item`` as the writer holds it: with the ``result`` (raw JSON) it came in."""
        return cls(**{name: getattr(item, name) for name in _ITEM_FIELDS}, result=result)

    def to_dict(self) -> dict:
        """Return the article's fields as a plain dict (the result it came in is no field of the article)."""
        record = super().to_dict()
        record.pop("result", None)
        return record


def item_json(item: ArticleItem, by: str) -> str:
    """Return the result of ``item`` as JSON text."""
    record = item.to_dict()
    published = record.get("published")
    if isinstance(published, (datetime, date)):
        record["published"] = published.isoformat()
    return json.dumps({"item": record, "by": by}, ensure_ascii=False)


def outcome_json(kind: str, outcome: dict[str, Any], by: str) -> str:
    """Return the result of a page that became no item as JSON text.

    ``kind`` is "failed" (``url``, ``reason``, ``start`` for a start page),
    "dropped" (``url``, ``reason``) or "unchanged" (``url``, ``path``).
    """
    record = {k: outcome[k] for k in ("url", "reason", "start", "path") if k in outcome}
    return json.dumps({kind: record, "by": by}, ensure_ascii=False)


def read_result(text: bytes | str) -> tuple[str, Any]:
    """Return ("item", ArticleItem), or (kind, {...}) for a kind of OUTCOMES, from a result; ValueError if none."""
    data = json.loads(text)
    if "item" in data:
        record = {k: v for k, v in data["item"].items() if k in _ITEM_FIELDS}
        record["published"] = _published(record.get("published"))
        return "item", ArticleItem(**record)
    for kind in OUTCOMES:
        if kind in data:
            return kind, data[kind]
    raise ValueError(f"not a result: {str(text)[:80]!r}")


def _published(value: str | None) -> datetime | date | None:
    if not value:
        return None
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


class HandOffPipeline:
    """A worker's one item pipeline: hand each item to the writer (the writer runs every other)."""

    def __init__(self, server, keys: RedisKeys, crawler):
        self.server = server
        self.keys = keys
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> "HandOffPipeline":
        """Connect to NEWSCRAWL_REDIS; NotConfigured unless this process is a worker."""
        settings = crawler.settings
        if not settings.get("NEWSCRAWL_REDIS") or settings.get("NEWSCRAWL_REDIS_ROLE") != "worker":
            raise NotConfigured("only a worker sends items to the writer")
        return cls(connect(settings.get("NEWSCRAWL_REDIS")), RedisKeys(settings.get("NEWSCRAWL_REDIS_KEY")),
                   crawler)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Push ``item`` to the writer's list and return it."""
        by = getattr(self.crawler.engine.scheduler, "consumer", "worker")
        self.server.lpush(self.keys.items, item_json(item, by))
        return item

    def close_spider(self) -> None:
        """Close the connection."""
        self.server.close()
