"""ValidatePipeline: drop items that lack what a post needs, saying why."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from newscrawl.items import ArticleItem
from pipelines.drops import drop

# Dates outside these bounds are a page's (or a feed's) mistake, not a publication day:
# nothing was printed before the first dailies, and an e-paper puts out tomorrow's
# edition the evening before, never one further ahead.
EARLIEST = date(1700, 1, 1)
FUTURE_DAYS = 2


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
    implausible = implausible_date(item.published)
    if implausible:
        return implausible
    if not any(p and p.strip() for p in item.paragraphs):
        return "missing body: no paragraphs"
    return None


def implausible_date(published: datetime | date, today: date | None = None) -> str | None:
    """Return why ``published`` cannot be a publication day (too early or too far ahead), or None."""
    day = published.date() if isinstance(published, datetime) else published
    today = today or datetime.now(timezone.utc).date()
    if day < EARLIEST:
        return f"implausible published date {day.isoformat()}: before {EARLIEST.year}"
    if day > today + timedelta(days=FUTURE_DAYS):
        return f"implausible published date {day.isoformat()}: more than {FUTURE_DAYS} days ahead"
    return None
